import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { z as z3 } from 'zod/v3';
import { defineTool, isZod3Schema, isZod4Schema, ToolDefinitionError, ToolRegistry, type Tool, type ToolSource } from '@graft/core';

const ctx = { threadId: 't', toolCallId: 'c', signal: new AbortController().signal, requestInput: async () => undefined as never };

describe('defineTool', () => {
  it('builds a zod 4 tool: input JSON Schema, parsing with defaults, field-named issues', () => {
    const t = defineTool({
      name: 'search',
      description: 'Search',
      input: z.object({ query: z.string().describe('What to find'), limit: z.number().int().max(50).default(10), tags: z.array(z.string()).optional() }),
      execute: () => 'ok',
    });
    expect(t.parameters).toMatchObject({
      type: 'object',
      properties: { query: { type: 'string', description: 'What to find' }, limit: { type: 'integer', default: 10 } },
      required: ['query'],
    });
    expect(t.parameters).not.toHaveProperty('$schema');
    expect(t.parse({ query: 'x' })).toEqual({ ok: true, value: { query: 'x', limit: 10 } });
    const bad = t.parse({ query: 1, limit: 99, tags: ['a', 2] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.some((i) => i.startsWith('query: '))).toBe(true);
      expect(bad.issues.some((i) => i.startsWith('limit: '))).toBe(true);
      expect(bad.issues.some((i) => i.startsWith('tags[1]: '))).toBe(true);
    }
    const root = t.parse('not an object');
    expect(!root.ok && root.issues[0].startsWith('(root): ')).toBe(true);
  });

  it('builds a zod/v3 tool through zod-to-json-schema', () => {
    const input = z3.object({ city: z3.string(), days: z3.number().min(1).default(3) });
    expect(isZod3Schema(input)).toBe(true);
    expect(isZod4Schema(input)).toBe(false);
    const t = defineTool({ name: 'forecast', description: 'Forecast', input, execute: ({ city, days }) => `${city}:${days}` });
    expect(t.parameters).toMatchObject({
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'number', minimum: 1, default: 3 } },
      required: ['city'],
    });
    expect(t.parameters).not.toHaveProperty('$schema');
    expect(t.parse({ city: 'Oslo' })).toEqual({ ok: true, value: { city: 'Oslo', days: 3 } });
    const bad = t.parse({ city: 3, days: 0 });
    expect(!bad.ok && bad.issues.map((i) => i.split(':')[0]).sort()).toEqual(['city', 'days']);
  });

  it('validates the output when an output schema is given', async () => {
    const t = defineTool({ name: 'n', description: 'n', input: z.object({}), output: z.object({ n: z.number() }), execute: () => ({ n: 'x' }) as never });
    await expect(Promise.resolve(t.execute({}, ctx))).rejects.toThrow(/does not match its output schema: n: /);
    const good = defineTool({ name: 'm', description: 'm', input: z.object({}), output: z.object({ n: z.number() }), execute: () => ({ n: 1 }) });
    await expect(Promise.resolve(good.execute({}, ctx))).resolves.toEqual({ n: 1 });
  });

  it('passes a synchronous result through synchronously when there is no output schema (async results stay promises)', async () => {
    const sync = defineTool({ name: 's', description: 's', input: z.object({}), execute: () => ({ n: 1 }) });
    expect(sync.execute({}, ctx)).toEqual({ n: 1 });
    const later = defineTool({ name: 'a', description: 'a', input: z.object({}), execute: async () => ({ n: 2 }) });
    const pending = later.execute({}, ctx);
    expect(pending).toBeInstanceOf(Promise);
    await expect(pending).resolves.toEqual({ n: 2 });
    const checked = defineTool({ name: 'c', description: 'c', input: z.object({}), output: z.object({ n: z.number() }), execute: () => ({ n: 3 }) });
    expect(checked.execute({}, ctx)).toBeInstanceOf(Promise);
  });

  it('rejects bad definitions with ToolDefinitionError', () => {
    const base = { description: 'd', input: z.object({}), execute: () => 1 };
    expect(() => defineTool({ ...base, name: 'has space' })).toThrow(ToolDefinitionError);
    expect(() => defineTool({ ...base, name: 'x'.repeat(65) })).toThrow(/Invalid tool name/);
    expect(() => defineTool({ ...base, name: 'ok', description: ' ' })).toThrow(/description/);
    expect(() => defineTool({ ...base, name: 'ok', input: { not: 'zod' } as never })).toThrow(/zod schema/);
    expect(() => defineTool({ ...base, name: 'ok', input: z.string() })).toThrow(/object schema/);
    expect(() => defineTool({ ...base, name: 'ok', timeoutMs: -5 })).toThrow(/timeoutMs/);
    try {
      defineTool({ ...base, name: '' });
    } catch (e) {
      expect((e as ToolDefinitionError).code).toBe('INVALID_TOOL_DEFINITION');
    }
  });
});

describe('ToolRegistry', () => {
  const mk = (name: string): Tool => defineTool({ name, description: name, input: z.object({}), execute: () => name });

  it('adds, removes, refuses duplicates, and lets direct tools shadow source tools', () => {
    let list: Tool[] = [mk('b'), mk('a')];
    let notify = () => {};
    const source: ToolSource = { list: () => list, subscribe: (fn) => ((notify = fn), () => (notify = () => {})) };
    const reg = new ToolRegistry([mk('a')], [source]);
    let changes = 0;
    reg.onChange(() => changes++);
    expect(reg.snapshot().specs.map((s) => s.name)).toEqual(['a', 'b']);
    expect(reg.get('a')!.description).toBe('a');
    expect(() => reg.add(mk('a'))).toThrow(ToolDefinitionError);
    reg.add(mk('c'));
    expect(reg.list().map((t) => t.name)).toEqual(['a', 'c', 'b']);
    list = [mk('d')];
    notify();
    expect(reg.list().map((t) => t.name)).toEqual(['a', 'c', 'd']);
    expect(reg.remove('c')).toBe(true);
    expect(reg.remove('c')).toBe(false);
    expect(reg.get('c')).toBeUndefined();
    expect(changes).toBe(3);
    expect(() => reg.add({ name: 'x' } as unknown as Tool)).toThrow(ToolDefinitionError);
    expect(() => reg.addSource({} as ToolSource)).toThrow(ToolDefinitionError);
  });

  it('reuses its snapshot until the tools change, also when a source changes its list without telling', () => {
    const list: Tool[] = [mk('s1')];
    const source: ToolSource = { list: () => list, subscribe: () => () => {} };
    const reg = new ToolRegistry([mk('a')], [source]);
    const first = reg.snapshot();
    expect(reg.snapshot()).toBe(first);
    expect(Object.isFrozen(first.specs) && Object.isFrozen(first.specs[0])).toBe(true);
    reg.add(mk('b'));
    const second = reg.snapshot();
    expect(second).not.toBe(first);
    expect(second.specs.map((s) => s.name)).toEqual(['a', 'b', 's1']);
    list.push(mk('s2')); // the same array, changed in place, no notification
    expect(reg.snapshot().specs.map((s) => s.name)).toEqual(['a', 'b', 's1', 's2']);
    expect(reg.remove('a')).toBe(true);
    expect(reg.snapshot().specs.map((s) => s.name)).toEqual(['b', 's1', 's2']);
  });

  it('a source whose list() throws contributes no tools instead of breaking the step', () => {
    const broken: ToolSource = {
      list: () => {
        throw new Error('db down');
      },
      subscribe: () => () => {},
    };
    const reg = new ToolRegistry([mk('a')], [broken]);
    expect(reg.snapshot().specs.map((s) => s.name)).toEqual(['a']);
    expect(reg.get('zzz')).toBeUndefined();
  });
});
