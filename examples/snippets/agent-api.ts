// The per-run agent API: message input with images, structured output, per-run instructions,
// a typed context for tools, and step control.
import { Agent, defineTool, hasToolCall, stepCountIs, type ToolContext } from '@graft/core';
import { openai } from '@graft/providers';
import { z } from 'zod';

// #region context
interface Session {
  userId: string;
  apiToken: string;
}

// `ctx.context` is the run's `context`: tools see it, the model and the checkpoints never do.
const myOrders = defineTool({
  name: 'my_orders',
  description: 'List the signed-in user’s recent orders.',
  input: z.object({ limit: z.number().int().max(20).default(5) }),
  execute: async ({ limit }, ctx: ToolContext<Session>) => ({ userId: ctx.context?.userId, limit, orders: [] }),
});
// #endregion context

const agent = new Agent({ provider: openai({ model: 'gpt-4.1-mini' }), instructions: 'You are a shop assistant.', tools: [myOrders] });

// #region messages
const described = await agent.run([
  { role: 'user', content: 'I got this package today.' },
  { role: 'assistant', content: 'Can you send a photo of the label?' },
  {
    role: 'user',
    content: [
      { type: 'text', text: 'Here it is. Which order is it?' },
      { type: 'image', image: 'https://example.com/label.jpg' }, // or a data:image/…;base64 URL
    ],
  },
]);
// #endregion messages

// #region output
const Label = z.object({ orderId: z.string(), carrier: z.enum(['ups', 'dhl', 'other']) });
const parsed = await agent.run('Read the label again and answer as data.', {
  threadId: described.threadId,
  output: Label, // zod 4, zod 3 or any Standard Schema
});
if (parsed.status === 'done') console.log(parsed.output.orderId, parsed.output.carrier); // typed
// #endregion output

// #region per-run
const session: Session = { userId: 'u_42', apiToken: process.env.SHOP_TOKEN ?? '' };
const run = await agent.run('What did I order last?', {
  instructions: 'The user is a premium member: be extra helpful.', // this run only
  context: session, // tools only; pass it to agent.resume again after an interrupt
  stopWhen: [hasToolCall('my_orders'), stepCountIs(5)],
  onStepFinish: (step) =>
    console.log(
      step.stepNumber,
      step.toolCalls.map((c) => c.name),
      step.usage.totalTokens,
    ),
});
console.log(run.status === 'done' ? run.text : run.status);
// #endregion per-run
