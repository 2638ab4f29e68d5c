/**
 * The getting-started snippets for Next.js and Hono, run for real: Hono's own router (its
 * `app.request`) and a Next-style `(Request) => Response` handler, each read back with the AI
 * SDK's own stream parser, against the OpenAI-compatible mock server.
 */
import { DefaultChatTransport, readUIMessageStream, type UIMessage } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent } from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { honoApp, nextRoute } from '../snippets/web-handlers.js';

let model: MockServer;
let agent: Agent;

beforeAll(async () => {
  model = await createMockServer();
  agent = new Agent({ provider: openaiCompatible({ baseURL: model.url, model: 'm', maxRetries: 0 }) });
});
afterAll(() => model.close());

/** Sends one user message the way `useChat` does and returns the assistant message it assembles. */
async function ask(handler: (request: Request) => Promise<Response>, chatId: string, text: string): Promise<UIMessage> {
  const transport = new DefaultChatTransport<UIMessage>({ api: 'http://app.test/api/chat', fetch: async (url, init) => handler(new Request(url, init)) });
  const stream = await transport.sendMessages({
    chatId,
    messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text }] }],
    trigger: 'submit-message',
    messageId: undefined,
    abortSignal: undefined,
  });
  let last: UIMessage | undefined;
  for await (const m of readUIMessageStream({ stream, terminateOnError: true })) last = m;
  return last!;
}

const textOf = (m: UIMessage) =>
  m.parts
    .filter((p) => p.type === 'text')
    .map((p) => (p as { text: string }).text)
    .join('');

describe('web-standard handlers (getting started)', () => {
  it('Hono: the route streams a UI message stream a useChat client reads', async () => {
    model.enqueue(reply.text('Hello from Hono.'));
    const app = honoApp(agent);
    const message = await ask((request) => Promise.resolve(app.request(request)), 'hono-thread', 'hi');
    expect(textOf(message)).toBe('Hello from Hono.');
    expect(message.metadata).toEqual({ threadId: 'hono-thread' });
    const res = await app.request('http://app.test/api/chat', {
      method: 'POST',
      body: JSON.stringify({ id: 'h2', messages: [{ role: 'user', parts: [{ type: 'text', text: 'again' }] }] }),
    });
    expect(res.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    model.enqueue(reply.text('drain'));
    await res.text();
  });

  it('Next.js: a route handler is a (Request) => Response function', async () => {
    model.enqueue(reply.text('Hello from Next.'));
    const message = await ask(nextRoute(agent), 'next-thread', 'hi');
    expect(textOf(message)).toBe('Hello from Next.');
    const thread = await agent.getThread('next-thread');
    expect(thread.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
  });
});
