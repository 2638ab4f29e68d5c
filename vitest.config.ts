import { defineConfig } from 'vitest/config';

// Sibling packages resolve to their TypeScript sources through the custom export condition
// "@graft/source" (see each package.json's exports), so tests never need a build first.
const conditions = ['@graft/source', 'node', 'development|production'];

const project = (name: string, dir: string) => ({
  extends: true as const,
  test: { name, include: [`${dir}/test/**/*.test.ts`] },
});

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      project('providers', 'packages/providers'),
      project('sandbox', 'packages/sandbox'),
      project('core', 'packages/core'),
      project('modules', 'packages/modules'),
      project('examples', 'examples'),
    ],
  },
});
