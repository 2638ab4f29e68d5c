import { describe, expect, it } from 'vitest';
import { ModuleError, ModuleRegistry, type ModuleState, type VersionRecord } from '../src/index.js';
import { failingOnNthSet, memoryStore } from './manager-fixtures.js';

function state(name: string, version: string, extra: Partial<ModuleState> = {}): ModuleState {
  return {
    name,
    activeVersion: version,
    versions: [version],
    status: 'installed',
    manifest: { name, version, description: 'd', category: 'c', permissions: { hosts: [] }, credentials: [], tools: [{ name: 't', description: 't' }] },
    installedAt: 'then',
    updatedAt: 'now',
    bundleHash: `hash-${version}`,
    tools: [{ name: 't', description: 't', input: { type: 'object' } }],
    ...extra,
  };
}

function version(v: string): VersionRecord {
  const s = state('m', v);
  return {
    version: v,
    bundle: { manifest: s.manifest, code: `// ${v}`, tests: [] },
    bundleHash: s.bundleHash,
    tools: s.tools,
    approvedBy: 'u',
    approvedAt: 'x',
    installedAt: 'y',
  };
}

describe('ModuleRegistry', () => {
  it('persists versions and the active pointer; a new registry on the same store sees them', async () => {
    const store = memoryStore();
    const r = new ModuleRegistry(store);
    await r.load();
    await r.commit(state('m', '1.0.0'), version('1.0.0'));
    await r.commit(state('m', '1.1.0', { versions: ['1.0.0', '1.1.0'] }), version('1.1.0'));
    const again = new ModuleRegistry(store);
    await again.load();
    expect(again.state('m')?.activeVersion).toBe('1.1.0');
    expect((await again.version('m', '1.0.0'))?.bundle.code).toBe('// 1.0.0');
  });

  it.each([
    [1, 'store version 1.1.0'],
    [2, 'activate the new state'],
  ])('a failure on set #%i of an upgrade leaves the previous version active (%s)', async (n, step) => {
    const base = memoryStore();
    const store = failingOnNthSet(base, Number.MAX_SAFE_INTEGER);
    const r = new ModuleRegistry(store);
    await r.load();
    await r.commit(state('m', '1.0.0'), version('1.0.0'));
    store.arm(n);
    const err = await r.commit(state('m', '1.1.0', { versions: ['1.0.0', '1.1.0'] }), version('1.1.0')).catch((e) => e);
    expect(err).toBeInstanceOf(ModuleError);
    expect(err.code).toBe('MODULE_STORE_FAILED');
    expect(err.message).toContain(step);
    expect(err.message).toContain('previous version stays active');
    expect(r.state('m')?.activeVersion).toBe('1.0.0');
    const reloaded = new ModuleRegistry(base);
    await reloaded.load();
    expect(reloaded.state('m')?.activeVersion).toBe('1.0.0');
    expect(reloaded.state('m')?.versions).toEqual(['1.0.0']);
  });

  it.each([1, 2, 3])('a failure on set #%i of a first install leaves nothing half-installed', async (n) => {
    const base = memoryStore();
    const r = new ModuleRegistry(failingOnNthSet(base, n));
    await r.load();
    await expect(r.commit(state('m', '1.0.0'), version('1.0.0'))).rejects.toMatchObject({ code: 'MODULE_STORE_FAILED' });
    expect(r.state('m')).toBeUndefined();
    const reloaded = new ModuleRegistry(base);
    await reloaded.load();
    expect(reloaded.states()).toEqual([]);
  });

  it('remove deletes every version and notifies; others stay', async () => {
    const store = memoryStore();
    const r = new ModuleRegistry(store);
    await r.load();
    let changes = 0;
    r.subscribe(() => changes++);
    await r.commit(state('a', '1.0.0'), version('1.0.0'));
    await r.commit(state('b', '1.0.0'));
    await r.remove('a');
    expect(changes).toBe(3);
    expect(r.states().map((s) => s.name)).toEqual(['b']);
    expect([...store.map.keys()].filter((k) => k.includes('/a') || k.endsWith('state/a'))).toEqual([]);
  });
});
