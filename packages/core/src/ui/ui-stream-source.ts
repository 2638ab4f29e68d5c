/**
 * The source behind every UI message stream: events go through the {@link ChunkMapper} into a
 * batch writer as they arrive, and the batch goes out as one stream chunk when the reader waits
 * for one, at the end of the event-loop turn (so the events of one network read make one chunk:
 * on Node 20 each web-stream read costs microseconds). A run's own event queue is read on its
 * push side (no promise per event) and released each time a batch goes out, so a reader that
 * stops reading holds the run once `STREAM_EVENT_BUFFER` events wait; any other event iterable
 * is read by a loop that stays one event ahead of the reader.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers';
import { isSubscribable, SUBSCRIBE_EVENTS, type EventSubscriber, type EventSubscription } from '../agent/event-queue.js';
import type { AgentStreamEvent } from '../agent/types.js';
import { ChunkMapper, type ChunkWriter } from './chunk-mapper.js';

/** The default error text: typed errors say what happened; unknown errors say nothing internal. */
export function defaultUIErrorText(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') return `${e.code}: ${e.message}`;
  return 'The agent failed; see the server log.';
}

/** Where a batch goes: a `ReadableStream`'s controller, or a Node response's writer. */
export interface UIStreamSink<T> {
  /** One chunk out. */
  enqueue(chunk: T): void;
  /** The end (after the last chunk). */
  close(): void;
}

/** Collects chunks between flushes and enqueues them. */
export interface BatchWriter<T> extends ChunkWriter {
  /** Nothing collected since the last flush. */
  readonly empty: boolean;
  /** Enqueues what was collected and starts a new batch. */
  flush(controller: UIStreamSink<T>): void;
  /** Adds what ends the stream (after the last chunk). */
  end(): void;
}

/** What the source needs from the stream's options (the app's options object itself: no copy per stream). */
export interface UIStreamSourceOptions {
  /** Id of the assistant message (default: a random id). */
  messageId?: string;
  /** Metadata sent on `start`. */
  messageMetadata?: unknown;
  /** The `errorText` of a failure (default: {@link defaultUIErrorText}). */
  onError?: (error: unknown) => string;
  /** Called when the reader cancels. */
  onCancel?: (reason: unknown) => void;
}

/**
 * The stream's underlying source. Use with `highWaterMark: 0`: the stream then pulls only while
 * a read waits, so a slow reader gets the events that came meanwhile in one chunk. Also drives a
 * plain {@link UIStreamSink} (a Node response): call `pull` whenever the sink takes more.
 */
export class UIStreamSource<T> implements UnderlyingDefaultSource<T>, EventSubscriber<AgentStreamEvent> {
  readonly #events: AsyncIterable<AgentStreamEvent>;
  readonly #options: UIStreamSourceOptions;
  readonly #writer: BatchWriter<T>;
  readonly #mapper: ChunkMapper;
  readonly #messageId: string;
  #controller!: UIStreamSink<T>;
  /** A read waits and nothing was enqueued for it yet. */
  #waiting = false;
  /** A flush is due at the end of this event-loop turn. */
  #scheduled = false;
  /** The last chunk was written (done, end of events, or error). */
  #ended = false;
  /** Closed or cancelled: nothing more goes out. */
  #finished = false;
  /** A first read came, and the events are being read. */
  #begun = false;
  /** The run's queue, read on its push side (released each time a batch goes out). */
  #subscription: EventSubscription | undefined;
  /** Resumes the loop reading a plain iterable (set while it waits for the reader). */
  #resume: (() => void) | undefined;
  /** Aborts the run when the reader cancels (a run's own stream helpers pass it). */
  readonly #abortRun: ((reason: unknown) => void) | undefined;

  /** `setImmediate`'s callback (one function for every source, no closure per stream). */
  static #flushTask(source: UIStreamSource<unknown>): void {
    source.#flush();
  }

  constructor(events: AsyncIterable<AgentStreamEvent>, options: UIStreamSourceOptions, writer: BatchWriter<T>, abortRun?: (reason: unknown) => void) {
    this.#events = events;
    this.#options = options;
    this.#abortRun = abortRun;
    this.#writer = writer;
    this.#messageId = options.messageId ?? randomUUID();
    this.#mapper = new ChunkMapper(this.#messageId, writer);
  }

  start(controller: UIStreamSink<T>): void {
    this.#controller = controller;
    const { messageMetadata } = this.#options;
    this.#writer.start(this.#messageId, messageMetadata);
  }

  /**
   * The first read starts reading the events (not `start`: a stream that is made but never read,
   * such as a `Response` an app builds and then does not return, must not hold its run).
   */
  #begin(): void {
    this.#begun = true;
    const events = this.#events;
    if (isSubscribable(events)) this.#subscription = events[SUBSCRIBE_EVENTS](this);
    else void this.#pump(events[Symbol.asyncIterator]());
  }

  pull(): void {
    if (this.#finished) return;
    if (!this.#begun) this.#begin();
    if (!this.#writer.empty) this.#flush();
    else {
      this.#waiting = true;
      this.#wake();
    }
  }

  cancel(reason: unknown): void {
    this.#finished = true;
    this.#subscription?.detach();
    this.#subscription = undefined;
    this.#wake();
    this.#abortRun?.(reason);
    this.#options.onCancel?.(reason);
  }

  /** One event (from the run's queue, or the loop). */
  push(event: AgentStreamEvent): void {
    if (this.#ended) return;
    this.#mapper.map(event);
    if (event.type === 'done') return this.close();
    // an event that made no frame (and none wait): the run is not held by it
    if (this.#writer.empty) return this.#subscription?.release();
    // frames made in this event-loop turn (one network read often carries several events) go out together
    if (this.#waiting && !this.#scheduled) {
      this.#scheduled = true;
      setImmediate(UIStreamSource.#flushTask, this);
    }
  }

  /** The end of the events, with the error that ended them if any. */
  close(error?: { error: unknown }): void {
    if (this.#ended) return;
    this.#ended = true;
    if (error) {
      this.#mapper.abandon();
      this.#writer.chunk({ type: 'error', errorText: this.#errorText(error.error) });
    }
    this.#writer.end();
    // the last frames: nothing more to batch, so they go out now, with any flush already due
    // (not at the end of the event-loop turn: the stream ends as soon as the run does); a reader
    // that does not wait now (a Node response waiting for `drain`) gets them when it pulls
    if (this.#waiting) queueMicrotask(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#finished) return;
    if (!this.#writer.empty) {
      this.#waiting = false;
      this.#writer.flush(this.#controller);
      // what the run pushed so far went out: a run held at the buffer's limit goes on
      this.#subscription?.release();
      this.#wake();
    }
    if (this.#ended) {
      this.#finished = true;
      this.#controller.close();
    }
  }

  /** The app's error text, or the default one if the app's `onError` throws. */
  #errorText(error: unknown): string {
    try {
      return (this.#options.onError ?? defaultUIErrorText)(error);
    } catch {
      return defaultUIErrorText(error);
    }
  }

  /** Resumes the loop reading a plain iterable if it waits. */
  #wake(): void {
    const resume = this.#resume;
    this.#resume = undefined;
    resume?.();
  }

  /** Reads an iterable without a push side, at most one event ahead of the reader. */
  async #pump(iterator: AsyncIterator<AgentStreamEvent>): Promise<void> {
    try {
      for (;;) {
        // one event ahead at most: wait until its frames went out
        if (!this.#writer.empty) await new Promise<void>((resume) => (this.#resume = resume));
        if (this.#finished) return void (await iterator.return?.());
        const next = await iterator.next();
        if (this.#finished) return void (await iterator.return?.());
        if (next.done) return this.close();
        this.push(next.value);
        if (this.#ended) return;
      }
    } catch (error) {
      if (!this.#finished) this.close({ error });
    }
  }
}
