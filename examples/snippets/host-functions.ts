// Host functions: the host offers async functions to guest code (JSON in, JSON out; each call
// checked, counted, time-bounded, and its result scrubbed of the run's secrets).
import { createSandbox } from '@graft/sandbox';

const scores = new Map([
  [1, 12],
  [2, 30],
]);
const sandbox = await createSandbox();
const result = await sandbox.run(
  `export default async (input, ctx) => {
     const all = await Promise.all(input.ids.map((id) => ctx.functions.score({ id })));
     return all.reduce((a, b) => a + b, 0);
   }`,
  {
    input: { ids: [1, 2] },
    capabilities: { functions: { score: async (args) => scores.get((args as { id: number }).id) ?? 0 } },
    limits: { functionCalls: 10, functionTimeMs: 1_000 },
  },
);
console.log(result.ok ? `${result.value} (${result.stats.functionCalls} calls)` : result.error.code); // 42 (2 calls)
await sandbox.close();
