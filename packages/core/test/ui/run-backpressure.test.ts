/**
 * Backpressure from the reader to a real run: an agent streaming a long answer from the
 * OpenAI-compatible mock server (real HTTP) to a reader that stops reading. The run is held
 * once `STREAM_EVENT_BUFFER` events wait (the provider's response is not read further), loses
 * and reorders nothing once the reader reads again, and a reader that goes away while the run
 * is held cancels it (the provider call's signal fires), as does the app aborting a held run
 * whose reader still reads nothing. Readers: the Node writer to a
 * `node:http` client that stops reading, a web `Response` body read with `getReader`, and the
 * run's own async iterator. `agent.run()`, and a stream nobody ever starts reading, are never held.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, STREAM_EVENT_BUFFER, type AgentStreamEvent } from '@graft/core';
import { openaiCompatible, type ChatProvider } from '@graft/providers';
import { createMockServer, reply, type MockServer } from '@graft/providers/testing';
import { chunksOf, deltasOf, nextTurn, open, readAll, serve, sleep, until, untilStuck, watch, type WriteLog } from './slow-client.js';

/** Characters of one streamed delta. */
const PIECE_CHARS = 1024;
/** Deltas of the answer: megabytes, more than the kernel's socket buffers hold. */
const PIECES = 4000;
const pieces = Array.from({ length: PIECES }, (_, i) => `${String(i).padStart(6, '0')}:${'x'.repeat(PIECE_CHARS - 7)}`);
const ANSWER = pieces.join('');

/** What the provider handed the run: its deltas (each one a `text-delta` event of the run), and its call's signal. */
interface Seen {
  deltas: number;
  signal: AbortSignal | undefined;
  ended: boolean;
}

let model: MockServer;
beforeAll(async () => {
  model = await createMockServer({ script: () => reply.text(ANSWER, { chunkSize: PIECE_CHARS }) });
});
afterAll(() => model.close());

/** An agent whose provider (the real one, over HTTP) counts the deltas it hands the run. */
function counted(): { agent: Agent; seen: Seen; errors: string[] } {
  const real = openaiCompatible({ baseURL: model.url, model: 'm', maxRetries: 0 });
  const seen: Seen = { deltas: 0, signal: undefined, ended: false };
  const provider: ChatProvider = {
    id: real.id,
    model: real.model,
    chat: (request) => real.chat(request),
    async *stream(request) {
      seen.signal = request.signal;
      try {
        for await (const event of real.stream(request)) {
          if (event.type === 'text-delta') seen.deltas++;
          yield event;
        }
      } finally {
        seen.ended = true;
      }
    },
  };
  const agent = new Agent({ provider, tracer: false });
  const errors: string[] = [];
  agent.on('error', (e) => void errors.push(e.code));
  return { agent, seen, errors };
}

/** Lets a held run sit: many event-loop turns and some wall time. */
async function idle(): Promise<void> {
  for (let i = 0; i < 20; i++) await nextTurn();
  await sleep(100);
}

/** The held run made nothing while the reader read nothing, and is at most the buffer ahead of it. */
async function expectHeld(seen: Seen, taken: () => number): Promise<void> {
  await idle();
  const at = seen.deltas;
  await idle();
  expect(seen.deltas).toBe(at);
  expect(at).toBeLessThan(PIECES);
  expect(at - taken()).toBeLessThanOrEqual(STREAM_EVENT_BUFFER);
}

/** The whole answer arrived, in order, then the run's end. */
function expectComplete(text: string): void {
  const deltas = deltasOf(text);
  expect(deltas.length).toBe(PIECES);
  expect(deltas.every((d, i) => d === pieces[i])).toBe(true);
  expect(
    chunksOf(text)
      .slice(-3)
      .map((c) => c.type),
  ).toEqual(['finish-step', 'data-graft-run', 'finish']);
}

const deltaFrames = (text: string) => text.split('"type":"text-delta"').length - 1;

describe('a streamed run is held by a reader that stops reading', () => {
  it('Node writer: a real HTTP client that stops reading holds the run; all of it arrives in order once it reads', async () => {
    const { agent, seen } = counted();
    let log: WriteLog | undefined;
    let piped: Promise<void> | undefined;
    const url = await serve((res) => {
      log = watch(res);
      piped = agent.stream('write it all', { threadId: 'node' }).pipeUIMessageStreamToResponse(res);
    });
    const { res } = await open(url);
    await untilStuck(() => log);
    // what the run made beyond what went to the socket: at most the buffer
    await expectHeld(seen, () => deltaFrames(log!.text));
    expect(log!.writesWhileFull).toBe(0);

    const text = await readAll(res);
    await piped;
    expectComplete(text);
    expect(seen.deltas).toBe(PIECES);
  });

  it('web Response: a body reader that stops reading holds the run; all of it arrives in order once it reads', async () => {
    const { agent, seen } = counted();
    const reader = agent.stream('write it all', { threadId: 'web' }).toUIMessageStreamResponse().body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (deltaFrames(text) < 10) text += decoder.decode((await reader.read()).value, { stream: true });
    await expectHeld(seen, () => deltaFrames(text));

    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
    expectComplete(text);
  });

  it('async iterator: a loop that stops taking events holds the run; every event comes in order once it goes on', async () => {
    const { agent, seen } = counted();
    const events = agent.stream('write it all', { threadId: 'iter' })[Symbol.asyncIterator]();
    const texts: string[] = [];
    let last: AgentStreamEvent | undefined;
    while (texts.length < 10) {
      last = (await events.next()).value as AgentStreamEvent;
      if (last.type === 'text-delta') texts.push(last.text);
    }
    await expectHeld(seen, () => texts.length);

    for (let r = await events.next(); !r.done; r = await events.next()) {
      last = r.value;
      if (last.type === 'text-delta') texts.push(last.text);
    }
    expect(texts.join('')).toBe(ANSWER);
    expect(last?.type).toBe('done');
  });

  it("two users at once: one user's stalled reader holds only that user's run; the other's runs to its end", async () => {
    const { agent, seen } = counted();
    const stalled = agent.stream('write it all', { threadId: 'user-a' })[Symbol.asyncIterator]();
    let taken = 0;
    while (taken < 10) if ((await stalled.next()).value?.type === 'text-delta') taken++;
    const texts: string[] = [];
    for await (const event of agent.stream('write it all', { threadId: 'user-b' })) if (event.type === 'text-delta') texts.push(event.text);
    expect(texts.join('')).toBe(ANSWER);
    // user a's run made at most the buffer more than its reader took, while user b's finished
    await idle();
    expect(seen.deltas - PIECES - taken).toBeLessThanOrEqual(STREAM_EVENT_BUFFER);
    await stalled.return!();
  });

  it('a stream nobody ever reads is not held: its run ends and the thread is free again; a late reader still gets every event', async () => {
    const { agent, seen } = counted();
    const stream = agent.stream('write it all', { threadId: 'unread' });
    await until(() => seen.ended);
    expect(seen.deltas).toBe(PIECES);
    // the run finished: the thread takes the next run (a held run would keep it busy)
    const next = await agent.run('again', { threadId: 'unread' });
    expect(next.status === 'done' && next.text).toBe(ANSWER);
    const texts: string[] = [];
    for await (const event of stream) if (event.type === 'text-delta') texts.push(event.text);
    expect(texts.join('')).toBe(ANSWER);
  });

  it('a UI Response that is made but never read (an app that builds it, then does not return it) does not hold its run', async () => {
    const { agent, seen } = counted();
    const response = agent.stream('write it all', { threadId: 'unread-response' }).toUIMessageStreamResponse();
    await until(() => seen.ended);
    expect(seen.deltas).toBe(PIECES);
    const next = await agent.run('again', { threadId: 'unread-response' });
    expect(next.status === 'done' && next.text).toBe(ANSWER);
    expectComplete(await new Response(response.body).text());
  });

  it('agent.run(), which nobody reads, is not held', async () => {
    const { agent, seen } = counted();
    const result = await agent.run('write it all', { threadId: 'run' });
    expect(result.status === 'done' && result.text).toBe(ANSWER);
    // run() asks for no stream: the provider's chat call answered
    expect(seen.deltas).toBe(0);
  });
});

describe('a reader that goes away while the run is held cancels the run', () => {
  it('Node writer: the client disconnects; the provider call is aborted and the run ends RUN_ABORTED', async () => {
    const { agent, seen, errors } = counted();
    let log: WriteLog | undefined;
    let piped: Promise<void> | undefined;
    const url = await serve((res) => {
      log = watch(res);
      piped = agent.stream('write it all', { threadId: 'node-gone' }).pipeUIMessageStreamToResponse(res);
    });
    const { abort } = await open(url);
    await untilStuck(() => log);
    await expectHeld(seen, () => deltaFrames(log!.text));
    const at = seen.deltas;

    abort();
    await piped;
    await until(() => seen.ended && errors.length > 0);
    expect(seen.signal?.aborted).toBe(true);
    expect(errors).toEqual(['RUN_ABORTED']);
    expect(seen.deltas).toBeLessThanOrEqual(at + 1);
  });

  it('the app aborting a held run ends it at once, though the reader still reads nothing; the reader then gets the error', async () => {
    const { agent, seen, errors } = counted();
    const run = agent.stream('write it all', { threadId: 'app-abort' });
    const reader = run.toUIMessageStreamResponse().body!.getReader();
    await reader.read();
    await expectHeld(seen, () => 0);

    run.abort(new Error('the app gave up'));
    await until(() => seen.ended && errors.length > 0);
    expect(seen.signal?.aborted).toBe(true);
    expect(errors).toEqual(['RUN_ABORTED']);

    const decoder = new TextDecoder();
    let text = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
    expect(chunksOf(text).at(-1)).toMatchObject({ type: 'error', errorText: expect.stringContaining('RUN_ABORTED') });
  });

  it('web Response: the body is cancelled; the provider call is aborted and the run ends RUN_ABORTED', async () => {
    const { agent, seen, errors } = counted();
    const reader = agent.stream('write it all', { threadId: 'web-gone' }).toUIMessageStreamResponse().body!.getReader();
    await reader.read();
    await expectHeld(seen, () => 0);
    const at = seen.deltas;

    await reader.cancel('client disconnected');
    await until(() => seen.ended && errors.length > 0);
    expect(seen.signal?.aborted).toBe(true);
    expect(errors).toEqual(['RUN_ABORTED']);
    expect(seen.deltas).toBeLessThanOrEqual(at + 1);
  });
});
