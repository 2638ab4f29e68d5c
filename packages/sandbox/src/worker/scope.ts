/**
 * A scope that owns QuickJS handles (and anything else with `alive`/`dispose()`) and disposes
 * them in reverse order of acquisition when it closes, on the success path and the error path
 * alike. Modelled on quickjs-emscripten's `Scope`/`Lifetime`: a run's phases take their handles
 * into one scope instead of each keeping its own list, so nothing a phase created can outlive the
 * run, whichever phase threw.
 */

/** Something a scope can own: a QuickJS handle, a context, a guest promise settler. */
export interface Owned {
  /** False once disposed (the scope skips it then). */
  readonly alive: boolean;
  /** Releases it. */
  dispose(): void;
}

/** Owns handles and disposes them in reverse order, exactly once. */
export class Scope {
  private entries: Owned[] = [];
  private closed = false;

  /** Takes ownership of `value` and returns it (disposed right away when the scope already closed). */
  manage<T extends Owned>(value: T): T {
    if (this.closed) {
      if (value.alive) value.dispose();
      return value;
    }
    this.entries.push(value);
    return value;
  }

  /** Takes ownership of everything `other` owns (in order), leaving `other` empty. */
  adopt(other: Scope): void {
    const moved = other.entries;
    other.entries = [];
    for (const value of moved) this.manage(value);
  }

  /** How many values the scope holds (disposed ones included until it closes). */
  get size(): number {
    return this.entries.length;
  }

  /** True once {@link dispose} or {@link abandon} ran. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Disposes every live value, last acquired first. A value whose `dispose` throws does not stop
   * the others. Idempotent.
   * @returns false when anything failed to dispose (the heap is then in doubt).
   */
  dispose(): boolean {
    this.closed = true;
    const entries = this.entries;
    this.entries = [];
    let ok = true;
    for (let i = entries.length - 1; i >= 0; i--) {
      const value = entries[i];
      try {
        if (value.alive) value.dispose();
      } catch {
        ok = false;
      }
    }
    return ok;
  }

  /**
   * Closes the scope without touching its values: for a heap that is already in doubt (the
   * instance is discarded as a whole, so freeing into it could only fail or corrupt it further).
   */
  abandon(): void {
    this.closed = true;
    this.entries = [];
  }
}
