/**
 * Graft as a `useChat` backend, proven with the AI SDK's own client code (the `ai` package's
 * `AbstractChat`, which `@ai-sdk/react`'s `useChat` wraps, and its `DefaultChatTransport`) over
 * real HTTP: the model is the OpenAI-compatible mock server, the backend a `node:http` server
 * that uses `pipeUIMessageStreamToResponse` and `readUIApprovalResponses`.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AbstractChat,
  DefaultChatTransport,
  lastAssistantMessageIsCompleteWithApprovalResponses,
  readUIMessageStream,
  type ChatState,
  type UIMessage,
  type UIMessageChunk,
} from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  Agent,
  defineTool,
  lastUserText,
  pipeUIMessageStreamToResponse,
  readUIApprovalResponses,
  toUIMessageStream,
  type AgentStreamEvent,
  type UIMessageLike,
} from '@graft/core';
import { openaiCompatible } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';

/** The in-memory chat state a framework binding (React, Vue, Svelte) would provide. */
class MemoryState implements ChatState<UIMessage> {
  status: ChatState<UIMessage>['status'] = 'ready';
  error: Error | undefined = undefined;
  messages: UIMessage[] = [];
  pushMessage = (m: UIMessage) => void this.messages.push(m);
  popMessage = () => void this.messages.pop();
  replaceMessage = (i: number, m: UIMessage) => void (this.messages[i] = m);
  snapshot = <T>(thing: T): T => structuredClone(thing);
}

class TestChat extends AbstractChat<UIMessage> {
  readonly memory: MemoryState;
  constructor(api: string, id: string) {
    const state = new MemoryState();
    super({ id, transport: new DefaultChatTransport({ api }), state, sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses });
    this.memory = state;
  }
  async settled(): Promise<void> {
    for (let i = 0; i < 500 && (this.status === 'submitted' || this.status === 'streaming'); i++) await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a useChat client (the ai package) on a Graft backend', () => {
  let model: MockServer;
  let server: Server;
  let api: string;
  const transfers: unknown[] = [];
  const aborted: string[] = [];
  let agent: Agent;

  beforeAll(async () => {
    model = await createMockServer();
    const provider = openaiCompatible({ baseURL: model.url, model: 'm', maxRetries: 0 });
    const lookup = defineTool({
      name: 'lookup_order',
      description: 'Look up an order',
      input: z.object({ id: z.string() }),
      execute: ({ id }) => ({ id, status: 'shipped' }),
    });
    const transfer = defineTool({
      name: 'transfer',
      description: 'Transfer money',
      input: z.object({ to: z.string(), amount: z.number() }),
      needsApproval: true,
      execute: (args) => {
        transfers.push(args);
        return { ok: true };
      },
    });
    agent = new Agent({ provider, tools: [lookup, transfer] });
    server = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      const { id, messages } = JSON.parse(body) as { id: string; messages: UIMessageLike[] };
      const [decision] = readUIApprovalResponses(messages);
      if (id === 'thread-generic') {
        // The generic helper over any event iterable, with the app's own abort wiring.
        const controller = new AbortController();
        const events = agent.stream(lastUserText(messages) ?? '', { threadId: id, signal: controller.signal });
        await pipeUIMessageStreamToResponse(events, res, { messageMetadata: { threadId: id }, onCancel: () => controller.abort() });
        return;
      }
      // The run's own helper: a client that goes away cancels the run, no wiring needed.
      const run = decision ? agent.resumeStream(id, decision) : agent.stream(lastUserText(messages) ?? '', { threadId: id });
      await run.pipeUIMessageStreamToResponse(res, { messageMetadata: { threadId: id }, onCancel: () => aborted.push(id) });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await model.close();
  });

  it('streams text and a tool call with its output into the client message', async () => {
    model.reset();
    model.enqueue(reply.toolCalls([{ name: 'lookup_order', args: { id: 'ord_1' } }]), reply.text('Order ord_1 has shipped.'));
    const chat = new TestChat(api, 'thread-text');
    await chat.sendMessage({ text: 'Where is ord_1?' });
    await chat.settled();
    expect(chat.status).toBe('ready');
    const answer = chat.memory.messages.at(-1)!;
    expect(answer.role).toBe('assistant');
    const tool = answer.parts.find((p) => p.type === 'dynamic-tool') as { toolName: string; state: string; input: unknown; output: unknown };
    expect(tool).toMatchObject({ toolName: 'lookup_order', state: 'output-available', input: { id: 'ord_1' }, output: { id: 'ord_1', status: 'shipped' } });
    expect(
      answer.parts
        .filter((p) => p.type === 'text')
        .map((p) => (p as { text: string }).text)
        .join(''),
    ).toBe('Order ord_1 has shipped.');
    expect(answer.metadata).toEqual({ threadId: 'thread-text' });
    const run = answer.parts.find((p) => p.type === 'data-graft-run') as { data: { status: string; threadId: string } };
    expect(run.data).toMatchObject({ status: 'done', threadId: 'thread-text' });
  });

  it('the generic pipe helper serves the same stream from any event iterable', async () => {
    model.reset();
    model.enqueue(reply.text('Generic works.'));
    const chat = new TestChat(api, 'thread-generic');
    await chat.sendMessage({ text: 'hi' });
    await chat.settled();
    const answer = chat.memory.messages.at(-1)!;
    expect(
      answer.parts
        .filter((p) => p.type === 'text')
        .map((p) => (p as { text: string }).text)
        .join(''),
    ).toBe('Generic works.');
    expect(answer.metadata).toEqual({ threadId: 'thread-generic' });
  });

  it('an approval arrives as tool-approval-request; addToolApprovalResponse resumes the thread', async () => {
    model.reset();
    model.enqueue(reply.toolCalls([{ name: 'transfer', args: { to: 'bob', amount: 5 } }]), reply.text('Sent 5 to bob.'));
    const chat = new TestChat(api, 'thread-approve');
    await chat.sendMessage({ text: 'pay bob 5' });
    await chat.settled();
    const asked = chat.memory.messages.at(-1)!.parts.find((p) => p.type === 'dynamic-tool') as { state: string; approval: { id: string } };
    expect(asked.state).toBe('approval-requested');
    expect(transfers).toEqual([]);
    await chat.addToolApprovalResponse({ id: asked.approval.id, approved: true });
    await new Promise((r) => setTimeout(r, 20));
    await chat.settled();
    expect(transfers).toEqual([{ to: 'bob', amount: 5 }]);
    const text = chat.memory.messages
      .flatMap((m) => (m.role === 'assistant' ? m.parts : []))
      .filter((p) => p.type === 'text')
      .map((p) => (p as { text: string }).text)
      .join('');
    expect(text).toContain('Sent 5 to bob.');
    expect(model.chatRequests).toHaveLength(2);
  });

  it('a denied approval never runs the tool', async () => {
    model.reset();
    model.enqueue(reply.toolCalls([{ name: 'transfer', args: { to: 'eve', amount: 900 } }]), reply.text('Cancelled.'));
    const before = transfers.length;
    const chat = new TestChat(api, 'thread-deny');
    await chat.sendMessage({ text: 'pay eve 900' });
    await chat.settled();
    const asked = chat.memory.messages.at(-1)!.parts.find((p) => p.type === 'dynamic-tool') as { approval: { id: string } };
    await chat.addToolApprovalResponse({ id: asked.approval.id, approved: false, reason: 'not eve' });
    await new Promise((r) => setTimeout(r, 20));
    await chat.settled();
    expect(transfers.length).toBe(before);
    const sent = JSON.stringify(model.chatRequests.at(-1)!.body);
    expect(sent).toContain('not eve');
  });

  it('a client that disconnects mid-answer cancels the run (the abort reaches the provider call)', async () => {
    model.reset();
    model.enqueue(reply.text('a slow answer that streams for a long time, one small piece at a time', { chunkDelayMs: 200 }));
    const controller = new AbortController();
    const transport = new DefaultChatTransport<UIMessage>({ api });
    const stream = await transport.sendMessages({
      chatId: 'thread-gone',
      messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'talk slowly' }] }],
      trigger: 'submit-message',
      messageId: undefined,
      abortSignal: controller.signal,
    });
    const reader = stream.getReader();
    await reader.read();
    controller.abort();
    await reader.cancel().catch(() => {});
    for (let i = 0; i < 200 && !aborted.includes('thread-gone'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(aborted).toContain('thread-gone');
    // The aborted run released the thread long before its slow answer would have ended.
    model.enqueue(reply.text('Back again.'));
    let result: Awaited<ReturnType<Agent['run']>> | undefined;
    for (let i = 0; i < 100 && !result; i++) {
      result = await agent.run('hello again', { threadId: 'thread-gone' }).catch((e: { code?: string }) => {
        if (e.code !== 'THREAD_BUSY') throw e;
        return undefined;
      });
      if (!result) await new Promise((r) => setTimeout(r, 20));
    }
    expect(result).toMatchObject({ status: 'done', output: 'Back again.' });
  });

  it('readUIMessageStream assembles the same message from toUIMessageStream directly', async () => {
    async function* events(): AsyncIterable<AgentStreamEvent> {
      yield { type: 'reasoning-delta', text: 'thinking' };
      yield { type: 'text-delta', text: 'Hel' };
      yield { type: 'text-delta', text: 'lo' };
      yield { type: 'usage', step: 0, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } };
      yield {
        type: 'done',
        result: {
          status: 'done',
          output: 'Hello',
          text: 'Hello',
          threadId: 't',
          runId: 'r',
          messages: [],
          usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 },
          steps: 1,
        },
      };
    }
    let last: UIMessage | undefined;
    for await (const m of readUIMessageStream({
      stream: toUIMessageStream(events(), { messageId: 'm1' }) as unknown as ReadableStream<UIMessageChunk>,
      terminateOnError: true,
    }))
      last = m;
    expect(last!.id).toBe('m1');
    expect(last!.parts.map((p) => p.type)).toEqual(['step-start', 'reasoning', 'text', 'data-graft-run']);
    expect(last!.parts[2]).toMatchObject({ type: 'text', text: 'Hello', state: 'done' });
  });

  it('events that map to no chunk (usage outside a step, an unknown kind) do not stall the stream', async () => {
    async function* events(): AsyncIterable<AgentStreamEvent> {
      yield { type: 'usage', step: 0, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } };
      yield { type: 'usage', step: 1, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } };
      yield { type: 'some-future-kind' } as unknown as AgentStreamEvent;
      yield { type: 'text-delta', text: 'Hi' };
      yield { type: 'usage', step: 2, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } };
      yield { type: 'usage', step: 3, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } };
      yield {
        type: 'done',
        result: {
          status: 'done',
          output: 'Hi',
          text: 'Hi',
          threadId: 't',
          runId: 'r',
          messages: [],
          usage: { inputTokens: 2, outputTokens: 4, totalTokens: 6 },
          steps: 1,
        },
      };
    }
    const types: string[] = [];
    const reader = toUIMessageStream(events(), { messageId: 'm2' }).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      types.push(value.type);
    }
    expect(types).toEqual(['start', 'start-step', 'text-start', 'text-delta', 'text-end', 'finish-step', 'data-graft-run', 'finish']);
  });

  it('a failing run ends the stream with an error chunk the client reports, typed code first', async () => {
    async function* failing(): AsyncIterable<AgentStreamEvent> {
      yield { type: 'text-delta', text: 'partial' };
      throw Object.assign(new Error('The model server is down. Try again later.'), { code: 'UNAVAILABLE' });
    }
    const errors: unknown[] = [];
    for await (const _ of readUIMessageStream({
      stream: toUIMessageStream(failing()) as unknown as ReadableStream<UIMessageChunk>,
      onError: (e) => errors.push(e),
    }))
      void _;
    expect(String(errors[0])).toContain('UNAVAILABLE: The model server is down');
  });
});
