/**
 * LangSmith must never receive raw transcripts. A local HTTP server stands in for the
 * LangSmith endpoint (`LANGSMITH_TRACING=true`, `LANGSMITH_ENDPOINT=http://127.0.0.1:port`)
 * and records every byte the LangSmith client sends. A plain LangGraph graph in the same
 * process proves the capture works (its canary arrives); the agent's canaries (PII in the
 * user input and in a tool result) must not: by default no agent run is traced at all, on
 * either engine, including interrupt and resume; with `langchainTracing: true` runs arrive,
 * PII-redacted.
 */
import { createServer, type Server } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Annotation, StateGraph, START, END } from '@langchain/langgraph';
import { Agent, createGuards, defineTool } from '@graft/core';
import { ScriptedProvider } from '@graft/core/testing';
import { engineFlags } from '../../src/agent/engine-flags.js';

const EMAIL = 'canary.person@example.com';
const CARD = '4111 1111 1111 1111';
const SECRET = 'sk_live_51HCanarySecretValue0123456789abcdef';
const bodies: string[] = [];
let server: Server;
const saved: Record<string, string | undefined> = {};
const ENV = {
  LANGSMITH_TRACING: 'true',
  LANGSMITH_API_KEY: 'x',
  LANGCHAIN_CALLBACKS_BACKGROUND: 'false',
} as Record<string, string>;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      bodies.push(`${req.method} ${req.url}\n${body.toString('utf8')}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/info') ? JSON.stringify({ version: 'test', instance_flags: {} }) : '{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  ENV.LANGSMITH_ENDPOINT = `http://127.0.0.1:${port}`;
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
});

afterAll(async () => {
  for (const k of Object.keys(ENV)) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
  engineFlags.direct = true;
  await new Promise((resolve) => server.close(resolve));
});

const captured = () => bodies.join('\n');

async function until(cond: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

/** A plain LangGraph graph, traced by LangChain from the environment: its marker must arrive. */
async function controlRun(marker: string) {
  const State = Annotation.Root({ text: Annotation<string>() });
  const graph = new StateGraph(State)
    .addNode('echo', (s: { text: string }) => ({ text: `${s.text}!` }))
    .addEdge(START, 'echo')
    .addEdge('echo', END)
    .compile();
  await graph.invoke({ text: marker });
  expect(await until(() => captured().includes(marker))).toBe(true);
}

function agentWith(extra: Record<string, unknown> = {}) {
  const lookup = defineTool({
    name: 'lookup',
    description: 'Customer record',
    input: z.object({ id: z.string() }),
    execute: () => `card on file: ${CARD}, api key ${SECRET}`,
  });
  const pay = defineTool({ name: 'pay', description: 'Pay', input: z.object({}), needsApproval: true, execute: () => 'paid' });
  const provider = new ScriptedProvider((req) => {
    const last = req.messages[req.messages.length - 1];
    if (last.role === 'user') return { toolCalls: [{ name: 'lookup', args: { id: '7' } }] };
    if (last.role === 'tool' && last.name === 'lookup') return { toolCalls: [{ name: 'pay', args: {} }] };
    return 'Done.';
  });
  return new Agent({ provider, tools: [lookup, pay], tracer: false, ...extra });
}

async function turnWithApproval(agent: Agent, threadId: string) {
  const r1 = await agent.run(`Mail ${EMAIL} the card on file`, { threadId });
  if (r1.status !== 'interrupted') throw new Error(`expected an approval, got ${r1.status}`);
  const r2 = await agent.resume(threadId, { id: r1.interrupt.id, type: 'approve' });
  expect(r2.status).toBe('done');
}

describe('LangSmith tracing of agent runs', () => {
  it('by default: 0 agent runs (and 0 canaries) reach the tracing endpoint, on both engines', async () => {
    engineFlags.direct = true;
    await turnWithApproval(agentWith(), 'default-direct');
    engineFlags.direct = false;
    await turnWithApproval(agentWith({ guards: createGuards() }), 'default-graph');
    engineFlags.direct = true;
    await controlRun('control-marker-1');
    const all = captured();
    expect(all).not.toContain(EMAIL);
    expect(all).not.toContain(CARD);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain('default-direct');
    expect(all).not.toContain('default-graph');
  });

  it('with langchainTracing: true, runs arrive with PII redacted only', async () => {
    bodies.length = 0;
    await turnWithApproval(agentWith({ langchainTracing: true, guards: createGuards() }), 'opted-in');
    // the opted-in agent's runs arrive (its thread id is run metadata) …
    expect(await until(() => captured().includes('opted-in'))).toBe(true);
    await controlRun('control-marker-2');
    const all = captured();
    // … and carry the transcript, redacted
    expect(all).toContain('[EMAIL_');
    expect(all).not.toContain(EMAIL);
    expect(all).not.toContain(CARD);
    expect(all).not.toContain(CARD.replace(/ /g, ''));
    expect(all).not.toContain(SECRET);
    expect(all).toContain('[API_KEY_');
  });
});
