/**
 * A small unbounded async queue: a producer pushes, one consumer iterates. Used to turn a
 * run into an `AsyncIterable` of stream events.
 */
export class EventQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  #waiting: ((r: IteratorResult<T>) => void) | undefined;
  #rejectWaiting: ((e: unknown) => void) | undefined;
  #closed = false;
  #error: { error: unknown } | undefined;

  /** Add an item (ignored after `close`). */
  push(item: T): void {
    if (this.#closed) return;
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
    if (this.#waiting) {
      const w = this.#waiting;
      const r = this.#rejectWaiting!;
      this.#waiting = this.#rejectWaiting = undefined;
      if (error) r(error.error);
      else w({ value: undefined, done: true });
    }
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
