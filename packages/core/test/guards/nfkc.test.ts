import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nfkcNeededAt, nfkcWhereNeeded } from '../../src/guards/nfkc.js';

const evalDir = join(dirname(fileURLToPath(import.meta.url)), '../../eval');

function evalTexts(): string[] {
  const out: string[] = [];
  for (const f of ['pii.rw.test', 'injection.rw.test', 'pii.test', 'injection.test']) {
    for (const line of readFileSync(join(evalDir, `${f}.jsonl`), 'utf8').split('\n')) if (line.trim()) out.push((JSON.parse(line) as { text: string }).text);
  }
  return out;
}

describe('nfkcWhereNeeded', () => {
  it('equals normalize("NFKC") on texts that mix ASCII, combining marks, compatibility forms and compositions', () => {
    const cases = [
      'cafe\u0301 ﬁle ｉｇｎｏｒｅ ａｌｌ',
      'e\u0301\u0327x',
      '\u0301leading mark',
      'x\u1100\u1161\u11a8y', // Hangul jamo compose to one syllable
      '\u1100\u1161 and \u1100 \u1161',
      'ａ\u0301',
      'ŉ ½ ™ … \u00a0 ² ㎏ ① 𝐈𝐠𝐧𝐨𝐫𝐞',
      'Ä\u0308 o\u0308\u0304 \u0b47\u0b3e \u0ccd\u0cd5',
      '😀 \ud83d\ude00 ﬀ\u0301 a\u0323\u0302',
      'plain ascii only',
      '中文，标点！（全角）：ｆｕｌｌ　ｗｉｄｔｈ。か\u3099 ハ\u309a 가\u11a8 한\u1161',
      'ünïcödé ελληνικά кириллица 中文 한국어 かな',
    ];
    for (const t of cases) expect(nfkcWhereNeeded(t)).toBe(t.normalize('NFKC'));
  });

  it('equals normalize("NFKC") on every eval text, alone and joined', () => {
    const texts = evalTexts();
    for (const t of texts) expect(nfkcWhereNeeded(t)).toBe(t.normalize('NFKC'));
    const joined = texts.join('\n');
    expect(nfkcWhereNeeded(joined)).toBe(joined.normalize('NFKC'));
  });

  it('equals normalize("NFKC") on random mixes of ASCII and characters that compose, decompose or reorder', () => {
    const pool = [
      ...'aeiouAEOnN .,1\n',
      ...'\u0300\u0301\u0302\u0308\u0323\u0327\u0338\u0345\u05b0\u0f71\u0f72',
      ...'\u1100\u1161\u11a8\uac00\u0b47\u0b3e\u0d46\u0d3e\u0cd5\u0ccd',
      ...'ﬁﬀ½²™…\u00a0㎏①ｉＡ\u2126\u212b\u1e9b\u0344\u0f73\u00e9\u00c5é中ü',
      ...'中文字。，、！？（）：；「」ａ１かがカガゔヷ\u3099\u309a\u309b한국\uac00\u11a8\u1161\u3131',
      '\ud835\udc08',
      '\ud83d\ude00',
    ];
    let seed = 42;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    for (let k = 0; k < 6000; k++) {
      let t = '';
      for (let len = 1 + next(16); len > 0; len--) t += pool[next(pool.length)];
      expect(nfkcWhereNeeded(t), JSON.stringify(t)).toBe(t.normalize('NFKC'));
    }
  });

  it('equals normalize("NFKC") on every BMP character, alone and after a letter', () => {
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      if (nfkcWhereNeeded(ch) !== ch.normalize('NFKC')) wrong.push(`U+${c.toString(16)}`);
      if (nfkcWhereNeeded('e' + ch + 'x') !== ('e' + ch + 'x').normalize('NFKC')) wrong.push(`e U+${c.toString(16)} x`);
    }
    expect(wrong).toEqual([]);
  });

  it('returns text without characters NFKC changes unchanged', () => {
    const t = 'Grüße, 東京 — “quoted” 😀';
    expect(nfkcWhereNeeded(t)).toBe(t);
  });
});

describe('nfkcNeededAt', () => {
  it('is -1 only for text NFKC leaves unchanged, and a given start gives the same result', () => {
    for (const t of [...evalTexts(), 'plain', 'Grüße 東京 😀', 'x'.repeat(300) + 'ﬁ', 'é'.repeat(50) + 'ａ' + 'y'.repeat(50), '\ud835\udc08 tail']) {
      const at = nfkcNeededAt(t);
      if (at === -1) expect(t.normalize('NFKC')).toBe(t);
      expect(nfkcWhereNeeded(t, at)).toBe(t.normalize('NFKC'));
    }
  });

  it('finds the first character NFKC may change after long ASCII and kept stretches', () => {
    expect(nfkcNeededAt('a'.repeat(1000) + 'ﬁ')).toBe(1000);
    expect(nfkcNeededAt('ü'.repeat(10) + 'abc' + '①')).toBe(13);
    expect(nfkcNeededAt('abc 😀 def')).toBe(-1);
  });

  it('reports every zero-width and tag character but the soft hyphen (the injection normaliser relies on it)', () => {
    for (const zw of ['\u200b', '\u200c', '\u200d', '\u2060', '\u2061', '\u2064', '\ufeff', '\u180e', String.fromCodePoint(0xe0041)]) {
      expect(nfkcNeededAt(`café${zw}x`), JSON.stringify(zw)).toBe(4);
    }
    expect(nfkcNeededAt('café\u00adx')).toBe(-1);
  });
});
