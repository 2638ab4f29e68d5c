import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ScriptedProvider } from '@graft/providers/testing';
import { Agent, defineTool } from '@graft/core';

const add = defineTool({
  name: 'add',
  description: 'Add two numbers',
  input: z.object({ a: z.number(), b: z.number() }),
  execute: ({ a, b }) => ({ sum: a + b }),
});

describe('agent loop with ScriptedProvider (unit)', () => {
  it('runs a tool and answers', async () => {
    const provider = new ScriptedProvider([{ toolCalls: [{ name: 'add', args: { a: 2, b: 3 } }] }, 'The sum is 5.']);
    const agent = new Agent({ spotlight: false, provider, tools: [add] });
    const r = await agent.run('2+3?', { threadId: 't1' });
    expect(r.status).toBe('done');
    if (r.status !== 'done') return;
    expect(r.output).toBe('The sum is 5.');
    expect(r.steps).toBe(2);
    const toolMsg = r.messages.find((m) => m.role === 'tool');
    expect(toolMsg?.content).toBe(JSON.stringify({ sum: 5 }));
    expect(provider.requests[1].messages.some((m) => m.role === 'tool' && m.content.includes('"sum":5'))).toBe(true);
  });
});
