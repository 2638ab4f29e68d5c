// A useChat backend in a web-standard handler: a Next.js route handler (app/api/chat/route.ts)
// and a Hono route are the same few lines, because the run returns a `Response`.
import { Agent, lastUserText, readUIApprovalResponses, type UIMessageLike } from '@graft/core';
import { Hono } from 'hono';

/** The body `useChat`'s default transport POSTs: the chat id (used as the thread) and its messages. */
interface ChatBody {
  id: string;
  messages: UIMessageLike[];
}

/** Streams the agent's answer to the client; an approval answer resumes the thread instead. */
export function chatResponse(agent: Agent, body: ChatBody, signal?: AbortSignal): Response {
  const [decision] = readUIApprovalResponses(body.messages);
  const run = decision ? agent.resumeStream(body.id, decision, { signal }) : agent.stream(lastUserText(body.messages) ?? '', { threadId: body.id, signal });
  return run.toUIMessageStreamResponse({ messageMetadata: { threadId: body.id } });
}

/** Next.js: `export const POST = nextRoute(agent)` in app/api/chat/route.ts. */
export function nextRoute(agent: Agent): (request: Request) => Promise<Response> {
  return async (request) => chatResponse(agent, (await request.json()) as ChatBody, request.signal);
}

/** Hono: the same handler on `app.post('/api/chat')`. */
export function honoApp(agent: Agent): Hono {
  const app = new Hono();
  app.post('/api/chat', async (c) => chatResponse(agent, await c.req.json<ChatBody>(), c.req.raw.signal));
  return app;
}
