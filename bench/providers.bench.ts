/**
 * @graft/providers overhead: the same 500 chat calls to the mock server through
 * `openaiCompatible()` and through the bare `openai` client, non-streaming and streaming.
 * Calls alternate between the two clients so drift (JIT, GC, the server) hits both alike.
 * Prints median / p90 per-call wall times, the ratio of medians (target ≤ 1.05×), the median
 * of paired ratios, and the median per-call CPU time of this process (client + in-process
 * server), which other processes on a busy machine disturb far less than wall time.
 */
import OpenAI from 'openai';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply } from '@graft/providers/testing';

const CALLS = 500;
const WARMUP = 50;
const ANSWER = 'The quick brown fox jumps over the lazy dog. '.repeat(5);

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9) };
}

async function main(): Promise<void> {
  const server = await createMockServer({ script: () => reply.text(ANSWER, { chunkSize: 20, usage: { prompt: 12, completion: 50 } }) });
  const graft = openaiCompatible({ baseURL: server.url, apiKey: 'sk-bench', model: 'bench-model' });
  const bare = new OpenAI({ baseURL: server.url, apiKey: 'sk-bench', maxRetries: 0 });
  const messages = [{ role: 'user' as const, content: 'Say the sentence.' }];

  const runs = {
    chat: {
      graft: async () => (await graft.chat({ messages })).text,
      bare: async () => (await bare.chat.completions.create({ model: 'bench-model', messages })).choices[0].message.content ?? '',
    },
    stream: {
      graft: async () => {
        let text = '';
        for await (const e of graft.stream({ messages })) if (e.type === 'text-delta') text += e.text;
        return text;
      },
      bare: async () => {
        let text = '';
        const stream = await bare.chat.completions.create({ model: 'bench-model', messages, stream: true, stream_options: { include_usage: true } });
        for await (const c of stream) text += c.choices[0]?.delta?.content ?? '';
        return text;
      },
    },
  };

  console.log(`${CALLS} sequential calls each, alternating clients, mock server on 127.0.0.1`);
  for (const [mode, pair] of Object.entries(runs)) {
    for (let i = 0; i < WARMUP; i++) {
      await pair.graft();
      await pair.bare();
    }
    const times = { graft: [] as number[], bare: [] as number[] };
    const cpu = { graft: [] as number[], bare: [] as number[] };
    for (let i = 0; i < CALLS; i++) {
      const order = i % 2 === 0 ? (['graft', 'bare'] as const) : (['bare', 'graft'] as const);
      for (const who of order) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const text = await pair[who]();
        times[who].push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu[who].push((c.user + c.system) / 1000);
        if (text !== ANSWER) throw new Error(`${mode}/${who}: wrong answer`);
      }
    }
    const g = summary(times.graft);
    const b = summary(times.bare);
    const ratio = g.median / b.median;
    // Paired: each graft call against the bare call made right beside it (robust to load drift).
    const paired = summary(times.graft.map((t, i) => t / times.bare[i])).median;
    const verdict = (r: number) => (r <= 1.05 ? 'ok' : 'ABOVE 1.05');
    console.log(
      `${mode.padEnd(6)} bare openai: median ${b.median.toFixed(3)} ms (p90 ${b.p90.toFixed(3)}) | ` +
        `openaiCompatible: median ${g.median.toFixed(3)} ms (p90 ${g.p90.toFixed(3)}) | ` +
        `ratio of medians ${ratio.toFixed(3)}x [${verdict(ratio)}], median paired ratio ${paired.toFixed(3)}x [${verdict(paired)}]`,
    );
    const gc = summary(cpu.graft).median;
    const bc = summary(cpu.bare).median;
    console.log(
      `${''.padEnd(6)} CPU per call: bare ${bc.toFixed(3)} ms, openaiCompatible ${gc.toFixed(3)} ms, ratio ${(gc / bc).toFixed(3)}x [${verdict(gc / bc)}]`,
    );
  }
  await server.close();
}

await main();
