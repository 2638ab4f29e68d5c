/**
 * Instrumented stand-ins for the sandbox and the module-writing model: every sandbox run and
 * test case is timed (outcome code, memory) and every model call gets a GenAI `chat <model>`
 * span (`gen_ai.*` attributes: operation, provider, models, token usage, finish reasons).
 * Only counts, codes and model names are recorded; never prompts, code, inputs or outputs.
 */
import type { ChatProvider, ChatRequest, ChatResponse, StreamEvent } from '@graft/providers';
import type { RunOptions, RunResult, Sandbox, TestCase, TestReport, TestRunOptions } from '@graft/sandbox';
import type { ModuleMetricsSink } from './metrics.js';
import type { ModuleSpan, ModuleTracer } from './spans.js';

/** A sandbox whose runs are traced and measured; closing it closes the original. */
export function instrumentSandbox(sandbox: Sandbox, tracer: ModuleTracer, metrics: ModuleMetricsSink): Sandbox {
  return {
    async run(source: string, options?: RunOptions): Promise<RunResult> {
      const span = tracer.start('graft.sandbox.run', { 'graft.sandbox.kind': 'run' });
      try {
        const result = await sandbox.run(source, options);
        const outcome = result.ok ? 'ok' : result.error.code;
        metrics.observe('sandbox_run_duration_seconds', { kind: 'run', outcome }, result.stats.durationMs / 1000);
        if (result.stats.memoryBytes !== undefined) metrics.observe('sandbox_run_memory_bytes', {}, result.stats.memoryBytes);
        span.set({
          'graft.sandbox.outcome': outcome,
          'graft.sandbox.duration_ms': result.stats.durationMs,
          'graft.sandbox.fetch_count': result.stats.fetchCount,
          ...(result.stats.memoryBytes !== undefined ? { 'graft.sandbox.memory_bytes': result.stats.memoryBytes } : {}),
        });
        span.end(result.ok ? undefined : { code: outcome });
        return result;
      } catch (err) {
        span.end(err);
        throw err;
      }
    },
    async runTests(source: string, cases: TestCase[], options?: TestRunOptions): Promise<TestReport> {
      const span = tracer.start('graft.sandbox.run_tests', { 'graft.sandbox.kind': 'test_case', 'graft.sandbox.cases': cases.length });
      try {
        const report = await sandbox.runTests(source, cases, options);
        for (const r of report.results)
          metrics.observe(
            'sandbox_run_duration_seconds',
            { kind: 'test_case', outcome: r.passed ? 'passed' : (r.error?.code ?? 'EXPECTATION_FAILED') },
            r.durationMs / 1000,
          );
        span.set({ 'graft.sandbox.passed': report.passed, 'graft.sandbox.failed': report.failed });
        span.end();
        return report;
      } catch (err) {
        span.end(err);
        throw err;
      }
    },
    close: () => sandbox.close(),
    dispose: () => sandbox.close(),
    [Symbol.asyncDispose]: () => sandbox.close(),
  };
}

function chatSpan(provider: ChatProvider, request: ChatRequest, tracer: ModuleTracer): ModuleSpan {
  const model = request.model ?? provider.model;
  return tracer.start(
    `chat ${model}`,
    {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': provider.id,
      'gen_ai.request.model': model,
      'graft.module.phase': tracer.current()?.op ?? 'unknown',
    },
    'client',
  );
}

function finishChat(span: ModuleSpan, res: ChatResponse, phase: string, metrics: ModuleMetricsSink): void {
  span.set({
    'gen_ai.response.model': res.model,
    'gen_ai.usage.input_tokens': res.usage.inputTokens,
    'gen_ai.usage.output_tokens': res.usage.outputTokens,
    'gen_ai.response.finish_reasons': [res.finishReason],
  });
  metrics.inc('module_model_tokens_total', { phase, direction: 'input' }, res.usage.inputTokens);
  metrics.inc('module_model_tokens_total', { phase, direction: 'output' }, res.usage.outputTokens);
  span.end();
}

/** A provider whose calls get GenAI spans (parented on the module operation) and token metrics. */
export function instrumentProvider(provider: ChatProvider, tracer: ModuleTracer, metrics: ModuleMetricsSink): ChatProvider {
  return {
    id: provider.id,
    model: provider.model,
    async chat(request: ChatRequest): Promise<ChatResponse> {
      const phase = tracer.current()?.op ?? 'unknown';
      const span = chatSpan(provider, request, tracer);
      try {
        const res = await provider.chat(request);
        finishChat(span, res, phase, metrics);
        return res;
      } catch (err) {
        span.end(err);
        throw err;
      }
    },
    stream(request: ChatRequest): AsyncIterable<StreamEvent> {
      const phase = tracer.current()?.op ?? 'unknown';
      const span = chatSpan(provider, request, tracer);
      const inner = provider.stream(request);
      return {
        async *[Symbol.asyncIterator]() {
          let ended = false;
          try {
            for await (const event of inner) {
              if (event.type === 'finish') {
                finishChat(span, event.response, phase, metrics);
                ended = true;
              }
              yield event;
            }
          } catch (err) {
            if (!ended) span.end(err);
            ended = true;
            throw err;
          } finally {
            if (!ended) span.end();
          }
        },
      };
    },
  };
}
