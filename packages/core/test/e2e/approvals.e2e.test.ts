import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { reply } from '@graft/providers/testing';
import { Agent, createStore, defineTool, InterruptMismatchError } from '@graft/core';
import { collectStream, recordEvents } from '@graft/core/testing';
import { mockModel, useE2E, wireMessages } from './helpers.js';

useE2E();

const dir = mkdtempSync(join(tmpdir(), 'graft-core-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every byte of every file in the temp dir (SQLite db, WAL, journal), as text. */
function filesText(): string {
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f)).toString('latin1'))
    .join('\n');
}

function deleteTool(calls: string[]) {
  return defineTool({
    name: 'delete_file',
    description: 'Delete a file',
    input: z.object({ path: z.string().startsWith('/') }),
    needsApproval: true,
    execute: ({ path }) => {
      calls.push(path);
      return `deleted ${path}`;
    },
  });
}

describe('approvals over HTTP', () => {
  it('approve / reject / edit', async () => {
    const calls: string[] = [];
    const { server, provider } = await mockModel([
      reply.toolCall('delete_file', { path: '/tmp/a' }),
      reply.text('deleted a'),
      reply.toolCall('delete_file', { path: '/etc/passwd' }),
      reply.text('ok, not deleted'),
      reply.toolCall('delete_file', { path: '/tmp/wrong' }),
      reply.text('deleted the right one'),
    ]);
    const agent = new Agent({ provider, tools: [deleteTool(calls)] });
    const ev = recordEvents(agent);

    const a = await agent.run('delete /tmp/a', { threadId: 'ap' });
    if (a.status !== 'interrupted') throw new Error('expected approval');
    expect(ev.of('interrupt')).toMatchObject([{ kind: 'approval', id: a.interrupt.id, tool: 'delete_file' }]);
    expect(server.chatRequests).toHaveLength(1);
    expect((await agent.resume('ap', { id: a.interrupt.id, type: 'approve' })).status).toBe('done');
    expect(calls).toEqual(['/tmp/a']);

    const b = await agent.run('delete /etc/passwd', { threadId: 'ap' });
    if (b.status !== 'interrupted') throw new Error('expected approval');
    expect((await agent.resume('ap', { id: b.interrupt.id, type: 'reject', reason: 'system file' })).status).toBe('done');
    expect(calls).toEqual(['/tmp/a']);
    expect(
      wireMessages(server, 3)
        .filter((m) => m.role === 'tool')
        .pop()!.content,
    ).toContain('rejected');

    const c = await agent.run('delete /tmp/right', { threadId: 'ap' });
    if (c.status !== 'interrupted') throw new Error('expected approval');
    await expect(agent.resume('ap', { id: c.interrupt.id, type: 'edit', args: { path: 'relative' } })).rejects.toMatchObject({ code: 'INVALID_DECISION' });
    expect((await agent.resume('ap', { id: c.interrupt.id, type: 'edit', args: { path: '/tmp/right' } })).status).toBe('done');
    expect(calls).toEqual(['/tmp/a', '/tmp/right']);
    expect(server.chatRequests).toHaveLength(6);
  });

  it('an approval survives a process restart: a new Agent on the same SQLite file resumes it', async () => {
    const file = join(dir, 'threads.db');
    const calls: string[] = [];
    const { server, provider } = await mockModel([reply.toolCall('delete_file', { path: '/tmp/x' }, { id: 'call_restart' }), reply.text('Deleted /tmp/x.')]);

    const store1 = createStore({ sqlite: file });
    const agent1 = new Agent({ spotlight: false, provider, tools: [deleteTool(calls)], store: store1 });
    const r1 = await agent1.run('delete /tmp/x', { threadId: 'restart' });
    if (r1.status !== 'interrupted') throw new Error('expected approval');
    await store1.close();

    // "restart": new store handle and new Agent on the same file
    const store2 = createStore({ sqlite: file });
    const agent2 = new Agent({ spotlight: false, provider, tools: [deleteTool(calls)], store: store2 });
    const thread = await agent2.getThread('restart');
    expect(thread.interrupts).toMatchObject([{ kind: 'approval', id: r1.interrupt.id, tool: 'delete_file', toolCallId: 'call_restart' }]);
    await expect(agent2.resume('restart', { id: 'stale-id', type: 'approve' })).rejects.toBeInstanceOf(InterruptMismatchError);
    const r2 = await agent2.resume('restart', { id: r1.interrupt.id, type: 'approve' });
    expect(r2.status).toBe('done');
    if (r2.status === 'done') expect(r2.output).toBe('Deleted /tmp/x.');
    expect(calls).toEqual(['/tmp/x']);
    const tool = wireMessages(server, 1).find((m) => m.role === 'tool')!;
    expect(tool).toMatchObject({ tool_call_id: 'call_restart', content: 'deleted /tmp/x' });
    expect(r2.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    await store2.close();
  });

  it('ctx.requestInput: the value reaches the tool but never the transcript, the model, events or the SQLite file', async () => {
    const CANARY = 'sk-canary-9f8e7d6c5b4a39281706';
    const file = join(dir, 'input.db');
    const seen: string[] = [];
    const connect = defineTool({
      name: 'connect_service',
      description: 'Connect to a service (asks the user for an API key)',
      input: z.object({ service: z.string() }),
      execute: async ({ service }, ctx) => {
        const key = await ctx.requestInput<string>({ type: 'credentials', message: `API key for ${service}`, data: { service } });
        seen.push(key);
        return { connected: true, service, keyLength: key.length };
      },
    });
    const { server, provider } = await mockModel([reply.toolCall('connect_service', { service: 'clash' }), reply.text('Connected.')]);
    const store = createStore({ sqlite: file });
    const agent = new Agent({ provider, tools: [connect], store });
    const ev = recordEvents(agent);
    const r1 = await agent.run('connect clash royale', { threadId: 'cred' });
    if (r1.status !== 'interrupted') throw new Error('expected input interrupt');
    expect(r1.interrupt).toMatchObject({ kind: 'input', tool: 'connect_service', request: { type: 'credentials', data: { service: 'clash' } } });
    // an approval decision does not fit an input interrupt
    await expect(agent.resume('cred', { id: r1.interrupt.id, type: 'approve' })).rejects.toMatchObject({ code: 'INVALID_DECISION' });
    const { result } = await collectStream(agent.resumeStream('cred', { id: r1.interrupt.id, type: 'input', value: CANARY }));
    expect(result.status).toBe('done');
    expect(seen).toEqual([CANARY]);
    expect(JSON.stringify(result.messages)).not.toContain(CANARY);
    expect(JSON.stringify((await agent.getThread('cred')).messages)).not.toContain(CANARY);
    expect(server.requests.map((r) => r.rawBody).join('\n')).not.toContain(CANARY);
    expect(JSON.stringify(ev.events)).not.toContain(CANARY);
    await store.close();
    const text = filesText();
    expect(text).toContain('connect clash royale'); // the file holds the transcript as text…
    expect(text).not.toContain(CANARY); // …but not the input value, in any encoding
    expect(text).not.toContain(Buffer.from(CANARY).toString('base64'));
    expect(text).not.toContain(Buffer.from(CANARY).toString('hex'));
  });
});
