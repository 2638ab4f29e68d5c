/**
 * One error family: every error class a Graft package throws is a `GraftError` that
 * `isGraftError` recognizes (also when it comes from another entry of a package), and every
 * code of every package's code union is documented in docs/errors.md.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GuardError, StoreError, ThreadBusyError, isGraftError as coreIsGraftError } from '@graft/core';
import { ApprovalError, ModuleError, VaultError } from '@graft/modules';
import { GraftError, ProviderConfigError, ProviderError, isGraftError } from '@graft/providers';
import { GraftError as GraftErrorFromErrorsEntry } from '@graft/providers/errors';
import { ScriptError } from '@graft/providers/testing';
import { SandboxUsageError, isGraftError as sandboxIsGraftError } from '@graft/sandbox';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The string literals of every `export type …Code =` union in a source file. */
function codeUnions(file: string): Map<string, string[]> {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const unions = new Map<string, string[]>();
  lines.forEach((line, i) => {
    const head = /^export type (\w*Code) =\s*(.*)$/.exec(line);
    if (!head) return;
    const codes = [...head[2]!.matchAll(/'([A-Z][A-Z0-9_]+)'/g)].map((m) => m[1]!);
    for (const next of lines.slice(i + 1)) {
      const member = /^\s*\|\s*'([A-Z0-9_]+)'/.exec(next);
      if (member) codes.push(member[1]!);
      else if (!/^\s*(\/\*\*|\*|\/\/)/.test(next) && !/^\s*\|\s*[A-Z]\w*;?\s*$/.test(next)) break;
    }
    unions.set(head[1]!, codes);
  });
  return unions;
}

const SOURCES = [
  'packages/providers/src/errors.ts',
  'packages/providers/src/testing/scripted-provider.ts',
  'packages/sandbox/src/errors.ts',
  'packages/sandbox/src/types.ts',
  'packages/core/src/errors.ts',
  'packages/core/src/router/errors.ts',
  'packages/core/src/store/errors.ts',
  'packages/core/src/mcp/errors.ts',
  'packages/core/src/guards/errors.ts',
  'packages/modules/src/errors.ts',
];

describe('one error family', () => {
  it('every package’s error classes are GraftErrors, recognized by isGraftError from any package', () => {
    const errors = [
      new ProviderError('AUTH', 'x', { provider: 'p' }),
      new ProviderConfigError('NOT_CONFIGURED', 'x'),
      new SandboxUsageError('SANDBOX_DISPOSED', 'x'),
      new ThreadBusyError('t'),
      new StoreError('STORE_CLOSED', 'x'),
      new GuardError('GUARD_INVALID_OPTIONS', 'x'),
      new ModuleError('MODULE_NOT_FOUND', 'x'),
      new ApprovalError('MODULE_APPROVAL_USED', 'x'),
      new VaultError('VAULT_KEY_MISSING', 'x'),
    ];
    for (const e of errors) {
      expect(e, e.name).toBeInstanceOf(GraftError);
      expect(e).toBeInstanceOf(GraftErrorFromErrorsEntry);
      for (const is of [isGraftError, coreIsGraftError, sandboxIsGraftError]) expect(is(e), e.name).toBe(true);
      expect(e.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
    }
    // Not Graft errors: a plain error, an object that only looks like one, a test-script mismatch.
    expect(isGraftError(Object.assign(new Error('x'), { code: 'AUTH' }))).toBe(false);
    expect(isGraftError({ code: 'AUTH', message: 'x' })).toBe(false);
    expect(isGraftError(null)).toBe(false);
    expect(isGraftError(new ScriptError('SCRIPT_EXHAUSTED', 'x', 1))).toBe(false);
  });

  it('docs/errors.md documents every code of every code union', () => {
    const page = readFileSync(join(root, 'docs/errors.md'), 'utf8');
    const documented = new Set([...page.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]!));
    const unions = new Map<string, string[]>();
    for (const file of SOURCES) for (const [name, codes] of codeUnions(file)) unions.set(name, codes);
    expect([...unions.keys()]).toEqual(
      expect.arrayContaining([
        'ProviderErrorCode',
        'ProviderConfigErrorCode',
        'ScriptErrorCode',
        'SandboxUsageErrorCode',
        'SandboxErrorCode',
        'CoreErrorCode',
        'StoreErrorCode',
        'McpErrorCode',
        'GuardErrorCode',
        'ModuleErrorCode',
      ]),
    );
    const missing = [...unions].flatMap(([name, codes]) => codes.filter((c) => !documented.has(c)).map((c) => `${name}.${c}`));
    expect(missing).toEqual([]);
    expect(unions.get('ModuleErrorCode')!.length).toBeGreaterThan(20);
    expect(unions.get('ApprovalErrorCode')!.length).toBeGreaterThan(5);
  });
});
