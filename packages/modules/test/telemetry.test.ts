/**
 * Telemetry of the module lifecycle with the real OpenTelemetry SDK (in-memory exporter) and a
 * real prom-client registry, over the providers' mock server, the real sandbox and SQLite: a
 * build with one repair round, install, live test, a tool call and a curriculum run produce
 * nested spans (GenAI `chat` spans for the model calls) and metrics; the stored credential and
 * the user's request text appear in no span and no metric.
 */
import type { Sandbox } from '@graft/sandbox';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { otel, sdk } from './helpers/otel-cjs.js';
import { createModuleTelemetry, type ModuleBundle } from '../src/index.js';
import { makeManager, sqliteStore, statsApi, statsDraft, tempDb, testSandbox, type LocalApi } from './manager-fixtures.js';

const TOKEN = `tok-'"\\%+&=/ telemetry-${Date.now()}`;
const REQUEST = 'show the stats of ada.lovelace@example.com';
let sandbox: Sandbox;
let api: LocalApi;
let server: MockServer;
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(async () => {
  sandbox = await testSandbox();
  api = await statsApi(TOKEN);
  server = await createMockServer();
});
afterAll(async () => {
  await Promise.all([api.close(), server.close()]);
  await sandbox.close();
  otel.trace.disable();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  server.reset();
});

const submit = (b: ModuleBundle, usage = { prompt: 1200, completion: 800 }) =>
  reply.toolCall('submit_module', { manifest: b.manifest, code: b.code, tests: b.tests }, { usage });

async function instrumented() {
  const exporter = new sdk.InMemorySpanExporter();
  const tp = new sdk.BasicTracerProvider({ spanProcessors: [new sdk.SimpleSpanProcessor(exporter)] });
  const registry = new Registry();
  const telemetry = await createModuleTelemetry({ tracer: tp.getTracer('test'), registry });
  const db = tempDb();
  const store = sqliteStore(db.file);
  cleanups.push(
    () => db.cleanup(),
    () => store.close(),
  );
  const provider = openaiCompatible({ baseURL: server.url, apiKey: 'k', model: 'mock-heavy', maxRetries: 0 });
  const { manager } = makeManager(store, sandbox, { provider, telemetry });
  return { exporter, registry, manager };
}

async function value(registry: Registry, name: string, labels: Record<string, string> = {}, field = ''): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const values = (metric?.values ?? []) as Array<{ value: number; labels: Record<string, string | number>; metricName?: string }>;
  const hit = values.find((v) => (field ? v.metricName === name + field : true) && Object.entries(labels).every(([k, l]) => String(v.labels[k]) === l));
  return hit?.value ?? 0;
}

describe('module lifecycle telemetry', () => {
  it('traces a build (validate, repair round, GenAI chat spans) and records build, sandbox, install and live-test metrics', async () => {
    const { exporter, registry, manager } = await instrumented();
    const good = statsDraft(api).bundle;
    const wrong = { ...good, code: good.code.replace('Math.round(', '1 + Math.round(') };
    server.setScript([submit(wrong), submit(good)]);

    const outcome = await manager.build({ request: REQUEST, candidates: 1 });
    expect(outcome).toMatchObject({ passed: true, rounds: 1 });
    await manager.install(outcome.draft, await manager.approve(outcome.draft, { by: 'alice' }));
    await manager.setCredentials('stats', { STATS_TOKEN: TOKEN });
    expect((await manager.liveTest('stats')).passed).toBe(true);
    expect(await manager.callTool('stats', 'getPlayer', { tag: '#ABC' })).toMatchObject({ name: 'Ada' });

    const spans = exporter.getFinishedSpans();
    const build = spans.find((s) => s.name === 'graft.module.build')!;
    expect(build.attributes).toMatchObject({
      'graft.module.name': 'stats',
      'graft.module.passed': true,
      'graft.module.repair_rounds': 1,
      'graft.module.candidates': 1,
      'graft.module.confidence': 1,
    });
    const children = spans.filter((s) => s.parentSpanContext?.spanId === build.spanContext().spanId);
    const names = children.map((s) => s.name);
    expect(names.filter((n) => n === 'graft.module.validate')).toHaveLength(2);
    expect(names.filter((n) => n === 'graft.module.repair_round')).toHaveLength(1);
    const chats = children.filter((s) => s.name === 'chat mock-heavy');
    expect(chats).toHaveLength(2);
    expect(chats[0].attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'mock-heavy',
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.output_tokens': 800,
    });
    expect(chats[0].attributes['gen_ai.response.finish_reasons']).toEqual(['tool_calls']);
    const validates = children.filter((s) => s.name === 'graft.module.validate');
    expect(validates.map((s) => s.attributes['graft.module.passed'])).toEqual([false, true]);
    expect(spans.some((s) => s.name === 'graft.sandbox.run_tests' && s.spanContext().traceId === build.spanContext().traceId)).toBe(true);
    expect(spans.find((s) => s.name === 'graft.module.install')).toBeDefined();
    expect(spans.find((s) => s.name === 'graft.module.live_test')?.attributes).toMatchObject({ 'graft.module.name': 'stats', 'graft.module.passed': true });
    const run = spans.find((s) => s.name === 'graft.sandbox.run' && s.attributes['graft.sandbox.outcome'] === 'ok')!;
    expect(run.attributes['graft.sandbox.duration_ms']).toBeGreaterThanOrEqual(0);

    expect(await value(registry, 'graft_module_builds_total', { outcome: 'passed' })).toBe(1);
    expect(await value(registry, 'graft_module_build_duration_seconds', {}, '_count')).toBe(1);
    expect(await value(registry, 'graft_module_repair_rounds', {}, '_sum')).toBe(1);
    expect(await value(registry, 'graft_module_candidates', {}, '_sum')).toBe(1);
    expect(await value(registry, 'graft_module_confidence', {}, '_count')).toBe(1);
    expect(await value(registry, 'graft_module_validations_total', { outcome: 'failed' })).toBe(1);
    expect(await value(registry, 'graft_module_validations_total', { outcome: 'passed' })).toBe(1);
    expect(await value(registry, 'graft_module_model_tokens_total', { phase: 'build', direction: 'input' })).toBe(2400);
    expect(await value(registry, 'graft_sandbox_run_duration_seconds', { kind: 'test_case', outcome: 'passed' }, '_count')).toBeGreaterThan(0);
    expect(await value(registry, 'graft_sandbox_run_duration_seconds', { kind: 'test_case', outcome: 'EXPECTATION_FAILED' }, '_count')).toBe(1);
    expect(await value(registry, 'graft_sandbox_run_duration_seconds', { kind: 'run', outcome: 'ok' }, '_count')).toBeGreaterThan(0);
    expect(await value(registry, 'graft_sandbox_run_memory_bytes', {}, '_count')).toBeGreaterThan(0);
    expect(run.attributes['graft.sandbox.memory_bytes']).toBeGreaterThan(0);
    expect(await value(registry, 'graft_module_installs_total', { status: 'awaiting_credentials' })).toBe(1);
    expect(await value(registry, 'graft_module_live_tests_total', { outcome: 'passed' })).toBe(1);

    // canary: neither the credential nor the user's request reaches a span or a metric
    const exported =
      JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status }))) + (await registry.metrics());
    for (const needle of [TOKEN, encodeURIComponent(TOKEN), Buffer.from(TOKEN).toString('base64'), 'ada.lovelace', REQUEST])
      expect(exported).not.toContain(needle);
  });

  it('traces a curriculum run with its model call and counts its cases; a failed install is an error span', async () => {
    const { exporter, registry, manager } = await instrumented();
    const draft = statsDraft(api);
    await manager.validate(draft);
    await manager.install(draft, await manager.approve(draft, { by: 'alice' }));
    server.setScript([
      reply.toolCall('propose_edge_cases', {
        cases: [
          {
            name: 'unknown tag',
            tool: 'getPlayer',
            input: { tag: '#NOPE' },
            http: [{ request: { url: `${api.url}/v1/players/%23NOPE` }, response: { status: 404, json: {} } }],
            expectError: true,
          },
        ],
      }),
    ]);
    const report = await manager.curriculum('stats');
    expect(report.failed).toBe(0);
    const spans = exporter.getFinishedSpans();
    const cur = spans.find((s) => s.name === 'graft.module.curriculum')!;
    const chat = spans.find((s) => s.name === 'chat mock-heavy' && s.parentSpanContext?.spanId === cur.spanContext().spanId);
    expect(chat?.attributes).toMatchObject({ 'gen_ai.operation.name': 'chat', 'graft.module.phase': 'curriculum' });
    expect(await value(registry, 'graft_module_curriculum_cases_total', { outcome: 'passed' })).toBe(1);

    const clash = statsDraft(api, '1.0.0', ' v2'); // same version, different bundle
    await manager.validate(clash);
    await expect(manager.install(clash, await manager.approve(clash, { by: 'alice' }))).rejects.toMatchObject({ code: 'MODULE_VERSION_CONFLICT' });
    const failed = exporter
      .getFinishedSpans()
      .filter((s) => s.name === 'graft.module.install')
      .at(-1)!;
    expect(failed.status.code).toBe(2);
    expect(failed.attributes['error.type']).toBe('MODULE_VERSION_CONFLICT');
  });
});
