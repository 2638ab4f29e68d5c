/**
 * Tools from any Standard Schema (valibot, arktype, zod 3 and 4 through `~standard`): JSON
 * Schema for the model from the schema's own converter or an explicit `jsonSchema`, argument
 * validation through `~standard.validate`, and a typed error when no JSON Schema can be made.
 * The agent runs are real HTTP against the mock OpenAI-compatible server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { toJsonSchema, toStandardJsonSchema } from '@valibot/to-json-schema';
import { type } from 'arktype';
import { z } from 'zod';
import { z as z3 } from 'zod/v3';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { Agent, defineTool, isStandardSchema, schemaToJsonSchema, ToolDefinitionError } from '@graft/core';

const ctx = { threadId: 't', toolCallId: 'c', signal: new AbortController().signal, requestInput: async () => undefined as never };

describe('defineTool with Standard Schema', () => {
  it('detects Standard Schemas of every library', () => {
    for (const s of [v.object({}), type({ a: 'string' }), z.object({}), z3.object({})]) expect(isStandardSchema(s)).toBe(true);
    expect(isStandardSchema({ validate: () => ({}) })).toBe(false);
  });

  it('valibot: needs an explicit jsonSchema (typed error without one) and validates with valibot', () => {
    const input = v.object({ city: v.pipe(v.string(), v.minLength(2)), days: v.optional(v.number(), 3) });
    let caught: unknown;
    try {
      defineTool({ name: 'forecast', description: 'Forecast', input, execute: () => 'x' });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ToolDefinitionError);
    expect((caught as ToolDefinitionError).code).toBe('INVALID_TOOL_DEFINITION');
    expect((caught as Error).message).toMatch(/jsonSchema/);

    const t = defineTool({
      name: 'forecast',
      description: 'Forecast',
      input,
      jsonSchema: toJsonSchema(input) as Record<string, unknown>,
      execute: ({ city, days }) => `${city}:${days}`,
    });
    expect(t.parameters).toMatchObject({ type: 'object', properties: { city: { type: 'string', minLength: 2 } }, required: ['city'] });
    expect(t.parse({ city: 'Oslo' })).toEqual({ ok: true, value: { city: 'Oslo', days: 3 } });
    const bad = t.parse({ city: 'O', days: 'x' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues.map((i) => i.split(':')[0]).sort()).toEqual(['city', 'days']);
  });

  it("valibot through @valibot/to-json-schema's toStandardJsonSchema needs no jsonSchema", () => {
    const input = toStandardJsonSchema(v.object({ q: v.string() }));
    const t = defineTool({ name: 'search', description: 'Search', input, execute: ({ q }) => q });
    expect(t.parameters).toMatchObject({ type: 'object', properties: { q: { type: 'string' } }, required: ['q'] });
    expect(t.parameters).not.toHaveProperty('$schema');
    expect(t.parse({ q: 1 }).ok).toBe(false);
  });

  it('arktype: JSON Schema from ~standard.jsonSchema, validation and output checks through ~standard.validate', async () => {
    const t = defineTool({
      name: 'add',
      description: 'Add',
      input: type({ a: 'number', b: 'number' }),
      output: type({ sum: 'number' }),
      execute: ({ a, b }) => ({ sum: a + b }),
    });
    expect(t.parameters).toMatchObject({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } });
    expect(schemaToJsonSchema(type({ a: 'number' }))).not.toHaveProperty('$schema');
    expect(t.parse({ a: 1, b: 2 })).toEqual({ ok: true, value: { a: 1, b: 2 } });
    const bad = t.parse({ a: 1, b: 'x' });
    expect(!bad.ok && bad.issues[0]).toMatch(/^b: /);
    await expect(Promise.resolve(t.execute({ a: 1, b: 2 }, ctx))).resolves.toEqual({ sum: 3 });
    const wrong = defineTool({ name: 'w', description: 'w', input: type({}), output: type({ sum: 'number' }), execute: () => ({ sum: 'no' }) as never });
    await expect(Promise.resolve(wrong.execute({}, ctx))).rejects.toThrow(/output schema: sum: /);
  });

  it('an asynchronous schema is reported as an issue, not a crash', () => {
    const input = v.pipeAsync(
      v.object({}),
      v.checkAsync(async () => true),
    );
    const t = defineTool({ name: 'a', description: 'a', input, jsonSchema: { type: 'object' }, execute: () => 1 });
    const r = t.parse({});
    expect(!r.ok && r.issues[0]).toMatch(/asynchronously/);
  });
});

describe('Standard Schema tools in an agent run', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await createMockServer();
  });
  afterAll(() => server.close());

  it('sends their JSON Schema to the model and sends validation issues back for repair', async () => {
    const got: unknown[] = [];
    const vInput = v.object({ city: v.string() });
    const weather = defineTool({
      name: 'weather',
      description: 'Weather',
      input: vInput,
      jsonSchema: toJsonSchema(vInput) as Record<string, unknown>,
      execute: (a) => (got.push(a), 'sunny'),
    });
    const add = defineTool({ name: 'add', description: 'Add', input: type({ a: 'number', b: 'number' }), execute: ({ a, b }) => (got.push({ a, b }), a + b) });
    server.enqueue(
      reply.toolCall('weather', { city: 7 }),
      reply.toolCall('weather', { city: 'Oslo' }),
      reply.toolCall('add', { a: 1, b: 2 }),
      reply.text('done'),
    );
    const agent = new Agent({ provider: openaiCompatible({ baseURL: server.url, apiKey: 'k', model: 'mock-model' }), tools: [weather, add] });
    const result = await agent.run('go');
    expect(result.status).toBe('done');
    const tools = server.chatRequests[0].body.tools.map((t: { function: { name: string; parameters: unknown } }) => t.function);
    expect(tools.find((t: { name: string }) => t.name === 'weather').parameters).toMatchObject({ type: 'object', properties: { city: { type: 'string' } } });
    expect(tools.find((t: { name: string }) => t.name === 'add').parameters).toMatchObject({ properties: { a: { type: 'number' } } });
    expect(JSON.stringify(server.chatRequests[1].body.messages)).toContain('invalid arguments for \\"weather\\": city: ');
    expect(got).toEqual([{ city: 'Oslo' }, { a: 1, b: 2 }]);
  });
});
