import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Agent, defineTool, InterruptMismatchError, InvalidDecisionError, NoPendingInterruptError, ThreadInterruptedError } from '@graft/core';
import { ScriptedProvider } from '@graft/core/testing';

function transferTool(log: unknown[]) {
  return defineTool({
    name: 'transfer',
    description: 'Transfer money',
    input: z.object({ to: z.string(), amount: z.number().positive() }),
    needsApproval: true,
    execute: (args) => {
      log.push(args);
      return { ok: true, ...args };
    },
  });
}

describe('approvals (interrupts)', () => {
  it('pauses before the call and runs it only after approve', async () => {
    const log: unknown[] = [];
    const provider = new ScriptedProvider([{ toolCalls: [{ name: 'transfer', args: { to: 'bob', amount: 5 } }] }, 'Sent.']);
    const agent = new Agent({ provider, tools: [transferTool(log)] });
    const r1 = await agent.run('pay bob 5', { threadId: 'a1' });
    expect(r1.status).toBe('interrupted');
    if (r1.status !== 'interrupted') return;
    expect(r1.interrupt).toMatchObject({ kind: 'approval', tool: 'transfer', args: { to: 'bob', amount: 5 } });
    expect(log).toHaveLength(0);
    expect(provider.requests).toHaveLength(1);
    // a new run on the interrupted thread is refused
    await expect(agent.run('hello', { threadId: 'a1' })).rejects.toBeInstanceOf(ThreadInterruptedError);
    const r2 = await agent.resume('a1', { id: r1.interrupt.id, type: 'approve' });
    expect(r2.status).toBe('done');
    expect(log).toEqual([{ to: 'bob', amount: 5 }]);
    if (r2.status === 'done') expect(r2.output).toBe('Sent.');
    // nothing left to resume
    await expect(agent.resume('a1', { id: r1.interrupt.id, type: 'approve' })).rejects.toBeInstanceOf(NoPendingInterruptError);
  });

  it('reject tells the model and never runs the tool', async () => {
    const log: unknown[] = [];
    const provider = new ScriptedProvider([{ toolCalls: [{ name: 'transfer', args: { to: 'bob', amount: 5 } }] }, 'OK, cancelled.']);
    const agent = new Agent({ provider, tools: [transferTool(log)] });
    const r1 = await agent.run('pay bob 5', { threadId: 'a2' });
    if (r1.status !== 'interrupted') throw new Error('expected interrupt');
    const r2 = await agent.resume('a2', { id: r1.interrupt.id, type: 'reject', reason: 'too much' });
    expect(r2.status).toBe('done');
    expect(log).toHaveLength(0);
    const toolMsg = provider.requests[1].messages.find((m) => m.role === 'tool');
    expect(toolMsg?.content).toContain('rejected');
    expect(toolMsg?.content).toContain('too much');
  });

  it('edit re-validates the arguments; invalid edits keep the thread interrupted', async () => {
    const log: unknown[] = [];
    const provider = new ScriptedProvider([{ toolCalls: [{ name: 'transfer', args: { to: 'bob', amount: 500 } }] }, 'Sent 50.']);
    const agent = new Agent({ provider, tools: [transferTool(log)] });
    const r1 = await agent.run('pay bob 500', { threadId: 'a3' });
    if (r1.status !== 'interrupted') throw new Error('expected interrupt');
    const bad = agent.resume('a3', { id: r1.interrupt.id, type: 'edit', args: { to: 'bob', amount: -1 } });
    await expect(bad).rejects.toBeInstanceOf(InvalidDecisionError);
    await expect(bad).rejects.toMatchObject({ code: 'INVALID_DECISION', issues: [expect.stringContaining('amount')] });
    expect((await agent.getThread('a3')).interrupts).toHaveLength(1);
    const r2 = await agent.resume('a3', { id: r1.interrupt.id, type: 'edit', args: { to: 'bob', amount: 50 } });
    expect(r2.status).toBe('done');
    expect(log).toEqual([{ to: 'bob', amount: 50 }]);
    expect(provider.requests[1].messages.find((m) => m.role === 'tool')?.content).toContain('edited');
  });

  it('refuses a decision for another call (stale or replayed id) and stays interrupted', async () => {
    const log: unknown[] = [];
    const provider = new ScriptedProvider([
      { toolCalls: [{ name: 'transfer', args: { to: 'bob', amount: 1 } }] },
      'done 1',
      { toolCalls: [{ name: 'transfer', args: { to: 'eve', amount: 999 } }] },
      'done 2',
    ]);
    const agent = new Agent({ provider, tools: [transferTool(log)] });
    const first = await agent.run('pay bob 1', { threadId: 'a4' });
    if (first.status !== 'interrupted') throw new Error('expected interrupt');
    await agent.resume('a4', { id: first.interrupt.id, type: 'approve' });
    const second = await agent.run('pay eve 999', { threadId: 'a4' });
    if (second.status !== 'interrupted') throw new Error('expected interrupt');
    expect(second.interrupt.id).not.toBe(first.interrupt.id);
    // replaying the first approval for the second call is refused
    const replay = agent.resume('a4', { id: first.interrupt.id, type: 'approve' });
    await expect(replay).rejects.toBeInstanceOf(InterruptMismatchError);
    await expect(agent.resume('a4', { id: 'made-up', type: 'approve' })).rejects.toMatchObject({ code: 'INTERRUPT_MISMATCH' });
    // wrong decision kind for an approval
    await expect(agent.resume('a4', { id: second.interrupt.id, type: 'input', value: 1 })).rejects.toBeInstanceOf(InvalidDecisionError);
    expect(log).toEqual([{ to: 'bob', amount: 1 }]);
    const pending = await agent.getThread('a4');
    expect(pending.interrupts.map((i) => i.id)).toEqual([second.interrupt.id]);
  });

  it('parallel calls: the unapproved sibling runs once, both approvals are asked one after another', async () => {
    const log: unknown[] = [];
    let lookups = 0;
    const lookup = defineTool({
      name: 'lookup',
      description: 'Look up a user',
      input: z.object({ name: z.string() }),
      execute: ({ name }) => {
        lookups++;
        return { name, iban: 'DE00' };
      },
    });
    const provider = new ScriptedProvider([
      {
        toolCalls: [
          { name: 'transfer', args: { to: 'bob', amount: 1 } },
          { name: 'lookup', args: { name: 'bob' } },
          { name: 'transfer', args: { to: 'amy', amount: 2 } },
        ],
      },
      'All done.',
    ]);
    const agent = new Agent({ provider, tools: [transferTool(log), lookup] });
    const r1 = await agent.run('do it', { threadId: 'a5' });
    if (r1.status !== 'interrupted') throw new Error('expected interrupt');
    expect(r1.interrupts).toHaveLength(2);
    expect(lookups).toBe(1);
    const r2 = await agent.resume('a5', { id: r1.interrupts[1].id, type: 'approve' });
    if (r2.status !== 'interrupted') throw new Error('expected the other interrupt to remain');
    expect(r2.interrupts.map((i) => i.id)).toEqual([r1.interrupts[0].id]);
    const r3 = await agent.resume('a5', { id: r1.interrupts[0].id, type: 'reject' });
    expect(r3.status).toBe('done');
    expect(lookups).toBe(1);
    expect(log).toEqual([{ to: 'amy', amount: 2 }]);
    const tools = provider.requests[1].messages.filter((m) => m.role === 'tool');
    expect(tools.map((m) => (m as { toolCallId: string }).toolCallId)).toHaveLength(3);
  });

  it('needsApproval as a function decides per call', async () => {
    const log: unknown[] = [];
    const tool = defineTool({
      name: 'pay',
      description: 'Pay',
      input: z.object({ amount: z.number() }),
      needsApproval: ({ amount }) => amount > 100,
      execute: (a) => {
        log.push(a);
        return 'paid';
      },
    });
    const provider = new ScriptedProvider([
      { toolCalls: [{ name: 'pay', args: { amount: 5 } }] },
      'ok',
      { toolCalls: [{ name: 'pay', args: { amount: 500 } }] },
      'ok',
    ]);
    const agent = new Agent({ provider, tools: [tool] });
    expect((await agent.run('small', { threadId: 'a6' })).status).toBe('done');
    expect((await agent.run('big', { threadId: 'a6' })).status).toBe('interrupted');
    expect(log).toEqual([{ amount: 5 }]);
  });
});
