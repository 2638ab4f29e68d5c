import { describe, expect, it } from 'vitest';
import { createStore } from '@graft/core';
import { HealthBreakers } from '../src/runtime/health.js';
import { memoryStore } from './manager-fixtures.js';

describe.each([
  ['process-local', () => undefined],
  ['minimal store (no update)', () => memoryStore()],
  ['core store', () => createStore()],
])('HealthBreakers (%s)', (_name, makeStore) => {
  it('trips exactly at the threshold of consecutive failures, per module', async () => {
    const b = new HealthBreakers(3, makeStore());
    expect(await b.failure('a')).toBe(false);
    expect(await b.failure('a')).toBe(false);
    expect(await b.failure('b')).toBe(false);
    expect(await b.failure('a')).toBe(true);
    expect(await b.failure('a')).toBe(true); // stays tripped until a success or a reset
    expect(await b.failures('b')).toBe(1);
  });

  it('a success or a reset starts the count over', async () => {
    const b = new HealthBreakers(2, makeStore());
    await b.failure('a');
    await b.success('a');
    expect(await b.failure('a')).toBe(false);
    await b.reset('a');
    expect(await b.failures('a')).toBe(0);
  });
});

describe('HealthBreakers shared through a store', () => {
  it('two instances on one store count the same failures (concurrently, none lost)', async () => {
    const store = createStore();
    const one = new HealthBreakers(10, store);
    const two = new HealthBreakers(10, store);
    const tripped = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).failure('m')));
    expect(tripped.filter(Boolean)).toHaveLength(1);
    expect(await one.failures('m')).toBe(10);
    await two.success('m');
    expect(await one.failures('m')).toBe(0);
  });

  it('defaults to 5 and refuses a bad threshold', () => {
    expect(new HealthBreakers().threshold).toBe(5);
    expect(() => new HealthBreakers(0)).toThrow(RangeError);
  });
});
