import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { z as z3 } from 'zod/v3';
import { reply } from '@graft/providers/testing';
import { Agent, defineTool, ToolRepairLimitError, StepLimitError, type Tool, type ToolSource } from '@graft/core';
import { collectStream, recordEvents } from '@graft/core/testing';
import { mockModel, useE2E, wireMessages, wireTools } from './helpers.js';

useE2E();

const weather = defineTool({
  name: 'get_weather',
  description: 'Current weather for a city',
  input: z.object({ city: z.string().min(1), unit: z.enum(['c', 'f']).default('c') }),
  execute: ({ city, unit }) => ({ city, temp: city === 'Paris' ? 21 : 12, unit }),
});

describe('agent over real HTTP (mock server + openaiCompatible)', () => {
  it('multi-step tool use: results go back to the model with the right call ids', async () => {
    const { server, provider } = await mockModel([
      reply.toolCall('get_weather', { city: 'Paris' }, { id: 'call_a' }),
      reply.toolCall('get_weather', { city: 'Oslo', unit: 'f' }, { id: 'call_b' }),
      reply.text('Paris 21C, Oslo 12F.'),
    ]);
    const agent = new Agent({ spotlight: false, provider, tools: [weather], instructions: 'Be brief.' });
    const r = await agent.run('Weather in Paris and Oslo?', { threadId: 'm1' });
    expect(r.status).toBe('done');
    if (r.status !== 'done') return;
    expect(r.output).toBe('Paris 21C, Oslo 12F.');
    expect(r.steps).toBe(3);
    expect(server.chatRequests).toHaveLength(3);
    expect(wireMessages(server, 0)[0]).toMatchObject({ role: 'system', content: 'Be brief.' });
    expect(wireTools(server, 0)).toEqual(['get_weather']);
    const third = wireMessages(server, 2);
    const toolMsgs = third.filter((m) => m.role === 'tool');
    expect(toolMsgs.map((m) => m.tool_call_id)).toEqual(['call_a', 'call_b']);
    expect(JSON.parse(toolMsgs[0].content!)).toEqual({ city: 'Paris', temp: 21, unit: 'c' });
    expect(JSON.parse(toolMsgs[1].content!)).toEqual({ city: 'Oslo', temp: 12, unit: 'f' });
    expect(r.usage.totalTokens).toBeGreaterThan(0);
    // the thread continues: the next run sees the earlier transcript
    server.enqueue(reply.text('You asked about Paris and Oslo.'));
    const r2 = await agent.run('What did I ask?', { threadId: 'm1' });
    expect(r2.status).toBe('done');
    expect(
      wireMessages(server, 3)
        .filter((m) => m.role === 'user')
        .map((m) => m.content),
    ).toEqual(['Weather in Paris and Oslo?', 'What did I ask?']);
  });

  it('parallel tool calls run concurrently and all results reach the model', async () => {
    let running = 0;
    let maxRunning = 0;
    const slow = defineTool({
      name: 'slow_lookup',
      description: 'Slow lookup',
      input: z.object({ key: z.string() }),
      execute: async ({ key }) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        return `value-of-${key}`;
      },
    });
    const { server, provider } = await mockModel([
      reply.toolCalls([
        { name: 'slow_lookup', args: { key: 'a' }, id: 'p1' },
        { name: 'slow_lookup', args: { key: 'b' }, id: 'p2' },
        { name: 'slow_lookup', args: { key: 'c' }, id: 'p3' },
      ]),
      reply.text('a, b, c'),
    ]);
    const agent = new Agent({ spotlight: false, provider, tools: [slow] });
    const r = await agent.run('look up a b c');
    expect(r.status).toBe('done');
    expect(maxRunning).toBe(3);
    const tools = wireMessages(server, 1).filter((m) => m.role === 'tool');
    expect(tools.map((m) => [m.tool_call_id, m.content])).toEqual([
      ['p1', 'value-of-a'],
      ['p2', 'value-of-b'],
      ['p3', 'value-of-c'],
    ]);
  });

  it('invalid arguments go back to the model naming the bad field, then the repaired call runs', async () => {
    const events: string[] = [];
    const { server, provider } = await mockModel([
      reply.toolCall('get_weather', { city: 42 }),
      reply.toolCall('get_weather', { city: 'Paris' }),
      reply.text('21C'),
    ]);
    const agent = new Agent({ spotlight: false, provider, tools: [weather] });
    agent.on('tool.error', (e) => events.push(e.kind));
    const r = await agent.run('weather?');
    expect(r.status).toBe('done');
    const err = wireMessages(server, 1).find((m) => m.role === 'tool')!;
    expect(err.content).toMatch(/invalid arguments for "get_weather": city: /);
    expect(events).toEqual(['invalid_args']);
    const ok = wireMessages(server, 2).filter((m) => m.role === 'tool')[1];
    expect(JSON.parse(ok.content!)).toMatchObject({ city: 'Paris', temp: 21 });
  });

  it('ends with ToolRepairLimitError after maxToolRepairs unusable steps in a row', async () => {
    const { server, provider } = await mockModel(() => reply.toolCall('get_weather', { city: '' }));
    const agent = new Agent({ provider, tools: [weather], maxToolRepairs: 2 });
    const run = agent.run('weather?', { threadId: 'rl' });
    await expect(run).rejects.toBeInstanceOf(ToolRepairLimitError);
    await expect(run).rejects.toMatchObject({ code: 'TOOL_REPAIR_LIMIT', limit: 2 });
    // 1 original + 2 repairs were sent to the model; the next step ended the run
    expect(server.chatRequests).toHaveLength(3);
    // the thread stays usable
    server.setScript([reply.text('Sorry, I could not.')]);
    expect((await agent.run('ok, forget it', { threadId: 'rl' })).status).toBe('done');
  });

  it('ends with StepLimitError when the model never stops calling tools', async () => {
    const { server, provider } = await mockModel(() => reply.toolCall('get_weather', { city: 'Paris' }));
    const agent = new Agent({ provider, tools: [weather], maxSteps: 4 });
    await expect(agent.run('loop')).rejects.toMatchObject({ code: 'STEP_LIMIT', limit: 4 });
    expect(server.chatRequests).toHaveLength(4);
    expect(StepLimitError).toBeDefined();
  });

  it('a zod/v3 tool works end to end (schema sent, args validated)', async () => {
    const v3tool = defineTool({
      name: 'echo3',
      description: 'Echo (zod v3 schema)',
      input: z3.object({ text: z3.string().max(10) }),
      execute: ({ text }) => text.toUpperCase(),
    });
    const { server, provider } = await mockModel([
      reply.toolCall('echo3', { text: 'this is far too long' }),
      reply.toolCall('echo3', { text: 'hi' }),
      reply.text('HI'),
    ]);
    const agent = new Agent({ spotlight: false, provider, tools: [v3tool] });
    expect((await agent.run('echo')).status).toBe('done');
    const schema = server.chatRequests[0].body.tools[0].function.parameters;
    expect(schema).toMatchObject({ type: 'object', properties: { text: { type: 'string', maxLength: 10 } }, required: ['text'] });
    expect(wireMessages(server, 1).find((m) => m.role === 'tool')!.content).toMatch(/text: /);
    expect(wireMessages(server, 2).filter((m) => m.role === 'tool')[1].content).toBe('HI');
  });

  it('a tool added mid-thread (and mid-run) is visible on the next model step; a removed one becomes an unknown-tool error', async () => {
    const calc = defineTool({ name: 'calc', description: 'Add', input: z.object({ a: z.number(), b: z.number() }), execute: ({ a, b }) => a + b });
    let agentRef: Agent | undefined;
    const installer = defineTool({
      name: 'install_calc',
      description: 'Install the calculator',
      input: z.object({}),
      execute: () => {
        agentRef!.tools.add(calc);
        return 'installed';
      },
    });
    const { server, provider } = await mockModel([
      reply.toolCall('install_calc', {}),
      reply.toolCall('calc', { a: 2, b: 3 }),
      reply.text('5'),
      reply.toolCall('calc', { a: 1, b: 1 }),
      reply.text('calc is gone'),
    ]);
    const agent = new Agent({ spotlight: false, provider, tools: [installer] });
    agentRef = agent;
    const r1 = await agent.run('install a calculator and add 2+3', { threadId: 'dyn' });
    expect(r1.status).toBe('done');
    expect(wireTools(server, 0)).toEqual(['install_calc']);
    expect(wireTools(server, 1)).toEqual(['install_calc', 'calc']);
    expect(
      wireMessages(server, 2)
        .filter((m) => m.role === 'tool')
        .map((m) => m.content),
    ).toEqual(['installed', '5']);
    agent.tools.remove('calc');
    const r2 = await agent.run('add 1+1', { threadId: 'dyn' });
    expect(r2.status).toBe('done');
    expect(wireTools(server, 3)).toEqual(['install_calc']);
    const last = wireMessages(server, 4)
      .filter((m) => m.role === 'tool')
      .pop()!;
    expect(last.content).toContain('there is no tool named "calc"');
    expect(last.content).toContain('install_calc');
  });

  it('a ToolSource that changes is read on every step, and its change notifications are delivered', async () => {
    let tools: Tool[] = [];
    const listeners = new Set<() => void>();
    const source: ToolSource = {
      list: () => tools,
      subscribe: (fn) => {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
    };
    const { server, provider } = await mockModel([reply.text('no tools yet'), reply.toolCall('get_weather', { city: 'Paris' }), reply.text('21')]);
    const agent = new Agent({ provider, toolSources: [source] });
    let changes = 0;
    agent.tools.onChange(() => changes++);
    await agent.run('hi', { threadId: 'src' });
    expect(server.chatRequests[0].body.tools).toBeUndefined();
    tools = [weather];
    listeners.forEach((l) => l());
    expect(changes).toBe(1);
    expect((await agent.run('weather', { threadId: 'src' })).status).toBe('done');
    expect(wireTools(server, 1)).toEqual(['get_weather']);
    expect(agent.tools.removeSource(source)).toBe(true);
    expect(listeners.size).toBe(0);
  });

  it('a throwing tool and a timed-out tool become tool errors the model sees', async () => {
    const boom = defineTool({
      name: 'boom',
      description: 'fails',
      input: z.object({}),
      execute: () => {
        throw new Error('disk full');
      },
    });
    let aborted = false;
    const hang = defineTool({
      name: 'hang',
      description: 'never returns',
      input: z.object({}),
      timeoutMs: 50,
      execute: (_a, ctx) =>
        new Promise(() => {
          ctx.signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
    });
    const { server, provider } = await mockModel([
      reply.toolCalls([
        { name: 'boom', args: {} },
        { name: 'hang', args: {} },
      ]),
      reply.text('both failed'),
    ]);
    const agent = new Agent({ provider, tools: [boom, hang] });
    const ev = recordEvents(agent);
    const r = await agent.run('try');
    expect(r.status).toBe('done');
    const tools = wireMessages(server, 1).filter((m) => m.role === 'tool');
    expect(tools[0].content).toContain('"boom" failed: disk full');
    expect(tools[1].content).toContain('did not finish within 50 ms');
    expect(aborted).toBe(true);
    expect(
      ev
        .of('tool.error')
        .map((e) => e.kind)
        .sort(),
    ).toEqual(['threw', 'timeout']);
  });

  it('a tool that passes a copy of its ctx ({ ...ctx }) on still hands over a working abort signal', async () => {
    let copied: { signal?: AbortSignal; threadId?: string } = {};
    const waitForAbort = (c: { signal: AbortSignal }) => new Promise((_, reject) => c.signal.addEventListener('abort', () => reject(new Error('stopped'))));
    const hang = defineTool({
      name: 'hang',
      description: 'never returns',
      input: z.object({}),
      timeoutMs: 50,
      execute: (_a, ctx) => {
        copied = { ...ctx, threadId: ctx.threadId };
        return waitForAbort(copied as { signal: AbortSignal });
      },
    });
    const { provider } = await mockModel([reply.toolCalls([{ name: 'hang', args: {} }]), reply.text('gave up')]);
    const r = await new Agent({ provider, tools: [hang] }).run('try', { threadId: 'copy-ctx' });
    expect(r.status).toBe('done');
    expect(copied.threadId).toBe('copy-ctx');
    expect(copied.signal).toBeInstanceOf(AbortSignal);
    expect(copied.signal!.aborted).toBe(true);
  });

  it('a tool that first looks at its signal after it timed out sees it aborted; a tool may set its own signal', async () => {
    let seen: { aborted: boolean; reason: unknown } | undefined;
    let own: AbortSignal | undefined;
    const late = defineTool({
      name: 'late',
      description: 'looks at its signal only at the end',
      input: z.object({}),
      timeoutMs: 20,
      execute: (_a, ctx) =>
        new Promise((resolve) =>
          setTimeout(() => {
            seen = { aborted: ctx.signal.aborted, reason: ctx.signal.reason };
            resolve('late');
          }, 80),
        ),
    });
    const mine = new AbortController().signal;
    const swap = defineTool({
      name: 'swap',
      description: 'replaces its signal',
      input: z.object({}),
      execute: (_a, ctx) => {
        (ctx as { signal: AbortSignal }).signal = mine;
        own = ctx.signal;
        return { keys: Object.keys(ctx).includes('signal') };
      },
    });
    const { server, provider } = await mockModel([
      reply.toolCalls([
        { name: 'late', args: {} },
        { name: 'swap', args: {} },
      ]),
      reply.text('done'),
    ]);
    const r = await new Agent({ provider, tools: [late, swap], spotlight: false }).run('try');
    expect(r.status).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(Error);
    expect(own).toBe(mine);
    expect(wireMessages(server, 1).filter((m) => m.role === 'tool')[1].content).toBe('{"keys":true}');
  });

  it('streams text deltas, tool calls, tool results, usage and done over SSE', async () => {
    const { server, provider } = await mockModel([
      reply.toolCall('get_weather', { city: 'Paris' }, { id: 's1' }),
      reply.text('It is 21 degrees in Paris today.', { chunkSize: 5 }),
    ]);
    const agent = new Agent({ provider, tools: [weather] });
    const { events, result, text } = await collectStream(agent.stream('weather in Paris?'));
    expect(server.chatRequests.every((r) => r.body.stream === true)).toBe(true);
    expect(text).toBe('It is 21 degrees in Paris today.');
    expect(events.filter((e) => e.type === 'text-delta').length).toBeGreaterThan(3);
    const types = events.map((e) => e.type);
    expect(types.indexOf('tool-call')).toBeLessThan(types.indexOf('tool-result'));
    expect(types.indexOf('tool-result')).toBeLessThan(types.indexOf('text-delta'));
    expect(types.filter((t) => t === 'usage')).toHaveLength(2);
    expect(types[types.length - 1]).toBe('done');
    expect(events.find((e) => e.type === 'tool-call')).toMatchObject({ toolCall: { id: 's1', name: 'get_weather', args: { city: 'Paris' } } });
    expect(result.status).toBe('done');
    if (result.status === 'done') expect(result.output).toBe(text);
  });
});
