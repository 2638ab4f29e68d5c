/**
 * Where the agent's per-turn overhead over a bare loop goes: the bare loop, the default agent,
 * and agents without spotlighting (and with only its system-prompt sentence), with a no-op
 * checkpointer, and with both, interleaved turn by
 * turn in a rotating order in one process (medians of wall time, means of process CPU time).
 * Not part of `npm run bench` (the name does not end in `.bench.ts`):
 *
 *   node --conditions=@graft/source --import tsx bench/agent-overhead.ts [run|stream] [http|scripted]
 */
import { z } from 'zod';
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import { openaiCompatible, type ChatProvider, type ChatRequest, type ChatResponse, type Message } from '@graft/providers';
import { createMockServer, reply, ScriptedProvider, type RecordedRequest } from '@graft/providers/testing';
import { Agent, defineTool, SPOTLIGHT_INSTRUCTIONS, type AgentOptions } from '@graft/core';

const TURNS = 2000;
const WARMUP = 500;
const streaming = process.argv[2] === 'stream';
const tool = defineTool({
  name: 'get_weather',
  description: 'Current weather for a city',
  input: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, tempC: 21 }),
});
const specs = [{ name: tool.name, description: tool.description, parameters: tool.parameters }];
const lastIsTool = (m: Array<{ role: string }>) => m[m.length - 1]?.role === 'tool';

async function bare(p: ChatProvider): Promise<void> {
  const messages: Message[] = [{ role: 'user', content: 'Weather in Paris?' }];
  for (;;) {
    const request: ChatRequest = { messages, tools: specs };
    let res: ChatResponse | undefined;
    if (streaming) {
      for await (const e of p.stream(request)) if (e.type === 'finish') res = e.response;
    } else res = await p.chat(request);
    if (!res) throw new Error('no response');
    messages.push(res.toolCalls.length ? { role: 'assistant', content: res.text, toolCalls: res.toolCalls } : { role: 'assistant', content: res.text });
    if (!res.toolCalls.length) return;
    for (const call of res.toolCalls) {
      const parsed = tool.parse(call.args);
      if (!parsed.ok) throw new Error('bad args');
      const out = await tool.execute(parsed.value, {
        threadId: 'b',
        toolCallId: call.id,
        signal: new AbortController().signal,
        requestInput: () => Promise.reject(new Error('unsupported')),
      } as never);
      messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: JSON.stringify(out) });
    }
  }
}

const server = await createMockServer({
  script: (req: RecordedRequest) =>
    lastIsTool(req.body.messages)
      ? reply.text('It is 21 degrees in Paris.', { usage: { prompt: 40, completion: 8 } })
      : reply.toolCall('get_weather', { city: 'Paris' }, { usage: { prompt: 30, completion: 6 } }),
});
const provider: ChatProvider =
  process.argv[3] === 'scripted'
    ? new ScriptedProvider((req) =>
        lastIsTool(req.messages) ? 'It is 21 degrees in Paris.' : { toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] },
      )
    : openaiCompatible({ baseURL: server.url, model: 'mock-model', maxRetries: 0 });
/** Keeps nothing: what a turn costs without its checkpoint. */
const noopSaver = {
  getTuple: async () => undefined,
  put: async () => ({}),
  getNextVersion: (v: number | undefined) => (v ?? 0) + 1,
} as unknown as BaseCheckpointSaver;
let nextId = 0;
const agentTurn = (options: Partial<AgentOptions>) => {
  const agent = new Agent({ provider, tools: [tool], tracer: false, ...options } as AgentOptions);
  return async () => {
    const threadId = `t${nextId++}`;
    if (!streaming) return void (await agent.run('Weather in Paris?', { threadId }));
    for await (const _ of agent.stream('Weather in Paris?', { threadId }));
  };
};
const variants: Array<[string, () => Promise<void>]> = [
  ['bare loop', () => bare(provider)],
  ['agent (defaults)', agentTurn({})],
  ['spotlight: false', agentTurn({ spotlight: false })],
  // spotlighting's system-prompt sentence alone (no marked results): what the bigger requests cost
  ['prompt sentence only', agentTurn({ spotlight: false, instructions: SPOTLIGHT_INSTRUCTIONS })],
  ['no-op checkpointer', agentTurn({ checkpointer: noopSaver })],
  ['both', agentTurn({ spotlight: false, checkpointer: noopSaver })],
];
const wall = new Map<string, number[]>();
const cpu = new Map<string, number[]>();
for (let i = 0; i < WARMUP + TURNS; i++) {
  for (let k = 0; k < variants.length; k++) {
    const [name, fn] = variants[(i + k) % variants.length]!;
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    if (i < WARMUP) continue;
    const used = process.cpuUsage(c);
    (wall.get(name) ?? wall.set(name, []).get(name)!).push(performance.now() - t);
    (cpu.get(name) ?? cpu.set(name, []).get(name)!).push((used.user + used.system) / 1000);
  }
}
await server.close();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const [bareWall, bareCpu] = [median(wall.get('bare loop')!), mean(cpu.get('bare loop')!)];
console.log(
  `${streaming ? 'stream' : 'run'}, ${process.argv[3] === 'scripted' ? 'scripted' : 'http'}: ${TURNS} turns each (load ${(await import('node:os')).loadavg()[0].toFixed(1)})`,
);
for (const [name] of variants) {
  const w = median(wall.get(name)!);
  const c = mean(cpu.get(name)!);
  console.log(`${name.padEnd(20)} wall ${w.toFixed(3)} ms (${(w / bareWall).toFixed(2)}×)   CPU ${c.toFixed(3)} ms (${(c / bareCpu).toFixed(2)}×)`);
}
