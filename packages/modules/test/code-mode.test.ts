/**
 * Code mode: the model writes one script that calls several tools (module tools and app tools)
 * through the real sandbox; approval-gated tools still raise their approval before anything runs;
 * secrets never enter the script.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Agent, createStore, defineTool, unspotlight } from '@graft/core';
import { ScriptedProvider } from '@graft/core/testing';
import type { Sandbox } from '@graft/sandbox';
import { CodeModeToolSource, type CodeModeOptions } from '../src/index.js';
import { approveAndInstall, echoDraft, makeManager, statsApi, statsDraft, testSandbox, type LocalApi } from './manager-fixtures.js';

const TOKEN = 'sk-canary-\'"\\%+&=/ 7f6e5d4c3b2a';

let sandbox: Sandbox;
let api: LocalApi;
const sources: CodeModeToolSource[] = [];
beforeAll(async () => {
  sandbox = await testSandbox();
  api = await statsApi(TOKEN);
});
afterAll(async () => {
  for (const s of sources) await s.dispose();
  await sandbox.dispose();
  await api.close();
});

function appTools(log: string[]) {
  const weather = defineTool({
    name: 'get_weather',
    description: 'Current weather for a city',
    input: z.object({ city: z.string() }),
    execute: ({ city }) => (log.push(`weather:${city}`), { city, tempC: city.length * 3 }),
  });
  const send = defineTool({
    name: 'send_email',
    description: 'Send an email',
    input: z.object({ to: z.string(), body: z.string() }),
    needsApproval: true,
    execute: ({ to }) => (log.push(`email:${to}`), { sent: true }),
  });
  const ask = defineTool({
    name: 'ask_user',
    description: 'Ask the user something',
    input: z.object({ q: z.string() }),
    execute: async ({ q }, ctx) => ctx.requestInput({ type: 'question', message: q }),
  });
  return { weather, send, ask };
}

function codeMode(tools: CodeModeOptions['tools'], limits?: CodeModeOptions['limits']) {
  const source = new CodeModeToolSource({ tools, ...(limits ? { limits } : {}) });
  sources.push(source);
  return source;
}

const toolMessages = (provider: ScriptedProvider, i: number) => provider.requests[i].messages.filter((m) => m.role === 'tool').map((m) => String(m.content));

describe('code mode', () => {
  it('one script calls app tools and a module tool: 2 model calls instead of one per tool', async () => {
    const log: string[] = [];
    const { weather } = appTools(log);
    const { manager } = makeManager(createStore(), sandbox);
    await approveAndInstall(manager, echoDraft('echo-a'));
    const cm = codeMode([weather, manager.toolSource()]);
    const [tool] = cm.list();
    expect(tool.name).toBe('run_script');
    expect(tool.description).toContain('tools.get_weather({ city: string })');
    expect(tool.description).toContain('tools.echo_a__echo({ text: string })');
    const script = `const cities = ['Paris', 'Oslo', 'Rome'];
      const temps = await Promise.all(cities.map((city) => tools.get_weather({ city })));
      const echoed = await tools.echo_a__echo({ text: 'hi' });
      return { total: temps.reduce((s, t) => s + t.tempC, 0), echoed };`;
    const provider = new ScriptedProvider([{ toolCalls: [{ name: 'run_script', args: { script } }] }, 'Done.']);
    const agent = new Agent({ provider, tools: [weather], toolSources: [manager.toolSource(), cm] });
    const r = await agent.run('sum the temperatures', { threadId: 'cm1' });
    expect(r.status).toBe('done');
    expect(provider.requests).toHaveLength(2);
    expect(log).toEqual(['weather:Paris', 'weather:Oslo', 'weather:Rome']);
    expect(JSON.parse(unspotlight(toolMessages(provider, 1)[0]))).toEqual({ total: 39, echoed: { module: 'echo-a', text: 'hi' } });
  });

  it('a script naming an approval-gated tool raises the approval first; nothing runs before approve, nothing on reject', async () => {
    const log: string[] = [];
    const { weather, send } = appTools(log);
    const cm = codeMode([weather, send]);
    const script = `const w = await tools.get_weather({ city: 'Paris' }); await tools.send_email({ to: 'bob', body: 'It is ' + w.tempC }); return 'ok'`;
    const provider = new ScriptedProvider([
      { toolCalls: [{ name: 'run_script', args: { script } }] },
      'Sent.',
      { toolCalls: [{ name: 'run_script', args: { script } }] },
      'Cancelled.',
    ]);
    const agent = new Agent({ provider, toolSources: [cm] });
    const r1 = await agent.run('email bob the weather', { threadId: 'cm2' });
    expect(r1.status).toBe('interrupted');
    if (r1.status !== 'interrupted') return;
    expect(r1.interrupt).toMatchObject({ kind: 'approval', tool: 'run_script', args: { script } });
    expect(log).toEqual([]);
    const r2 = await agent.resume('cm2', { id: r1.interrupt.id, type: 'approve' });
    expect(r2.status).toBe('done');
    expect(log).toEqual(['weather:Paris', 'email:bob']);

    log.length = 0;
    const r3 = await agent.run('again', { threadId: 'cm2' });
    if (r3.status !== 'interrupted') throw new Error('expected an approval');
    await agent.resume('cm2', { id: r3.interrupt.id, type: 'reject', reason: 'no' });
    expect(log).toEqual([]);
  });

  it('a gated tool reached without naming it (computed name) is refused, not run', async () => {
    const log: string[] = [];
    const { weather, send } = appTools(log);
    const cm = codeMode([weather, send]);
    const [tool] = cm.list();
    const script = `const name = ['send', 'email'].join('_'); try { await tools[name]({ to: 'eve', body: 'x' }); return 'sent' } catch (e) { return e.message }`;
    const args = tool.parse({ script });
    if (!args.ok) throw new Error('parse');
    expect(await (tool.needsApproval as (a: unknown, c: unknown) => boolean)(args.value, { threadId: 't' })).toBe(false);
    const out = await tool.execute(args.value, {
      threadId: 't',
      toolCallId: 'c',
      signal: new AbortController().signal,
      requestInput: async () => undefined as never,
    });
    expect(out).toMatch(/send_email needs the user's approval/);
    expect(log).toEqual([]);
  });

  it('secrets never enter the script: a module tool using a credential returns scrubbed data; the script has no fetch or secret', async () => {
    const { manager } = makeManager(createStore(), sandbox);
    await approveAndInstall(manager, statsDraft(api));
    await manager.setCredentials('stats', { STATS_TOKEN: TOKEN });
    await manager.liveTest('stats');
    const cm = codeMode([manager.toolSource()]);
    const [tool] = cm.list();
    const script = `const p = await tools.stats__getPlayer({ tag: '#ABC' });
      return { p, ctxKeys: Object.keys(ctx), fetch: typeof ctx.fetch, secret: typeof ctx.secret, globals: typeof fetch };`;
    const args = tool.parse({ script });
    if (!args.ok) throw new Error('parse');
    const out = await tool.execute(args.value, {
      threadId: 't',
      toolCallId: 'c',
      signal: new AbortController().signal,
      requestInput: async () => undefined as never,
    });
    expect(out).toEqual({
      p: { name: 'Ada', trophies: 6123, winRate: 60 },
      ctxKeys: ['functions'],
      fetch: 'undefined',
      secret: 'undefined',
      globals: 'undefined',
    });
    expect(JSON.stringify(out)).not.toContain('canary');
    expect(api.requests.at(-1)?.headers.authorization).toBe(`Bearer ${TOKEN}`); // the module itself reached its API
  });

  it('tools that ask the user for input are refused inside a script; bad scripts come back as typed errors', async () => {
    const log: string[] = [];
    const { weather, ask } = appTools(log);
    const cm = codeMode([weather, ask], { timeMs: 1_000 });
    const [tool] = cm.list();
    const ctx = { threadId: 't', toolCallId: 'c', signal: new AbortController().signal, requestInput: async () => 'leaked' as never };
    const run = (script: string) => tool.execute({ script }, ctx);
    expect(await run(`try { await tools.ask_user({ q: 'x' }) } catch (e) { return e.message }`)).toMatch(/cannot do; call ask_user directly/);
    await expect(run('return (')).rejects.toMatchObject({ code: 'MODULE_SCRIPT_INVALID' });
    await expect(run(`await tools.get_weather({ city: 5 })`)).rejects.toMatchObject({
      code: 'MODULE_SCRIPT_FAILED',
      message: expect.stringMatching(/invalid arguments for get_weather/),
    });
    await expect(run('for (;;) {}')).rejects.toMatchObject({ code: 'MODULE_SCRIPT_FAILED' });
    expect(tool.parse({ script: '' }).ok).toBe(false);
    expect(tool.parse({ script: 'x'.repeat(20_001) }).ok).toBe(false);
  });
});
