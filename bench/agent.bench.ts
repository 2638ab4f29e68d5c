/**
 * @graft/core Agent benchmark: per-turn overhead of `Agent` against a bare hand-written loop
 * over the same provider, measured in this process, printed as ratios of medians.
 *
 * One turn = user message → model asks for one tool call → tool runs → model answers
 * (two model calls, one tool call), each turn on a fresh thread. Providers:
 *  - `http`: `openaiCompatible` against the project's zero-latency mock server on 127.0.0.1;
 *  - `scripted`: the in-process `ScriptedProvider` (no I/O: shows the pure framework cost).
 * Modes: non-streaming (`run` vs `chat` loop) and streaming (`stream` vs `stream` loop).
 * Targets (http): ≤ 1.4× non-streaming, ≤ 1.6× streaming. Also: `@graft/core` import time
 * (target ≤ 300 ms), measured in fresh Node processes, ESM and CJS, each beside zod alone.
 * Also printed: LangGraph's own floor for the agent's graph shape (no-op nodes), i.e. the
 * best ratio reachable while LangGraph drives the loop.
 *
 *   npm run bench -- agent
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { openaiCompatible, type ChatProvider, type ChatRequest, type ChatResponse, type Message } from '@graft/providers';
import { createMockServer, reply, ScriptedProvider, type RecordedRequest } from '@graft/providers/testing';
import { Agent, defineTool } from '@graft/core';

// Enough warm-up for the JIT to optimise the agent's and LangGraph's per-step paths (cold
// paths made early medians 1.5-2x slower); still well under a minute in total.
const WARMUP = 150;
const TURNS = 200;
const IMPORT_RUNS = 5;
const TARGETS = { chat: 1.4, stream: 1.6 };

const tool = defineTool({
  name: 'get_weather',
  description: 'Current weather for a city',
  input: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, tempC: 21 }),
});
const specs = [{ name: tool.name, description: tool.description, parameters: tool.parameters }];

/** The model's side of a turn: call the tool first, answer once a tool result is present. */
function lastIsTool(messages: Array<{ role: string }>): boolean {
  return messages[messages.length - 1]?.role === 'tool';
}

async function bareTurn(provider: ChatProvider, input: string, streaming: boolean): Promise<string> {
  const messages: Message[] = [{ role: 'user', content: input }];
  for (;;) {
    const request: ChatRequest = { messages, tools: specs };
    let res: ChatResponse | undefined;
    if (streaming) {
      for await (const e of provider.stream(request)) if (e.type === 'finish') res = e.response;
    } else res = await provider.chat(request);
    if (!res) throw new Error('no response');
    messages.push(res.toolCalls.length ? { role: 'assistant', content: res.text, toolCalls: res.toolCalls } : { role: 'assistant', content: res.text });
    if (!res.toolCalls.length) return res.text;
    for (const call of res.toolCalls) {
      const parsed = tool.parse(call.args);
      if (!parsed.ok) throw new Error('bad args');
      const out = await tool.execute(parsed.value, {
        threadId: 'bare',
        toolCallId: call.id,
        signal: new AbortController().signal,
        requestInput: () => Promise.reject(new Error('unsupported')),
      });
      messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: JSON.stringify(out) });
    }
  }
}

async function agentTurn(agent: Agent, input: string, streaming: boolean, i: number): Promise<string> {
  const threadId = `bench-${i}`;
  if (!streaming) {
    const r = await agent.run(input, { threadId });
    if (r.status !== 'done') throw new Error(r.status);
    return r.output;
  }
  for await (const e of agent.stream(input, { threadId })) if (e.type === 'done' && e.result.status === 'done') return e.result.output;
  throw new Error('no done event');
}

/**
 * The LangGraph floor: the same turn through the smallest StateGraph that can do it
 * (model node + one Send task per tool call, MemorySaver, checkpoint on exit), without any
 * of the Agent's features. Shows how much of the overhead is LangGraph itself.
 */
async function langgraphFloor(provider: ChatProvider) {
  const { StateGraph, Annotation, START, END, Send, Command, MemorySaver } = await import('@langchain/langgraph');
  const State = Annotation.Root({ messages: Annotation<Message[]>({ reducer: (a, b) => a.concat(b), default: () => [] }) });
  const builder: any = new StateGraph(State);
  builder.addNode(
    'model',
    async (s: { messages: Message[] }) => {
      const res = await provider.chat({ messages: s.messages, tools: specs });
      const msg: Message = res.toolCalls.length ? { role: 'assistant', content: res.text, toolCalls: res.toolCalls } : { role: 'assistant', content: res.text };
      return new Command({ update: { messages: [msg] }, goto: res.toolCalls.length ? res.toolCalls.map((call) => new Send('tool', { call })) : END });
    },
    { ends: ['tool', END] },
  );
  builder.addNode('tool', async ({ call }: { call: { id: string; args: unknown } }) => {
    const parsed = tool.parse(call.args);
    const out = await tool.execute(parsed.ok ? parsed.value : { city: '' }, { threadId: 'floor', toolCallId: call.id, signal: new AbortController().signal, requestInput: () => Promise.reject(new Error('unsupported')) });
    return { messages: [{ role: 'tool', toolCallId: call.id, content: JSON.stringify(out) }] };
  });
  builder.addEdge(START, 'model').addEdge('tool', 'model');
  const graph = builder.compile({ checkpointer: new MemorySaver() });
  return (input: string, i: number) => graph.invoke({ messages: [{ role: 'user', content: input }] }, { configurable: { thread_id: `floor-${i}` }, durability: 'exit' });
}

/**
 * LangGraph's own cost for the agent's graph shape, with no model, tool or provider: a
 * `Command` input (update + goto) and two supersteps of a node that only returns a state
 * update, MemorySaver, checkpoint on exit. No loop driven by LangGraph can be cheaper than
 * this per turn, so `bare + this` is the best ratio reachable while LangGraph runs the loop.
 */
async function langgraphInvokeFloor() {
  const { StateGraph, Annotation, START, END, Command, MemorySaver } = await import('@langchain/langgraph');
  const State = Annotation.Root({
    messages: Annotation<Message[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
    step: Annotation<number>({ reducer: (_a, b) => b, default: () => 0 }),
  });
  const builder: any = new StateGraph(State);
  builder.addNode(
    'model',
    (s: { step: number }) => new Command({ update: { messages: [{ role: 'assistant', content: '' }], step: s.step + 1 }, goto: s.step + 1 < 2 ? 'model' : END }),
    { ends: ['model', END] },
  );
  builder.addEdge(START, 'model');
  const graph = builder.compile({ checkpointer: new MemorySaver() });
  const turn = (i: number) =>
    graph.invoke(new Command({ update: { messages: [{ role: 'user', content: 'hi' }], step: 0 }, goto: 'model' }), { configurable: { thread_id: `noop-${i}` }, durability: 'exit' });
  for (let i = 0; i < WARMUP; i++) await turn(-i - 1);
  const times: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    const t = performance.now();
    await turn(i);
    times.push(performance.now() - t);
  }
  return median(times);
}

async function compareFloor(label: string, provider: ChatProvider) {
  const floorTurn = await langgraphFloor(provider);
  const agent = new Agent({ provider, tools: [tool], tracer: false });
  for (let i = 0; i < WARMUP; i++) {
    await floorTurn('Weather in Paris?', -i - 1);
    await agentTurn(agent, 'Weather in Paris?', false, -i - 1000);
  }
  const floor: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < TURNS; i++) {
    let t = performance.now();
    await floorTurn('Weather in Paris?', i);
    floor.push(performance.now() - t);
    t = performance.now();
    await agentTurn(agent, 'Weather in Paris?', false, i + 100_000);
    ours.push(performance.now() - t);
  }
  return { label, floor: median(floor), agent: median(ours) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Interleave baseline and agent turns so drift (GC, JIT, sockets) hits both alike. */
async function compare(label: string, provider: ChatProvider, streaming: boolean) {
  const agent = new Agent({ provider, tools: [tool], tracer: false });
  for (let i = 0; i < WARMUP; i++) {
    await bareTurn(provider, 'Weather in Paris?', streaming);
    await agentTurn(agent, 'Weather in Paris?', streaming, -i - 1);
  }
  const base: number[] = [];
  const ours: number[] = [];
  const baseCpu: number[] = [];
  const oursCpu: number[] = [];
  const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  for (let i = 0; i < TURNS; i++) {
    let t = performance.now();
    let c = process.cpuUsage();
    await bareTurn(provider, 'Weather in Paris?', streaming);
    baseCpu.push(cpuMs(process.cpuUsage(c)));
    base.push(performance.now() - t);
    t = performance.now();
    c = process.cpuUsage();
    await agentTurn(agent, 'Weather in Paris?', streaming, i);
    oursCpu.push(cpuMs(process.cpuUsage(c)));
    ours.push(performance.now() - t);
  }
  const b = median(base);
  const a = median(ours);
  const cpuRatio = median(oursCpu) / median(baseCpu);
  return { label, streaming, bare: b, agent: a, ratio: a / b, overheadMs: a - b, cpuRatio };
}

function importTime(): { label: string; ms: number }[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = join(here, '..');
  const rows: { label: string; ms: number }[] = [];
  const esm = (spec: string) => ['--input-type=module', '-e', `const t=performance.now();await import(${JSON.stringify(spec)});process.stdout.write(String(performance.now()-t))`];
  const cjs = (spec: string) => ['-e', `const t=performance.now();require(${JSON.stringify(spec)});process.stdout.write(String(performance.now()-t))`];
  const run = (label: string, args: string[]) => {
    const times: number[] = [];
    for (let i = 0; i < IMPORT_RUNS; i++) {
      const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
      if (r.status !== 0) return;
      times.push(Number(r.stdout.trim()));
    }
    rows.push({ label, ms: median(times) });
  };
  const dist = join(root, 'packages/core/dist');
  if (existsSync(join(dist, 'index.js'))) {
    run('@graft/core (dist, ESM)', esm(join(dist, 'index.js')));
    run('  baseline: zod alone (ESM)', esm('zod'));
    run('@graft/core (dist, CJS)', cjs(join(dist, 'index.cjs')));
    run('  baseline: zod alone (CJS)', cjs('zod'));
    run('  reference: @langchain/langgraph (ESM)', esm('@langchain/langgraph'));
  } else {
    console.log('(packages/core/dist missing: run `npm run build` for the dist import time)');
  }
  return rows;
}

async function main() {
  const server = await createMockServer({
    script: (req: RecordedRequest) =>
      lastIsTool(req.body.messages) ? reply.text('It is 21 degrees in Paris.', { usage: { prompt: 40, completion: 8 } }) : reply.toolCall('get_weather', { city: 'Paris' }, { usage: { prompt: 30, completion: 6 } }),
  });
  const http = openaiCompatible({ baseURL: server.url, model: 'mock-model', maxRetries: 0 });
  const scripted = new ScriptedProvider((req) => (lastIsTool(req.messages) ? 'It is 21 degrees in Paris.' : { toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] }));

  // One JIT warm-up pass over every path (LangGraph's included) before anything is measured,
  // so the first table row is not measured on colder code than the later ones.
  const warm = new Agent({ provider: http, tools: [tool], tracer: false });
  for (let i = 0; i < WARMUP * 2; i++) {
    await bareTurn(http, 'Weather in Paris?', i % 2 === 1);
    await agentTurn(warm, 'Weather in Paris?', i % 2 === 1, -i - 10_000);
  }
  const rows = [];
  rows.push(await compare('http (mock server)', http, false));
  rows.push(await compare('http (mock server)', http, true));
  rows.push(await compare('scripted (in-process)', scripted, false));
  rows.push(await compare('scripted (in-process)', scripted, true));
  const floors = [await compareFloor('http (mock server)', http), await compareFloor('scripted (in-process)', scripted)];
  const noopFloor = await langgraphInvokeFloor();
  await server.close();

  console.log(`Agent per-turn overhead (2 model calls + 1 tool call), medians of ${TURNS} interleaved turns after ${WARMUP} warm-up:`);
  console.log('provider                 mode       bare ms   agent ms   +ms      ratio   cpu ratio   target');
  for (const r of rows) {
    const target = r.label.startsWith('http') ? `≤ ${TARGETS[r.streaming ? 'stream' : 'chat']}×` : '(info)';
    console.log(
      `${r.label.padEnd(24)} ${(r.streaming ? 'stream' : 'run').padEnd(9)} ${r.bare.toFixed(3).padStart(8)} ${r.agent.toFixed(3).padStart(10)} ${r.overheadMs.toFixed(3).padStart(7)} ${(r.ratio.toFixed(2) + '×').padStart(8)} ${(r.cpuRatio.toFixed(2) + '×').padStart(11)}   ${target}`,
    );
  }
  console.log('\nAgent vs the LangGraph floor (minimal StateGraph doing the same turn in 3 supersteps, non-streaming):');
  for (const f of floors) {
    console.log(`${f.label.padEnd(24)} floor ${f.floor.toFixed(3).padStart(8)} ms   agent ${f.agent.toFixed(3).padStart(8)} ms   ratio ${(f.agent / f.floor).toFixed(2)}×`);
  }
  const bareHttp = rows.find((r) => r.label.startsWith('http') && !r.streaming)?.bare ?? NaN;
  console.log(
    `LangGraph invoke floor (no-op nodes, the agent's shape: Command input + 2 supersteps): ${noopFloor.toFixed(3)} ms per turn` +
      ` → best reachable http run ratio with LangGraph driving the loop ≈ ${((bareHttp + noopFloor) / bareHttp).toFixed(2)}×`,
  );
  console.log(`(load average now: ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores; wall ratios inflate under load)`);
  const imports = importTime();
  if (imports.length) {
    console.log(`\nImport time, median of ${IMPORT_RUNS} fresh processes (target @graft/core ≤ 300 ms):`);
    const zodOf = (label: string) => imports.find((r) => r.label.includes(`zod alone (${label.includes('CJS') ? 'CJS' : 'ESM'})`))?.ms;
    for (const r of imports) {
      const zod = r.label.startsWith('@graft') ? zodOf(r.label) : undefined;
      console.log(`${r.label.padEnd(40)} ${r.ms.toFixed(0).padStart(6)} ms${zod ? `   ${(r.ms / zod).toFixed(1)}× zod` : ''}`);
    }
  }
}

await main();
