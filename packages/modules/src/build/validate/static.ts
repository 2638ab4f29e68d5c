/**
 * Static checks of module source: forbidden constructs (module loading, dynamic code
 * evaluation). The sandbox refuses these anyway; reporting them tells the model why.
 */
import type { ValidationIssue } from '../../types.js';

interface Rule {
  /** Matched on the source with literal contents blanked. */
  pattern: RegExp;
  message: string;
  /** When set, the original text of the match must also match this. */
  original?: RegExp;
}

const RULES: Rule[] = [
  { pattern: /(?:^|[;{}\s])import\b\s*(?:[\w$*{]|["'`])/g, message: 'static `import` is not allowed: a module cannot load other code; inline what you need' },
  { pattern: /(?<![.\w$])import\s*\(/g, message: 'dynamic `import()` is not allowed: a module cannot load other code' },
  { pattern: /(?<![.\w$])import\s*\.\s*meta\b/g, message: '`import.meta` is not available in modules' },
  { pattern: /(?<![.\w$])require\s*\(/g, message: '`require()` is not allowed: a module cannot load other code; use ctx.fetch for I/O' },
  { pattern: /(?<![.\w$])eval\b/g, message: '`eval` is not allowed: write the logic directly' },
  { pattern: /(?<![.\w$])new\s+Function\b/g, message: '`new Function` is not allowed: write the logic directly' },
  { pattern: /(?<![.\w$])(?:Async)?Function\s*\(/g, message: '`Function(...)` is not allowed: write the logic directly' },
  { pattern: /\.\s*constructor\s*\(/g, message: 'calling `.constructor(...)` is not allowed (it can build functions from strings)' },
  {
    pattern: /\[\s*(['"`])[^\]\n]*?\1\s*\]\s*\(/g,
    original: /constructor/,
    message: 'calling `["constructor"](...)` is not allowed (it can build functions from strings)',
  },
];

// After these characters (ignoring whitespace) a `/` starts a regular expression literal.
const REGEX_PREFIX = /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\breturn|\btypeof|\bcase|\bdo|\belse|\bin|\bof|\bnew|\bdelete|\bvoid|\bthrow|\byield|\bawait)\s*$/;

/**
 * Returns the source with the contents of comments, string literals, template text and
 * regular expression literals blanked out (newlines kept), so that rules only see code.
 * Template substitutions (`${…}`) are kept as code. Quote characters are kept.
 */
export function blankLiterals(src: string): string {
  const out = src.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  // Stack of brace depths at which a template substitution resumes its template.
  const templateStack: number[] = [];
  let depth = 0;
  let i = 0;
  const n = src.length;
  const scanTemplate = (start: number): number => {
    // `start` is just after a backtick or a closing `}` of a substitution.
    let j = start;
    while (j < n) {
      const ch = src[j];
      if (ch === '\\') {
        j += 2;
        continue;
      }
      if (ch === '`') {
        blank(start, j);
        return j + 1;
      }
      if (ch === '$' && src[j + 1] === '{') {
        blank(start, j);
        templateStack.push(depth);
        depth++;
        return j + 2;
      }
      j++;
    }
    blank(start, n);
    return n;
  };
  while (i < n) {
    const ch = src[i];
    const next = src[i + 1];
    if (ch === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      blank(i, stop);
      i = stop;
    } else if (ch === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      blank(i, stop);
      i = stop;
    } else if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < n && src[j] !== ch && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      blank(i + 1, Math.min(j, n));
      i = j + 1;
    } else if (ch === '`') {
      i = scanTemplate(i + 1);
    } else if (ch === '{') {
      depth++;
      i++;
    } else if (ch === '}') {
      depth--;
      if (templateStack.length && templateStack[templateStack.length - 1] === depth) {
        templateStack.pop();
        i = scanTemplate(i + 1);
      } else i++;
    } else if (ch === '/' && REGEX_PREFIX.test(src.slice(Math.max(0, i - 12), i))) {
      let j = i + 1;
      let inClass = false;
      while (j < n && src[j] !== '\n') {
        const c = src[j];
        if (c === '\\') {
          j += 2;
          continue;
        }
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) break;
        j++;
      }
      blank(i + 1, Math.min(j, n));
      i = j + 1;
    } else i++;
  }
  return out.join('');
}

function lineOf(src: string, index: number): number {
  let line = 1;
  for (let k = 0; k < index && k < src.length; k++) if (src.charCodeAt(k) === 10) line++;
  return line;
}

/** Reports every forbidden construct in the source (imports, require, eval, Function constructors). */
export function findForbiddenConstructs(code: string): ValidationIssue[] {
  const src = blankLiterals(code);
  const issues: ValidationIssue[] = [];
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (const m of src.matchAll(rule.pattern)) {
      if (rule.original && !rule.original.test(code.slice(m.index ?? 0, (m.index ?? 0) + m[0].length))) continue;
      issues.push({ kind: 'forbidden', message: rule.message, where: `line ${lineOf(src, m.index ?? 0)}` });
    }
  }
  return issues;
}
