import { describe, expect, it } from 'vitest';
import { detectPII, PiiVault, redactPII, type PiiSpan, type PiiType } from '@graft/core';
import { redactSpans } from '../../src/guards/pii.js';

const only = (text: string, type?: PiiType) => detectPII(text).filter((s) => type === undefined || s.type === type);

/** Every span's offsets select exactly its value. */
function offsetsHold(text: string): void {
  for (const s of detectPII(text)) expect(text.slice(s.start, s.end)).toBe(s.value);
}

describe('detectPII — positives by type', () => {
  const cases: Array<[PiiType, string, string]> = [
    ['email', 'write to jane.doe+news@mail.example.co.uk today', 'jane.doe+news@mail.example.co.uk'],
    ['phone', 'call (415) 555-2671 now', '(415) 555-2671'],
    ['phone', 'US: 415-555-2671.', '415-555-2671'],
    ['phone', 'UK +44 20 7946 0958 office', '+44 20 7946 0958'],
    ['phone', 'UK national 020 7946 0958 office', '020 7946 0958'],
    ['phone', 'E.164 +14155552671 ok', '+14155552671'],
    ['phone', 'toll free 1-800-555-0199', '1-800-555-0199'],
    ['phone', 'my phone: 4155552671', '4155552671'],
    ['credit_card', 'card 4111 1111 1111 1111 exp', '4111 1111 1111 1111'],
    ['credit_card', 'amex 3782 822463 10005', '3782 822463 10005'],
    ['credit_card', 'mc 5555-5555-5555-4444', '5555-5555-5555-4444'],
    ['ssn', 'SSN 123-45-6789.', '123-45-6789'],
    ['ssn', 'ssn: 123456789', '123456789'],
    ['iban', 'IBAN DE89 3704 0044 0532 0130 00 please', 'DE89 3704 0044 0532 0130 00'],
    ['iban', 'to GB82WEST12345698765432 TODAY', 'GB82WEST12345698765432'],
    ['api_key', 'key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z ok', 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'],
    ['api_key', 'AKIAIOSFODNN7EXAMPLE', 'AKIAIOSFODNN7EXAMPLE'],
    ['api_key', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789', 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789'],
    ['api_key', 'slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'],
    ['api_key', 'AIzaSyD3fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5b', 'AIzaSyD3fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5b'],
    ['api_key', 'stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
    [
      'api_key',
      'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    ],
    ['api_key', 'Authorization: Bearer q8Zr2LmX9vTb4NcY7kPd1sWf', 'q8Zr2LmX9vTb4NcY7kPd1sWf'],
    ['api_key', 'api_key="9f8a7b6c5d4e3f2a1b0c"', '9f8a7b6c5d4e3f2a1b0c'],
    ['ip_address', 'host 192.168.1.20 down', '192.168.1.20'],
    ['ip_address', 'v6 2001:db8::8a2e:370:7334 up', '2001:db8::8a2e:370:7334'],
    ['ip_address', 'loopback ::1 only', '::1'],
  ];
  for (const [type, text, value] of cases) {
    it(`${type}: ${value}`, () => {
      const spans = only(text, type);
      expect(spans.map((s) => s.value)).toEqual([value]);
      expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe(value);
    });
  }
});

describe('detectPII — look-alikes are not PII', () => {
  const negatives = [
    'Order ORD-20231145 shipped, tracking 1Z999AA10123456784.',
    'commit 9e107d9d372bb6826bd81d3542a419d6 and sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    'request 123e4567-e89b-42d3-a456-426614174000 failed',
    'card 4111 1111 1111 1112 was declined (bad checksum)',
    'unissued SSNs: 000-12-3456, 666-12-3456, 912-34-5678, 123-00-4567',
    'IBAN DE88 3704 0044 0532 0130 00 has a bad check digit',
    'running v1.2.3.4, version 10.0.19041.1, OID 1.3.6.1.4.1.311',
    'MAC 00:1A:2B:3C:4D:5E at 12:30:45, std::vector<int>, Foo::Bar',
    'icon@2x.png, @graft/core, npm i lodash@4.17.21, user@localhost',
    'set OPENAI_API_KEY=YOUR_API_KEY and token: <your-token-here>',
    'scikit uses sk-learn-style-estimators-for-everything here',
    'ISBN 978-0-306-40615-7, price $1,299.00, ZIP 94103-1234, due 2024-01-15',
    'masked **** **** **** 1234, SKU 4012-8888-8888',
  ];
  for (const text of negatives) {
    it(text.slice(0, 50), () => {
      expect(detectPII(text)).toEqual([]);
    });
  }
});

describe('detectPII — spans and options', () => {
  it('reports correct offsets in mixed text, sorted and non-overlapping', () => {
    const text = 'Jane (jane@example.com, +1 415 555 2671) paid with 4111-1111-1111-1111 from 10.0.0.7; SSN 123-45-6789.';
    const spans = detectPII(text);
    expect(spans.map((s) => s.type)).toEqual(['email', 'phone', 'credit_card', 'ip_address', 'ssn']);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    offsetsHold(text);
  });
  it('handles non-ASCII text before a value (UTF-16 offsets)', () => {
    const text = 'Grüße 👋 — écrivez à zoë@example.fr';
    const [s] = detectPII(text);
    expect(s?.type).toBe('email');
    expect(text.slice(s!.start, s!.end)).toBe(s!.value);
  });
  it('restricts to the requested types', () => {
    const text = 'a@example.com 4111111111111111';
    expect(detectPII(text, { types: ['credit_card'] }).map((s) => s.type)).toEqual(['credit_card']);
  });
  it('tags sub-kinds (key shape, card brand, ip version)', () => {
    const kinds = detectPII('AKIAIOSFODNN7EXAMPLE 4111111111111111 ::1').map((s) => s.kind);
    expect(kinds).toEqual(['aws', 'visa', 'v6']);
  });
});

describe('redactPII / PiiVault', () => {
  const text = 'Mail bob@example.com or bob@example.com, card 4111 1111 1111 1111, call +44 20 7946 0958.';

  it('replaces values by numbered typed placeholders, same value → same placeholder', () => {
    const r = redactPII(text);
    expect(r.text).toBe('Mail [EMAIL_1] or [EMAIL_1], card [CREDIT_CARD_1], call [PHONE_1].');
    expect(r.spans.map((s) => s.placeholder)).toEqual(['[EMAIL_1]', '[EMAIL_1]', '[CREDIT_CARD_1]', '[PHONE_1]']);
  });

  it('is reversible: restore gives back the original exactly', () => {
    const r = redactPII(text);
    expect(r.vault!.restore(r.text)).toBe(text);
  });

  it('continues numbering in a shared vault and restores deep tool-call arguments', () => {
    const vault = new PiiVault();
    redactPII('a@example.com', { vault });
    const second = redactPII('b@example.com and a@example.com', { vault });
    expect(second.text).toBe('[EMAIL_2] and [EMAIL_1]');
    const args = { to: ['[EMAIL_2]'], cc: '[EMAIL_1]', n: 3, note: 'unknown [EMAIL_9] stays' };
    expect(vault.restoreDeep(args)).toEqual({ to: ['b@example.com'], cc: 'a@example.com', n: 3, note: 'unknown [EMAIL_9] stays' });
  });

  it('returns no vault when not reversible, and spans never carry raw values', () => {
    const r = redactPII(text, { reversible: false });
    expect(r.vault).toBeUndefined();
    expect(JSON.stringify(r.spans)).not.toContain('bob@example.com');
    expect(JSON.stringify(r.spans)).not.toContain('4111');
  });

  it('never leaks values through JSON or inspection of the vault', async () => {
    const { inspect } = await import('node:util');
    const r = redactPII('canary-secret@example.com');
    expect(JSON.stringify({ vault: r.vault })).not.toContain('canary-secret');
    expect(inspect(r.vault, { depth: 5 })).not.toContain('canary-secret');
    expect(String(r.vault!.reveal('[EMAIL_1]'))).toBe('canary-secret@example.com');
  });

  it('a hash-only vault keeps stable placeholders but no values', async () => {
    const { inspect } = await import('node:util');
    const vault = new PiiVault({ reversible: false });
    const a = redactPII('canary-x@example.com', { vault });
    const b = redactPII('again canary-x@example.com', { vault });
    expect(a.text).toBe('[EMAIL_1]');
    expect(b.text).toBe('again [EMAIL_1]');
    expect(vault.restore(b.text)).toBe('again [EMAIL_1]');
    expect(() => vault.reveal('[EMAIL_1]')).toThrowError(expect.objectContaining({ code: 'GUARD_UNKNOWN_PLACEHOLDER' }));
    expect(inspect(vault, { depth: 5, showHidden: true })).not.toContain('canary-x');
  });

  it('reveal of an unknown placeholder is a typed error that does not echo values', () => {
    const vault = new PiiVault();
    expect(() => vault.reveal('[EMAIL_1]')).toThrowError(expect.objectContaining({ code: 'GUARD_UNKNOWN_PLACEHOLDER' }));
  });

  it('round-trips a long mixed text', () => {
    const big = Array.from({ length: 50 }, (_, i) => `row ${i}: u${i}@example.org 10.0.${i}.1 SSN 123-45-${String(1000 + i)}`).join('\n');
    const r = redactPII(big);
    expect(r.spans).toHaveLength(150);
    expect(r.text).not.toMatch(/@example\.org|10\.0\.|123-45-/);
    expect(r.vault!.restore(r.text)).toBe(big);
  });
});

describe('detectPII — hostile input stays linear', () => {
  // No timing assertion (speed lives in bench/); a catastrophic-backtracking regression
  // would blow far past the test timeout on these ~40 KB inputs.
  const hostile: Record<string, string> = {
    spacedDigits: '1 '.repeat(20000),
    longDigits: '1'.repeat(40000),
    atSigns: 'a@'.repeat(20000),
    colons: '1:'.repeat(20000),
    hexColons: 'ab:'.repeat(15000),
    ibanLike: 'DE89 ' + '1234 '.repeat(8000),
    dotted: '1.1.1.1.'.repeat(5000),
    jwtLike: 'eyJ' + 'a'.repeat(40000) + '.eyJ' + 'a'.repeat(100),
    privateKeyHeader: '-----BEGIN PRIVATE KEY-----' + 'a'.repeat(40000),
  };
  for (const [name, text] of Object.entries(hostile)) {
    it(name, () => {
      const spans = detectPII(text);
      for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.value);
    });
  }
});

describe('redactPII — repeated values', () => {
  it('gives a value that recurs in one text one placeholder, in both vault kinds, and keeps it across calls', () => {
    const text = 'a@example.com, b@example.com, a@example.com; card 4111 1111 1111 1111 then a@example.com and 4111 1111 1111 1111';
    for (const reversible of [true, false]) {
      const vault = new PiiVault({ reversible });
      const r = redactPII(text, { vault });
      expect(r.text).toBe('[EMAIL_1], [EMAIL_2], [EMAIL_1]; card [CREDIT_CARD_1] then [EMAIL_1] and [CREDIT_CARD_1]');
      expect(vault.size).toBe(3);
      expect(r.spans.map((s) => s.placeholder)).toEqual(['[EMAIL_1]', '[EMAIL_2]', '[EMAIL_1]', '[CREDIT_CARD_1]', '[EMAIL_1]', '[CREDIT_CARD_1]']);
      expect(redactPII('again b@example.com', { vault }).text).toBe('again [EMAIL_2]');
      if (!reversible) expect(JSON.stringify(r.vault) + String(vault.placeholders())).not.toContain('example.com');
    }
  });
});

describe('redactSpans', () => {
  it('asks the vault once per distinct (type, value) in a text, and keeps types apart', () => {
    const text = '123456789 and 123456789 and 123456789';
    const spans: PiiSpan[] = [
      { type: 'ssn', start: 0, end: 9, value: '123456789' },
      { type: 'ssn', start: 14, end: 23, value: '123456789' },
      { type: 'phone', start: 28, end: 37, value: '123456789' },
    ];
    const vault = new PiiVault({ reversible: false });
    const asked: string[] = [];
    const mint = vault.placeholderFor.bind(vault);
    vault.placeholderFor = (type, value) => (asked.push(type), mint(type, value));
    const r = redactSpans(text, spans, vault, (s, placeholder) => ({ type: s.type, placeholder }));
    expect(r.text).toBe('[SSN_1] and [SSN_1] and [PHONE_1]');
    expect(r.findings.map((f) => f.placeholder)).toEqual(['[SSN_1]', '[SSN_1]', '[PHONE_1]']);
    expect(asked).toEqual(['ssn', 'phone']);
  });
});
