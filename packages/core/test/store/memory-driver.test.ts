import { describe, expect, it } from 'vitest';
import { MemoryDriver } from '../../src/store/drivers/memory.js';

describe('MemoryDriver prefix scans (indexed by namespace group)', () => {
  it('lists and deletes by prefix within a group, across groups and with colons in the key part', async () => {
    const d = new MemoryDriver();
    await d.setMany([
      { key: 'a/k:c:1', value: '1' },
      { key: 'a/k:c:2', value: '2' },
      { key: 'a/k:w:1', value: '3' },
      { key: 'a/b/k:c:1', value: '4' },
      { key: 'ab/k:c:1', value: '5' },
      { key: 'plain', value: '6' },
    ]);
    expect((await d.keys('a/k:c:')).sort()).toEqual(['a/k:c:1', 'a/k:c:2']);
    expect((await d.keys('a/k:')).sort()).toEqual(['a/k:c:1', 'a/k:c:2', 'a/k:w:1']);
    // a prefix without a group marker scans every key
    expect((await d.keys('a')).sort()).toEqual(['a/b/k:c:1', 'a/k:c:1', 'a/k:c:2', 'a/k:w:1', 'ab/k:c:1']);
    expect(await d.keys('p')).toEqual(['plain']);
    expect(await d.keys('zz/k:')).toEqual([]);
    await d.deletePrefix('a/k:');
    expect((await d.keys('')).sort()).toEqual(['a/b/k:c:1', 'ab/k:c:1', 'plain']);
    expect(await d.delete('a/b/k:c:1')).toBe(true);
    expect(await d.keys('a/b/k:')).toEqual([]);
  });

  it('drops expired keys from prefix scans and re-adds a key written again', async () => {
    const d = new MemoryDriver();
    await d.set('n/k:x', '1', 1);
    await new Promise((r) => setTimeout(r, 5));
    expect(await d.keys('n/k:')).toEqual([]);
    await d.set('n/k:x', '2');
    expect(await d.keys('n/k:')).toEqual(['n/k:x']);
    expect(await d.compareAndSet('n/k:x', '2', undefined)).toBe(true);
    expect(await d.keys('n/k:')).toEqual([]);
    expect(await d.compareAndSet('n/k:y', undefined, '3')).toBe(true);
    expect(await d.keys('n/k:')).toEqual(['n/k:y']);
  });
});
