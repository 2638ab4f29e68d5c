/**
 * The scale benches' installed modules: the evaluation catalog's tools dealt round-robin into
 * `count` modules and committed straight to a {@link ModuleRegistry} on `store` (no build, no
 * sandbox), as if a user had installed them.
 */
import type { createStore } from '@graft/core';
import { ModuleRegistry, type ModuleState } from '@graft/modules';
import type { EvalDataset } from './generate.js';

/** Commits `count` modules holding `data`'s tools to the registry on `store`. */
export async function installBenchModules(store: ReturnType<typeof createStore>, data: EvalDataset, count: number): Promise<void> {
  const reg = new ModuleRegistry(store);
  await reg.load();
  const now = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const own = data.tools.filter((_, j) => j % count === i);
    const state = {
      name: `m${i}-${own[0]!.name.split('__')[0]}`.slice(0, 40),
      activeVersion: '1.0.0',
      versions: ['1.0.0'],
      status: 'installed',
      manifest: {
        name: `m${i}`,
        version: '1.0.0',
        description: own[0]!.description,
        category: 'bench',
        permissions: { hosts: [] },
        credentials: [],
        tools: own.map((t) => ({ name: t.name.split('__')[1]!.slice(0, 21), description: t.description })),
      },
      installedAt: now,
      updatedAt: now,
      bundleHash: `h${i}`,
      tools: own.map((t) => ({ name: t.name.split('__')[1]!.replace(/-/g, '_').slice(0, 21), description: t.description, input: t.parameters })),
    } as unknown as ModuleState;
    await reg.commit(state);
  }
}
