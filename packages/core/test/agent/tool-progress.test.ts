/**
 * `ctx.progress`: a tool's progress reaches only its own run's stream, as a typed `tool-progress`
 * event, between its `tool-call` and its `tool-result`; never after; input values scrubbed.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Agent, defineTool, toUIMessageStream, type AgentStreamEvent, type ToolContext } from '@graft/core';
import { ScriptedProvider } from '@graft/core/testing';

async function collect(stream: AsyncIterable<AgentStreamEvent>): Promise<AgentStreamEvent[]> {
  const out: AgentStreamEvent[] = [];
  for await (const e of stream) out.push(e);
  return out;
}

const lastUser = (messages: { role: string; content?: unknown }[]) => String([...messages].reverse().find((m) => m.role === 'user')?.content ?? '');

describe('ctx.progress', () => {
  it('two threads at once: each stream gets only its own progress, with its run id, before the tool result', async () => {
    let arrived = 0;
    let release!: () => void;
    const both = new Promise<void>((r) => (release = r));
    const seenCtx: ToolContext[] = [];
    const tool = defineTool({
      name: 'work',
      description: 'work on a job',
      input: z.object({ job: z.string() }),
      execute: async ({ job }, ctx) => {
        seenCtx.push(ctx);
        ctx.progress?.({ type: 'work.started', job });
        if (++arrived === 2) release();
        await both; // both calls are in flight before either reports again
        ctx.progress?.({ type: 'work.step', job, step: 1 });
        return `finished ${job}`;
      },
    });
    const provider = new ScriptedProvider((request) => {
      const last = request.messages.at(-1)!;
      if (last.role === 'tool') return 'ok';
      return { toolCalls: [{ name: 'work', args: { job: lastUser(request.messages) } }] };
    });
    const agent = new Agent({ provider, tools: [tool] });
    const [a, b] = await Promise.all([collect(agent.stream('job-alpha', { threadId: 'A' })), collect(agent.stream('job-bravo', { threadId: 'B' }))]);
    for (const [events, own, other] of [
      [a, 'job-alpha', 'job-bravo'],
      [b, 'job-bravo', 'job-alpha'],
    ] as const) {
      const progress = events.filter((e) => e.type === 'tool-progress');
      expect(progress.map((e) => e.progress)).toEqual([
        { type: 'work.started', job: own },
        { type: 'work.step', job: own, step: 1 },
      ]);
      expect(JSON.stringify(events)).not.toContain(other);
      const types = events.map((e) => e.type);
      expect(types.indexOf('tool-call')).toBeLessThan(types.indexOf('tool-progress'));
      expect(types.lastIndexOf('tool-progress')).toBeLessThan(types.indexOf('tool-result'));
    }
    const done = (events: AgentStreamEvent[]) => (events.at(-1) as Extract<AgentStreamEvent, { type: 'done' }>).result;
    expect(seenCtx.map((c) => [c.threadId, c.runId]).sort()).toEqual(
      [
        ['A', done(a).runId],
        ['B', done(b).runId],
      ].sort(),
    );
  });

  it('is dropped after the call finished and when the run is not streamed', async () => {
    let late: ToolContext | undefined;
    const tool = defineTool({
      name: 'quick',
      description: 'quick',
      input: z.object({}),
      execute: (_a, ctx) => {
        late = ctx;
        return 'done';
      },
    });
    const agent = new Agent({
      provider: new ScriptedProvider([{ toolCalls: [{ name: 'quick', args: {} }] }, 'ok', { toolCalls: [{ name: 'quick', args: {} }] }, 'ok']),
      tools: [tool],
    });
    const events = await collect(agent.stream('go', { threadId: 't' }));
    late!.progress!({ type: 'late' });
    expect(events.some((e) => e.type === 'tool-progress')).toBe(false);
    await agent.run('again', { threadId: 't' });
    expect(() => late!.progress!({ type: 'late' })).not.toThrow();
  });

  it('refuses a malformed update with INVALID_TOOL_PROGRESS (the model sees a tool error, the run goes on)', async () => {
    const bad: unknown[] = [{ kind: 'no type' }, { type: 'big', n: 1n }, { type: 'huge', text: 'x'.repeat(20_000) }];
    const tool = defineTool({
      name: 'bad',
      description: 'bad',
      input: z.object({ i: z.number() }),
      execute: ({ i }, ctx) => {
        ctx.progress!(bad[i] as never);
        return 'unreachable';
      },
    });
    const provider = new ScriptedProvider([{ toolCalls: bad.map((_, i) => ({ name: 'bad', args: { i } })) }, 'ok']);
    const agent = new Agent({ provider, tools: [tool] });
    const events = await collect(agent.stream('go'));
    const results = events.filter((e) => e.type === 'tool-result');
    expect(results).toHaveLength(3);
    for (const r of results) expect(r).toMatchObject({ isError: true, content: expect.stringContaining('ctx.progress(update) refused') });
    expect(events.at(-1)).toMatchObject({ type: 'done', result: { status: 'done' } });
  });

  it('scrubs values given for input interrupts of the thread', async () => {
    const secret = `pin-8d'"\\1f2c9a`; // quotes and a backslash: JSON-escaped forms must not slip through
    const tool = defineTool({
      name: 'login',
      description: 'login',
      input: z.object({}),
      execute: async (_a, ctx) => {
        const pin = await ctx.requestInput<string>({ type: 'pin', message: 'PIN?' });
        ctx.progress!({ type: 'login.using', pin });
        return 'logged in';
      },
    });
    const agent = new Agent({ provider: new ScriptedProvider([{ toolCalls: [{ name: 'login', args: {} }] }, 'ok']), tools: [tool] });
    const first = await collect(agent.stream('log me in', { threadId: 'p' }));
    const it = first.find((e) => e.type === 'interrupt')!;
    const id = (it as Extract<AgentStreamEvent, { type: 'interrupt' }>).interrupt.id;
    const events = await collect(agent.resumeStream('p', { id, type: 'input', value: secret }));
    const progress = events.filter((e) => e.type === 'tool-progress');
    expect(progress).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(progress[0]).toMatchObject({ progress: { type: 'login.using', pin: '[REDACTED_INPUT]' } });
  });

  it('reaches a useChat front end as a transient data-graft-progress part', async () => {
    const tool = defineTool({
      name: 'build',
      description: 'build',
      input: z.object({}),
      execute: (_a, ctx) => {
        ctx.progress!({ type: 'build.step', n: 1 });
        return 'built';
      },
    });
    const agent = new Agent({ provider: new ScriptedProvider([{ toolCalls: [{ id: 'c1', name: 'build', args: {} }] }, 'ok']), tools: [tool] });
    const chunks: unknown[] = [];
    const reader = toUIMessageStream(agent.stream('go')).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(chunks).toContainEqual({
      type: 'data-graft-progress',
      data: { tool: 'build', toolCallId: 'c1', progress: { type: 'build.step', n: 1 } },
      transient: true,
    });
  });
});
