import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { otel, sdk } from './otel-cjs.js';
import { Registry } from 'prom-client';
import { reply } from '@graft/providers/testing';
import { Agent, createGuards, createPrometheusMetrics, defineTool, EventBus } from '@graft/core';
import { collectStream, recordEvents } from '@graft/core/testing';
import { mockModel, useE2E } from '../e2e/helpers.js';

useE2E();

const { trace } = otel;
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = sdk;

function tracing() {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, provider, tracer: provider.getTracer('test') };
}

afterAll(() => trace.disable());

describe('telemetry', () => {
  it('emits GenAI spans (invoke_agent > chat / execute_tool) with model, provider, token and tool attributes', async () => {
    const { exporter, tracer } = tracing();
    const lookup = defineTool({ name: 'lookup', description: 'Look up', input: z.object({ q: z.string() }), execute: () => 'found' });
    const { provider } = await mockModel([
      reply.toolCall('lookup', { q: 'x' }, { usage: { prompt: 11, completion: 7 } }),
      reply.text('done', { usage: { prompt: 20, completion: 3 } }),
    ]);
    const agent = new Agent({ provider, tools: [lookup], tracer, name: 'support-bot' });
    await agent.run('find x', { threadId: 'span-thread' });
    const spans = exporter.getFinishedSpans();
    const root = spans.find((s) => s.name === 'invoke_agent support-bot')!;
    expect(root.attributes).toMatchObject({
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support-bot',
      'gen_ai.conversation.id': 'span-thread',
      'gen_ai.usage.input_tokens': 31,
      'gen_ai.usage.output_tokens': 10,
    });
    const chats = spans.filter((s) => s.name === 'chat mock-model');
    expect(chats).toHaveLength(2);
    expect(chats[0].attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'mock-model',
      'gen_ai.response.model': 'mock-model',
      'gen_ai.provider.name': 'mock',
      'gen_ai.usage.input_tokens': 11,
      'gen_ai.usage.output_tokens': 7,
    });
    expect(chats[0].attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    const tool = spans.find((s) => s.name === 'execute_tool lookup')!;
    expect(tool.attributes).toMatchObject({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup' });
    for (const child of [...chats, tool]) {
      expect(child.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(child.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    }
  });

  it('uses the global tracer provider when no tracer is given, and marks failed spans with error.type', async () => {
    const { exporter, provider: tp } = tracing();
    trace.setGlobalTracerProvider(tp);
    const { provider } = await mockModel([reply.error(400, 'bad request')]);
    const agent = new Agent({ provider });
    await expect(agent.run('hi')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const spans = exporter.getFinishedSpans();
    const chat = spans.find((s) => s.name.startsWith('chat '))!;
    expect(chat.status.code).toBe(2);
    expect(chat.attributes['error.type']).toBe('BAD_REQUEST');
    expect(spans.find((s) => s.name.startsWith('invoke_agent'))?.attributes['error.type']).toBe('BAD_REQUEST');
    trace.disable();
  });

  it('records Prometheus metrics: model calls, latency, tokens, tool calls and failures, guard hits', async () => {
    const registry = new Registry();
    const metrics = await createPrometheusMetrics(registry);
    const ok = defineTool({ name: 'ok_tool', description: 'ok', input: z.object({}), execute: () => 'ok' });
    const { provider } = await mockModel([
      reply.toolCalls(
        [
          { name: 'ok_tool', args: {} },
          { name: 'missing_tool', args: {} },
        ],
        { usage: { prompt: 5, completion: 2 } },
      ),
      reply.text('fine', { usage: { prompt: 9, completion: 1 } }),
    ]);
    const agent = new Agent({ provider, tools: [ok], metrics, guards: createGuards({ pii: { mode: 'redact' } }) });
    await agent.run('mail a@b.example about it');
    const text = await registry.metrics();
    expect(text).toMatch(/graft_model_requests_total\{provider="mock",model="mock-model",outcome="ok"\} 2/);
    expect(text).toMatch(/graft_model_tokens_total\{provider="mock",model="mock-model",direction="input"\} 14/);
    expect(text).toMatch(/graft_model_latency_seconds_count\{provider="mock",model="mock-model"\} 2/);
    expect(text).toMatch(/graft_tool_calls_total\{tool="ok_tool",outcome="ok"\} 1/);
    expect(text).toMatch(/graft_tool_failures_total\{tool="missing_tool",kind="unknown_tool"\} 1/);
    expect(text).toMatch(/graft_guard_hits_total\{guard="pii",where="input"\} 1/);
    // a second set on the same registry reuses the metrics instead of failing
    await expect(createPrometheusMetrics(registry)).resolves.toBeDefined();
  });

  it('canary: secrets, redacted PII and input values never appear in events, spans or metrics', async () => {
    const SECRET = 'sk-proj-CANARYa1b2c3d4e5f6g7h8i9j0k1l2m3n4';
    const EMAIL = 'canary.person@example.net';
    const INPUT = 'canary-input-value-5c1d9e';
    const { exporter, tracer } = tracing();
    const registry = new Registry();
    const metrics = await createPrometheusMetrics(registry);
    const store = defineTool({
      name: 'store_contact',
      description: 'Store a contact with a key',
      input: z.object({ email: z.string(), key: z.string() }),
      execute: async (args, ctx) => {
        const pin = await ctx.requestInput<string>({ type: 'pin', message: 'PIN?' });
        return { stored: args.email, key: args.key, pin };
      },
    });
    const { server, provider } = await mockModel([
      reply.toolCall('store_contact', { email: '[EMAIL_1]', key: '[API_KEY_1]' }),
      reply.text('Stored [EMAIL_1].'),
    ]);
    const agent = new Agent({ provider, tools: [store], tracer, metrics, guards: createGuards({ pii: { mode: 'redact', reversible: true } }) });
    const ev = recordEvents(agent);
    const r1 = await agent.run(`Save ${EMAIL} with key ${SECRET}`, { threadId: 'canary' });
    if (r1.status !== 'interrupted') throw new Error('expected input interrupt');
    const { events: streamed } = await collectStream(agent.resumeStream('canary', { id: r1.interrupt.id, type: 'input', value: INPUT }));

    const haystacks = {
      events: JSON.stringify(ev.events),
      spans: JSON.stringify(exporter.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status }))),
      metrics: await registry.metrics(),
      wire: server.requests.map((q) => q.rawBody).join('\n'),
      streamedToolResults: JSON.stringify(streamed.filter((e) => e.type === 'tool-result')),
    };
    expect(haystacks.spans).toContain('store_contact'); // the haystacks are real
    // the tool echoed all three back: PII was redacted by the guard, the input value by the agent
    expect(haystacks.wire).toContain('[REDACTED_INPUT]');
    expect(haystacks.wire).toContain('[EMAIL_1]');
    expect(haystacks.events).toContain('guard.pii');
    for (const [where, text] of Object.entries(haystacks)) {
      for (const canary of [SECRET, EMAIL, INPUT]) {
        expect({ where, leaked: text.includes(canary) }).toEqual({ where, leaked: false });
      }
    }
  });

  it('a throwing event listener never breaks a run', async () => {
    const { provider } = await mockModel([reply.text('fine')]);
    const agent = new Agent({ provider });
    agent.on('model.request', () => {
      throw new Error('listener bug');
    });
    expect((await agent.run('hi')).status).toBe('done');
    const bus = new EventBus();
    const seen: string[] = [];
    const off = bus.on('cache.hit', (e) => seen.push(e.type));
    bus.emit('cache.hit', { runId: 'r', threadId: 't', time: 0, step: 0 });
    off();
    bus.emit('cache.hit', { runId: 'r', threadId: 't', time: 0, step: 0 });
    expect(seen).toEqual(['cache.hit']);
  });
});
