import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { z } from 'zod';
import { reply } from '@graft/providers/testing';
import { Agent, createStore, defineTool, type ApprovalInterrupt } from '@graft/core';
import { mockModel, useE2E, wireMessages } from './helpers.js';

useE2E();

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'graft-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runChild(file: string, url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@graft/source', '--import', 'tsx', join(here, 'fixtures/interrupt-child.ts'), file, url], {
      cwd: join(here, '../../../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

it('an approval requested in one process is resumed by another process on the same SQLite file', { timeout: 60_000 }, async () => {
  const file = join(dir, 'threads.db');
  const { server, provider } = await mockModel([
    reply.toolCall('pay_invoice', { invoice: 'INV-9', amount: 120 }, { id: 'call_pay' }),
    reply.text('Paid INV-9.'),
  ]);
  const interrupt = JSON.parse(await runChild(file, server.url)) as ApprovalInterrupt;
  expect(interrupt).toMatchObject({ kind: 'approval', tool: 'pay_invoice', toolCallId: 'call_pay', args: { invoice: 'INV-9', amount: 120 } });

  const paid: unknown[] = [];
  const pay = defineTool({
    name: 'pay_invoice',
    description: 'Pay an invoice',
    input: z.object({ invoice: z.string(), amount: z.number() }),
    needsApproval: true,
    execute: (args) => (paid.push(args), 'paid'),
  });
  const store = createStore({ sqlite: file });
  const agent = new Agent({ spotlight: false, provider, tools: [pay], store });
  const result = await agent.resume('two-process', { id: interrupt.id, type: 'approve' });
  expect(result.status === 'done' && result.output).toBe('Paid INV-9.');
  expect(paid).toEqual([{ invoice: 'INV-9', amount: 120 }]);
  expect(server.chatRequests).toHaveLength(2);
  expect(wireMessages(server, 1).find((m) => m.role === 'tool')).toMatchObject({ tool_call_id: 'call_pay', content: 'paid' });
  await store.close();
});
