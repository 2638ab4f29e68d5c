/**
 * The code shown in docs/ is the compiled example code, inlined by `npm run docs:sync`: a page
 * whose block differs from its file (or that still holds a raw `{@includeCode}` line, which
 * GitHub shows as text) fails here.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script without type declarations
import { syncDocs } from '../../scripts/docs-sync.mjs';

const sync = syncDocs as (o?: { check?: boolean; dir?: string }) => string[];

describe('docs code blocks', () => {
  it('every page in docs/ is in step with the example files it shows', () => {
    expect(sync({ check: true })).toEqual([]);
  });

  it('a raw include is reported, a sync inlines it, a hand edit to the block is reported again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'graft-docs-'));
    const example = fileURLToPath(new URL('../snippets/tools.ts', import.meta.url));
    try {
      const page = join(dir, 'page.md');
      writeFileSync(page, `# Page\n\n{@includeCode ${example}}\n\nAfter.\n`);
      expect(sync({ check: true, dir })).toEqual([expect.stringContaining('page.md')]);
      sync({ dir });
      const synced = readFileSync(page, 'utf8');
      expect(synced).toContain('```ts\n' + readFileSync(example, 'utf8').trimEnd() + '\n```');
      expect(synced).not.toContain('{@includeCode');
      expect(sync({ check: true, dir })).toEqual([]);
      writeFileSync(page, synced.replace('```ts\n', '```ts\n// edited by hand\n'));
      expect(sync({ check: true, dir })).toEqual([expect.stringContaining('page.md')]);
      sync({ dir });
      expect(readFileSync(page, 'utf8')).toBe(synced);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
