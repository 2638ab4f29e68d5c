/**
 * The model-assisted injection check on the held-out eval splits, through the real path
 * (createGuards → modelCheckInjection → an OpenAI-compatible provider over HTTP).
 *
 * - With GRAFT_BASE_URL (and GRAFT_MODEL, optional GRAFT_API_KEY) set, it asks THAT model:
 *   the quality figure for a live model (recall, indirect recall, false positives, latency).
 *     GRAFT_BASE_URL=http://localhost:11434/v1 GRAFT_MODEL=qwen2.5:7b npm run bench -- guards-model
 * - Without it, the mock server answers with scripted verdicts (right ones, then 10% wrong):
 *   this measures the pipeline (gating, fallbacks, HTTP), not a model.
 */
import { fromEnv, openaiCompatible, type ChatProvider } from '@graft/providers';
import { createMockServer, reply } from '@graft/providers/testing';
import { HELD_OUT, scoreInjection } from '../packages/core/eval/metrics.js';
import { checkedText, scoreModelCheck, scriptedVerdicts, type ModelCheckReport } from '../packages/core/eval/model-check.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);
const line = (label: string, r: ModelCheckReport) =>
  console.log(
    `  ${label.padEnd(46)} recall ${pct(r.recall)}  indirect ${pct(r.indirectRecall)}  FPR ${pct(r.fpr)}  model calls ${String(r.modelCalls).padStart(4)}  median ${r.medianMs.toFixed(1)} ms  p95 ${r.p95Ms.toFixed(1)} ms`,
  );

const h = scoreInjection(HELD_OUT);
console.log(`held-out splits ${HELD_OUT.join(', ')}: ${h.positives} injections, ${h.negatives} benign texts`);
console.log(`  heuristics alone                               recall ${pct(h.recall)}  indirect ${pct(h.indirect.recall)}  FPR ${pct(h.fpr)}`);

if (process.env.GRAFT_BASE_URL) {
  const provider = fromEnv();
  let calls = 0;
  const counted: ChatProvider = new Proxy(provider, {
    get(target, prop) {
      if (prop === 'chat') return (req: Parameters<ChatProvider['chat']>[0]) => (calls++, target.chat(req));
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  console.log(`live model: ${process.env.GRAFT_MODEL ?? '(preset default)'} at ${process.env.GRAFT_BASE_URL}`);
  line("modelWhen 'suspicious' (default)", await scoreModelCheck(counted, HELD_OUT, { calls: () => calls }));
  line("modelWhen 'always'", await scoreModelCheck(counted, HELD_OUT, { modelWhen: 'always', calls: () => calls }));
} else {
  const server = await createMockServer();
  let verdict = scriptedVerdicts(HELD_OUT, 0);
  server.setScript((req) => reply.text(verdict(checkedText(req) ?? '')));
  const provider = openaiCompatible({ baseURL: server.url, model: 'scripted', maxRetries: 0 });
  const calls = () => server.chatRequests.length;
  console.log('no GRAFT_BASE_URL: mock server with scripted verdicts (measures the pipeline, not a model)');
  line("right verdicts, modelWhen 'suspicious'", await scoreModelCheck(provider, HELD_OUT, { calls }));
  line("right verdicts, modelWhen 'always'", await scoreModelCheck(provider, HELD_OUT, { modelWhen: 'always', calls }));
  verdict = scriptedVerdicts(HELD_OUT, 0.1);
  line("10% wrong verdicts, modelWhen 'suspicious'", await scoreModelCheck(provider, HELD_OUT, { calls }));
  line("10% wrong verdicts, modelWhen 'always'", await scoreModelCheck(provider, HELD_OUT, { modelWhen: 'always', calls }));
  await server.close();
}
