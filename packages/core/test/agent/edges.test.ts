import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Agent, AgentConfigError, createStore, defineTool, NoPendingInterruptError } from '@graft/core';
import { recordEvents, ScriptedProvider } from '@graft/core/testing';

describe('Agent configuration', () => {
  it('needs exactly one of provider or router, and sane limits', () => {
    const provider = new ScriptedProvider(['x']);
    expect(() => new Agent({} as never)).toThrow(AgentConfigError);
    expect(() => new Agent({ provider, router: { chat: async () => ({}) as never, stream: () => ({}) as never } })).toThrow(/either/);
    expect(() => new Agent({ provider, maxSteps: 0 })).toThrow(/maxSteps/);
    expect(() => new Agent({ provider, toolTimeoutMs: -1 })).toThrow(/toolTimeoutMs/);
    expect(() => new Agent({ provider, maxToolRepairs: 1.5 })).toThrow(/maxToolRepairs/);
    try {
      new Agent({} as never);
    } catch (e) {
      expect((e as AgentConfigError).code).toBe('INVALID_AGENT_CONFIG');
    }
  });
});

describe('edge cases', () => {
  it('resume on an unknown thread → NoPendingInterruptError', async () => {
    const agent = new Agent({ provider: new ScriptedProvider([]) });
    await expect(agent.resume('nope', { id: 'x', type: 'approve' })).rejects.toBeInstanceOf(NoPendingInterruptError);
    await expect(agent.resume('nope', undefined as never)).rejects.toMatchObject({ code: 'INVALID_DECISION' });
  });

  it('a needsApproval function that throws becomes a tool error, the run recovers', async () => {
    const ran: unknown[] = [];
    const tool = defineTool({
      name: 'risky',
      description: 'risky',
      input: z.object({}),
      needsApproval: () => {
        throw new Error('policy service down');
      },
      execute: () => ran.push(1),
    });
    const provider = new ScriptedProvider([{ toolCalls: [{ name: 'risky', args: {} }] }, 'could not run it']);
    const agent = new Agent({ provider, tools: [tool] });
    const ev = recordEvents(agent);
    expect((await agent.run('go')).status).toBe('done');
    expect(ran).toEqual([]);
    expect(ev.of('tool.error')).toMatchObject([{ kind: 'threw', tool: 'risky' }]);
  });

  it('two input requests across a restart: the lost first value becomes a tool error (values are never persisted)', async () => {
    const store = createStore();
    const got: unknown[] = [];
    const tool = defineTool({
      name: 'login',
      description: 'login',
      input: z.object({}),
      execute: async (_a, ctx) => {
        const user = await ctx.requestInput<string>({ type: 'user', message: 'user?' });
        const pass = await ctx.requestInput<string>({ type: 'password', message: 'password?' });
        got.push([user, pass]);
        return 'logged in';
      },
    });
    const script = [{ toolCalls: [{ name: 'login', args: {} }] }, 'done'];
    const agent1 = new Agent({ provider: new ScriptedProvider(script), tools: [tool], store });
    const r1 = await agent1.run('log me in', { threadId: 'two-inputs' });
    if (r1.status !== 'interrupted') throw new Error('expected input');
    const r2 = await agent1.resume('two-inputs', { id: r1.interrupt.id, type: 'input', value: 'alice' });
    if (r2.status !== 'interrupted') throw new Error('expected second input');
    expect(r2.interrupt).toMatchObject({ kind: 'input', request: { type: 'password' } });
    // "restart": a new Agent on the same store no longer holds 'alice'
    const provider2 = new ScriptedProvider(['could not log in']);
    const agent2 = new Agent({ provider: provider2, tools: [tool], store });
    const r3 = await agent2.resume('two-inputs', { id: r2.interrupt.id, type: 'input', value: 'hunter2-secret' });
    expect(r3.status).toBe('done');
    expect(got).toEqual([]);
    const toolMsg = provider2.requests[0].messages.find((m) => m.role === 'tool')!;
    expect(toolMsg.content).toContain('no longer available');
    expect(JSON.stringify(r3.messages)).not.toContain('hunter2-secret');
    expect(JSON.stringify(r3.messages)).not.toContain('alice');
  });

  it('an answer marked sensitive: false is checkpointed and survives a restart', async () => {
    const store = createStore();
    const got: unknown[] = [];
    const tool = defineTool({
      name: 'install',
      description: 'install',
      input: z.object({}),
      execute: async (_a, ctx) => {
        const ok = await ctx.requestInput<{ approved: boolean }>({ type: 'approval', message: 'install?', sensitive: false });
        const key = await ctx.requestInput<string>({ type: 'credentials', message: 'key?' });
        got.push(ok, key);
        return 'installed';
      },
    });
    const agent1 = new Agent({ provider: new ScriptedProvider([{ toolCalls: [{ name: 'install', args: {} }] }]), tools: [tool], store });
    const r1 = await agent1.run('install it', { threadId: 'persisted-input' });
    if (r1.status !== 'interrupted') throw new Error('expected input');
    const r2 = await agent1.resume('persisted-input', { id: r1.interrupt.id, type: 'input', value: { approved: true } });
    if (r2.status !== 'interrupted') throw new Error('expected second input');
    const agent2 = new Agent({ provider: new ScriptedProvider(['done']), tools: [tool], store });
    const r3 = await agent2.resume('persisted-input', { id: r2.interrupt.id, type: 'input', value: 'key-abcdef-123' });
    expect(r3.status).toBe('done');
    expect(got).toEqual([{ approved: true }, 'key-abcdef-123']);
    expect(JSON.stringify(r3.messages)).not.toContain('key-abcdef-123');
  });

  it('the same process keeps both values across two input requests', async () => {
    const got: unknown[] = [];
    const tool = defineTool({
      name: 'login',
      description: 'login',
      input: z.object({}),
      execute: async (_a, ctx) => {
        got.push(await ctx.requestInput({ type: 'user', message: 'user?' }), await ctx.requestInput({ type: 'password', message: 'pw?' }));
        return 'ok';
      },
    });
    const agent = new Agent({ provider: new ScriptedProvider([{ toolCalls: [{ name: 'login', args: {} }] }, 'done']), tools: [tool] });
    const r1 = await agent.run('login', { threadId: 'same' });
    if (r1.status !== 'interrupted') throw new Error('expected input');
    const r2 = await agent.resume('same', { id: r1.interrupt.id, type: 'input', value: 'alice' });
    if (r2.status !== 'interrupted') throw new Error('expected input');
    expect((await agent.resume('same', { id: r2.interrupt.id, type: 'input', value: 'pw-123456' })).status).toBe('done');
    expect(got).toEqual(['alice', 'pw-123456']);
  });
});
