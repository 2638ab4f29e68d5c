import { z } from 'zod';
import { openaiCompatible, type Message } from '@graft/providers';
import { createMockServer, reply } from '@graft/providers/testing';
import { Agent, defineTool } from '@graft/core';
import { MemorySaver } from '@langchain/langgraph';
const tool = defineTool({ name: 'get_weather', description: 'w', input: z.object({ city: z.string() }), execute: ({ city }) => ({ city, tempC: 21 }) });
const specs = [{ name: tool.name, description: tool.description, parameters: tool.parameters }];
const server = await createMockServer({ script: (req: any) => req.body.messages[req.body.messages.length - 1]?.role === 'tool' ? reply.text('It is 21.') : reply.toolCall('get_weather', { city: 'Paris' }) });
const http = openaiCompatible({ baseURL: server.url, model: 'mock-model', maxRetries: 0 });
const agent = new Agent({ provider: http, tools: [tool], tracer: false });
const agentMS = new Agent({ provider: http, tools: [tool], tracer: false, checkpointer: new MemorySaver() });
async function bare() {
  const messages: Message[] = [{ role: 'user', content: 'Weather?' }];
  for (;;) {
    const res = await http.chat({ messages, tools: specs });
    messages.push(res.toolCalls.length ? { role: 'assistant', content: res.text, toolCalls: res.toolCalls } : { role: 'assistant', content: res.text });
    if (!res.toolCalls.length) return;
    for (const c of res.toolCalls) { const p = tool.parse(c.args); const out = await tool.execute((p as any).value, { threadId: 'b', toolCallId: c.id, signal: new AbortController().signal, requestInput: () => Promise.reject() }); messages.push({ role: 'tool', toolCallId: c.id, name: c.name, content: JSON.stringify(out) }); }
  }
}
const variants: Record<string, (i: number) => Promise<unknown>> = { bare: () => bare(), direct: (i) => agent.run('Weather?', { threadId: 'd' + i }), directMemSaver: (i) => agentMS.run('Weather?', { threadId: 'm' + i }) };
const cpu: Record<string, number[]> = {}; const wall: Record<string, number[]> = {};
for (let i = 0; i < 1200; i++) for (const [k, f] of Object.entries(variants)) { const c = process.cpuUsage(); const t = performance.now(); await f(i); if (i >= 300) { (cpu[k] ??= []).push((process.cpuUsage(c).user + process.cpuUsage(c).system) / 1000); (wall[k] ??= []).push(performance.now() - t); } }
const med = (x: number[]) => [...x].sort((a, b) => a - b)[x.length >> 1];
for (const k of Object.keys(variants)) console.log(k.padEnd(16), 'cpu', med(cpu[k]).toFixed(3), 'wall', med(wall[k]).toFixed(3), 'ratio wall', (med(wall[k]) / med(wall.bare)).toFixed(2), 'cpu', (med(cpu[k]) / med(cpu.bare)).toFixed(2));
await server.close();
