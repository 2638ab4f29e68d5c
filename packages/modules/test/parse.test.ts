import { describe, expect, it } from 'vitest';
import type { ChatResponse, ToolCall } from '@graft/providers';
import { ModuleOutputError, parseModuleReply, toBundle, toolOfEntry } from '../src/build/generate/parse.js';
import { MAX_CODE_BYTES } from '../src/limits.js';
import { EXAMPLE_MODULE } from '../src/build/generate/prompt-example.js';

const submission = { manifest: EXAMPLE_MODULE.manifest, code: EXAMPLE_MODULE.code, tests: EXAMPLE_MODULE.tests };

function reply(text: string, toolCalls: ToolCall[] = []): Pick<ChatResponse, 'text' | 'toolCalls'> {
  return { text, toolCalls };
}
function call(args: unknown, name = 'submit_module', raw?: string): ToolCall {
  const rawArgs = raw ?? JSON.stringify(args);
  let parsed: Record<string, unknown> = {};
  let argsError: string | undefined;
  try {
    parsed = JSON.parse(rawArgs);
  } catch (e) {
    argsError = (e as Error).message;
  }
  return { id: 'c1', name, args: parsed, rawArgs, ...(argsError ? { argsError } : {}) };
}

describe('parseModuleReply', () => {
  it('reads the submit_module tool call arguments', () => {
    const b = parseModuleReply(reply('', [call(submission)]));
    expect(b.manifest.name).toBe('github-repos');
    expect(b.code).toBe(EXAMPLE_MODULE.code);
    expect(b.tests).toHaveLength(EXAMPLE_MODULE.tests.length);
  });

  it('falls back to a fenced ```json block holding the whole module', () => {
    const text = `Here is the module:\n\n\`\`\`json\n${JSON.stringify(submission, null, 2)}\n\`\`\`\nEnjoy.`;
    const b = parseModuleReply(reply(text));
    expect(b.manifest.name).toBe('github-repos');
    expect(b.code).toBe(EXAMPLE_MODULE.code);
  });

  it('falls back to separate manifest / js / tests blocks', () => {
    const text = [
      'Manifest:',
      '```json',
      JSON.stringify(EXAMPLE_MODULE.manifest),
      '```',
      'Code:',
      '```javascript',
      EXAMPLE_MODULE.code.trimEnd(),
      '```',
      'Tests:',
      '```json',
      JSON.stringify(EXAMPLE_MODULE.tests),
      '```',
    ].join('\n');
    const b = parseModuleReply(reply(text));
    expect(b.manifest.name).toBe('github-repos');
    expect(b.code.trim()).toBe(EXAMPLE_MODULE.code.trim());
    expect(b.tests.map((t) => t.name)).toEqual(EXAMPLE_MODULE.tests.map((t) => t.name));
  });

  it('falls back to a bare JSON object in the text', () => {
    const b = parseModuleReply(reply(`Sure! ${JSON.stringify(submission)} Done.`));
    expect(b.manifest.version).toBe('1.0.0');
  });

  it('recovers a fenced object when the tool arguments are not JSON but contain one', () => {
    const raw = `\`\`\`json\n${JSON.stringify(submission)}\n\`\`\``;
    const b = parseModuleReply(reply('', [call(undefined, 'submit_module', raw)]));
    expect(b.manifest.name).toBe('github-repos');
  });

  it('non-JSON output is a typed error addressed to the model, not a crash', () => {
    const err = (() => {
      try {
        parseModuleReply(reply('I think you should use the Clash Royale API. Good luck!'));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ModuleOutputError);
    expect((err as ModuleOutputError).code).toBe('MODULE_INVALID_BUNDLE');
    expect((err as Error).message).toMatch(/submit_module/);
  });

  it('broken tool-call JSON is a typed error naming the problem', () => {
    expect(() => parseModuleReply(reply('', [call(undefined, 'submit_module', '{"manifest": {"name": ')]))).toThrow(/not valid JSON/);
  });

  it('a call to another tool is reported with the tool to use', () => {
    expect(() => parseModuleReply(reply('', [call({ a: 1 }, 'install_module')]))).toThrow(/Unknown tool "install_module"/);
  });

  it('missing parts are named', () => {
    expect(() => toBundle({ manifest: {} })).toThrow(/"code", "tests"/);
    expect(() => toBundle({ manifest: 'x', code: 'a', tests: [] })).toThrow(/manifest" must be a JSON object/);
    // A double-encoded manifest or tests array is accepted.
    expect(toBundle({ manifest: JSON.stringify({ name: 'a' }), code: 'a', tests: '[]' })).toEqual({ manifest: { name: 'a' }, code: 'a', tests: [] });
    expect(() => toBundle({ manifest: {}, code: '', tests: [] })).toThrow(/non-empty string/);
    expect(() => toBundle({ manifest: {}, code: 'x', tests: {} })).toThrow(/"tests" must be a JSON array/);
  });

  it('normalizes tests: a `tool` shorthand becomes an entry, a case without entry is refused', () => {
    const b = toBundle({ manifest: {}, code: 'x', tests: [{ name: 'a', tool: 'getRepo', input: {} }] });
    expect(b.tests[0]).toEqual({ name: 'a', entry: 'tools.getRepo.run', input: {} });
    expect(() => toBundle({ manifest: {}, code: 'x', tests: [{ name: 'b' }] })).toThrow(/"entry"/);
  });

  it('strips a ``` fence the model wrapped the code string in', () => {
    const b = toBundle({ manifest: {}, code: '```js\nexport const tools = {};\n```', tests: [] });
    expect(b.code).toBe('export const tools = {};');
  });

  it('oversized code is refused with MODULE_TOO_LARGE before anything runs', () => {
    const code = `export const tools = {};\n//${'x'.repeat(10 * 1024 * 1024)}`;
    const started = performance.now();
    let err: unknown;
    try {
      parseModuleReply(reply('', [call({ manifest: EXAMPLE_MODULE.manifest, code, tests: [] })]));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ModuleOutputError);
    expect((err as ModuleOutputError).code).toBe('MODULE_TOO_LARGE');
    expect((err as Error).message).toContain(String(MAX_CODE_BYTES));
    expect(performance.now() - started).toBeLessThan(5_000); // sanity, not a benchmark
  });

  it('toolOfEntry reads tools.<name>.run only', () => {
    expect(toolOfEntry('tools.getPlayer.run')).toBe('getPlayer');
    expect(toolOfEntry('tools.getPlayer')).toBeUndefined();
    expect(toolOfEntry('default')).toBeUndefined();
  });
});
