/**
 * Module events: a small typed emitter, and the origin of an event — the agent thread and run
 * whose tool call caused it. The meta-tools and the module tool source run their work inside
 * `withEventOrigin(ctx, …)`; every event emitted meanwhile (by the manager, generation,
 * validation, install, live test, health) is stamped with that `threadId` and `runId` and also
 * delivered into that run's own stream (`ctx.progress` → a `tool-progress` stream event), so
 * concurrent users never see each other's builds. A listener that throws never breaks the lifecycle.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AgentStreamEvent, ToolContext } from '@graft/core';
import type { ModuleEvent } from './types.js';

/** A listener of module events. */
export type ModuleEventListener = (event: ModuleEvent) => void;

/** The agent tool call an event comes from (absent for calls the host app makes directly). */
interface EventOrigin {
  threadId: string;
  runId?: string;
  progress?: (event: ModuleEvent) => void;
}

const origins = new AsyncLocalStorage<EventOrigin>();

/**
 * Runs `fn` as work caused by the tool call of `ctx`: module events emitted until it settles
 * carry `ctx.threadId` / `ctx.runId` and reach `ctx.progress` (that run's stream).
 */
export function withEventOrigin<T>(ctx: Pick<ToolContext, 'threadId' | 'runId' | 'progress'> | undefined, fn: () => T): T {
  if (!ctx || typeof ctx.threadId !== 'string') return fn();
  const progress = ctx.progress;
  return origins.run(
    {
      threadId: ctx.threadId,
      ...(typeof ctx.runId === 'string' ? { runId: ctx.runId } : {}),
      ...(typeof progress === 'function' ? { progress: (e: ModuleEvent) => progress.call(ctx, e) } : {}),
    },
    fn,
  );
}

/** Returns `event` stamped with the current origin (ids from the tool call that caused it). */
function stamp(event: ModuleEvent, origin: EventOrigin | undefined): ModuleEvent {
  if (!origin) return event;
  const { threadId: _t, runId: _r, ...rest } = event;
  return { ...rest, threadId: origin.threadId, ...(origin.runId !== undefined ? { runId: origin.runId } : {}) } as ModuleEvent;
}

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

  /**
   * Delivers `event` — stamped with the `threadId`/`runId` of the agent tool call it comes from,
   * when there is one — to that call's run stream first, then to every listener in subscription order.
   */
  emit(event: ModuleEvent): void {
    const origin = origins.getStore();
    const stamped = stamp(event, origin);
    if (origin?.progress) {
      try {
        origin.progress(stamped);
      } catch {
        // a stream that refuses an update must not break the lifecycle
      }
    }
    for (const l of [...this.#listeners]) {
      try {
        l(stamped);
      } catch {
        // a listener's failure is its own business
      }
    }
  }
}

/**
 * Reads a module event out of an agent stream event: the `ModuleEvent` a `build_module` call (or
 * a module tool) reported into this run's stream, else `undefined`.
 *
 * @example
 * ```ts
 * for await (const e of agent.stream(text, { threadId })) {
 *   const m = moduleEventOf(e);
 *   if (m) ui.progress(m); // only this thread's builds
 * }
 * ```
 */
export function moduleEventOf(event: AgentStreamEvent): ModuleEvent | undefined {
  if (event.type !== 'tool-progress') return undefined;
  const p = event.progress;
  return typeof p?.type === 'string' && p.type.startsWith('module.') ? (p as unknown as ModuleEvent) : undefined;
}
