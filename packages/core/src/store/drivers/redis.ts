/**
 * The Redis driver on ioredis (an optional peer). Compare-and-set is one Lua script (atomic on
 * the server); each namespace's keys are members of a sorted set next to the data, changed in
 * the same `MULTI` transaction or script as the value (so the index is exact across processes,
 * and listing is `ZRANGE … BYLEX`, not a scan of the whole keyspace); expiry is Redis' own `PX`
 * (an expired key's index member stays until the key is written or deleted again; listing
 * skips it); notifications are Redis pub/sub on one channel whose messages name the topic.
 */
import type { Redis, RedisOptions } from 'ioredis';
import { namespaceOf } from '../key-index.js';
import { indexKey } from '../keys.js';
import { REDIS_SCAN_COUNT } from '../../defaults.js';
import { TopicListeners, type Driver, type RawValue, type RawWrite } from './driver.js';
import { loadPeer } from './load-peer.js';

const CAS_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
if ARGV[1] == '0' and cur == false and ARGV[3] == '0' then return 1 end
if ARGV[1] == '0' then
  if cur then return 0 end
elseif cur ~= ARGV[2] then
  return 0
end
if ARGV[3] == '0' then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[6])
elseif ARGV[5] ~= '' then
  redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5])
  redis.call('ZADD', KEYS[2], 0, ARGV[6])
else
  redis.call('SET', KEYS[1], ARGV[4])
  redis.call('ZADD', KEYS[2], 0, ARGV[6])
end
return 1`;

type CasClient = Redis & {
  graftCas(key: string, index: string, hasExpected: string, expected: string, hasNext: string, next: string, ttl: string, member: string): Promise<number>;
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
  client.defineCommand('graftCas', { numberOfKeys: 2, lua: CAS_SCRIPT });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw error;
  }
  return new RedisDriver(client, options.keyPrefix);
}

const LAST = '\u{10FFFF}';

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

  /** The sorted set indexing the namespace of a physical key or listing prefix. */
  private index(physical: string): string {
    return this.prefix + indexKey(namespaceOf(physical));
  }

  async set(key: string, value: RawValue, ttlMs?: number): Promise<void> {
    return this.setMany([{ key, value, ttlMs }]);
  }

  async setMany(writes: readonly RawWrite[]): Promise<void> {
    if (writes.length === 0) return;
    const multi = this.client.multi();
    for (const w of writes) {
      if (w.ttlMs === undefined) multi.set(this.prefix + w.key, w.value);
      else multi.set(this.prefix + w.key, w.value, 'PX', Math.max(1, Math.ceil(w.ttlMs)));
      multi.zadd(this.index(w.key), 0, w.key);
    }
    await this.exec(multi);
  }

  private async exec(multi: ReturnType<Redis['multi']>): Promise<unknown[]> {
    const results = await multi.exec();
    const failed = results?.find(([error]) => error);
    if (!results || failed) throw failed?.[0] ?? new Error('Redis MULTI was aborted');
    return results.map(([, value]) => value);
  }

  async delete(key: string): Promise<boolean> {
    const [deleted] = await this.exec(
      this.client
        .multi()
        .del(this.prefix + key)
        .zrem(this.index(key), key),
    );
    return (deleted as number) > 0;
  }

  async keys(prefix: string): Promise<string[]> {
    return this.client.zrangebylex(this.index(prefix), `[${prefix}`, `[${prefix}${LAST}`);
  }

  async deletePrefix(prefix: string): Promise<void> {
    const keys = await this.keys(prefix);
    for (let i = 0; i < keys.length; i += REDIS_SCAN_COUNT) {
      const batch = keys.slice(i, i + REDIS_SCAN_COUNT);
      await this.exec(
        this.client
          .multi()
          .unlink(...batch.map((k) => this.prefix + k))
          .zrem(this.index(prefix), ...batch),
      );
    }
  }

  async compareAndSet(key: string, expected: RawValue | undefined, next: RawValue | undefined, ttlMs?: number): Promise<boolean> {
    const ttl = ttlMs === undefined ? '' : String(Math.max(1, Math.ceil(ttlMs)));
    const done = await this.client.graftCas(
      this.prefix + key,
      this.index(key),
      expected === undefined ? '0' : '1',
      expected ?? '',
      next === undefined ? '0' : '1',
      next ?? '',
      ttl,
      key,
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
