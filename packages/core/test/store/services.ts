/**
 * Where the Redis and PostgreSQL servers of the store tests are: `GRAFT_TEST_REDIS_URL` and
 * `GRAFT_TEST_POSTGRES_URL` (`.ci/run` starts both with examples/scripts/test-services.sh).
 * Outside CI a missing server skips its tests with a loud warning; in CI (`CI=true`) it fails.
 */
import { randomBytes } from 'node:crypto';
import { createStore, type GraftStore } from '@graft/core';

export type ServiceKind = 'redis' | 'postgres';

const ENV: Record<ServiceKind, string> = { redis: 'GRAFT_TEST_REDIS_URL', postgres: 'GRAFT_TEST_POSTGRES_URL' };
const warned = new Set<ServiceKind>();

/** The server URL, or `undefined` (after a loud warning) when not set outside CI. */
export function serviceUrl(kind: ServiceKind): string | undefined {
  const url = process.env[ENV[kind]];
  if (url) return url;
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  if (ci) throw new Error(`${ENV[kind]} is not set, and CI=true: .ci/run must start ${kind} (examples/scripts/test-services.sh start).`);
  if (!warned.has(kind)) {
    warned.add(kind);
    console.warn(
      `\n${'!'.repeat(78)}\n!!! SKIPPING the ${kind.toUpperCase()} store tests: ${ENV[kind]} is not set.\n` +
        `!!! Run: bash examples/scripts/test-services.sh install && eval "$(bash examples/scripts/test-services.sh start)"\n${'!'.repeat(78)}\n`,
    );
  }
  return undefined;
}

/** A fresh, isolated store on `kind` (its own Redis key prefix / PostgreSQL table). */
export function isolatedStore(kind: ServiceKind | 'memory' | 'sqlite', options: { file?: string; id?: string } = {}): GraftStore {
  const id = options.id ?? `t${randomBytes(6).toString('hex')}`;
  if (kind === 'memory') return createStore();
  if (kind === 'sqlite') return createStore({ sqlite: options.file as string });
  const url = serviceUrl(kind);
  if (!url) throw new Error(`${kind} is not available`);
  return kind === 'redis'
    ? createStore({ redis: url, redisOptions: { keyPrefix: `graft-test:${id}:` } })
    : createStore({ postgres: url, postgresOptions: { table: `graft_${id}` } });
}
