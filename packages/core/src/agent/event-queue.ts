import { STREAM_EVENT_BUFFER } from '../defaults.js';

/**
 * The push side of an {@link EventQueue}: a consumer that takes items as they are pushed
 * (synchronously, in the producer's turn) instead of awaiting the async iterator for each one.
 * It holds what it took until its own reader takes it, and says so with
 * {@link EventSubscription.release}.
 */
export interface EventSubscriber<T> {
  /** One item, in order. */
  push(item: T): void;
  /** The end, with the producer's error if it failed. Called once; no `push` follows. */
  close(error?: { error: unknown }): void;
}

/** A subscriber's handle on the queue (what {@link SUBSCRIBE_EVENTS} returns). */
export interface EventSubscription {
  /** Everything pushed so far left the subscriber for its reader: a paused producer goes on. */
  release(): void;
  /** Detaches the subscriber: what the producer pushes later is dropped, and a paused producer goes on. */
  detach(): void;
}

/**
 * Key of an {@link EventQueue}'s subscribe method (internal: the UI message stream uses it to
 * skip one promise per event).
 */
export const SUBSCRIBE_EVENTS: unique symbol = Symbol('graft.subscribeEvents');

/** An async iterable that can also hand its items to a subscriber on the push side. */
export interface SubscribableEvents<T> extends AsyncIterable<T> {
  /** Takes the queued items now, then every item as it is pushed. */
  [SUBSCRIBE_EVENTS](subscriber: EventSubscriber<T>): EventSubscription;
}

/** Whether `events` offers the push side (an {@link EventQueue}). */
export function isSubscribable<T>(events: AsyncIterable<T>): events is SubscribableEvents<T> {
  return typeof (events as Partial<SubscribableEvents<T>>)[SUBSCRIBE_EVENTS] === 'function';
}

/**
 * A bounded async queue: a producer pushes, one consumer iterates (or subscribes with
 * {@link SUBSCRIBE_EVENTS}). Used to turn a run into an `AsyncIterable` of stream events.
 *
 * Nothing pushed is dropped, but once a consumer has started reading (an iterator was made, or
 * a subscriber attached) and `limit` items wait for it (queued, or held by a subscriber that has
 * not released them), `push` returns a promise: the producer awaits it before it makes more,
 * and it resolves when the consumer is down to half the limit (or has gone away). Below the
 * limit `push` returns nothing (no promise, no await). Before any consumer starts, nothing is
 * held: a queue nobody reads never stops its producer (an abandoned stream still ends its run).
 */
export class EventQueue<T> implements SubscribableEvents<T>, EventSubscription {
  readonly #items: T[] = [];
  readonly #limit: number;
  /** Items pushed that the consumer has not taken yet (queued, or held by the subscriber). */
  #ahead = 0;
  #subscriber: EventSubscriber<T> | undefined;
  /** A consumer started reading (only then can the producer be held). */
  #reading = false;
  #waiting: ((r: IteratorResult<T>) => void) | undefined;
  #rejectWaiting: ((e: unknown) => void) | undefined;
  #closed = false;
  #error: { error: unknown } | undefined;
  /** What a producer over the limit awaits, and its resolver. */
  #paused: Promise<void> | undefined;
  #unpause: (() => void) | undefined;
  /** The producer's signal: once it fires the producer is never held (it must see its abort). */
  readonly #signal: AbortSignal | undefined;
  /** Registered on `#signal` while the producer is held (only then: nothing per run otherwise). */
  #onAbort: (() => void) | undefined;

  /**
   * `limit`: the items the consumer may be behind before `push` asks the producer to wait;
   * `signal`: the producer's own abort signal (a held producer goes on when it fires).
   */
  constructor(limit: number = STREAM_EVENT_BUFFER, signal?: AbortSignal) {
    this.#limit = Math.max(1, limit);
    this.#signal = signal;
  }

  /**
   * Add an item (ignored after `close` or after the consumer went away). Returns a promise to
   * await before pushing more when the consumer is `limit` items behind; otherwise nothing.
   */
  push(item: T): Promise<void> | undefined {
    if (this.#closed) return;
    const subscriber = this.#subscriber;
    if (subscriber) {
      this.#ahead++; // (counted first: the subscriber may release it at once)
      subscriber.push(item);
    } else if (this.#waiting) {
      const w = this.#waiting;
      this.#waiting = this.#rejectWaiting = undefined;
      return void w({ value: item, done: false });
    } else {
      this.#items.push(item);
      this.#ahead++;
    }
    return this.#ahead >= this.#limit && this.#reading && !this.#closed ? this.#hold() : undefined;
  }

  /** The promise a producer over the limit awaits (none once its signal fired). */
  #hold(): Promise<void> | undefined {
    if (this.#paused) return this.#paused;
    const signal = this.#signal;
    if (signal?.aborted) return;
    this.#paused = new Promise<void>((r) => (this.#unpause = r));
    if (signal) signal.addEventListener('abort', (this.#onAbort ??= () => this.#resume()), { once: true });
    return this.#paused;
  }

  /** End the stream, optionally with an error the consumer will see after the queued items. */
  close(error?: { error: unknown }): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#error = error;
    this.#resume();
    if (this.#subscriber) {
      const subscriber = this.#subscriber;
      this.#subscriber = undefined;
      return subscriber.close(error);
    }
    if (this.#waiting) {
      const w = this.#waiting;
      const r = this.#rejectWaiting!;
      this.#waiting = this.#rejectWaiting = undefined;
      if (error) r(error.error);
      else w({ value: undefined, done: true });
    }
  }

  [SUBSCRIBE_EVENTS](subscriber: EventSubscriber<T>): EventSubscription {
    // the queued items stay counted: the subscriber holds them until it releases them
    this.#reading = true;
    const queued = this.#items.splice(0);
    if (this.#closed) {
      for (const item of queued) subscriber.push(item);
      const error = this.#error;
      this.#error = undefined;
      subscriber.close(error);
    } else {
      this.#subscriber = subscriber;
      for (const item of queued) subscriber.push(item);
    }
    return this; // (its own subscription: one subscriber at a time, no closures per stream)
  }

  /** The subscriber's reader took everything pushed so far (see {@link EventSubscription.release}). */
  release(): void {
    this.#ahead = 0;
    this.#resume();
  }

  /** The subscriber went away (see {@link EventSubscription.detach}). */
  detach(): void {
    this.#subscriber = undefined;
    this.#drop();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    this.#reading = true;
    return {
      next: () => {
        if (this.#items.length > 0) {
          const value = this.#items.shift() as T;
          if (--this.#ahead <= this.#limit >> 1 && this.#paused) this.#resume();
          return Promise.resolve({ value, done: false });
        }
        if (this.#closed) {
          if (this.#error) {
            const e = this.#error.error;
            this.#error = undefined;
            return Promise.reject(e);
          }
          return Promise.resolve({ value: undefined, done: true });
        }
        return new Promise<IteratorResult<T>>((resolve, reject) => {
          this.#waiting = resolve;
          this.#rejectWaiting = reject;
        });
      },
      return: () => {
        this.#drop();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  /** The consumer went away: later items are dropped, and a paused producer goes on (to see its abort). */
  #drop(): void {
    this.#closed = true;
    this.#items.length = 0;
    this.#ahead = 0;
    this.#resume();
  }

  /** Lets a paused producer go on. */
  #resume(): void {
    const unpause = this.#unpause;
    if (!unpause) return;
    this.#paused = this.#unpause = undefined;
    this.#signal?.removeEventListener('abort', this.#onAbort!);
    unpause();
  }
}
