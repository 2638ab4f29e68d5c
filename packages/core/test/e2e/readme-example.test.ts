/**
 * The README example, run against the mock server (the provider's baseURL is the only change),
 * so the documented code cannot drift from the API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { z } from 'zod';
import { openaiCompatible } from '@graft/providers';
import { reply } from '@graft/providers/testing';
import { Agent, createStore, defineTool, type AgentInterrupt } from '@graft/core';
import { mockModel, useE2E } from './helpers.js';

useE2E();

it('README example: approval loop, persisted thread', async () => {
  const { server } = await mockModel([reply.toolCall('refund_order', { orderId: 'A-17', amount: 20 }), reply.text('Refunded 20 EUR on A-17.')]);
  const dir = mkdtempSync(join(tmpdir(), 'graft-readme-'));
  const asked: AgentInterrupt[] = [];
  const askTheUser = async (i: AgentInterrupt) => (asked.push(i), true);

  // --- README code (baseURL/model pointed at the mock server) ---
  const refund = defineTool({
    name: 'refund_order',
    description: 'Refund an order',
    input: z.object({ orderId: z.string(), amount: z.number().positive() }),
    needsApproval: true,
    execute: async ({ orderId, amount }) => ({ orderId, refunded: amount }),
  });

  const store = createStore({ sqlite: join(dir, 'graft.db') });
  const agent = new Agent({
    provider: openaiCompatible({ baseURL: server.url, model: 'llama3.2' }),
    tools: [refund],
    store, // threads survive restarts
    instructions: 'You are a support agent.',
  });

  let result = await agent.run('Refund order A-17, 20 EUR', { threadId: 'user-42' });
  while (result.status === 'interrupted') {
    const ok = await askTheUser(result.interrupt);
    result = await agent.resume('user-42', { id: result.interrupt.id, type: ok ? 'approve' : 'reject' });
  }
  // --- end of README code ---

  expect(result.status === 'done' && result.output).toBe('Refunded 20 EUR on A-17.');
  expect(asked).toMatchObject([{ kind: 'approval', tool: 'refund_order', args: { orderId: 'A-17', amount: 20 } }]);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
