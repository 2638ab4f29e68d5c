/**
 * The push side of an {@link EventQueue}: a consumer that takes items as they are pushed
 * (synchronously, in the producer's turn) instead of awaiting the async iterator for each one.
 */
export interface EventSubscriber<T> {
  /** One item, in order. */
  push(item: T): void;
  /** The end, with the producer's error if it failed. Called once; no `push` follows. */
  close(error?: { error: unknown }): void;
}

/**
 * Key of an {@link EventQueue}'s subscribe method (internal: the UI message stream uses it to
 * skip one promise per event). Returns the function that detaches the subscriber and drops
 * whatever the producer pushes later.
 */
export const SUBSCRIBE_EVENTS: unique symbol = Symbol('graft.subscribeEvents');

/** An async iterable that can also hand its items to a subscriber on the push side. */
export interface SubscribableEvents<T> extends AsyncIterable<T> {
  /** Takes the queued items now, then every item as it is pushed; returns the detach function. */
  [SUBSCRIBE_EVENTS](subscriber: EventSubscriber<T>): () => void;
}

/** Whether `events` offers the push side (an {@link EventQueue}). */
export function isSubscribable<T>(events: AsyncIterable<T>): events is SubscribableEvents<T> {
  return typeof (events as Partial<SubscribableEvents<T>>)[SUBSCRIBE_EVENTS] === 'function';
}

/**
 * A small unbounded async queue: a producer pushes, one consumer iterates (or subscribes with
 * {@link SUBSCRIBE_EVENTS}). Used to turn a run into an `AsyncIterable` of stream events.
 */
export class EventQueue<T> implements SubscribableEvents<T> {
  readonly #items: T[] = [];
  #subscriber: EventSubscriber<T> | undefined;
  #waiting: ((r: IteratorResult<T>) => void) | undefined;
  #rejectWaiting: ((e: unknown) => void) | undefined;
  #closed = false;
  #error: { error: unknown } | undefined;

  /** Add an item (ignored after `close`). */
  push(item: T): void {
    if (this.#closed) return;
    if (this.#subscriber) return this.#subscriber.push(item);
    const w = this.#waiting;
    if (w) {
      this.#waiting = this.#rejectWaiting = undefined;
      w({ value: item, done: false });
    } else this.#items.push(item);
  }

  /** End the stream, optionally with an error the consumer will see after the queued items. */
  close(error?: { error: unknown }): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#error = error;
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

  [SUBSCRIBE_EVENTS](subscriber: EventSubscriber<T>): () => void {
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
    return () => {
      if (this.#subscriber === subscriber) this.#subscriber = undefined;
      this.#closed = true;
      this.#items.length = 0;
    };
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift() as T, done: false });
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
        this.#closed = true;
        this.#items.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
