/**
 * The chat API of the example servers, free of any web framework so Express and Deno share
 * it: a chat turn or a resume is a stream of server-sent events (the run's own agent events; the
 * module builder's progress of this thread arrives inside them); approvals and credentials answer a thread's pending
 * interrupt. Credentials go straight into the module vault: the resumed thread only learns
 * that they were stored, never their values.
 */
import type { AgentInterrupt, AgentStreamEvent, ResumeDecision, RunResult } from '@graft/core';
import { APPROVAL_INPUT_TYPE, CREDENTIALS_INPUT_TYPE, moduleEventOf } from '@graft/modules';
import type { GraftApp } from './graft-app.js';

/** One server-sent event. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/** A client error: the server answers with `status` and `{ error: { code, message } }`. */
export class HttpApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpApiError';
  }
}

/** Encodes one SSE frame. */
export function encodeSse(e: SseEvent): string {
  return `event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

/** What the client needs of a finished run (not the whole transcript). */
function summarize(result: RunResult) {
  return {
    threadId: result.threadId,
    status: result.status,
    ...(result.status === 'done' ? { output: result.output } : {}),
    ...(result.status === 'interrupted' ? { interrupt: result.interrupt } : {}),
    ...(result.status === 'blocked' ? { reason: result.reason } : {}),
    usage: result.usage,
  };
}

/**
 * The run's own stream as SSE frames. Module build progress arrives inside it (as `tool-progress`
 * events of `build_module`), so each client sees only its own thread's builds: there is no global
 * subscription to the module manager here.
 */
async function* frames(stream: AsyncIterable<AgentStreamEvent>): AsyncGenerator<SseEvent> {
  try {
    for await (const e of stream) {
      const moduleEvent = moduleEventOf(e);
      if (moduleEvent) yield { event: 'module', data: moduleEvent };
      else yield e.type === 'done' ? { event: 'done', data: summarize(e.result) } : { event: e.type, data: e };
    }
  } catch (failure) {
    const code = (failure as { code?: unknown }).code;
    yield { event: 'error', data: { code: typeof code === 'string' ? code : 'INTERNAL', message: (failure as Error).message } };
  }
}

/** The thread's pending interrupt `interruptId`, or a typed 400/409. */
async function pending(app: GraftApp, threadId: string, interruptId: unknown): Promise<AgentInterrupt> {
  if (typeof interruptId !== 'string') throw new HttpApiError(400, 'BAD_REQUEST', 'Send the pending interrupt\'s "interruptId".');
  const thread = await app.agent.getThread(threadId);
  const found = thread.interrupts.find((i) => i.id === interruptId);
  if (!found)
    throw new HttpApiError(409, 'NO_SUCH_INTERRUPT', `Thread "${threadId}" has no pending interrupt "${interruptId}"; it may have been answered already.`);
  return found;
}

/**
 * The resume decision for `{ interruptId, approved, by?, bundleHash? }`: module approvals and
 * tools that need approval. A module approval must echo the `bundleHash` of the request the
 * user saw (`interrupt.request.data.bundleHash`): it binds the answer to that exact code.
 */
export async function approvalDecision(
  app: GraftApp,
  threadId: string,
  body: { interruptId?: unknown; approved?: unknown; by?: unknown; bundleHash?: unknown },
): Promise<ResumeDecision> {
  const it = await pending(app, threadId, body.interruptId);
  const approved = body.approved === true;
  const by = typeof body.by === 'string' && body.by ? body.by.slice(0, 100) : 'app-user';
  if (it.kind === 'approval') return approved ? { id: it.id, type: 'approve' } : { id: it.id, type: 'reject', reason: 'The user declined.' };
  if (it.request.type === APPROVAL_INPUT_TYPE) {
    if (approved && (typeof body.bundleHash !== 'string' || !body.bundleHash))
      throw new HttpApiError(
        400,
        'BUNDLE_HASH_REQUIRED',
        'Approving a module needs the "bundleHash" shown in the approval request (interrupt.request.data.bundleHash).',
      );
    return { id: it.id, type: 'input', value: approved ? { approved: true, by, bundleHash: body.bundleHash } : { approved: false } };
  }
  throw new HttpApiError(409, 'WRONG_INTERRUPT', 'This interrupt asks for credentials: use POST /threads/:id/credentials.');
}

// #region credentials
/**
 * `{ interruptId, values: { NAME: value } }`: the values go into the vault; the returned decision
 * resumes the thread with only `{ stored: true }`.
 */
export async function storeCredentials(app: GraftApp, threadId: string, body: { interruptId?: unknown; values?: unknown }): Promise<ResumeDecision> {
  const it = await pending(app, threadId, body.interruptId);
  if (it.kind !== 'input' || it.request.type !== CREDENTIALS_INPUT_TYPE)
    throw new HttpApiError(409, 'WRONG_INTERRUPT', 'This interrupt does not ask for credentials.');
  const values = body.values;
  if (typeof values !== 'object' || values === null || Object.values(values).some((v) => typeof v !== 'string' || !v)) {
    throw new HttpApiError(400, 'BAD_REQUEST', 'Send { "values": { "NAME": "value" } } with non-empty string values.');
  }
  const moduleName = String((it.request.data as { module?: unknown } | undefined)?.module ?? '');
  await app.modules.setCredentials(moduleName, values as Record<string, string>);
  return { id: it.id, type: 'input', value: { stored: true } };
}
// #endregion credentials

/** The API over a wired Graft app. */
export function createHttpApi(app: GraftApp) {
  return {
    /** `POST /chat` `{ message, threadId? }`. */
    chat(body: { message?: unknown; threadId?: unknown }): AsyncGenerator<SseEvent> {
      if (typeof body.message !== 'string' || !body.message.trim())
        throw new HttpApiError(400, 'BAD_REQUEST', 'Send { "message": "…" } with a non-empty message.');
      const threadId = typeof body.threadId === 'string' && body.threadId ? body.threadId : crypto.randomUUID();
      return frames(app.agent.stream(body.message, { threadId }));
    },

    /** `POST /threads/:id/approve` `{ interruptId, approved, by?, bundleHash? }` (see {@link approvalDecision}). */
    async approve(
      threadId: string,
      body: { interruptId?: unknown; approved?: unknown; by?: unknown; bundleHash?: unknown },
    ): Promise<AsyncGenerator<SseEvent>> {
      return frames(app.agent.resumeStream(threadId, await approvalDecision(app, threadId, body)));
    },

    /** `POST /threads/:id/credentials` `{ interruptId, values: { NAME: value } }`: stored in the vault, then the thread resumes. */
    async credentials(threadId: string, body: { interruptId?: unknown; values?: unknown }): Promise<AsyncGenerator<SseEvent>> {
      return frames(app.agent.resumeStream(threadId, await storeCredentials(app, threadId, body)));
    },

    /** `GET /modules`. */
    listModules() {
      return app.modules.list();
    },

    /** `DELETE /modules/:name`. */
    async uninstall(name: string) {
      if (!(await app.modules.get(name))) throw new HttpApiError(404, 'MODULE_NOT_FOUND', `No module named "${name}" is installed.`);
      await app.modules.uninstall(name);
      return { uninstalled: name };
    },
  };
}

/** The API's type. */
export type HttpApi = ReturnType<typeof createHttpApi>;
