/**
 * The page's `useChat` transport: the server keeps the thread, so a request carries the chat id
 * (the thread id) and the newest message only. A credentials answer goes to the app's
 * credentials endpoint instead, with the values and nothing else: they never join a message.
 */
import { DefaultChatTransport } from 'ai';
import type { ChatMessage } from './types.js';

/** `body.credentials` of `sendMessage(undefined, { body })`: routes the request to the vault endpoint. */
export interface CredentialsAnswer {
  interruptId: string;
  values: Record<string, string>;
}

/** Creates the transport. */
export function createTransport(): DefaultChatTransport<ChatMessage> {
  return new DefaultChatTransport<ChatMessage>({
    api: '/api/chat',
    prepareSendMessagesRequest({ id, messages, body }) {
      const credentials = (body as { credentials?: CredentialsAnswer } | undefined)?.credentials;
      // (the message id lets the resumed run continue that message; it is not secret)
      if (credentials) return { api: `/api/threads/${encodeURIComponent(id)}/credentials`, body: { ...credentials, messageId: messages.at(-1)?.id } };
      const answer = (body as { answer?: unknown } | undefined)?.answer;
      return { body: { id, message: messages.at(-1), ...(answer ? { answer } : {}) } };
    },
  });
}
