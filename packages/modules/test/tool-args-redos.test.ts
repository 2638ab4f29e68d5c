/**
 * ReDoS on the host: a module's input-schema regular expressions (`pattern`, `patternProperties`,
 * `propertyNames`) never run on the host's event loop. Catastrophic patterns on hostile
 * arguments end in a typed `MODULE_TOOL_INPUT_INVALID` (what the model sees) while the event
 * loop keeps ticking; ordinary patterns still give exactly the verdict they always did.
 */
import type { Sandbox } from '@graft/sandbox';
import { Agent, createStore } from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply } from '@graft/providers/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModuleToolError, type Draft } from '../src/index.js';
import { schemaForArgs, type PatternOracle } from '../src/runtime/tool-args-patterns.js';
import { MAX_PATTERN_TESTS } from '../src/limits.js';
import { makeManager, testSandbox } from './manager-fixtures.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await testSandbox();
});
afterAll(() => sandbox.dispose());

const ctx = () => ({ threadId: 't', toolCallId: 'c', signal: new AbortController().signal, requestInput: async () => undefined as never });

function patternDraft(name: string, input: Record<string, unknown>): Draft {
  return {
    request: `pattern ${name}`,
    round: 0,
    bundle: {
      manifest: {
        name,
        version: '1.0.0',
        description: `Pattern module ${name}.`,
        category: 'utility',
        permissions: { hosts: [] },
        credentials: [],
        tools: [{ name: 'take', description: 'Take the input' }],
      },
      code: `export const tools = {
  take: {
    description: 'Take the input',
    input: ${JSON.stringify(input)},
    async run(input) { return { ran: true, input }; },
  },
};
`,
      tests: [{ name: 'take returns its input', entry: 'tools.take.run', input: {}, expect: { match: { ran: true } } }],
    },
  };
}

/** Validates (the manager records the passing report), approves and installs a draft. */
async function installValidated(manager: ReturnType<typeof makeManager>['manager'], d: Draft): Promise<void> {
  const report = await manager.validate(d);
  if (!report.passed) throw new Error(`draft failed validation: ${JSON.stringify(report.issues)}`);
  await manager.install(d, await manager.approve(d, { by: 'u' }));
}

type AnyTool = Awaited<ReturnType<typeof toolFor>>;
/** `tool.execute` as a promise. */
const exec = (tool: AnyTool, args: unknown): Promise<unknown> => Promise.resolve().then(() => tool.execute(args as never, ctx()));

async function toolFor(name: string, input: Record<string, unknown>) {
  const { manager } = makeManager(createStore(), sandbox);
  await installValidated(manager, patternDraft(name, input));
  const [tool] = manager.toolSource().list();
  return tool;
}

/** Runs `fn` while a 5 ms interval ticks; returns its outcome and the longest gap between ticks. */
async function watchLoop<T>(fn: () => Promise<T>): Promise<{ outcome: PromiseSettledResult<T>; maxGapMs: number }> {
  let last = performance.now();
  let maxGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGapMs = Math.max(maxGapMs, now - last);
    last = now;
  }, 5);
  const [outcome] = await Promise.allSettled([fn()]);
  clearInterval(timer);
  maxGapMs = Math.max(maxGapMs, performance.now() - last);
  return { outcome, maxGapMs };
}

/** A frozen loop shows one gap as long as the whole backtracking (hours at 40 characters); this bound leaves room for a busy machine's GC pauses. */
const MAX_GAP_MS = 1_000;

const CATASTROPHIC = ['^(a+)+$', '^(a|a)*$', '^(a|aa)+$', '^(\\w+\\s?)*$', '(x+x+)+y'];

describe('catastrophic input-schema patterns', () => {
  for (const pattern of CATASTROPHIC) {
    it(`${pattern}: the call fails with MODULE_TOOL_INPUT_INVALID and the event loop keeps ticking`, async () => {
      const tool = await toolFor('redos', { type: 'object', properties: { text: { type: 'string', pattern } }, required: ['text'] });
      const hostile = { text: `${pattern.includes('x') ? 'x' : 'a'.repeat(1)}${(pattern.includes('x') ? 'x' : 'a').repeat(40)}!` };
      const parsed = tool.parse(hostile);
      expect(parsed.ok).toBe(true); // the host parser never runs the pattern
      const { outcome, maxGapMs } = await watchLoop(() => exec(tool, hostile));
      expect(outcome.status).toBe('rejected');
      const error = (outcome as PromiseRejectedResult).reason as ModuleToolError;
      expect(error).toBeInstanceOf(ModuleToolError);
      expect(error.code).toBe('MODULE_TOOL_INPUT_INVALID');
      expect(error.message).toMatch(/took longer than|does not match/);
      expect(error.message).toContain('call the tool again');
      // a frozen loop would show one gap as long as the whole backtracking (minutes)
      expect(maxGapMs).toBeLessThan(MAX_GAP_MS);
    });
  }

  it('the same pattern in patternProperties and propertyNames cannot stall the host either', async () => {
    const tool = await toolFor('redos-keys', {
      type: 'object',
      properties: { opts: { type: 'object', patternProperties: { '^(a+)+$': { type: 'number' } }, propertyNames: { pattern: '^(a|a)*$' } } },
    });
    const key = `${'a'.repeat(40)}!`;
    const { outcome, maxGapMs } = await watchLoop(() => exec(tool, { opts: { [key]: 1 } }));
    expect(outcome.status).toBe('rejected');
    expect(((outcome as PromiseRejectedResult).reason as ModuleToolError).code).toBe('MODULE_TOOL_INPUT_INVALID');
    expect(maxGapMs).toBeLessThan(MAX_GAP_MS);
  });
  it('a pattern hidden in `examples` and reached through $ref is evaluated in the sandbox too', async () => {
    const tool = await toolFor('redos-ref', { type: 'object', examples: [{ pattern: '^(a+)+$' }], properties: { text: { $ref: '#/examples/0' } } });
    const { outcome, maxGapMs } = await watchLoop(() => exec(tool, { text: `${'a'.repeat(40)}!` }));
    expect(outcome.status).toBe('rejected');
    expect(((outcome as PromiseRejectedResult).reason as ModuleToolError).code).toBe('MODULE_TOOL_INPUT_INVALID');
    expect(maxGapMs).toBeLessThan(MAX_GAP_MS);
  });
});

describe('through the agent', () => {
  it('the model gets the typed failure as a tool error and the run finishes', async () => {
    const { manager } = makeManager(createStore(), sandbox);
    await installValidated(
      manager,
      patternDraft('redos-agent', { type: 'object', properties: { text: { type: 'string', pattern: '^(a+)+$' } }, required: ['text'] }),
    );
    const model = await createMockServer({
      script: [reply.text('hello'), reply.toolCall('redos-agent__take', { text: `${'a'.repeat(40)}!` }), reply.text('sorry')],
    });
    try {
      const agent = new Agent({
        provider: openaiCompatible({ baseURL: model.url, apiKey: 'k', model: 'm', maxRetries: 0 }),
        toolSources: [manager.toolSource()],
      });
      await agent.run('hi'); // warm: the first run loads and compiles the agent's graph
      const { outcome, maxGapMs } = await watchLoop(() => agent.run('take this'));
      expect(outcome.status).toBe('fulfilled');
      const result = (outcome as PromiseFulfilledResult<Awaited<ReturnType<Agent['run']>>>).value;
      expect(result.status).toBe('done');
      const toolMessage = result.messages.find((m) => m.role === 'tool')!;
      expect(toolMessage.content).toMatch(/Invalid arguments for "redos-agent__take".*took longer than/);
      // what the model received in its next request
      expect(model.requests.at(-1)!.rawBody).toContain('took longer than');
      expect(maxGapMs).toBeLessThan(MAX_GAP_MS);
    } finally {
      await model.close();
    }
  });
});

describe('ordinary patterns keep their verdicts', () => {
  it('pattern: a match runs the tool, a mismatch names the original pattern', async () => {
    const tool = await toolFor('plain', { type: 'object', properties: { tag: { type: 'string', pattern: '^#[A-Z0-9]+$' } }, required: ['tag'] });
    expect(await exec(tool, { tag: '#ABC9' })).toEqual({ ran: true, input: { tag: '#ABC9' } });
    const error = await exec(tool, { tag: 'abc' }).catch((e: unknown) => e as ModuleToolError);
    expect(error).toBeInstanceOf(ModuleToolError);
    expect((error as ModuleToolError).code).toBe('MODULE_TOOL_INPUT_INVALID');
    expect((error as ModuleToolError).message).toContain('^#[A-Z0-9]+$');
    // the rest of the schema still applies
    const missing = await exec(tool, {}).catch((e: unknown) => e as ModuleToolError);
    expect((missing as ModuleToolError).message).toContain('tag');
  });

  it('patternProperties with additionalProperties: false', async () => {
    const tool = await toolFor('props', {
      type: 'object',
      properties: { opts: { type: 'object', patternProperties: { '^x-': { type: 'number' } }, additionalProperties: false } },
    });
    expect(await exec(tool, { opts: { 'x-a': 1, 'x-b': 2 } })).toMatchObject({ ran: true });
    for (const bad of [{ opts: { 'x-a': 'one' } }, { opts: { y: 1 } }]) {
      const error = await exec(tool, bad).catch((e: unknown) => e as ModuleToolError);
      expect((error as ModuleToolError).code, JSON.stringify(bad)).toBe('MODULE_TOOL_INPUT_INVALID');
    }
  });

  it('arguments needing more than MAX_PATTERN_TESTS pattern tests are refused before any run', async () => {
    const tool = await toolFor('many', { type: 'object', properties: { tags: { type: 'array', items: { type: 'string', pattern: '^#' } } } });
    const tags = Array.from({ length: MAX_PATTERN_TESTS + 1 }, (_, i) => `#${i}`);
    const error = await exec(tool, { tags }).catch((e: unknown) => e as ModuleToolError);
    expect((error as ModuleToolError).code).toBe('MODULE_TOOL_INPUT_INVALID');
    expect((error as ModuleToolError).message).toContain('too many strings');
  });

  it('an invalid pattern is a typed error, not a crash', async () => {
    const tool = await toolFor('broken', { type: 'object', properties: { s: { type: 'string', pattern: '(' } } });
    const error = await exec(tool, { s: 'x' }).catch((e: unknown) => e as ModuleToolError);
    expect((error as ModuleToolError).code).toBe('MODULE_TOOL_INPUT_INVALID');
  });

  it('schemas without patterns are validated on the host in parse, as before', async () => {
    const tool = await toolFor('nopattern', { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] });
    expect(tool.parse({ n: 'x' }).ok).toBe(false);
    expect(tool.parse({ n: 1 }).ok).toBe(true);
  });
});

describe('schemaForArgs', () => {
  it('never hands a pattern to the host engine, even one hidden in data that a $ref points at', async () => {
    const seen: string[][] = [];
    const oracle: PatternOracle = async (patterns, strings) => {
      seen.push(patterns);
      return patterns.map(() => strings.map((s) => s === 'ok'));
    };
    const schema = {
      properties: { a: { pattern: '^(a+)+$' }, b: { $ref: '#/examples/0' }, c: { $ref: '#/$defs/pattern' } },
      examples: [{ pattern: '^(b+)+$' }],
      $defs: { pattern: { pattern: '(x+x+)+y' } },
      dependencies: { enum: { patternProperties: { '^(c|c)*$': {} } } },
    };
    const { schema: out } = await schemaForArgs(schema, { a: 'ok', b: 'no' }, oracle);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual(expect.arrayContaining(['^(a+)+$', '^(b+)+$', '(x+x+)+y', '^(c|c)*$']));
    const text = JSON.stringify(out);
    for (const p of ['(a+)+', '(b+)+', '(x+x+)+y', '(c|c)*']) expect(text).not.toContain(p);
    expect((out as { properties: { a: { pattern: string } } }).properties.a.pattern).toBe('^(?:ok)$|(?!)0');
  });
});
