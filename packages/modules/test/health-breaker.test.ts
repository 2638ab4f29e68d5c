import type { Sandbox } from '@graft/sandbox';
import { createStore } from '@graft/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModuleToolError } from '../src/index.js';
import { echoDraft, failingOnNthSet, flakyDraft, makeManager, testSandbox } from './manager-fixtures.js';
import { approveAndInstall, installUnvalidated } from './manager-fixtures.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await testSandbox();
});
afterAll(() => sandbox.dispose());

describe('health breaker', () => {
  it('disables a module after 5 consecutive failures, with an event and a clear tool error; others unaffected; enable resets', async () => {
    const { manager, events } = makeManager(createStore(), sandbox);
    for (const d of [flakyDraft('flaky'), echoDraft('steady')]) await approveAndInstall(manager, d, 'u');
    const source = manager.toolSource();

    const errors: ModuleToolError[] = [];
    for (let i = 0; i < 5; i++) {
      errors.push(await manager.callTool('flaky', 'echo', { text: 'x', fail: true }).catch((e) => e));
      expect(await manager.callTool('steady', 'echo', { text: String(i) })).toEqual({ module: 'steady', text: String(i) });
    }
    expect(errors.every((e) => e instanceof ModuleToolError && e.code === 'MODULE_TOOL_FAILED')).toBe(true);
    expect(errors[0].message).toContain('upstream exploded');
    expect(errors[0].message).not.toContain('disabled');
    expect(errors[4].message).toContain('failed 5 times in a row and has been disabled');
    expect(events.filter((e) => e.type === 'module.failed')).toHaveLength(5);
    expect(events.filter((e) => e.type === 'module.disabled')).toEqual([{ type: 'module.disabled', name: 'flaky', reason: 'health' }]);
    expect(await manager.get('flaky')).toMatchObject({ status: 'disabled', disabledReason: 'health' });
    expect(source.list().map((t) => t.name)).toEqual(['steady__echo']);
    const sixth = await manager.callTool('flaky', 'echo', { text: 'x' }).catch((e) => e);
    expect(sixth.code).toBe('MODULE_DISABLED');
    expect(sixth.message).toContain('re-enable');

    await manager.enable('flaky');
    expect((await manager.healthOf('flaky')).failures).toBe(0);
    expect(await manager.callTool('flaky', 'echo', { text: 'back' })).toEqual({ module: 'flaky', text: 'back' });
    expect(source.list().map((t) => t.name)).toEqual(['flaky__echo', 'steady__echo']);
  });

  it('a success in between starts the count over; the threshold is configurable', async () => {
    const { manager } = makeManager(createStore(), sandbox, { limits: { breakerThreshold: 3 } });
    const d = flakyDraft('flaky');
    await approveAndInstall(manager, d, 'u');
    for (let round = 0; round < 3; round++) {
      await manager.callTool('flaky', 'echo', { text: 'x', fail: true }).catch(() => undefined);
      await manager.callTool('flaky', 'echo', { text: 'x', fail: true }).catch(() => undefined);
      await manager.callTool('flaky', 'echo', { text: 'ok' });
    }
    expect((await manager.get('flaky'))?.status).toBe('installed');
    for (let i = 0; i < 3; i++) await manager.callTool('flaky', 'echo', { text: 'x', fail: true }).catch(() => undefined);
    expect((await manager.get('flaky'))?.status).toBe('disabled');
  });

  it('when the store refuses the automatic disable, the next failure tries again', async () => {
    const store = failingOnNthSet(createStore(), Number.MAX_SAFE_INTEGER);
    const { manager, events } = makeManager(store, sandbox, { limits: { breakerThreshold: 2 } });
    const d = flakyDraft('flaky');
    await approveAndInstall(manager, d, 'u');
    await manager.callTool('flaky', 'echo', { text: 'x', fail: true }).catch(() => undefined);
    store.arm(1);
    await manager.callTool('flaky', 'echo', { text: 'x', fail: true }).catch(() => undefined);
    expect((await manager.get('flaky'))?.status).toBe('installed');
    await manager.callTool('flaky', 'echo', { text: 'x', fail: true }).catch(() => undefined);
    expect((await manager.get('flaky'))?.status).toBe('disabled');
    expect(events.filter((e) => e.type === 'module.disabled')).toHaveLength(1);
  });
});
