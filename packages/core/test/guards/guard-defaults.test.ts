import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guardDefaults } from '@graft/core';
import * as defaults from '../../src/defaults.js';

/** The names `defaults.ts` declares between the guards heading and the next `// ──` heading. */
function guardSectionNames(): string[] {
  const source = readFileSync(new URL('../../src/defaults.ts', import.meta.url), 'utf8');
  const start = source.indexOf('// ── Guards');
  expect(start).toBeGreaterThan(-1);
  const end = source.indexOf('// ──', start + 1);
  const section = source.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/^export const (\w+)/gm)].map((m) => m[1]!);
}

describe('guardDefaults', () => {
  it('re-exports every constant of the guards section of defaults.ts, with the same value', () => {
    const names = guardSectionNames();
    expect(names.length).toBeGreaterThan(10);
    const missing = names.filter((n) => !(n in guardDefaults));
    expect(missing).toEqual([]);
    for (const n of names) expect((guardDefaults as Record<string, unknown>)[n]).toBe((defaults as Record<string, unknown>)[n]);
  });

  it('exports nothing that is not a guard default', () => {
    const names = new Set(guardSectionNames());
    expect(Object.keys(guardDefaults).filter((n) => !names.has(n))).toEqual([]);
  });
});
