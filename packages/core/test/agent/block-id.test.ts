import { describe, expect, it } from 'vitest';
import { blockId } from '../../src/agent/block-id.js';
import { SPOTLIGHT_ID_BYTES } from '../../src/defaults.js';

describe('blockId (the id of a spotlighted tool result)', () => {
  it('is hex of the configured length and the same for the same source and text', () => {
    const id = blockId('tool:get_weather', '{"city":"Paris","tempC":21}');
    expect(id).toMatch(new RegExp(`^[0-9a-f]{${SPOTLIGHT_ID_BYTES * 2}}$`));
    expect(blockId('tool:get_weather', '{"city":"Paris","tempC":21}')).toBe(id);
  });

  it('changes with the text, the source, and where the source ends', () => {
    const id = blockId('tool:a', 'bc');
    expect(blockId('tool:a', 'bd')).not.toBe(id);
    expect(blockId('tool:b', 'bc')).not.toBe(id);
    expect(blockId('tool:ab', 'c')).not.toBe(id);
    expect(blockId('', '')).toMatch(/^[0-9a-f]+$/);
  });

  it('does not repeat over many distinct results', () => {
    const ids = new Set<string>();
    for (let i = 0; i < 50_000; i++) ids.add(blockId('tool:search', `{"rank":${i},"title":"result ${i % 97}"}`));
    expect(ids.size).toBe(50_000);
  });
});
