import { describe, expect, it } from 'vitest';
import { GUEST_GLOBALS_DOC } from '@graft/sandbox';
import { MAX_DOCS_CHARS } from '../src/limits.js';
import { MAX_MODULE_NAME_LENGTH, MAX_TOOL_NAME_LENGTH } from '../src/limits.js';
import { buildGenerationMessages, buildSystemPrompt, buildUserPrompt, SUBMIT_MODULE_TOOL } from '../src/build/generate/prompt.js';
import { EXAMPLE_MODULE } from '../src/build/generate/prompt-example.js';
import { testSecretValue } from '../src/build/validate/validate.js';

describe('generation prompt', () => {
  const system = buildSystemPrompt();

  it('contains the guest globals paragraph from @graft/sandbox verbatim', () => {
    expect(system).toContain(GUEST_GLOBALS_DOC);
  });

  it('contains the example module’s code, manifest and tests', () => {
    expect(system).toContain(EXAMPLE_MODULE.code.trimEnd());
    expect(system).toContain(JSON.stringify(EXAMPLE_MODULE.manifest, null, 2));
    expect(system).toContain(JSON.stringify(EXAMPLE_MODULE.tests, null, 2));
  });

  it('states the limits the manifest schema enforces and the offline credential value', () => {
    expect(system).toContain(`at most ${MAX_MODULE_NAME_LENGTH} characters`);
    expect(system).toContain(`tool names at most ${MAX_TOOL_NAME_LENGTH} characters`);
    expect(system).toContain(testSecretValue('EXAMPLE_API_KEY'));
  });

  it('the user turn carries the request, docs (truncated when huge) and examples (bundles or text)', () => {
    const huge = 'x'.repeat(MAX_DOCS_CHARS + 500);
    const user = buildUserPrompt({ request: '  Clash Royale stats  ', docs: huge, examples: [EXAMPLE_MODULE] });
    expect(user.startsWith('Build a module for this request:\nClash Royale stats')).toBe(true);
    expect(user).toContain('…(truncated)');
    expect(user.length).toBeLessThan(MAX_DOCS_CHARS + 10_000);
    expect(user).toContain('## Additional example 1');
    expect(buildUserPrompt({ request: 'r', examples: 'GET /v1/x → {"a":1}' })).toContain('## Examples\nGET /v1/x → {"a":1}');
    const [sys, usr] = buildGenerationMessages({ request: 'r' });
    expect(sys).toEqual({ role: 'system', content: system });
    expect(usr!.role).toBe('user');
  });

  it('submit_module asks for manifest, code and tests', () => {
    expect(SUBMIT_MODULE_TOOL.name).toBe('submit_module');
    expect(SUBMIT_MODULE_TOOL.parameters).toMatchObject({ type: 'object', required: ['manifest', 'code', 'tests'] });
  });
});
