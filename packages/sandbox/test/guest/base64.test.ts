import type { QuickJSContext } from 'quickjs-emscripten-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inGuest, inNode, newGuest } from './harness.js';

const CASES: Record<string, string> = {
  'btoa ASCII': "btoa('hello world')",
  'btoa padding 1 and 2': "[btoa('a'),btoa('ab'),btoa('abc'),btoa('')]",
  'btoa Latin-1 range': "btoa('\\u00ff\\u00fe\\u0000\\u0080')",
  'btoa coerces its argument': '[btoa(123),btoa(null),btoa(undefined)]',
  'btoa rejects chars above U+00FF': "btoa('€')",
  'btoa without argument': 'btoa()',
  'atob basic': "atob('aGVsbG8gd29ybGQ=')",
  'atob without padding': "[atob('YQ'),atob('YWI'),atob('YWJj')]",
  'atob ASCII whitespace anywhere': "atob(' aG\\tVs\\nbG\\f8g\\rd29y bGQ= ')",
  'atob binary to Latin-1 code units': "Array.from(atob('//79AA=='),function(c){return c.charCodeAt(0)})",
  'atob rejects a length of 4n+1': "atob('abcde')",
  'atob rejects characters outside the alphabet': "atob('ab-_')",
  'atob rejects = in the middle': "atob('ab=c')",
  'atob rejects three =': "atob('a===')",
  'atob rejects non-ASCII': "atob('aé==')",
  'atob rejects non-breaking space': "atob('YQ\\u00a0')",
  'atob of empty and whitespace only': "[atob(''),atob('  ')]",
  'atob discards trailing bits': "[atob('YR'),atob('YWJjZA')]",
  'atob coerces its argument': 'atob(null)',
  'atob without argument': 'atob()',
  'error shape': "(function(){try{atob('*')}catch(e){return [e.name,e.code,e instanceof Error]}})()",
  'round trip of all bytes': "(function(){var s='';for(var i=0;i<256;i++)s+=String.fromCharCode(i);return atob(btoa(s))===s})()",
};

describe('atob and btoa inside the guest match Node', () => {
  let guest: QuickJSContext;
  beforeAll(async () => {
    guest = await newGuest();
  });
  afterAll(() => guest.dispose());

  it.each(Object.entries(CASES))('%s', (_name, expression) => {
    const node = inNode(expression);
    const mine = inGuest(guest, expression);
    // Errors compare by name and message: both are part of the documented DOMException shape.
    expect(mine).toEqual(node);
  });

  it('really decodes', () => {
    expect(inGuest(guest, "atob('Z3JhZnQ=')")).toEqual({ ok: 'graft' });
  });
});
