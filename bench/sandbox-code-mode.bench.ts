/**
 * Code mode vs plain tool calling on one scripted multi-tool task, through the real `Agent`, the
 * real sandbox and a scripted model: model calls, prompt tokens (every request's messages and tool
 * specs, counted with the cl100k tokenizer) and completion tokens (what the model wrote), and the
 * median wall time of a task.
 *
 * The task: "total temperature of Paris, Oslo, Rome and Lima in Fahrenheit" with two app tools,
 * `get_weather(city)` → °C and `to_fahrenheit(c)` → °F (each conversion depends on a lookup).
 * - plain, one call per step (what many models do): 8 tool steps + the answer;
 * - plain, parallel calls (all independent calls in one step): 2 tool steps + the answer;
 * - code mode: one `run_script` step + the answer.
 *
 *   npm run bench -- sandbox-code-mode
 */
import { getEncoding } from 'js-tiktoken';
import { z } from 'zod';
import { Agent, defineTool } from '@graft/core';
import { ScriptedProvider, type ScriptedReply } from '@graft/providers/testing';
import type { ChatRequest } from '@graft/providers';
import { CodeModeToolSource } from '@graft/modules';

const CITIES = ['Paris', 'Oslo', 'Rome', 'Lima'];
const weather = defineTool({
  name: 'get_weather',
  description: 'Current weather for a city: temperature in °C, conditions, humidity and wind.',
  input: z.object({ city: z.string().describe('City name') }),
  execute: ({ city }) => ({ city, tempC: city.length * 3, conditions: 'partly cloudy', humidity: 61, windKph: 14, observedAt: '2026-12-07T12:00:00Z' }),
});
const fahrenheit = defineTool({
  name: 'to_fahrenheit',
  description: 'Convert a temperature from °C to °F.',
  input: z.object({ c: z.number() }),
  execute: ({ c }) => ({ f: Math.round((c * 9) / 5 + 32) }),
});
const tempC = (city: string) => city.length * 3;
const answer = `The total is ${CITIES.reduce((s, c) => s + Math.round((tempC(c) * 9) / 5 + 32), 0)} °F.`;

type Mode = 'sequential' | 'parallel' | 'code';
const toolResults = (r: ChatRequest) => r.messages.filter((m) => m.role === 'tool').length;

/** The model's side of the task in each mode (decided from the transcript, like a model would). */
function script(mode: Mode): (r: ChatRequest) => ScriptedReply {
  return (r) => {
    const done = toolResults(r);
    if (mode === 'code') {
      if (done > 0) return answer;
      const code = `const out = await Promise.all(${JSON.stringify(CITIES)}.map(async (city) => (await tools.to_fahrenheit({ c: (await tools.get_weather({ city })).tempC })).f));\nreturn out.reduce((a, b) => a + b, 0);`;
      return { toolCalls: [{ name: 'run_script', args: { script: code } }] };
    }
    if (mode === 'parallel') {
      if (done === 0) return { toolCalls: CITIES.map((city) => ({ name: 'get_weather', args: { city } })) };
      if (done === CITIES.length) return { toolCalls: CITIES.map((city) => ({ name: 'to_fahrenheit', args: { c: tempC(city) } })) };
      return answer;
    }
    if (done < CITIES.length) return { toolCalls: [{ name: 'get_weather', args: { city: CITIES[done] } }] };
    if (done < 2 * CITIES.length) return { toolCalls: [{ name: 'to_fahrenheit', args: { c: tempC(CITIES[done - CITIES.length]) } }] };
    return answer;
  };
}

const enc = getEncoding('cl100k_base');
const tokens = (value: unknown) => enc.encode(typeof value === 'string' ? value : JSON.stringify(value)).length;

const codeMode = new CodeModeToolSource({ tools: [weather, fahrenheit] });
async function task(mode: Mode, thread: string) {
  const provider = new ScriptedProvider(script(mode));
  const agent =
    mode === 'code' ? new Agent({ provider, tools: [weather, fahrenheit], toolSources: [codeMode] }) : new Agent({ provider, tools: [weather, fahrenheit] });
  const result = await agent.run('What is the total temperature of Paris, Oslo, Rome and Lima in Fahrenheit?', { threadId: thread });
  if (result.status !== 'done' || result.output !== answer) throw new Error(`${mode}: unexpected result ${JSON.stringify(result).slice(0, 300)}`);
  const prompt = provider.requests.reduce((s, r) => s + tokens({ messages: r.messages, tools: r.tools }), 0);
  const completion = result.messages
    .filter((m) => m.role === 'assistant')
    .reduce((s, m) => s + tokens({ content: m.content, toolCalls: (m as { toolCalls?: unknown }).toolCalls }), 0);
  return { calls: provider.requests.length, prompt, completion };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const rows: Record<Mode, { calls: number; prompt: number; completion: number; ms: number }> = {} as never;
for (const mode of ['sequential', 'parallel', 'code'] as Mode[]) {
  let figures = await task(mode, `${mode}-warm`);
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    figures = await task(mode, `${mode}-${i}`);
    times.push(performance.now() - t);
  }
  rows[mode] = { ...figures, ms: median(times) };
}
await codeMode.dispose();

console.log('mode                         model calls  prompt tokens  completion tokens  median task time');
for (const [mode, r] of Object.entries(rows)) {
  console.log(
    `${mode.padEnd(28)} ${String(r.calls).padStart(11)} ${String(r.prompt).padStart(14)} ${String(r.completion).padStart(18)} ${r.ms.toFixed(1).padStart(14)} ms`,
  );
}
for (const base of ['sequential', 'parallel'] as const) {
  const b = rows[base];
  const c = rows.code;
  console.log(
    `code mode vs ${base}: ${b.calls - c.calls} fewer model calls (${c.calls} vs ${b.calls}), prompt tokens ×${(c.prompt / b.prompt).toFixed(2)}, completion tokens ×${(c.completion / b.completion).toFixed(2)}, total tokens ×${((c.prompt + c.completion) / (b.prompt + b.completion)).toFixed(2)}`,
  );
}
