/**
 * The example module shown to the model in the generation prompt. It is a real, valid
 * module: the validation tests run its tests in the sandbox, so the prompt never teaches
 * something that does not pass.
 */
import type { ModuleBundle } from '../../types.js';

const EXAMPLE_CODE = `const API = 'https://api.github.com';

async function getJson(ctx, path) {
  const res = await ctx.fetch(API + path, {
    headers: {
      Authorization: 'Bearer ' + ctx.secret('GITHUB_TOKEN'),
      Accept: 'application/vnd.github+json',
    },
  });
  if (res.status === 404) throw new Error('Not found: ' + path);
  if (!res.ok) throw new Error('GitHub API error ' + res.status);
  return res.json();
}

export const tools = {
  getRepo: {
    description: 'Get the star count, forks, open issues and language of a GitHub repository.',
    input: {
      type: 'object',
      properties: {
        owner: { type: 'string', description: 'Account that owns the repository, e.g. "nodejs"' },
        repo: { type: 'string', description: 'Repository name, e.g. "node"' },
      },
      required: ['owner', 'repo'],
      additionalProperties: false,
    },
    async run(input, ctx) {
      const path = '/repos/' + encodeURIComponent(input.owner) + '/' + encodeURIComponent(input.repo);
      const data = await getJson(ctx, path);
      ctx.log('fetched ' + data.full_name);
      return {
        fullName: data.full_name,
        stars: data.stargazers_count,
        forks: data.forks_count,
        openIssues: data.open_issues_count,
        language: data.language ?? null,
      };
    },
  },
};
`;

/** A complete, valid example bundle (manifest + code + tests) used in the generation prompt. */
export const EXAMPLE_MODULE: ModuleBundle = {
  manifest: {
    name: 'github-repos',
    version: '1.0.0',
    description: 'Read public statistics of GitHub repositories.',
    category: 'developer-tools',
    permissions: { hosts: ['api.github.com'] },
    credentials: [
      {
        name: 'GITHUB_TOKEN',
        description: 'A GitHub personal access token (read-only, public repositories).',
        obtain: 'https://github.com/settings/tokens → Generate new token (fine-grained), no extra scopes.',
      },
    ],
    tools: [{ name: 'getRepo', description: 'Get the star count, forks, open issues and language of a GitHub repository.' }],
  },
  code: EXAMPLE_CODE,
  tests: [
    {
      name: 'getRepo returns the summary of nodejs/node',
      entry: 'tools.getRepo.run',
      input: { owner: 'nodejs', repo: 'node' },
      http: [
        {
          request: { method: 'GET', url: 'https://api.github.com/repos/nodejs/node' },
          response: {
            status: 200,
            json: {
              full_name: 'nodejs/node',
              stargazers_count: 108000,
              forks_count: 29500,
              open_issues_count: 1700,
              language: 'JavaScript',
            },
          },
        },
      ],
      expect: { fullName: 'nodejs/node', stars: 108000, forks: 29500, openIssues: 1700, language: 'JavaScript' },
    },
    {
      name: 'getRepo reports an unknown repository',
      entry: 'tools.getRepo.run',
      input: { owner: 'nodejs', repo: 'does-not-exist' },
      http: [
        {
          request: { method: 'GET', url: 'https://api.github.com/repos/nodejs/does-not-exist' },
          response: { status: 404, json: { message: 'Not Found' } },
        },
      ],
      expectError: { message: 'Not found' },
    },
    {
      name: 'live: getRepo answers for nodejs/node',
      entry: 'tools.getRepo.run',
      input: { owner: 'nodejs', repo: 'node' },
      live: true,
      expect: { match: { fullName: 'nodejs/node' } },
    },
  ],
};
