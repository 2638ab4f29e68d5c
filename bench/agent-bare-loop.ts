/**
 * What the agent A/B scripts share: the bare hand-written loop they measure Graft
 * against (user message → one tool call → answer), and the model's side of the turn, on the
 * mock server over HTTP or in process, and the shuffled measurement loop. Not a benchmark itself.
 */
import { openaiCompatible, type ChatProvider, type ChatRequest, type ChatResponse, type Message } from '@graft/providers';
import { createMockServer, reply, ScriptedProvider, type MockServer, type RecordedRequest } from '@graft/providers/testing';
import { shuffled } from './shuffle.js';

/** The part of a `defineTool` tool the bare loop uses (any build of `@graft/core`). */
export interface BareTool {
  name: string;
  description: string;
  parameters: unknown;
  parse(args: unknown): { ok: true; value: unknown } | { ok: false };
  execute(args: never, ctx: never): unknown;
}

const lastIsTool = (m: Array<{ role: string }>) => m[m.length - 1]?.role === 'tool';

/** One turn of the bare loop: chat (or stream) until the model answers, running `tool` for its calls. */
export async function bareTurn(p: ChatProvider, tool: BareTool, streaming: boolean, signal?: AbortSignal): Promise<void> {
  const specs = [{ name: tool.name, description: tool.description, parameters: tool.parameters }] as ChatRequest['tools'];
  const messages: Message[] = [{ role: 'user', content: 'Weather in Paris?' }];
  for (;;) {
    const request: ChatRequest = { messages, tools: specs };
    if (signal) request.signal = signal;
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
      const ctx = { threadId: 'b', toolCallId: call.id, signal: new AbortController().signal, requestInput: () => Promise.reject(new Error('unsupported')) };
      const out = await tool.execute(parsed.value as never, ctx as never);
      messages.push({ role: 'tool', toolCallId: call.id, name: call.name, content: JSON.stringify(out) });
    }
  }
}

/** The mock server answering the weather turn, and the provider for `kind` (`scripted`: in process, no HTTP). */
export async function weatherModel(kind: string | undefined): Promise<{ server: MockServer; provider: ChatProvider }> {
  const server = await createMockServer({
    script: (req: RecordedRequest) =>
      lastIsTool(req.body.messages)
        ? reply.text('It is 21 degrees in Paris.', { usage: { prompt: 40, completion: 8 } })
        : reply.toolCall('get_weather', { city: 'Paris' }, { usage: { prompt: 30, completion: 6 } }),
  });
  const provider: ChatProvider =
    kind === 'scripted'
      ? new ScriptedProvider((req) =>
          lastIsTool(req.messages) ? 'It is 21 degrees in Paris.' : { toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] },
        )
      : openaiCompatible({ baseURL: server.url, model: 'mock-model', maxRetries: 0 });
  return { server, provider };
}

/** Wall times (ms) and process CPU times (ms) of each variant, one entry per measured turn. */
export interface Rotation {
  wall: Map<string, number[]>;
  cpu: Map<string, number[]>;
}

/**
 * Runs every variant once per round in a fresh shuffled order (so no variant always goes first,
 * nor always right after the same other one),
 * `warmup` rounds unmeasured and then `turns` measured ones; `beforeEach` runs before every turn.
 */
export async function measureShuffled(
  variants: ReadonlyArray<readonly [string, () => Promise<void>]>,
  warmup: number,
  turns: number,
  beforeEach?: () => void,
): Promise<Rotation> {
  const wall = new Map(variants.map(([name]) => [name, [] as number[]]));
  const cpu = new Map(variants.map(([name]) => [name, [] as number[]]));
  for (let i = 0; i < warmup + turns; i++) {
    for (const [name, fn] of shuffled(variants)) {
      beforeEach?.();
      const c = process.cpuUsage();
      const t = performance.now();
      await fn();
      if (i < warmup) continue;
      const used = process.cpuUsage(c);
      wall.get(name)!.push(performance.now() - t);
      cpu.get(name)!.push((used.user + used.system) / 1000);
    }
  }
  return { wall, cpu };
}

/** The median of `xs`. */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
/** The mean of `xs`. */
export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
