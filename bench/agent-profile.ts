/**
 * CPU profile of the agent's direct loop, summarised by package: run with
 *
 *   node --conditions=@graft/source --import tsx bench/agent-profile.ts [http|scripted] [run|stream] [turns]
 *
 * It runs `turns` agent turns (after a warm-up) under the inspector's profiler and prints the
 * self time per package and the top self-time frames, per turn. Not part of `npm run bench`
 * (the file name does not end in `.bench.ts`). `PROF_INTERVAL=<µs>` sets the sampling interval
 * (default 100), `PROF_OUT=<file>` saves the raw profile (for line-level `positionTicks` or callers).
 */
import { Session } from 'node:inspector/promises';
import { z } from 'zod';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, ScriptedProvider, type RecordedRequest } from '@graft/providers/testing';
import { Agent, defineTool } from '@graft/core';

const WARMUP = 300;
const TOP_FRAMES = 30;
const [kind = 'http', mode = 'run', turnsArg = '1000'] = process.argv.slice(2);
const TURNS = Number(turnsArg);

const tool = defineTool({
  name: 'get_weather',
  description: 'Current weather for a city',
  input: z.object({ city: z.string() }),
  execute: ({ city }) => ({ city, tempC: 21 }),
});
const lastIsTool = (m: Array<{ role: string }>) => m[m.length - 1]?.role === 'tool';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

/** The package (or Node internals) a frame's script belongs to. */
function ownerOf(url: string): string {
  if (!url) return '(native/gc/idle)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 13).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const m = /packages\/([^/]+)\/(?:src|dist)\/(.*)$/.exec(url);
  if (m) return `@graft/${m[1]}`;
  return url.replace(/^file:\/\/.*\/(bench\/)/, '$1');
}

async function main() {
  const server = await createMockServer({
    script: (req: RecordedRequest) =>
      lastIsTool(req.body.messages)
        ? reply.text('It is 21 degrees in Paris.', { usage: { prompt: 40, completion: 8 } })
        : reply.toolCall('get_weather', { city: 'Paris' }, { usage: { prompt: 30, completion: 6 } }),
  });
  const provider =
    kind === 'http'
      ? openaiCompatible({ baseURL: server.url, model: 'mock-model', maxRetries: 0 })
      : new ScriptedProvider((req) =>
          lastIsTool(req.messages) ? 'It is 21 degrees in Paris.' : { toolCalls: [{ name: 'get_weather', args: { city: 'Paris' } }] },
        );
  const agent = new Agent({ provider, tools: [tool], tracer: false });
  const turn = async (i: number) => {
    if (mode === 'run') return agent.run('Weather in Paris?', { threadId: `t-${i}` });
    for await (const _ of agent.stream('Weather in Paris?', { threadId: `t-${i}` }));
  };
  for (let i = 0; i < WARMUP; i++) await turn(-i - 1);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: Number(process.env.PROF_INTERVAL ?? 100) });
  await session.post('Profiler.start');
  const c = process.cpuUsage();
  for (let i = 0; i < TURNS; i++) await turn(i);
  const cpu = process.cpuUsage(c);
  const { profile } = (await session.post('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; startTime: number; endTime: number };
  };
  await server.close();
  if (process.env.PROF_OUT) (await import('node:fs')).writeFileSync(process.env.PROF_OUT, JSON.stringify(profile));
  const hits = new Map<number, number>();
  for (const s of profile.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  const total = profile.samples.length;
  const usPerSample = (profile.endTime - profile.startTime) / total;
  const byOwner = new Map<string, number>();
  const byFrame = new Map<string, number>();
  for (const n of profile.nodes) {
    const h = hits.get(n.id) ?? 0;
    if (!h) continue;
    const owner = n.callFrame.url ? ownerOf(n.callFrame.url) : n.callFrame.functionName.startsWith('(') ? n.callFrame.functionName : '(native)';
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + h);
    const where = /\/(?:src|dist)\/(.*)$/.exec(n.callFrame.url)?.[1];
    const frame = `${n.callFrame.functionName || '(anonymous)'} ${owner === n.callFrame.url ? '' : owner}${where ? ':' + where : ''}:${n.callFrame.lineNumber + 1}`;
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + h);
  }
  const perTurn = (h: number) => ((h * usPerSample) / 1000 / TURNS).toFixed(3);
  console.log(`${kind} ${mode}: ${TURNS} turns, CPU ${((cpu.user + cpu.system) / 1000 / TURNS).toFixed(3)} ms per turn (process), ${total} samples`);
  console.log('\nself time by package (ms per turn, share):');
  for (const [k, h] of [...byOwner].sort((a, b) => b[1] - a[1]).slice(0, 20))
    console.log(`${perTurn(h).padStart(8)}  ${((h / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  console.log(`\ntop ${TOP_FRAMES} self-time frames (ms per turn):`);
  for (const [k, h] of [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, TOP_FRAMES))
    console.log(`${perTurn(h).padStart(8)}  ${((h / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
}

await main();
