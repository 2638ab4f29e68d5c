#!/usr/bin/env node
// Inlines compiled example code into the docs, so a page reads well where people read it
// (GitHub, an editor, the typedoc site) while the code stays a file the typecheck compiles.
//
// In a page under docs/, write a line `{@includeCode ../../examples/snippets/x.ts}` (optionally
// `#region`) and run `npm run docs:sync`: the line becomes a marked, fenced block. Run it again
// after changing an example and the blocks are refreshed. `--check` changes nothing and exits 1
// when a page is stale (a test runs it, so docs cannot drift from the code).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LANGUAGES = { '.ts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.json': 'json', '.sh': 'sh' };

// `{@includeCode path#region}` on its own line, or a block this script wrote earlier.
const INCLUDE = /^\{@includeCode ([^}#\s]+)(?:#([\w-]+))?\}$/gm;
const BLOCK = /^<!-- code: ([^#\s]+)(?:#([\w-]+))? -->\n[\s\S]*?\n<!-- \/code -->$/gm;

function markdownFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'api' ? [] : markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

function region(code, name, file) {
  const lines = code.split('\n');
  const start = lines.findIndex((l) => l.trim() === `// #region ${name}`);
  const end = lines.findIndex((l, i) => i > start && l.trim() === `// #endregion ${name}`);
  if (start < 0 || end < 0) throw new Error(`${file}: no "// #region ${name}" … "// #endregion ${name}" pair`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((l) => l.trim()).map((l) => /^ */.exec(l)[0].length));
  return body.map((l) => l.slice(indent)).join('\n');
}

function block(page, path, name) {
  const file = resolve(dirname(page), path);
  let code = readFileSync(file, 'utf8');
  if (name) code = region(code, name, relative(root, file));
  code = code.replace(/\n+$/, '');
  const fence = '`'.repeat(Math.max(3, ...[...code.matchAll(/`{3,}/g)].map((m) => m[0].length + 1)));
  const lang = LANGUAGES[extname(file)] ?? '';
  const target = name ? `${path}#${name}` : path;
  return `<!-- code: ${target} -->\n${fence}${lang}\n${code}\n${fence}\n<!-- /code -->`;
}

/** Brings every page's code blocks up to date; returns the pages that were (or would be) changed. */
export function syncDocs({ check = false, dir = join(root, 'docs') } = {}) {
  const stale = [];
  for (const page of markdownFiles(dir)) {
    const text = readFileSync(page, 'utf8');
    const next = text.replace(INCLUDE, (_, path, name) => block(page, path, name)).replace(BLOCK, (_, path, name) => block(page, path, name));
    if (next === text) continue;
    stale.push(relative(root, page));
    if (!check) writeFileSync(page, next);
  }
  return stale;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const stale = syncDocs({ check });
  if (check && stale.length > 0) {
    console.error(`Docs out of date with their examples: ${stale.join(', ')}. Run: npm run docs:sync`);
    process.exit(1);
  }
  if (!check) console.log(stale.length ? `updated ${stale.join(', ')}` : 'docs already up to date');
}
