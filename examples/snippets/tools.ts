// Tools with zod schemas, an approval on a risky one, and resuming the paused thread.
import { Agent, defineTool } from '@graft/core';
import { openai } from '@graft/providers';
import { z } from 'zod';

const getOrder = defineTool({
  name: 'get_order',
  description: 'Look up an order by its id.',
  input: z.object({ orderId: z.string().regex(/^ord_\w+$/) }),
  execute: async ({ orderId }) => ({ orderId, status: 'shipped' }),
});

const refund = defineTool({
  name: 'refund_order',
  description: 'Refund an order. Needs the user’s approval.',
  input: z.object({ orderId: z.string(), amountCents: z.number().int().positive() }),
  needsApproval: ({ amountCents }) => amountCents > 5_000,
  execute: async ({ orderId, amountCents }) => ({ refunded: amountCents, orderId }),
});

const agent = new Agent({ provider: openai({ model: 'gpt-4.1-mini' }), tools: [getOrder, refund] });
const run = await agent.run('Refund order ord_81 in full (120 dollars)', { threadId: 'support-1' });
if (run.status === 'interrupted' && run.interrupt.kind === 'approval') {
  // Approve, reject (the model is told) or edit the arguments; the id binds the decision to this call.
  const done = await agent.resume('support-1', { id: run.interrupt.id, type: 'edit', args: { orderId: 'ord_81', amountCents: 5_000 } });
  console.log(done.status === 'done' ? done.output : done.status);
}
// Tools can come and go at runtime; the next model step sees the change.
agent.tools.remove('get_order');
