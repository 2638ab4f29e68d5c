/**
 * The chat API for a `useChat` page (`@ai-sdk/react`), free of any web framework: each call
 * returns the run as an `AgentRunStream`, which the server writes as the AI SDK UI message
 * stream. The thread id is the chat's `id`; the server keeps the history, so the page sends
 * only its newest message.
 *
 * - a new user message runs the agent;
 * - an approval answered with `addToolApprovalResponse` resumes the thread (`readUIApprovalResponses`);
 * - `answer` `{ interruptId, approved, bundleHash }` answers a module approval (`data-graft-input`);
 * - credentials never come here: they go to {@link createUiApi}'s `credentials`, which stores
 *   them in the vault and resumes the thread with `{ stored: true }` only.
 */
import { lastUserText, readUIApprovalResponses, type AgentRunStream, type UIMessageLike } from '@graft/core';
import type { GraftApp } from './graft-app.js';
import { HttpApiError, approvalDecision, storeCredentials } from './http-api.js';
import { threadToUIMessages, type RestoredUIMessage } from './thread-ui-messages.js';

/** Longest chat (thread) id accepted. */
export const MAX_CHAT_ID_CHARS = 200;

/** What the page POSTs to `/api/chat`. */
export interface UiChatBody {
  /** The chat id, used as the thread id. */
  id?: unknown;
  /** The page's newest message (a user message, or the assistant message holding approval answers). */
  message?: unknown;
  /** An answer to a module approval card. */
  answer?: unknown;
}

function chatId(id: unknown): string {
  if (typeof id !== 'string' || !id || id.length > MAX_CHAT_ID_CHARS)
    throw new HttpApiError(400, 'BAD_REQUEST', `Send the chat "id" (a string of at most ${MAX_CHAT_ID_CHARS} characters).`);
  return id;
}

/** A run, and the id of the assistant message it continues (a resume), if any. */
export interface UiRun {
  /** The run. */
  run: AgentRunStream;
  /**
   * Send it as the stream's `messageId`: the client then appends the resumed run to the message
   * it continues instead of adding a copy of it.
   */
  messageId?: string;
}

const idOf = (id: unknown) => (typeof id === 'string' && id && id.length <= MAX_CHAT_ID_CHARS ? id : undefined);

function messageOf(message: unknown): UIMessageLike | undefined {
  const m = message as UIMessageLike | undefined;
  return m && typeof m === 'object' && Array.isArray(m.parts) && typeof m.role === 'string' ? m : undefined;
}

/** The `useChat` API over a wired Graft app. */
export function createUiApi(app: GraftApp) {
  return {
    /** `POST /api/chat`: runs or resumes the thread named by the chat id. */
    async chat(body: UiChatBody): Promise<UiRun> {
      const threadId = chatId(body.id);
      const message = messageOf(body.message);
      const continues = message?.role === 'assistant' ? idOf(message.id) : undefined;
      const resumed = (run: AgentRunStream): UiRun => (continues ? { run, messageId: continues } : { run });
      if (body.answer && typeof body.answer === 'object')
        return resumed(app.agent.resumeStream(threadId, await approvalDecision(app, threadId, body.answer as Record<string, unknown>)));
      if (!message) throw new HttpApiError(400, 'BAD_REQUEST', 'Send { "id", "message" } with the newest UI message.');
      const [decision] = readUIApprovalResponses([message]);
      if (decision) return resumed(app.agent.resumeStream(threadId, decision));
      const text = lastUserText([message]);
      if (!text?.trim()) throw new HttpApiError(400, 'BAD_REQUEST', 'The newest message has no text to send.');
      return { run: app.agent.stream(text, { threadId }) };
    },

    /**
     * `POST /api/threads/:id/credentials` `{ interruptId, values, messageId? }`: into the vault,
     * then the thread resumes (continuing the page's message `messageId`).
     */
    async credentials(threadId: string, body: { interruptId?: unknown; values?: unknown; messageId?: unknown }): Promise<UiRun> {
      const id = chatId(threadId);
      const run = app.agent.resumeStream(id, await storeCredentials(app, id, body));
      const messageId = idOf(body.messageId);
      return messageId ? { run, messageId } : { run };
    },

    /** `GET /api/threads/:id/messages`: the thread as UI messages (empty for an unknown thread). */
    async messages(threadId: string): Promise<RestoredUIMessage[]> {
      const thread = await app.agent.getThread(chatId(threadId));
      return threadToUIMessages(thread.threadId, thread.messages, thread.interrupts);
    },
  };
}

/** The API's type. */
export type UiApi = ReturnType<typeof createUiApi>;
