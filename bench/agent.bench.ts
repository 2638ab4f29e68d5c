/**
 * @graft/core Agent benchmark: per-turn cost of `Agent` against a bare hand-written loop over
 * the same provider, measured in this process, printed as ratios of medians.
 *
 * One turn = user message → model asks for one tool call → tool runs → model answers
 * (two model calls, one tool call), each turn on a fresh thread. Providers:
 *  - `http`: `openaiCompatible` against the project's zero-latency mock server on 127.0.0.1;
 *  - `scripted`: the in-process `ScriptedProvider` (no I/O: shows the pure framework cost).
 * Modes: non-streaming (`run` vs `chat` loop) and streaming (`stream` vs `stream` loop).
 *
 * A/B in one process, interleaved turn by turn (in a shuffled order): the bare loop, the agent on LangGraph's
 * Pregel loop (`graph`, the engine before the direct loop, and still the one for resumes and
 * hand-overs) and the agent's direct loop (`direct`, the default for idle threads).
 * Targets (http, direct): ≤ 1.2× the bare loop, non-streaming and streaming.
 *
 * Also: import + first turn in a fresh Node process (dist build; target ≤ 150 ms), beside
 * the bare `openai` client doing the same first turn, and `@graft/core` import time.
 *
 *   npm run build && npm run bench -- agent
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { openaiCompatible, type ChatProvider, type ChatRequest, type ChatResponse, type Message } from '@graft/providers';
import { createMockServer, reply, ScriptedProvider, type RecordedRequest } from '@graft/providers/testing';
import { Agent, defineTool } from '@graft/core';
import { shuffled } from './shuffle.js';

/** The engine switches of whichever `@graft/core` copy runs (built or sources): see `packages/core/src/agent/engine-flags.ts`. */
const engineFlags = (globalThis as { [key: symbol]: { direct: boolean } | undefined })[Symbol.for('@graft/core/engine-flags')]!;

// Enough warm-up for the JIT to optimise the agent's and LangGraph's per-step paths (cold
// paths made early medians 1.5-2x slower); still well under a minute in total.
const WARMUP = 150;
const TURNS = 200;
const IMPORT_RUNS = 5;
const TARGETS = { chat: 1.2, stream: 1.2 };
const FIRST_TURN_TARGET_MS = 150;
const FIRST_TURN_RUNS = 7;

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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Run `fn` with the agent engine chosen by `direct` (the flag is read when a run starts). */
async function withEngine<T>(direct: boolean, fn: () => Promise<T>): Promise<T> {
  engineFlags.direct = direct;
  try {
    return await fn();
  } finally {
    engineFlags.direct = true;
  }
}

/** Interleave bare, graph-engine and direct-engine turns so drift (GC, JIT, sockets) hits all alike. */
async function compare(label: string, provider: ChatProvider, streaming: boolean) {
  const agent = new Agent({ provider, tools: [tool], tracer: false });
  // A/B of the default checkpointer: LangGraph's MemorySaver (the default before) vs Graft's store checkpointer
  const { MemorySaver } = await import('@langchain/langgraph');
  const memorySaverAgent = new Agent({ provider, tools: [tool], tracer: false, checkpointer: new MemorySaver() });
  for (let i = 0; i < WARMUP; i++) {
    await bareTurn(provider, 'Weather in Paris?', streaming);
    await withEngine(false, () => agentTurn(agent, 'Weather in Paris?', streaming, -i - 1));
    await withEngine(true, () => agentTurn(agent, 'Weather in Paris?', streaming, -i - 100_000));
    await withEngine(true, () => agentTurn(memorySaverAgent, 'Weather in Paris?', streaming, -i - 1));
  }
  const wall = { bare: [] as number[], graph: [] as number[], direct: [] as number[], memorySaver: [] as number[] };
  const cpu = { bare: [] as number[], graph: [] as number[], direct: [] as number[], memorySaver: [] as number[] };
  const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  const measure = async (key: keyof typeof wall, fn: () => Promise<unknown>) => {
    const t = performance.now();
    const c = process.cpuUsage();
    await fn();
    cpu[key].push(cpuMs(process.cpuUsage(c)));
    wall[key].push(performance.now() - t);
  };
  let nextId = 0;
  const variants: Array<[keyof typeof wall, () => Promise<unknown>]> = [
    ['bare', () => bareTurn(provider, 'Weather in Paris?', streaming)],
    ['graph', () => withEngine(false, () => agentTurn(agent, 'Weather in Paris?', streaming, nextId++))],
    ['direct', () => withEngine(true, () => agentTurn(agent, 'Weather in Paris?', streaming, nextId++))],
    ['memorySaver', () => withEngine(true, () => agentTurn(memorySaverAgent, 'Weather in Paris?', streaming, nextId++))],
  ];
  for (let i = 0; i < TURNS; i++) {
    // a fresh shuffled order each round, so no variant always runs right after the same other
    // one (the garbage a LangGraph turn leaves is collected during whichever turn comes next; a
    // cyclic rotation put the direct loop after the graph turn every time)
    for (const [key, fn] of shuffled(variants)) await measure(key, fn);
  }
  const m = (xs: number[]) => median(xs);
  return {
    label,
    streaming,
    bare: m(wall.bare),
    graph: m(wall.graph),
    direct: m(wall.direct),
    memorySaver: m(wall.memorySaver),
    graphCpu: m(cpu.graph) / m(cpu.bare),
    directCpu: m(cpu.direct) / m(cpu.bare),
  };
}

/** Run a Node script in a fresh process without blocking this one (the mock server must keep answering). */
function runNode(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(err || `exit ${code}`))));
  });
}

/**
 * Import + first turn, each in a fresh process against the mock server: `@graft/core` (dist)
 * with one tool, beside the bare `openai` client doing the same two calls by hand.
 */
async function firstTurn(url: string) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const core = join(root, 'packages/core/dist/index.js');
  const providers = join(root, 'packages/providers/dist/index.js');
  if (!existsSync(core) || !existsSync(providers)) {
    console.log('(packages/*/dist missing: run `npm run build` for import + first turn)');
    return undefined;
  }
  const graft = `const t0 = performance.now();
const { openaiCompatible } = await import(${JSON.stringify(providers)});
const { Agent, defineTool } = await import(${JSON.stringify(core)});
const { z } = await import('zod');
const tool = defineTool({ name: 'get_weather', description: 'Current weather for a city', input: z.object({ city: z.string() }), execute: ({ city }) => ({ city, tempC: 21 }) });
const agent = new Agent({ provider: openaiCompatible({ baseURL: ${JSON.stringify(url)}, model: 'mock-model', maxRetries: 0 }), tools: [tool], tracer: false });
const t1 = performance.now();
const r = await agent.run('Weather in Paris?');
if (r.status !== 'done') throw new Error(r.status);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, turnMs: t2 - t1, totalMs: t2 - t0 }));`;
  const bare = `const t0 = performance.now();
const { default: OpenAI } = await import('openai');
const client = new OpenAI({ baseURL: ${JSON.stringify(url)}, apiKey: 'x', maxRetries: 0 });
const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Current weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } }];
const t1 = performance.now();
const messages = [{ role: 'user', content: 'Weather in Paris?' }];
for (;;) {
  const res = await client.chat.completions.create({ model: 'mock-model', messages, tools });
  const msg = res.choices[0].message;
  messages.push(msg);
  if (!msg.tool_calls?.length) break;
  for (const c of msg.tool_calls) messages.push({ role: 'tool', tool_call_id: c.id, content: JSON.stringify({ ...JSON.parse(c.function.arguments), tempC: 21 }) });
}
const t2 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, turnMs: t2 - t1, totalMs: t2 - t0 }));`;
  const rows: Record<string, { importMs: number; turnMs: number; totalMs: number }> = {};
  for (const [label, code] of [
    ['bare openai client (baseline)', bare],
    ['@graft/core Agent (dist, ESM)', graft],
  ] as const) {
    const runs: Array<{ importMs: number; turnMs: number; totalMs: number }> = [];
    for (let i = 0; i < FIRST_TURN_RUNS; i++) runs.push(JSON.parse(await runNode(['--input-type=module', '-e', code], root)));
    rows[label] = { importMs: median(runs.map((r) => r.importMs)), turnMs: median(runs.map((r) => r.turnMs)), totalMs: median(runs.map((r) => r.totalMs)) };
  }
  return rows;
}

function importTime(): { label: string; ms: number }[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const root = join(here, '..');
  const rows: { label: string; ms: number }[] = [];
  const esm = (spec: string) => [
    '--input-type=module',
    '-e',
    `const t=performance.now();await import(${JSON.stringify(spec)});process.stdout.write(String(performance.now()-t))`,
  ];
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
      lastIsTool(req.body.messages)
        ? reply.text('It is 21 degrees in Paris.', { usage: { prompt: 40, completion: 8 } })
        : reply.toolCall('get_weather', { city: 'Paris' }, { usage: { prompt: 30, completion: 6 } }),
  });
  const http = openaiCompatible({ baseURL: server.url, model: 'mock-model', maxRetries: 0 });
  const scripted = new ScriptedProvider((req) =>
    lastIsTool(req.messages) ? 'It is 21 degrees in Paris.' : { toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] },
  );

  // One JIT warm-up pass over every path (LangGraph's included) before anything is measured,
  // so the first table row is not measured on colder code than the later ones.
  const warm = new Agent({ provider: http, tools: [tool], tracer: false });
  for (let i = 0; i < WARMUP * 2; i++) {
    await bareTurn(http, 'Weather in Paris?', i % 2 === 1);
    await withEngine(i % 4 < 2, () => agentTurn(warm, 'Weather in Paris?', i % 2 === 1, -i - 10_000));
  }
  const rows = [];
  rows.push(await compare('http (mock server)', http, false));
  rows.push(await compare('http (mock server)', http, true));
  rows.push(await compare('scripted (in-process)', scripted, false));
  rows.push(await compare('scripted (in-process)', scripted, true));
  const first = await firstTurn(server.url);
  await server.close();

  console.log(`Agent per turn (2 model calls + 1 tool call), medians of ${TURNS} interleaved turns after ${WARMUP} warm-up; ratios to the bare loop:`);
  console.log('provider                 mode      bare ms  graph ms  ratio  cpu    direct ms  ratio  cpu    graph→direct  target');
  for (const r of rows) {
    const target = r.label.startsWith('http') ? `≤ ${TARGETS[r.streaming ? 'stream' : 'chat']}×` : '(info)';
    const x = (n: number) => `${n.toFixed(2)}×`.padStart(6);
    console.log(
      `${r.label.padEnd(24)} ${(r.streaming ? 'stream' : 'run').padEnd(8)} ${r.bare.toFixed(3).padStart(8)} ${r.graph.toFixed(3).padStart(9)} ${x(r.graph / r.bare)} ${x(r.graphCpu)} ${r.direct.toFixed(3).padStart(10)} ${x(r.direct / r.bare)} ${x(r.directCpu)}   ${`−${(r.graph - r.direct).toFixed(3)} ms`.padStart(11)}  ${target}`,
    );
  }
  console.log('\nA/B of the default checkpointer (direct loop): Graft store checkpointer (default now) vs LangGraph MemorySaver (default before):');
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(24)} ${(r.streaming ? 'stream' : 'run').padEnd(8)} store ${r.direct.toFixed(3)} ms   MemorySaver ${r.memorySaver.toFixed(3)} ms   (${(r.direct / r.memorySaver).toFixed(2)}×)`,
    );
  }
  console.log(
    `(load average now: ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${(await import('node:os')).cpus().length} cores; wall ratios inflate under load)`,
  );
  if (first) {
    console.log(`\nImport + first turn in a fresh process (dist), median of ${FIRST_TURN_RUNS} (target ≤ ${FIRST_TURN_TARGET_MS} ms):`);
    for (const [label, r] of Object.entries(first)) {
      console.log(
        `${label.padEnd(40)} import ${r.importMs.toFixed(0).padStart(5)} ms   first turn ${r.turnMs.toFixed(0).padStart(5)} ms   total ${r.totalMs.toFixed(0).padStart(5)} ms`,
      );
    }
  }
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
