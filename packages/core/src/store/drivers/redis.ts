/**
 * The Redis driver on ioredis (an optional peer). Compare-and-set is one Lua script (atomic on
 * the server), keys are listed with `SCAN MATCH` (exact, no index to race on), expiry is Redis'
 * own `PX`, and notifications are Redis pub/sub on one channel whose messages name the topic.
 */
import type { Redis, RedisOptions } from 'ioredis';
import { REDIS_SCAN_COUNT } from '../limits.js';
import { TopicListeners, type Driver, type RawValue, type RawWrite } from './driver.js';
import { loadPeer } from './load-peer.js';

const CAS_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
if ARGV[1] == '0' then
  if cur then return 0 end
elseif cur ~= ARGV[2] then
  return 0
end
if ARGV[3] == '0' then
  redis.call('DEL', KEYS[1])
elseif ARGV[5] ~= '' then
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
else
  redis.call('SET', KEYS[1], ARGV[4])
end
return 1`;

type CasClient = Redis & {
  graftCas(key: string, hasExpected: string, expected: string, hasNext: string, next: string, ttl: string): Promise<number>;
};

/** Options of {@link openRedisDriver}. */
export interface RedisDriverOptions {
  url: string;
  /** Prefix of every key and of the notification channel (default `graft:`). */
  keyPrefix: string;
  /** Passed to ioredis as is. */
  clientOptions?: Record<string, unknown>;
}

/** Connects (failing fast when the server is unreachable). */
export async function openRedisDriver(options: RedisDriverOptions): Promise<RedisDriver> {
  const IORedis = await loadPeer<typeof import('ioredis').default>('ioredis', 'ioredis@5', 'Redis');
  const client = new IORedis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3, ...(options.clientOptions as RedisOptions) }) as CasClient;
  client.on('error', () => undefined); // surfaced through the failing command instead
  client.defineCommand('graftCas', { numberOfKeys: 1, lua: CAS_SCRIPT });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return new RedisDriver(client, options.keyPrefix);
}

/** Escapes glob characters for `SCAN MATCH`. */
function globEscape(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** See the file comment. */
export class RedisDriver implements Driver {
  readonly kind = 'redis' as const;
  readonly shared = true;
  private readonly listeners = new TopicListeners();
  private subscriber: Promise<Redis> | undefined;
  private readonly channel: string;

  constructor(
    private readonly client: CasClient,
    private readonly prefix: string,
  ) {
    this.channel = `${prefix}changes`;
  }

  async get(key: string): Promise<RawValue | undefined> {
    return (await this.client.get(this.prefix + key)) ?? undefined;
  }

  async getMany(keys: readonly string[]): Promise<Array<RawValue | undefined>> {
    if (keys.length === 0) return [];
    const values = await this.client.mget(keys.map((k) => this.prefix + k));
    return values.map((v) => v ?? undefined);
  }

  async set(key: string, value: RawValue, ttlMs?: number): Promise<void> {
    if (ttlMs === undefined) await this.client.set(this.prefix + key, value);
    else await this.client.set(this.prefix + key, value, 'PX', Math.max(1, Math.ceil(ttlMs)));
  }

  async setMany(writes: readonly RawWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const multi = this.client.multi();
    for (const w of writes) {
      if (w.ttlMs === undefined) multi.set(this.prefix + w.key, w.value);
      else multi.set(this.prefix + w.key, w.value, 'PX', Math.max(1, Math.ceil(w.ttlMs)));
    }
    const results = await multi.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('Redis MULTI was aborted');
  }

  async delete(key: string): Promise<boolean> {
    return (await this.client.del(this.prefix + key)) > 0;
  }

  async keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    const match = `${globEscape(this.prefix + prefix)}*`;
    let cursor = '0';
    do {
      const [next, found] = await this.client.scan(cursor, 'MATCH', match, 'COUNT', REDIS_SCAN_COUNT);
      cursor = next;
      for (const key of found) out.push(key.slice(this.prefix.length));
    } while (cursor !== '0');
    return [...new Set(out)]; // SCAN may return a key twice
  }

  async deletePrefix(prefix: string): Promise<void> {
    const keys = await this.keys(prefix);
    for (let i = 0; i < keys.length; i += REDIS_SCAN_COUNT) {
      await this.client.unlink(...keys.slice(i, i + REDIS_SCAN_COUNT).map((k) => this.prefix + k));
    }
  }

  async compareAndSet(key: string, expected: RawValue | undefined, next: RawValue | undefined, ttlMs?: number): Promise<boolean> {
    const ttl = ttlMs === undefined ? '' : String(Math.max(1, Math.ceil(ttlMs)));
    const done = await this.client.graftCas(
      this.prefix + key,
      expected === undefined ? '0' : '1',
      expected ?? '',
      next === undefined ? '0' : '1',
      next ?? '',
      ttl,
    );
    return done === 1;
  }

  async publish(topic: string): Promise<void> {
    await this.client.publish(this.channel, topic);
  }

  async subscribe(topic: string, listener: () => void): Promise<() => Promise<void>> {
    this.listeners.add(topic, listener);
    try {
      await (this.subscriber ??= this.openSubscriber());
    } catch (error) {
      this.listeners.remove(topic, listener);
      this.subscriber = undefined;
      throw error;
    }
    return async () => {
      this.listeners.remove(topic, listener);
    };
  }

  private async openSubscriber(): Promise<Redis> {
    const sub = this.client.duplicate();
    sub.on('error', () => undefined);
    sub.on('message', (channel: string, topic: string) => {
      if (channel === this.channel) this.listeners.emit(topic);
    });
    await sub.subscribe(this.channel);
    return sub;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const sub = this.subscriber;
    this.subscriber = undefined;
    if (sub) (await sub.catch(() => undefined))?.disconnect();
    await this.client.quit().catch(() => this.client.disconnect());
  }
}
