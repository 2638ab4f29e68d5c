import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChatProvider, ChatRequest, StreamEvent } from '@graft/providers';

/** The repository root (packages/providers/test → ../../..). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** Real recorded provider responses, vendored from public recordings (see INDEX.md there). */
export const fixturesDir = resolve(repoRoot, 'packages/providers/test/fixtures/recorded');

/** A one-message request. */
export function ask(content = 'Hello', extra: Partial<ChatRequest> = {}): ChatRequest {
  return { messages: [{ role: 'user', content }], ...extra };
}

/** Collects every event of a stream. */
export async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const e of stream) events.push(e);
  return events;
}

/** The `finish` event's response of a collected stream. */
export function finished(events: StreamEvent[]) {
  const last = events[events.length - 1];
  if (last?.type !== 'finish') throw new Error(`stream did not end with finish: ${JSON.stringify(last)}`);
  return last.response;
}

/** Streams and returns [events, final response]. */
export async function streamAll(provider: ChatProvider, request: ChatRequest) {
  const events = await collect(provider.stream(request));
  return { events, response: finished(events) };
}

/** Awaits a promise expected to reject and returns the error. */
export async function rejectionOf(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
