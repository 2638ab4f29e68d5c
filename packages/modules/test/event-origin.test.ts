/**
 * Event origin: work run under `withEventOrigin(ctx, …)` emits events stamped with that tool
 * call's thread and run and delivered to its `ctx.progress` — across awaits, timers and
 * concurrent origins — and nothing else is stamped.
 */
import { createStore, type AgentStreamEvent, type ToolContext } from '@graft/core';
import type { Sandbox } from '@graft/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModuleEventEmitter, moduleEventOf, withEventOrigin, type ModuleEvent } from '../src/index.js';
import { approveAndInstall, flakyDraft, makeManager, testSandbox } from './manager-fixtures.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await testSandbox();
});
afterAll(() => sandbox.dispose());

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('module event origin', () => {
  it('interleaved work of two tool calls: each event carries its own ids and reaches only its own stream', async () => {
    const emitter = new ModuleEventEmitter();
    const all: ModuleEvent[] = [];
    emitter.on('event', (e) => all.push(e));
    const streams: Record<string, unknown[]> = { A: [], B: [] };
    const ctx = (threadId: string) => ({ threadId, runId: `run-${threadId}`, progress: (p: unknown) => void streams[threadId]!.push(p) });
    const work = (who: string, delays: number[]) =>
      withEventOrigin(ctx(who), async () => {
        for (const [i, d] of delays.entries()) {
          await tick(d);
          emitter.emit({ type: 'module.test', name: `mod-${who}`, case: `case-${i}`, passed: true });
        }
      });
    emitter.emit({ type: 'module.uninstalled', name: 'host-side' });
    await Promise.all([work('A', [5, 1, 9, 1]), work('B', [1, 7, 1, 6])]);
    expect(all[0]).toEqual({ type: 'module.uninstalled', name: 'host-side' }); // no origin, no ids
    for (const who of ['A', 'B']) {
      const mine = all.filter((e) => e.type === 'module.test' && e.name === `mod-${who}`);
      expect(mine).toHaveLength(4);
      for (const e of mine) expect(e).toMatchObject({ threadId: who, runId: `run-${who}` });
      expect(streams[who]).toEqual(mine);
    }
  });

  it('an event cannot carry forged ids; a failing stream sink breaks nothing', async () => {
    const emitter = new ModuleEventEmitter();
    const seen: ModuleEvent[] = [];
    emitter.on('event', (e) => seen.push(e));
    withEventOrigin(
      {
        threadId: 'real',
        runId: 'r1',
        progress: () => {
          throw new Error('stream closed');
        },
      },
      () => emitter.emit({ type: 'module.validating', name: 'x', threadId: 'forged', runId: 'forged' }),
    );
    expect(seen).toEqual([{ type: 'module.validating', name: 'x', threadId: 'real', runId: 'r1' }]);
  });

  it('moduleEventOf reads module progress out of a stream event and nothing else', () => {
    const m: ModuleEvent = { type: 'module.installed', name: 'x', version: '1.0.0', threadId: 't' };
    expect(moduleEventOf({ type: 'tool-progress', toolCallId: 'c', tool: 'build_module', progress: m })).toEqual(m);
    expect(moduleEventOf({ type: 'tool-progress', toolCallId: 'c', tool: 'mine', progress: { type: 'step' } })).toBeUndefined();
    expect(moduleEventOf({ type: 'text-delta', text: 'module.installed' } as AgentStreamEvent)).toBeUndefined();
  });

  it("a module tool's failures and the health breaker's disable are stamped with (and streamed to) the calling thread only", async () => {
    const { manager, events } = makeManager(createStore(), sandbox, { limits: { breakerThreshold: 2 } });
    const d = flakyDraft('flaky');
    await approveAndInstall(manager, d, 'admin');
    const before = events.length;
    const [tool] = manager.toolSource().list();
    const streams: Record<string, unknown[]> = { A: [], B: [] };
    const ctx = (threadId: string): ToolContext => ({
      threadId,
      runId: `run-${threadId}`,
      toolCallId: `call-${threadId}`,
      signal: new AbortController().signal,
      requestInput: async () => undefined as never,
      progress: (p) => void streams[threadId]!.push(p),
    });
    const results = await Promise.allSettled([tool!.execute({ text: 'x', fail: true }, ctx('A')), tool!.execute({ text: 'y' }, ctx('B'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    // B's success resets the breaker; A fails on until the breaker disables the module
    for (let i = 0; i < 3 && (await manager.get('flaky'))?.status !== 'disabled'; i++)
      await Promise.resolve(tool!.execute({ text: 'x', fail: true }, ctx('A'))).catch(() => undefined);
    const caused = events.slice(before);
    expect(caused.at(-1)).toMatchObject({ type: 'module.disabled', reason: 'health' });
    expect(caused.filter((e) => e.type === 'module.failed').length).toBeGreaterThanOrEqual(2);
    for (const e of caused) expect(e).toMatchObject({ threadId: 'A', runId: 'run-A' });
    expect(streams.A).toEqual(caused);
    expect(streams.B).toEqual([]);
  });
});
