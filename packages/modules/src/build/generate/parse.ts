/**
 * Reading a module out of the model's reply: the `submit_module` tool call's arguments, or
 * (fallback for models without tool calling) a fenced ```json block, separate fenced
 * manifest/code/tests blocks, or a bare JSON object. Anything unreadable is a typed
 * `ModuleOutputError` whose message is written to be sent back to the model.
 */
import type { ChatResponse } from '@graft/providers';
import { ModuleError } from '../../errors.js';
import { MAX_CODE_BYTES, MAX_TESTS_BYTES } from '../../limits.js';
import { SUBMIT_MODULE_TOOL_NAME } from './prompt.js';
import type { ModuleBundle, ModuleManifest, ModuleTestCase } from '../../types.js';

/**
 * The model's reply did not contain a readable module (`code: 'MODULE_INVALID_BUNDLE'`, or
 * `'MODULE_TOO_LARGE'`). The message tells the model what to send instead.
 */
export class ModuleOutputError extends ModuleError {
  constructor(message: string, code: 'MODULE_INVALID_BUNDLE' | 'MODULE_TOO_LARGE' = 'MODULE_INVALID_BUNDLE') {
    super(code, message);
    this.name = 'ModuleOutputError';
  }
}

const FENCE = /```([\w.+-]*)[^\n]*\n([\s\S]*?)```/g;
const TOOL_ENTRY = /^tools\.([A-Za-z_$][\w$]*)\.run$/;

interface Fence {
  lang: string;
  body: string;
}

function fences(text: string): Fence[] {
  const out: Fence[] = [];
  for (const m of text.matchAll(FENCE)) out.push({ lang: (m[1] ?? '').toLowerCase(), body: m[2] ?? '' });
  return out;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function looksLikeSubmission(v: unknown): v is Record<string, unknown> {
  return isObject(v) && ('manifest' in v || 'code' in v) && ('code' in v || 'tests' in v);
}

/** The largest `{ … }` span of a text, parsed, if it is JSON. */
function bareObject(text: string): unknown {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return undefined;
  return tryJson(text.slice(start, end + 1));
}

/** Finds a submission in free text (fenced blocks or a bare JSON object). */
function fromText(text: string): Record<string, unknown> | undefined {
  const blocks = fences(text);
  for (const b of blocks) {
    const v = tryJson(b.body.trim());
    if (looksLikeSubmission(v)) return v;
  }
  // Separate blocks: a manifest object, a JavaScript block, a tests array.
  let manifest: unknown;
  let code: string | undefined;
  let tests: unknown;
  for (const b of blocks) {
    if (['js', 'javascript', 'mjs', 'ts', 'typescript'].includes(b.lang)) {
      code ??= b.body;
      continue;
    }
    const v = tryJson(b.body.trim());
    if (Array.isArray(v)) tests ??= v;
    else if (isObject(v) && isObject(v.manifest)) manifest ??= v.manifest;
    else if (isObject(v) && 'name' in v && 'version' in v) manifest ??= v;
  }
  if (manifest !== undefined && code !== undefined) return { manifest, code, tests: tests ?? [] };
  const bare = bareObject(text);
  if (looksLikeSubmission(bare)) return bare;
  return undefined;
}

/** Strips a ```js fence the model may have wrapped the code string in. */
function unfenceCode(code: string): string {
  const m = /^\s*```[\w.+-]*[^\n]*\n([\s\S]*?)\n?```\s*$/.exec(code);
  return m ? (m[1] ?? '') : code;
}

function normalizeTest(raw: unknown, i: number): ModuleTestCase {
  if (!isObject(raw)) throw new ModuleOutputError(`tests[${i}] must be an object like { "name", "entry": "tools.<tool>.run", "input", "http", "expect" }.`);
  const c: Record<string, unknown> = { ...raw };
  // Accept { tool: 'getPlayer' } as a shorthand for { entry: 'tools.getPlayer.run' }.
  if (typeof c.entry !== 'string' && typeof c.tool === 'string') c.entry = `tools.${c.tool}.run`;
  delete c.tool;
  if (typeof c.name !== 'string' || c.name.trim() === '') c.name = `case ${i + 1}`;
  if (typeof c.entry !== 'string') {
    throw new ModuleOutputError(`tests[${i}] ("${String(c.name)}") has no "entry"; set it to "tools.<toolName>.run".`);
  }
  if (c.http !== undefined && !Array.isArray(c.http)) {
    throw new ModuleOutputError(`tests[${i}] ("${String(c.name)}"): "http" must be an array of { request: { method, url }, response: { status, json } }.`);
  }
  return c as unknown as ModuleTestCase;
}

/** The tool name a test entry calls (`tools.<name>.run`), or `undefined` for another entry. */
export function toolOfEntry(entry: string): string | undefined {
  return TOOL_ENTRY.exec(entry)?.[1];
}

/**
 * Checks the shape of a submission object and returns it as a bundle. The manifest's fields
 * are checked later by validation (so the model gets every field error at once).
 * @throws {ModuleOutputError} when a part is missing, mistyped or over the size caps.
 */
export function toBundle(raw: unknown): ModuleBundle {
  if (!isObject(raw)) throw new ModuleOutputError('The module must be a JSON object { "manifest": {…}, "code": "…", "tests": […] }.');
  const missing = ['manifest', 'code', 'tests'].filter((k) => raw[k] === undefined);
  if (missing.length) {
    throw new ModuleOutputError(`The module is missing ${missing.map((k) => `"${k}"`).join(', ')}. Send { "manifest", "code", "tests" } together.`);
  }
  // Some models double-encode nested objects as JSON strings.
  const manifest = typeof raw.manifest === 'string' ? tryJson(raw.manifest) : raw.manifest;
  if (!isObject(manifest))
    throw new ModuleOutputError('"manifest" must be a JSON object { name, version, description, category, permissions, credentials, tools }.');
  if (typeof raw.code !== 'string' || raw.code.trim() === '') throw new ModuleOutputError('"code" must be the module source as a non-empty string.');
  let tests: unknown = raw.tests;
  if (typeof tests === 'string') tests = tryJson(tests);
  if (!Array.isArray(tests)) throw new ModuleOutputError('"tests" must be a JSON array of test cases.');
  const code = unfenceCode(raw.code);
  const codeBytes = Buffer.byteLength(code, 'utf8');
  if (codeBytes > MAX_CODE_BYTES) {
    throw new ModuleOutputError(
      `"code" is ${codeBytes} bytes; the limit is ${MAX_CODE_BYTES}. Write a smaller module (only the tools requested).`,
      'MODULE_TOO_LARGE',
    );
  }
  const normalized = tests.map(normalizeTest);
  const testsBytes = Buffer.byteLength(JSON.stringify(normalized), 'utf8');
  if (testsBytes > MAX_TESTS_BYTES) {
    throw new ModuleOutputError(`"tests" is ${testsBytes} bytes; the limit is ${MAX_TESTS_BYTES}. Use fewer, smaller fixtures.`, 'MODULE_TOO_LARGE');
  }
  return { manifest: manifest as unknown as ModuleManifest, code, tests: normalized };
}

/**
 * Reads the module out of a model reply: the `submit_module` call's arguments first, then the
 * fenced-block and bare-JSON fallbacks.
 * @throws {ModuleOutputError} with a message meant for the model when nothing readable is found.
 */
export function parseModuleReply(response: Pick<ChatResponse, 'text' | 'toolCalls'>): ModuleBundle {
  const call = response.toolCalls.find((c) => c.name === SUBMIT_MODULE_TOOL_NAME);
  if (call) {
    if (call.argsError) {
      const fallback = fromText(call.rawArgs);
      if (fallback) return toBundle(fallback);
      throw new ModuleOutputError(
        `The ${SUBMIT_MODULE_TOOL_NAME} arguments were not valid JSON (${call.argsError}). Call ${SUBMIT_MODULE_TOOL_NAME} again with a valid JSON object.`,
      );
    }
    return toBundle(call.args);
  }
  const other = response.toolCalls[0];
  const found = fromText(response.text ?? '');
  if (found) return toBundle(found);
  if (other)
    throw new ModuleOutputError(`Unknown tool "${other.name}". The only tool available is ${SUBMIT_MODULE_TOOL_NAME}; call it with { manifest, code, tests }.`);
  throw new ModuleOutputError(
    `The reply contained no module. Call ${SUBMIT_MODULE_TOOL_NAME} with { "manifest": {…}, "code": "…", "tests": […] } (or answer with one \`\`\`json block holding that object).`,
  );
}
