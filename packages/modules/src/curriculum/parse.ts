/**
 * Reads the curriculum model's `propose_edge_cases` call into runnable test cases, or says
 * exactly what is wrong so the reply can be sent back. Nothing the model writes is trusted:
 * tools must be the module's, fixture URLs must be on the manifest's hosts, names unique,
 * sizes bounded, and `live` is never accepted.
 */
import type { ChatResponse } from '@graft/providers';
import type { HttpFixture } from '@graft/sandbox';
import { MAX_CURRICULUM_CASE_CHARS } from '../limits.js';
import type { ModuleManifest, ModuleTestCase } from '../types.js';
import { PROPOSE_CASES_TOOL_NAME } from './prompt.js';

/** A proposal read from the model: runnable cases, or the problems to send back. */
export type ParsedProposals = { ok: true; cases: Array<ModuleTestCase & { tool: string }> } | { ok: false; problem: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function fixtureProblem(f: unknown, hosts: readonly string[]): string | undefined {
  if (!isObject(f) || !isObject(f.request) || !isObject(f.response)) return 'each http fixture needs "request" { url } and "response" { status }';
  const url = f.request.url;
  if (typeof url !== 'string' || !hostOf(url)) return `fixture url ${JSON.stringify(url)} is not an absolute URL`;
  if (!hosts.includes(hostOf(url)!)) return `fixture url ${url} is not on the module's hosts (${hosts.join(', ') || 'none'})`;
  const status = f.response.status;
  if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599)
    return `fixture status ${JSON.stringify(status)} must be an HTTP status (100-599)`;
  if (f.response.body !== undefined && typeof f.response.body !== 'string') return 'fixture "body" must be a string (use "json" for JSON)';
  return undefined;
}

function toFixture(f: Record<string, unknown>): HttpFixture {
  const req = f.request as Record<string, unknown>;
  const res = f.response as Record<string, unknown>;
  return {
    request: { url: req.url as string, ...(typeof req.method === 'string' ? { method: req.method } : {}) },
    response: {
      status: res.status as number,
      ...(isObject(res.headers)
        ? { headers: Object.fromEntries(Object.entries(res.headers).filter(([, v]) => typeof v === 'string')) as Record<string, string> }
        : {}),
      ...(res.json !== undefined ? { json: res.json as HttpFixture['response']['json'] } : {}),
      ...(typeof res.body === 'string' ? { body: res.body } : {}),
    },
  };
}

/** Reads one case; a string is the problem with it. */
function readCase(raw: unknown, i: number, manifest: ModuleManifest, names: Set<string>): (ModuleTestCase & { tool: string }) | string {
  if (!isObject(raw)) return `cases[${i}] must be an object`;
  const where = `cases[${i}]`;
  if (typeof raw.name !== 'string' || !raw.name.trim()) return `${where} needs a "name"`;
  const name = `curriculum: ${raw.name.trim()}`;
  if (names.has(name)) return `${where}: duplicate name "${raw.name}"`;
  const tools = manifest.tools.map((t) => t.name);
  if (typeof raw.tool !== 'string' || !tools.includes(raw.tool)) return `${where}: "tool" must be one of ${tools.join(', ')}`;
  if (JSON.stringify(raw).length > MAX_CURRICULUM_CASE_CHARS) return `${where} is larger than ${MAX_CURRICULUM_CASE_CHARS} characters; keep fixtures small`;
  const http = raw.http ?? [];
  if (!Array.isArray(http)) return `${where}: "http" must be an array of fixtures`;
  for (const f of http) {
    const p = fixtureProblem(f, manifest.permissions.hosts);
    if (p) return `${where}: ${p}`;
  }
  if (raw.expect !== undefined && raw.expectError !== undefined) return `${where} has both "expect" and "expectError"; keep one`;
  const ee = raw.expectError;
  if (ee !== undefined && ee !== true && !(isObject(ee) && typeof ee.message === 'string'))
    return `${where}: "expectError" must be true or { "message": string }`;
  names.add(name);
  return {
    name,
    tool: raw.tool,
    entry: `tools.${raw.tool}.run`,
    input: (raw.input ?? null) as ModuleTestCase['input'],
    http: (http as Record<string, unknown>[]).map(toFixture),
    ...(raw.expect !== undefined ? { expect: raw.expect as ModuleTestCase['expect'] } : {}),
    ...(ee !== undefined ? { expectError: ee === true ? true : { message: (ee as { message: string }).message } } : {}),
  };
}

/** Reads the proposals of `res` for `manifest`, keeping at most `max` cases. */
export function parseProposals(res: ChatResponse, manifest: ModuleManifest, max: number): ParsedProposals {
  const call = res.toolCalls.find((c) => c.name === PROPOSE_CASES_TOOL_NAME);
  if (!call) return { ok: false, problem: `call the ${PROPOSE_CASES_TOOL_NAME} tool with { "cases": [...] }` };
  if (call.argsError) return { ok: false, problem: `the arguments are not valid JSON (${call.argsError})` };
  const args = call.args as unknown;
  if (!isObject(args) || !Array.isArray(args.cases) || args.cases.length === 0) return { ok: false, problem: '"cases" must be a non-empty array' };
  const names = new Set<string>();
  const cases: Array<ModuleTestCase & { tool: string }> = [];
  for (const [i, raw] of args.cases.slice(0, max).entries()) {
    const c = readCase(raw, i, manifest, names);
    if (typeof c === 'string') return { ok: false, problem: c };
    cases.push(c);
  }
  return { ok: true, cases };
}
