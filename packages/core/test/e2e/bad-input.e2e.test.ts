import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProviderError } from '@graft/providers';
import { reply } from '@graft/providers/testing';
import { Agent, defineTool, InputTooLargeError, InvalidInputError, RunAbortedError, ThreadBusyError } from '@graft/core';
import { collectStream, recordEvents } from '@graft/core/testing';
import { mockModel, useE2E, wireMessages } from './helpers.js';

useE2E();

const echo = defineTool({ name: 'echo', description: 'Echo', input: z.object({ text: z.string() }), execute: ({ text }) => text });

describe('bad input never crashes a run', () => {
  it('empty input → InvalidInputError, before any model call', async () => {
    const { server, provider } = await mockModel([reply.text('x')]);
    const agent = new Agent({ provider });
    const ev = recordEvents(agent);
    await expect(agent.run('')).rejects.toBeInstanceOf(InvalidInputError);
    await expect(agent.run('   \n')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(agent.run(undefined as unknown as string)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(collectStream(agent.stream(''))).rejects.toBeInstanceOf(InvalidInputError);
    expect(server.chatRequests).toHaveLength(0);
    expect(ev.of('error').map((e) => e.code)).toEqual(['INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT']);
  });

  it('1 MB input → InputTooLargeError, before any model call', async () => {
    const { server, provider } = await mockModel([reply.text('x')]);
    const agent = new Agent({ provider });
    const big = 'a'.repeat(1024 * 1024);
    const run = agent.run(big);
    await expect(run).rejects.toBeInstanceOf(InputTooLargeError);
    await expect(run).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE', length: big.length });
    expect(server.chatRequests).toHaveLength(0);
    // an agent configured for it accepts 1 MB and sends it over HTTP
    const roomy = new Agent({ spotlight: false, provider, maxInputChars: 2 * 1024 * 1024 });
    expect((await roomy.run(big)).status).toBe('done');
    expect(wireMessages(server, 0)[0].content).toHaveLength(big.length);
  });

  it('unknown tool name from the model → tool error listing the tools → recovered run', async () => {
    const { server, provider } = await mockModel([reply.toolCall('rm_rf', { path: '/' }), reply.text('Sorry, I can only echo.')]);
    const agent = new Agent({ provider, tools: [echo] });
    const ev = recordEvents(agent);
    const r = await agent.run('delete everything');
    expect(r.status).toBe('done');
    const msg = wireMessages(server, 1).find((m) => m.role === 'tool')!;
    expect(msg.content).toContain('no tool named "rm_rf"');
    expect(msg.content).toContain('echo');
    expect(ev.of('tool.error')).toMatchObject([{ kind: 'unknown_tool', tool: 'rm_rf' }]);
  });

  it('non-JSON arguments → tool error asking for JSON → recovered run', async () => {
    const { server, provider } = await mockModel([
      reply.toolCall('echo', '{"text": "unterminated'),
      reply.toolCall('echo', { text: 'fixed' }),
      reply.text('fixed'),
    ]);
    const agent = new Agent({ spotlight: false, provider, tools: [echo] });
    const ev = recordEvents(agent);
    const r = await agent.run('echo something');
    expect(r.status).toBe('done');
    expect(wireMessages(server, 1).find((m) => m.role === 'tool')!.content).toContain('not valid JSON');
    expect(wireMessages(server, 2).filter((m) => m.role === 'tool')[1].content).toBe('fixed');
    expect(ev.of('tool.error').map((e) => e.kind)).toEqual(['non_json_args']);
  });

  it('a provider returning garbage → typed ProviderError; the thread stays usable', async () => {
    const { server, provider } = await mockModel([reply.malformed()]);
    const agent = new Agent({ provider });
    const ev = recordEvents(agent);
    const run = agent.run('hello', { threadId: 'garbage' });
    await expect(run).rejects.toBeInstanceOf(ProviderError);
    await expect(run).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(ev.of('error')).toMatchObject([{ code: 'INVALID_RESPONSE' }]);
    expect(ev.of('run.end')).toMatchObject([{ status: 'error' }]);
    // streaming garbage too
    server.setScript([reply.malformed()]);
    await expect(collectStream(agent.stream('again', { threadId: 'garbage' }))).rejects.toBeInstanceOf(ProviderError);
    // and a 200 with a non-chat JSON body
    server.setScript([reply.raw('{"hello":"world"}')]);
    await expect(agent.run('and again', { threadId: 'garbage' })).rejects.toBeInstanceOf(ProviderError);
    server.setScript([reply.text('Back to normal.')]);
    const ok = await agent.run('are you ok?', { threadId: 'garbage' });
    expect(ok.status).toBe('done');
  });

  it('a second concurrent run on the same thread → ThreadBusyError; other threads are unaffected', async () => {
    const { provider } = await mockModel(() => reply.text('slow answer', { delayMs: 100 }));
    const agent = new Agent({ provider });
    const first = agent.run('one', { threadId: 'busy' });
    await expect(agent.run('two', { threadId: 'busy' })).rejects.toBeInstanceOf(ThreadBusyError);
    const other = agent.run('three', { threadId: 'other' });
    expect((await first).status).toBe('done');
    expect((await other).status).toBe('done');
  });

  it('an aborted run rejects with a typed error', async () => {
    const { provider } = await mockModel(() => reply.text('late', { delayMs: 500 }));
    const agent = new Agent({ provider });
    const controller = new AbortController();
    const run = agent.run('hi', { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(run).rejects.toBeInstanceOf(RunAbortedError);
    await expect(run).rejects.toMatchObject({ code: 'RUN_ABORTED' });
  });
});
