/**
 * The body of a Node response as the small reader the provider uses (`read`, `cancel`,
 * `releaseLock`): a queue over the socket stream's `data` events, lighter than a web
 * `ReadableStream` (one promise per read, none per chunk); a read takes every chunk queued. It pauses the socket when
 * `BODY_HIGH_WATER_BYTES` (limits) wait unread, and errors on abort or an early close, like `fetch`.
 * @module
 */
import type { BodyReader } from './http-response.js';
import { BODY_HIGH_WATER_BYTES } from './limits.js';

/** The parts of a Node readable stream the reader uses. */
export interface NodeReadable {
  on(event: string, listener: (...args: never[]) => void): unknown;
  pause(): unknown;
  resume(): unknown;
}

type Result = ReadableStreamReadResult<Uint8Array>;

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
const DONE: Result = { done: true, value: undefined };

/**
 * A {@link BodyReader} over `source`, with `fail` to end it with an error (abort, cut connection).
 * `onFinish` runs once when the body ends, fails or is cancelled; `onCancel` when it is cancelled
 * or fails (to destroy the request).
 */
export function nodeBodyReader(source: NodeReadable, onFinish: () => void, onCancel: () => void): { reader: BodyReader; fail(error: unknown): void } {
  const queue: Uint8Array[] = [];
  let queued = 0;
  let scheduled = false;
  let paused = false;
  let ended = false;
  let failure: { error: unknown } | undefined;
  let waiting: { resolve(r: Result): void; reject(e: unknown): void } | undefined;
  /** Everything queued, as one chunk; resumes a paused socket. */
  const takeAll = (): Uint8Array => {
    const value = queue.length === 1 ? queue[0]! : concat(queue, queued);
    queue.length = queued = 0;
    if (paused) {
      paused = false;
      source.resume();
    }
    return value;
  };
  const finish = () => {
    if (ended || failure) return false;
    onFinish();
    return true;
  };
  // Chunks that arrive together (one socket read holds many small SSE chunks) reach the reader
  // as one: the waiting read settles after the burst, with everything queued.
  const deliver = () => {
    scheduled = false;
    if (!waiting || queue.length === 0) return;
    const w = waiting;
    waiting = undefined;
    w.resolve({ done: false, value: takeAll() });
  };
  source.on('data', (chunk: Uint8Array) => {
    if (ended || failure) return;
    queue.push(chunk);
    queued += chunk.byteLength;
    if (waiting && !scheduled) {
      scheduled = true;
      queueMicrotask(deliver);
    }
    if (queued >= BODY_HIGH_WATER_BYTES && !paused) {
      paused = true;
      source.pause();
    }
  });
  source.on('end', () => {
    if (!finish()) return;
    ended = true;
    // a burst still queued for the waiting read goes first
    if (waiting) waiting.resolve(queue.length > 0 ? { done: false, value: takeAll() } : DONE);
    waiting = undefined;
  });
  const fail = (error: unknown) => {
    if (!finish()) return;
    failure = { error };
    queue.length = queued = 0;
    onCancel();
    if (waiting) waiting.reject(error);
    waiting = undefined;
  };
  source.on('error', (error: Error) => fail(error));
  const reader: BodyReader = {
    read(): Promise<Result> {
      if (queue.length > 0) return Promise.resolve({ done: false, value: takeAll() });
      if (failure) return Promise.reject(failure.error);
      if (ended) return Promise.resolve(DONE);
      return new Promise<Result>((resolve, reject) => (waiting = { resolve, reject }));
    },
    cancel(): Promise<void> {
      if (finish()) {
        ended = true;
        queue.length = queued = 0;
        onCancel();
        if (waiting) waiting.resolve(DONE);
        waiting = undefined;
      }
      return Promise.resolve();
    },
    releaseLock(): void {},
  };
  return { reader, fail };
}
