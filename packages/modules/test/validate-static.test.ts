import { describe, expect, it } from 'vitest';
import { blankLiterals, findForbiddenConstructs } from '../src/build/validate/static.js';

const kinds = (code: string) => findForbiddenConstructs(code).map((i) => i.message.split(' ')[0]);

describe('findForbiddenConstructs', () => {
  it.each([
    ["import x from 'y';\nexport const tools = {};", 'static'],
    ["export const tools = {}; import {a} from './a.js'", 'static'],
    ["const m = await import('node:fs');", 'dynamic'],
    ['const u = import.meta.url;', '`import.meta`'],
    ["const fs = require('fs');", '`require()`'],
    ["eval('1+1')", '`eval`'],
    ['const e = eval; e("x")', '`eval`'],
    ["new Function('return this')()", '`new'],
    ["Function('return this')()", '`Function(...)`'],
    ["(async () => {}).constructor('return 1')", 'calling'],
    ["({})['constructor']('x')", 'calling'],
  ])('reports %j', (code, first) => {
    expect(kinds(code)).toContain(first);
  });

  it('ignores words inside strings, comments, templates and regexes', () => {
    const code = [
      "// import x from 'y'; eval(1)",
      "/* require('fs') */",
      'const a = \'import("x") eval(1) new Function()\';',
      'const b = "require(\\"x\\")";',
      'const c = `text eval(1) ${1 + 2} import(y)`;',
      'const d = /eval\\(|import\\(/g;',
      'const important = 1; const evaluation = 2; const myFunction = () => 3; const required = 4;',
      'export const tools = { a: { description: "uses import and eval in prose", input: {}, run() { return important; } } };',
    ].join('\n');
    expect(findForbiddenConstructs(code)).toEqual([]);
  });

  it('sees code inside template substitutions', () => {
    expect(kinds('const c = `a ${eval("1")} b`;')).toContain('`eval`');
  });

  it('reports the line of each finding', () => {
    const issues = findForbiddenConstructs('const a = 1;\nconst b = 2;\nrequire("x");');
    expect(issues).toEqual([expect.objectContaining({ kind: 'forbidden', where: 'line 3' })]);
  });

  it('blankLiterals keeps newlines and code but removes literal contents', () => {
    const src = 'const a = "x\\"y"; // c\nconst b = 1;';
    const out = blankLiterals(src);
    expect(out.length).toBe(src.length);
    expect(out.split('\n')).toHaveLength(2);
    expect(out).toContain('const b = 1;');
    expect(out).not.toContain('x');
  });
});
