/**
 * The README's embedding example is `examples/snippets/embed.ts` verbatim, so the code users
 * copy is the code the typecheck compiles.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('README', () => {
  it('embeds examples/snippets/embed.ts verbatim', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /## Embedding\n\n```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(readFileSync(join(root, 'examples/snippets/embed.ts'), 'utf8'));
  });

  it('shows the two commands that CI runs', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm install && npm run demo');
    expect(readme).toContain('npm test');
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toMatch(/^npm test$/m);
  });
});
