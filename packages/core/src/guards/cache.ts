import { createHash } from 'node:crypto';
import type { ChatProvider, ChatRequest, ChatResponse, Message, StreamEvent } from '@graft/providers';
import { CACHE_KEY_PREFIX, DEFAULT_CACHE_TTL_MS } from '../defaults.js';
import { GuardError } from './errors.js';

/**
 * The minimal key-value store the response cache needs. A `Map` fits (TTL is also
 * enforced by the cache itself), and so does a `GraftStore` namespace or a Keyv instance.
 */
export interface CacheStore {
  /** The stored value (may return a promise), or `undefined`/`null` when missing. */
  get(key: string): unknown;
  /** Store `value`; `ttlMs` is a hint (the cache also checks expiry itself). */
  set(key: string, value: unknown, ttlMs?: number): unknown;
}

/** Options of {@link createResponseCache}. */
export interface ResponseCacheOptions {
  /** Where entries live. */
  store: CacheStore;
  /** Entry lifetime in milliseconds (default {@link DEFAULT_CACHE_TTL_MS}, one hour). */
  ttlMs?: number;
  /** Prefix of store keys (default `graft:response:`). */
  prefix?: string;
  /** Clock, for tests (default `Date.now`). */
  now?: () => number;
}

/** A response cache keyed by a hash of the normalized request. */
export interface ResponseCache {
  /** sha256 (hex) of the normalized request: same meaning → same key. */
  key(request: ChatRequest): string;
  /** The cached response, or `undefined` on a miss or an expired entry. */
  get(request: ChatRequest): Promise<ChatResponse | undefined>;
  /** Store `response` for `request`. */
  set(request: ChatRequest, response: ChatResponse): Promise<void>;
}

interface Entry {
  v: 1;
  expiresAt: number;
  response: ChatResponse;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** A JSON value with object keys sorted recursively and `undefined` members dropped. */
function canonical(value: unknown): unknown {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

function normalizeMessage(m: Message): unknown {
  switch (m.role) {
    case 'assistant':
      return {
        role: m.role,
        content: collapse(m.content),
        toolCalls: m.toolCalls?.map((c) => ({ name: c.name, args: c.args })),
      };
    case 'tool':
      return { role: m.role, content: collapse(m.content), isError: m.isError === true ? true : undefined };
    default:
      return { role: m.role, content: collapse(m.content) };
  }
}

/**
 * The part of a request that determines the answer, normalized: message text with
 * whitespace collapsed, tool-call ids dropped (they are random), tools sorted by name,
 * object keys sorted, the abort signal and reasoning left out.
 * @param request chat request
 */
export function normalizeRequest(request: ChatRequest): unknown {
  return canonical({
    model: request.model,
    messages: request.messages.map(normalizeMessage),
    tools: request.tools
      ?.map((t) => ({ name: t.name, description: collapse(t.description), parameters: t.parameters }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    toolChoice: request.toolChoice,
    temperature: request.temperature,
    maxTokens: request.maxTokens,
    responseFormat: request.responseFormat,
  });
}

/**
 * sha256 (hex) of {@link normalizeRequest}`(request)`.
 * @param request chat request
 */
export function requestKey(request: ChatRequest): string {
  return createHash('sha256')
    .update(JSON.stringify(normalizeRequest(request)), 'utf8')
    .digest('hex');
}

/**
 * Create a response cache on `store`. Entries expire after `ttlMs` (checked on read, and
 * passed to the store as its TTL). Cache only what may be replayed: the Agent stores
 * answers after guards ran, so they hold placeholders, not PII.
 *
 * @example
 * ```ts
 * const cache = createResponseCache({ store: new Map(), ttlMs: 60_000 });
 * const hit = await cache.get(request) ?? await provider.chat(request);
 * ```
 */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const ttlMs = options.ttlMs ?? DEFAULT_CACHE_TTL_MS;
  if (!(ttlMs > 0) || !Number.isFinite(ttlMs)) {
    throw new GuardError('GUARD_INVALID_OPTIONS', `Response cache ttlMs must be a positive finite number of milliseconds (got ${String(ttlMs)}).`);
  }
  const prefix = options.prefix ?? CACHE_KEY_PREFIX;
  const now = options.now ?? Date.now;
  const store = options.store;
  return {
    key: requestKey,
    async get(request) {
      const entry = (await store.get(prefix + requestKey(request))) as Entry | undefined | null;
      if (!entry || entry.v !== 1 || typeof entry.expiresAt !== 'number') return undefined;
      if (entry.expiresAt <= now()) return undefined;
      return entry.response;
    },
    async set(request, response) {
      const entry: Entry = { v: 1, expiresAt: now() + ttlMs, response };
      await store.set(prefix + requestKey(request), entry, ttlMs);
    },
  };
}

/**
 * Wrap a provider so `chat` answers from `cache` when it can (the returned response has
 * `latencyMs: 0`) and fills it on a miss. Responses that stopped for `length`, `error` or
 * `content_filter` are not cached. `stream` is passed through uncached.
 * @param provider the provider to wrap
 * @param cache a response cache
 */
export function withResponseCache(provider: ChatProvider, cache: ResponseCache): ChatProvider {
  return {
    id: provider.id,
    model: provider.model,
    async chat(request: ChatRequest): Promise<ChatResponse> {
      const keyed: ChatRequest = request.model === undefined ? { ...request, model: provider.model } : request;
      const hit = await cache.get(keyed);
      if (hit) return { ...hit, latencyMs: 0 };
      const res = await provider.chat(request);
      if (res.finishReason === 'stop' || res.finishReason === 'tool_calls') await cache.set(keyed, res);
      return res;
    },
    stream(request: ChatRequest): AsyncIterable<StreamEvent> {
      return provider.stream(request);
    },
  };
}
