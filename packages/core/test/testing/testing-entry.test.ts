import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from '@graft/core';
import { collectStream, createMemoryStore, createScriptedAgent, recordEvents, ScriptedProvider } from '@graft/core/testing';

describe('@graft/core/testing', () => {
  it('createScriptedAgent drives an agent with a ScriptedProvider on an in-memory store', async () => {
    const add = defineTool({
      name: 'add',
      description: 'Add',
      input: z.object({ a: z.number(), b: z.number() }),
      needsApproval: true,
      execute: ({ a, b }) => a + b,
    });
    const { agent, provider, store } = createScriptedAgent({
      spotlight: false,
      tools: [add],
      script: [{ toolCalls: [{ name: 'add', args: { a: 1, b: 2 } }] }, 'It is 3.'],
    });
    expect(provider).toBeInstanceOf(ScriptedProvider);
    expect(store).toBeDefined();
    const ev = recordEvents(agent);
    const r1 = await agent.run('1+2?', { threadId: 't' });
    if (r1.status !== 'interrupted') throw new Error('expected approval');
    const { result, text, events } = await collectStream(agent.resumeStream('t', { id: r1.interrupt.id, type: 'approve' }));
    expect(result.status).toBe('done');
    expect(text).toBe('It is 3.');
    expect(events.at(-1)?.type).toBe('done');
    expect(provider.requests[1].messages.find((m) => m.role === 'tool')?.content).toBe('3');
    expect(ev.of('run.end').map((e) => e.status)).toEqual(['interrupted', 'done']);
    ev.stop();
    await agent.run('again?', { threadId: 't2' }).catch(() => undefined);
    expect(ev.of('run.end')).toHaveLength(2);
  });

  it('createMemoryStore is a working GraftStore', async () => {
    const store = createMemoryStore();
    await store.set('k', { v: 1 });
    expect(await store.get('k')).toEqual({ v: 1 });
  });
});
