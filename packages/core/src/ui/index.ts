/** The AI SDK UI message stream: serve a `useChat` front end from a Graft agent. */
export {
  UI_MESSAGE_STREAM_HEADERS,
  UI_MESSAGE_STREAM_VERSION,
  type GraftInputData,
  type GraftProgressData,
  type GraftRouteData,
  type GraftRunData,
  type GraftUIDataTypes,
  type UIStreamChunk,
} from './chunks.js';
export { toUIMessageStream, uiChunksToSSE, defaultUIErrorText, type UIMessageStreamOptions } from './to-ui-stream.js';
export { toUIMessageStreamResponse, pipeUIMessageStreamToResponse, type UIMessageStreamResponseOptions, type NodeResponseLike } from './response.js';
export { fromUIMessages, lastUserText, readUIApprovalResponses, type UIMessageLike } from './from-ui-messages.js';
export { agentRunStream, type AgentRunStream } from './run-stream.js';
