import { describe, expect, it } from 'vitest';
import { HealthBreakers } from '../src/health.js';

describe('HealthBreakers (unit)', () => {
  it('trips exactly at the threshold of consecutive failures, per module', () => {
    const b = new HealthBreakers(3);
    expect(b.failure('a')).toBe(false);
    expect(b.failure('a')).toBe(false);
    expect(b.failure('b')).toBe(false);
    expect(b.failure('a')).toBe(true);
    expect(b.failure('a')).toBe(true); // stays tripped until a success or a reset
    expect(b.failures('b')).toBe(1);
  });

  it('a success or a reset starts the count over', () => {
    const b = new HealthBreakers(2);
    b.failure('a');
    b.success('a');
    expect(b.failure('a')).toBe(false);
    b.reset('a');
    expect(b.failures('a')).toBe(0);
  });

  it('defaults to 5 and refuses a bad threshold', () => {
    expect(new HealthBreakers().threshold).toBe(5);
    expect(() => new HealthBreakers(0)).toThrow(RangeError);
  });
});
