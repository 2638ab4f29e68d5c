/**
 * A small typed emitter for `ModuleEvent`s. A listener that throws never breaks the lifecycle.
 */
import type { ModuleEvent } from './types.js';

/** A listener of module events. */
export type ModuleEventListener = (event: ModuleEvent) => void;

/** Typed emitter of module progress events. */
export class ModuleEventEmitter {
  readonly #listeners = new Set<ModuleEventListener>();

  /** Subscribes to every event; returns an unsubscribe function. */
  on(type: 'event', listener: ModuleEventListener): () => void {
    if (type !== 'event') throw new TypeError(`Unknown event channel "${String(type)}"; use 'event'.`);
    this.#listeners.add(listener);
    return () => this.off(type, listener);
  }

  /** Unsubscribes a listener. */
  off(_type: 'event', listener: ModuleEventListener): void {
    this.#listeners.delete(listener);
  }

  /** Delivers `event` to every listener, in subscription order. */
  emit(event: ModuleEvent): void {
    for (const l of [...this.#listeners]) {
      try {
        l(event);
      } catch {
        // a listener's failure is its own business
      }
    }
  }
}
