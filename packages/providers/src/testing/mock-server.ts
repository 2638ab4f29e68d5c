/**
 * `createMockServer()`: a real OpenAI-compatible HTTP server on 127.0.0.1 that answers from a
 * script, records every request, and injects faults.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { MOCK_CUT_GRACE_MS, MOCK_EMBEDDING_DIMENSIONS } from '../limits.js';
import { renderChunks, renderJson } from './render.js';
import type { CompletionReply, MockReply } from './replies.js';

/** One request the server received. */
export interface RecordedRequest {
  /** HTTP method. */
  method: string;
  /** Path without query, e.g. `/v1/chat/completions`. */
  path: string;
  /** Headers, lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON body (`undefined` when there was none or it was not JSON). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** The body exactly as received. */
  rawBody: string;
}

/**
 * Decides the vectors of an embeddings request (one per input), or a fault reply (e.g.
 * `reply.error(500)`, `reply.rateLimited()`, `reply.hang()`); `index` counts embeddings requests from 0.
 */
export type MockEmbedder = (inputs: string[], request: RecordedRequest, index: number) => number[][] | MockReply | Promise<number[][] | MockReply>;

/** The mock server's default embedder: a deterministic unit vector per text (same text, same vector). */
export function mockEmbedding(text: string, dimensions = MOCK_EMBEDDING_DIMENSIONS): number[] {
  const h = createHash('sha256').update(text).digest();
  const v = Array.from({ length: dimensions }, (_, i) => h[i % h.length] / 255 - 0.5);
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

/** Decides the reply to a chat request; `index` counts chat requests from 0. */
export type MockScript = (request: RecordedRequest, index: number) => MockReply | Promise<MockReply>;

/** Options of {@link createMockServer}. */
export interface MockServerOptions {
  /** A queue of replies (consumed in order) or a function of the request. */
  script?: MockReply[] | MockScript;
  /** Model ids served by `GET /v1/models` (default `['mock-model']`). */
  models?: string[];
  /**
   * When set, chat and model requests must carry this key (as `Authorization: Bearer`,
   * `x-api-key` or `api-key`); others get a 401 whose message echoes the key received, as
   * careless real servers do (clients must scrub it).
   */
  apiKey?: string;
  /** Answers `POST /v1/embeddings` (default: {@link mockEmbedding} of each input). */
  embeddings?: MockEmbedder;
}

/** A running mock server. */
export interface MockServer {
  /** Base URL ending in `/v1`, e.g. `http://127.0.0.1:43121/v1`. */
  readonly url: string;
  /** Every request received, in order (chat and others). */
  readonly requests: RecordedRequest[];
  /** Only the `POST /v1/chat/completions` requests. */
  readonly chatRequests: RecordedRequest[];
  /** Only the `POST /v1/embeddings` requests. */
  readonly embeddingRequests: RecordedRequest[];
  /** Appends replies to the queue (switches a function script back to a queue). */
  enqueue(...replies: MockReply[]): void;
  /** Replaces the script. */
  setScript(script: MockReply[] | MockScript): void;
  /** Forgets recorded requests and empties the queue. */
  reset(): void;
  /** Stops the server and drops open connections (hanging replies included). */
  close(): Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function promptChars(body: { messages?: { content?: unknown }[] } | undefined): number {
  let n = 0;
  for (const m of body?.messages ?? []) n += typeof m.content === 'string' ? m.content.length : JSON.stringify(m.content ?? '').length;
  return n;
}

/** The parsed JSON of a request body (`undefined` when there was none or it was not JSON). */
function parseBody(rawBody: string): unknown {
  if (!rawBody) return undefined;
  try {
    return JSON.parse(rawBody);
  } catch {
    return undefined;
  }
}

/**
 * Once a request is answered, its record keeps the raw body (one string) and parses `body`
 * again on first read: a long run (a benchmark's thousands of turns) then does not hold a
 * tree of objects per request for the garbage collector to trace. Reads see an equal value;
 * the first read after this makes `body` a plain property again (so it stays the same object).
 */
function keepRawOnly(recorded: RecordedRequest): void {
  const define = (value: unknown) => Object.defineProperty(recorded, 'body', { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(recorded, 'body', {
    get: () => {
      const body = parseBody(recorded.rawBody);
      define(body);
      return body;
    },
    set: define,
    enumerable: true,
    configurable: true,
  });
}

function writeFlushed(res: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => res.write(data, () => resolve()));
}

async function writeEvents(
  res: ServerResponse,
  payloads: string[],
  chunkDelayMs: number,
  done: boolean,
  headers: Record<string, string> = {},
  cutAfter?: number,
): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  res.flushHeaders();
  const last = cutAfter === undefined ? payloads.length : Math.min(cutAfter, payloads.length);
  for (let i = 0; i < last; i++) {
    if (i > 0) await sleep(chunkDelayMs);
    if (res.destroyed) return;
    await writeFlushed(res, `data: ${payloads[i]}\n\n`);
  }
  if (cutAfter !== undefined) {
    // Let the client read what was sent, then drop the connection mid-body.
    await sleep(MOCK_CUT_GRACE_MS);
    res.socket?.destroy();
    return;
  }
  if (done) res.write('data: [DONE]\n\n');
  res.end();
}

/**
 * Starts a real OpenAI-compatible server on 127.0.0.1 (ephemeral port). It serves
 * `POST /v1/chat/completions` (JSON, or SSE when the request has `stream: true`) from the
 * script, `POST /v1/embeddings` and `GET /v1/models`.
 *
 * @example
 * ```ts
 * const server = await createMockServer({ script: [reply.text('Hello!')] });
 * const provider = openaiCompatible({ baseURL: server.url, model: 'mock-model' });
 * await provider.chat({ messages: [{ role: 'user', content: 'Hi' }] });
 * expect(server.chatRequests[0].body.messages[0].content).toBe('Hi');
 * await server.close();
 * ```
 */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  let queue: MockReply[] = [];
  let scriptFn: MockScript | undefined;
  const requests: RecordedRequest[] = [];
  const chatRequests: RecordedRequest[] = [];
  const embeddingRequests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let seq = 0;

  const setScript = (script: MockReply[] | MockScript) => {
    if (typeof script === 'function') {
      scriptFn = script;
      queue = [];
    } else {
      scriptFn = undefined;
      queue = [...script];
    }
  };
  setScript(options.script ?? []);

  const authorized = (headers: Record<string, string>): string | true => {
    if (!options.apiKey) return true;
    const sent = headers.authorization?.replace(/^Bearer\s+/i, '') ?? headers['x-api-key'] ?? headers['api-key'] ?? '';
    return sent === options.apiKey ? true : sent;
  };

  async function serveCompletion(r: CompletionReply, req: RecordedRequest, res: ServerResponse, cutAfter?: number): Promise<void> {
    const ctx = {
      model: typeof req.body?.model === 'string' ? req.body.model : 'mock-model',
      promptChars: promptChars(req.body),
      includeUsage: req.body?.stream_options?.include_usage === true,
      seq,
    };
    if (req.body?.stream === true) {
      await writeEvents(res, renderChunks(r, ctx), r.chunkDelayMs ?? 0, true, r.headers, cutAfter);
      return;
    }
    const text = JSON.stringify(renderJson(r, ctx));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...r.headers });
    if (cutAfter !== undefined) {
      await writeFlushed(res, text.slice(0, Math.floor(text.length / 2)));
      await sleep(MOCK_CUT_GRACE_MS);
      res.socket?.destroy();
      return;
    }
    res.end(text);
  }

  async function serveReply(reply: MockReply, req: RecordedRequest, res: ServerResponse): Promise<void> {
    if (reply.kind === 'hang') return;
    await sleep(reply.delayMs ?? 0);
    if (res.destroyed) return;
    switch (reply.kind) {
      case 'completion':
        return serveCompletion(reply, req, res);
      case 'cut':
        return serveCompletion(reply.reply, req, res, reply.afterEvents);
      case 'error':
        return sendJson(res, reply.status, reply.body, reply.headers);
      case 'raw': {
        const streaming = req.body?.stream === true && reply.streamBody !== undefined;
        res.writeHead(reply.status, { 'content-type': streaming ? 'text/event-stream' : reply.contentType, ...reply.headers });
        res.end(streaming ? reply.streamBody : reply.body);
        return;
      }
      case 'events':
        return writeEvents(res, reply.events, reply.chunkDelayMs ?? 0, reply.done, reply.headers);
      case 'fixture': {
        const f = reply.fixture;
        if (f.format === 'chunks') return writeEvents(res, f.events, reply.chunkDelayMs ?? 0, true, reply.headers);
        const type = f.format === 'sse' ? 'text/event-stream' : 'application/json';
        res.writeHead(f.status, { 'content-type': type, ...reply.headers });
        res.end(f.text);
        return;
      }
    }
  }

  async function serveEmbeddings(req: RecordedRequest, res: ServerResponse): Promise<void> {
    const index = embeddingRequests.length;
    embeddingRequests.push(req);
    const raw = req.body?.input;
    const inputs: string[] | undefined =
      typeof raw === 'string' ? [raw] : Array.isArray(raw) && raw.every((x: unknown) => typeof x === 'string') ? raw : undefined;
    if (!inputs || inputs.length === 0)
      return sendJson(res, 400, { error: { message: "'input' must be a string or a non-empty array of strings", type: 'invalid_request_error' } });
    const out = options.embeddings ? await options.embeddings(inputs, req, index) : inputs.map((t) => mockEmbedding(t));
    if (!Array.isArray(out)) return serveReply(out, req, res);
    const model = typeof req.body?.model === 'string' ? req.body.model : 'mock-embedding';
    const tokens = inputs.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
    return sendJson(res, 200, {
      object: 'list',
      model,
      data: out.map((embedding, i) => ({ object: 'embedding', index: i, embedding })),
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const path = (req.url ?? '/').split('?')[0];
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers, body: parseBody(rawBody), rawBody };
    requests.push(recorded);
    try {
      await route(recorded, res);
    } finally {
      keepRawOnly(recorded);
    }
  }

  async function route(recorded: RecordedRequest, res: ServerResponse): Promise<void> {
    const { path, headers } = recorded;
    const isChat = recorded.method === 'POST' && /\/chat\/completions$/.test(path);
    const isModels = recorded.method === 'GET' && /\/models$/.test(path);
    const isEmbeddings = recorded.method === 'POST' && /\/embeddings$/.test(path);
    if (!isChat && !isModels && !isEmbeddings)
      return sendJson(res, 404, { error: { message: `mock server: no route for ${recorded.method} ${path}`, type: 'invalid_request_error' } });
    const auth = authorized(headers);
    if (auth !== true) {
      return sendJson(res, 401, { error: { message: `Incorrect API key provided: ${auth}.`, type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    if (isModels) {
      const data = (options.models ?? ['mock-model']).map((id) => ({ id, object: 'model', created: 0, owned_by: 'graft-mock' }));
      return sendJson(res, 200, { object: 'list', data });
    }
    if (isEmbeddings) return serveEmbeddings(recorded, res);
    const index = chatRequests.length;
    chatRequests.push(recorded);
    seq++;
    const next = scriptFn ? await scriptFn(recorded, index) : queue.shift();
    if (!next) {
      return sendJson(res, 500, { error: { message: `mock server: script exhausted at chat request #${index}; enqueue more replies.`, type: 'server_error' } });
    }
    await serveReply(next, recorded, res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: `mock server failure: ${(error as Error).message}`, type: 'server_error' } });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests,
    embeddingRequests,
    enqueue: (...replies) => {
      scriptFn = undefined;
      queue.push(...replies);
    },
    setScript,
    reset: () => {
      requests.length = 0;
      chatRequests.length = 0;
      embeddingRequests.length = 0;
      queue = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
