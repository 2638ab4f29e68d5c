/**
 * The UI message stream's source: a run's event queue read on its push side, frames of one
 * event-loop turn in one chunk, hand-written delta frames the `ai` package parses like its own,
 * a reader-paced loop for other iterables, cancel and errors.
 */
import { readUIMessageStream, type UIMessage, type UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { pipeUIMessageStreamToResponse, toUIMessageSSEStream, toUIMessageStream, type AgentStreamEvent, type NodeResponseLike } from '@graft/core';
import { EventQueue } from '../../src/agent/event-queue.js';
import { doneEvent, doneResult } from './done-event.js';

const result = doneResult;
const done = doneEvent;
const decoder = new TextDecoder();
const nextTurn = () => new Promise((r) => setImmediate(r));

/** Reads the SSE stream: the text of each chunk read, in order. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string[]> {
  const reads: string[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done: end, value } = await reader.read();
    if (end) return reads;
    reads.push(decoder.decode(value));
  }
}

/** The chunk objects of SSE text (`data: {json}` frames; `[DONE]` left out). */
function framesOf(text: string): unknown[] {
  const frames = text.split('\n\n').filter(Boolean);
  for (const f of frames) expect(f.startsWith('data: ')).toBe(true);
  return frames
    .map((f) => f.slice('data: '.length))
    .filter((f) => f !== '[DONE]')
    .map((f) => JSON.parse(f) as unknown);
}

describe('UI message stream source', () => {
  it('the events of one event-loop turn go out as one chunk', async () => {
    const queue = new EventQueue<AgentStreamEvent>();
    const reads = readAll(toUIMessageSSEStream(queue, { messageId: 'm' }));
    await nextTurn();
    queue.push({ type: 'text-delta', text: 'Hel' });
    queue.push({ type: 'text-delta', text: 'lo' });
    await nextTurn();
    queue.push({ type: 'text-delta', text: '!' });
    await nextTurn();
    queue.push(done);
    queue.close();
    const chunks = await reads;
    expect(chunks.map((c) => framesOf(c).map((f) => (f as { type: string }).type))).toEqual([
      ['start'],
      ['start-step', 'text-start', 'text-delta', 'text-delta'],
      ['text-delta'],
      ['text-end', 'finish-step', 'data-graft-run', 'finish'],
    ]);
    expect(chunks.at(-1)!.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('events queued before the stream starts and a slow reader lose nothing and keep order', async () => {
    const queue = new EventQueue<AgentStreamEvent>();
    queue.push({ type: 'text-delta', text: 'a' });
    queue.push({ type: 'text-delta', text: 'b' });
    const reader = toUIMessageSSEStream(queue, { messageId: 'm' }).getReader();
    const first = decoder.decode((await reader.read()).value);
    for (const t of ['c', 'd', 'e']) {
      queue.push({ type: 'text-delta', text: t });
      await nextTurn(); // nobody reads meanwhile
    }
    queue.push(done);
    queue.close();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += decoder.decode(r.value);
    const deltas = framesOf(first + rest)
      .filter((f) => (f as { type: string }).type === 'text-delta')
      .map((f) => (f as { delta: string }).delta);
    expect(deltas).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it("hand-written delta frames carry any text the ai package's reader takes back unchanged", async () => {
    const tricky = 'quote " backslash \\ newline \n\n data: [DONE]\n tab \t unicode é 😀 \u2028 \u0000 end';
    const queue = new EventQueue<AgentStreamEvent>();
    queue.push({ type: 'reasoning-delta', text: tricky });
    queue.push({ type: 'text-delta', text: tricky });
    queue.push({ type: 'usage', step: 0, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } });
    queue.push(done);
    queue.close();
    const text = (await readAll(toUIMessageSSEStream(queue, { messageId: 'm"1' }))).join('');
    const frames = framesOf(text) as Array<{ type: string; delta?: string; id?: string }>;
    expect(frames.filter((f) => f.delta !== undefined).map((f) => f.delta)).toEqual([tricky, tricky]);
    expect(frames.find((f) => f.type === 'text-delta')!.id).toBe('m"1-text-1');

    // the same chunks through the ai package's own message reader
    const chunks = new ReadableStream<UIMessageChunk>({
      start(c) {
        for (const f of frames) c.enqueue(f as UIMessageChunk);
        c.close();
      },
    });
    let last: UIMessage | undefined;
    for await (const m of readUIMessageStream({ stream: chunks, terminateOnError: true })) last = m;
    expect(last!.parts.find((p) => p.type === 'text')).toMatchObject({ text: tricky, state: 'done' });
    expect(last!.parts.find((p) => p.type === 'reasoning')).toMatchObject({ text: tricky });
  });

  it('the SSE frames and the chunk objects of the same events are the same chunks', async () => {
    const events = (): EventQueue<AgentStreamEvent> => {
      const q = new EventQueue<AgentStreamEvent>();
      q.push({ type: 'tool-call', toolCall: { id: 'c1', name: 'lookup', args: { id: 'o1' } } });
      q.push({ type: 'tool-result', toolCallId: 'c1', tool: 'lookup', content: '{"status":"shipped"}', isError: false } as AgentStreamEvent);
      q.push({ type: 'text-delta', text: 'Shipped.' });
      q.push({ type: 'usage', step: 0, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } });
      q.push(done);
      q.close();
      return q;
    };
    const objects: unknown[] = [];
    const reader = toUIMessageStream(events(), { messageId: 'm', messageMetadata: { threadId: 't' } }).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) objects.push(r.value);
    const sse = framesOf((await readAll(toUIMessageSSEStream(events(), { messageId: 'm', messageMetadata: { threadId: 't' } }))).join(''));
    expect(sse).toEqual(objects);
    expect(objects[0]).toEqual({ type: 'start', messageId: 'm', messageMetadata: { threadId: 't' } });
  });

  it('the hand-written frames of start, tool outputs and the run end are the chunk objects, for any values', async () => {
    const interrupt = { kind: 'approval', id: 'i"1', tool: 'pay', toolCallId: 'c9', args: {} };
    const results = [
      { ...result, threadId: 't "quoted"\n\u2028', runId: 'r\\1' },
      { ...result, status: 'interrupted', interrupt, interrupts: [interrupt, { ...interrupt, id: 'i2' }] },
      { ...result, status: 'blocked', guard: 'g', reason: 'no' },
      { ...result, usage: { inputTokens: Number.NaN, outputTokens: 2, totalTokens: 1e21 } },
    ] as unknown as Array<Extract<AgentStreamEvent, { type: 'done' }>['result']>;
    const outputs = ['{"a":1,"s":"x\\"y"}', '  [1, 2, {"b": null}]  ', '{\n  "pretty": true\n}', '{not json', 'plain text', '12', '{"n":12345678901234567890}'];
    for (const r of results) {
      const events = (): EventQueue<AgentStreamEvent> => {
        const q = new EventQueue<AgentStreamEvent>();
        outputs.forEach((content, i) => q.push({ type: 'tool-result', toolCallId: `c${i}`, tool: 't', content, isError: false } as AgentStreamEvent));
        q.push({ type: 'done', result: r });
        q.close();
        return q;
      };
      const objects: unknown[] = [];
      const reader = toUIMessageStream(events(), { messageId: 'm"\\' }).getReader();
      for (let x = await reader.read(); !x.done; x = await reader.read()) objects.push(x.value);
      const text = (await readAll(toUIMessageSSEStream(events(), { messageId: 'm"\\' }))).join('');
      for (const frame of text.split('\n\n').filter(Boolean)) expect(frame).not.toMatch(/[\r\n]/);
      // what a client parses from each frame is the chunk object
      expect(framesOf(text)).toEqual(JSON.parse(JSON.stringify(objects)));
    }
  });

  it('a failing run ends with the chunks that close the open part, an error part and [DONE]', async () => {
    const queue = new EventQueue<AgentStreamEvent>();
    const reads = readAll(toUIMessageSSEStream(queue, { messageId: 'm', onError: (e) => `failed: ${(e as Error).message}` }));
    queue.push({ type: 'text-delta', text: 'partial' });
    await nextTurn();
    queue.close({ error: new Error('boom') });
    const text = (await reads).join('');
    expect(framesOf(text).map((f) => (f as { type: string }).type)).toEqual([
      'start',
      'start-step',
      'text-start',
      'text-delta',
      'text-end',
      'finish-step',
      'error',
    ]);
    expect(framesOf(text).at(-1)).toEqual({ type: 'error', errorText: 'failed: boom' });
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('cancelling detaches from the run: onCancel runs once and later events are dropped', async () => {
    const queue = new EventQueue<AgentStreamEvent>();
    const reasons: unknown[] = [];
    const reader = toUIMessageSSEStream(queue, { onCancel: (r) => reasons.push(r) }).getReader();
    queue.push({ type: 'text-delta', text: 'a' });
    await reader.read();
    await reader.cancel('client gone');
    expect(reasons).toEqual(['client gone']);
    queue.push({ type: 'text-delta', text: 'after' }); // ignored: the queue is closed
    queue.close();
    // nothing is left for a plain iterator either
    expect(await queue[Symbol.asyncIterator]().next()).toEqual({ value: undefined, done: true });
  });

  it('an iterable without a push side is read at the pace of the reader', async () => {
    let pulled = 0;
    async function* events(): AsyncIterable<AgentStreamEvent> {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield { type: 'text-delta', text: String(i) };
      }
      yield done;
    }
    const reader = toUIMessageSSEStream(events()).getReader();
    await reader.read();
    for (let i = 0; i < 5; i++) await nextTurn();
    // one event read ahead of the reader at most (plus the one it got)
    expect(pulled).toBeLessThanOrEqual(3);
    let text = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value);
    expect(pulled).toBe(100);
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('cancelling a stream over a plain iterable returns the iterator', async () => {
    let finished = false;
    async function* events(): AsyncIterable<AgentStreamEvent> {
      try {
        for (let i = 0; ; i++) {
          yield { type: 'text-delta', text: String(i) };
          await nextTurn();
        }
      } finally {
        finished = true;
      }
    }
    const reader = toUIMessageSSEStream(events()).getReader();
    let text = '';
    while (!text.includes('text-delta')) text += decoder.decode((await reader.read()).value);
    await reader.cancel();
    for (let i = 0; i < 20 && !finished; i++) await nextTurn();
    expect(finished).toBe(true);
  });

  describe('pipeUIMessageStreamToResponse (no web stream in between)', () => {
    /** A Node response stand-in that records what it is sent. */
    class FakeResponse extends EventEmitter implements NodeResponseLike {
      head: [number, Record<string, string>] | undefined;
      writes: string[] = [];
      writableEnded = false;
      writeHead(status: number, headers: Record<string, string>) {
        this.head = [status, headers];
      }
      write(chunk: Uint8Array) {
        this.writes.push(decoder.decode(chunk));
        return true;
      }
      end() {
        this.writableEnded = true;
        this.emit('close');
      }
    }

    it('writes the head, then the frames of each event-loop turn in one write, and ends after [DONE]', async () => {
      const queue = new EventQueue<AgentStreamEvent>();
      const res = new FakeResponse();
      const piped = pipeUIMessageStreamToResponse(queue, res, { messageId: 'm', headers: { 'x-app': '1' } });
      expect(res.head![0]).toBe(200);
      expect(res.head![1]).toMatchObject({ 'x-app': '1', 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' });
      queue.push({ type: 'text-delta', text: 'Hel' });
      queue.push({ type: 'text-delta', text: 'lo' });
      await nextTurn();
      queue.push(done);
      queue.close();
      await piped;
      expect(res.writableEnded).toBe(true);
      expect(res.writes.map((w) => framesOf(w).map((f) => (f as { type: string }).type))).toEqual([
        ['start'],
        ['start-step', 'text-start', 'text-delta', 'text-delta'],
        ['text-end', 'finish-step', 'data-graft-run', 'finish'],
      ]);
      expect(res.writes.at(-1)!.endsWith('data: [DONE]\n\n')).toBe(true);
    });

    it('a client that goes away cancels the run and nothing more is written', async () => {
      const queue = new EventQueue<AgentStreamEvent>();
      const res = new FakeResponse();
      const reasons: unknown[] = [];
      const piped = pipeUIMessageStreamToResponse(queue, res, { onCancel: (r) => reasons.push(r) });
      queue.push({ type: 'text-delta', text: 'a' });
      await nextTurn();
      const written = res.writes.length;
      res.emit('close'); // the connection closed before the end
      await piped;
      expect(reasons).toEqual(['client disconnected']);
      queue.push({ type: 'text-delta', text: 'late' });
      await nextTurn();
      expect(res.writes.length).toBe(written);
    });
  });
});
