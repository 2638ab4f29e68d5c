/**
 * The module-generation prompt: the module contract, the `ctx` API, the exact guest
 * globals, an example module with tests, the `submit_module` tool the model answers
 * through, and the user's request with any API docs.
 */
import { GUEST_GLOBALS_DOC } from '@graft/sandbox';
import type { Message, ToolSpec } from '@graft/providers';
import { MAX_DOCS_CHARS } from '../../limits.js';
import { MAX_MODULE_NAME_LENGTH, MAX_TOOL_NAME_LENGTH } from '../../limits.js';
import { EXAMPLE_MODULE } from './prompt-example.js';
import { testSecretValue } from '../validate/secrets.js';
import type { ModuleBundle } from '../../types.js';

/** Name of the structured tool the model must call with its module. */
export const SUBMIT_MODULE_TOOL_NAME = 'submit_module';

/** The guest globals paragraph from `@graft/sandbox`, included verbatim in the prompt. */
export function guestGlobalsDoc(): string {
  return GUEST_GLOBALS_DOC;
}

const TEST_CASE_SCHEMA = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'Unique, readable case name.' },
    entry: { type: 'string', description: 'The tool to call, as "tools.<toolName>.run".' },
    input: { type: 'object', description: 'The tool input.' },
    live: {
      type: 'boolean',
      description: 'true for a smoke case run against the real API after install (no http fixtures, expect: { match }).',
    },
    http: {
      type: 'array',
      description: 'Recorded HTTP exchanges that answer ctx.fetch in this case (offline cases only).',
      items: {
        type: 'object',
        properties: {
          request: {
            type: 'object',
            properties: { method: { type: 'string' }, url: { type: 'string' } },
            required: ['url'],
          },
          response: {
            type: 'object',
            properties: {
              status: { type: 'integer' },
              headers: { type: 'object', additionalProperties: { type: 'string' } },
              json: { description: 'JSON body.' },
              body: { type: 'string', description: 'Text body (instead of json).' },
            },
            required: ['status'],
          },
        },
        required: ['request', 'response'],
      },
    },
    expect: { description: 'Expected result (deep equality), or { "match": <subset> } for a subset match.' },
    expectError: {
      description: 'The call must throw: true, or { "message": "<substring of the error message>" }.',
    },
  },
  required: ['name', 'entry'],
} as const;

/** The `submit_module` tool spec (JSON Schema: manifest, code, tests). */
export const SUBMIT_MODULE_TOOL: ToolSpec = {
  name: SUBMIT_MODULE_TOOL_NAME,
  description: 'Submit the complete module: manifest, the JavaScript source, and its test cases.',
  parameters: {
    type: 'object',
    properties: {
      manifest: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'kebab-case, e.g. "clash-royale-stats".' },
          version: { type: 'string', description: 'semver, e.g. "1.0.0".' },
          description: { type: 'string' },
          category: { type: 'string' },
          permissions: {
            type: 'object',
            properties: { hosts: { type: 'array', items: { type: 'string' } } },
            required: ['hosts'],
          },
          credentials: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string', description: 'UPPER_SNAKE_CASE secret name used with ctx.secret().' },
                description: { type: 'string' },
                obtain: { type: 'string', description: 'Where/how the user gets it.' },
              },
              required: ['name', 'description', 'obtain'],
            },
          },
          tools: {
            type: 'array',
            items: {
              type: 'object',
              properties: { name: { type: 'string' }, description: { type: 'string' } },
              required: ['name', 'description'],
            },
          },
        },
        required: ['name', 'version', 'description', 'category', 'permissions', 'credentials', 'tools'],
      },
      code: { type: 'string', description: 'The whole ES2023 module source, exporting `tools`.' },
      tests: { type: 'array', items: TEST_CASE_SCHEMA },
    },
    required: ['manifest', 'code', 'tests'],
  },
};

function exampleText(bundle: ModuleBundle): string {
  return [
    'manifest:',
    JSON.stringify(bundle.manifest, null, 2),
    'code:',
    '```js',
    bundle.code.trimEnd(),
    '```',
    'tests:',
    JSON.stringify(bundle.tests, null, 2),
  ].join('\n');
}

/** The system prompt: contract, ctx API, guest globals, test format and an example module. */
export function buildSystemPrompt(): string {
  return `You write integration modules for the Graft agent SDK. A module is ONE ES2023 JavaScript file, run in a locked-down WebAssembly sandbox, that wraps a web API as tools an AI agent can call.

## The module contract
- The file exports exactly one binding: \`export const tools = { <toolName>: { description, input, run } }\`.
  - toolName: camelCase identifier (e.g. getPlayer).
  - description: one sentence saying what the tool returns.
  - input: a JSON Schema object ({ type: 'object', properties, required }) for the tool's input.
  - run: \`async run(input, ctx)\` returning a JSON-serializable value (plain objects, arrays, strings, numbers, booleans, null). Keep results small: pick the fields a user cares about.
- No import, import(), require, eval or new Function: the module may not load anything. Helper functions and constants at the top level are fine.
- Fail loudly: when the API answers 404 or another non-2xx status, throw new Error('<clear message>'), e.g. 'Player not found: #ABC'.

## The ctx API (the only door to the world)
- \`await ctx.fetch(url, { method?, headers?, body? })\` → { status, ok, statusText, headers, url, text(), json() } (text() and json() return promises). Real HTTP done by the host, only to the hosts listed in manifest.permissions.hosts, https only. Build full absolute URLs; percent-encode path segments with encodeURIComponent (a '#' in an id must become %23).
- \`ctx.secret(NAME)\` → an opaque placeholder string for a credential declared in manifest.credentials. Put it where the API expects the key (e.g. headers: { Authorization: 'Bearer ' + ctx.secret('NAME') }); the host swaps in the real value. You never see the value; never log it or return it.
- \`ctx.log(message)\` → a short diagnostic log line.

## Guest globals
${guestGlobalsDoc()}

## Manifest
{ name: kebab-case, at most ${MAX_MODULE_NAME_LENGTH} characters, version: semver ("1.0.0"), description, category (one word or kebab-case), permissions: { hosts: ["api.example.com"] } (exact host names the code fetches), credentials: [{ name: UPPER_SNAKE_CASE, description, obtain: "how the user gets it" }] (empty array when none), tools: [{ name, description }] (exactly the tools the code exports; tool names at most ${MAX_TOOL_NAME_LENGTH} characters) }. No other fields.

## Tests (required)
An array of declarative cases. Each case calls one tool: { name, entry: "tools.<toolName>.run", input, http, expect | expectError }.
- Offline cases answer every ctx.fetch from \`http\` fixtures: [{ request: { method: "GET", url: "<the exact URL the code requests, percent-encoded the same way>" }, response: { status, json } }]. A request with no matching fixture fails the case.
- \`expect\` is compared by deep equality with the tool's result; \`{ "match": { ... } }\` checks a subset. \`expectError: { "message": "<substring>" }\` states that the call must throw.
- In offline cases each credential's value is "${testSecretValue('EXAMPLE_API_KEY').replace('example-api-key', '')}" + its name in lowercase with "_" replaced by "-" (EXAMPLE_API_KEY → "${testSecretValue('EXAMPLE_API_KEY')}"). When the key travels in the URL (e.g. ?apikey=…), write that value in the fixture's URL.
- Every tool needs at least one offline case; also test an error path (e.g. 404).
- Add one smoke case per tool with \`live: true\`: no http fixtures, \`expect: { "match": { ... } }\` with only stable fields. It runs later against the real API with the user's real credentials. Required: a module that declares credentials must have at least one live case calling a tool that sends them (validation fails otherwise, so a wrong key can never pass), and a module with hosts must have at least one live case too.

## Example module
${exampleText(EXAMPLE_MODULE)}

## How to answer
Call the \`${SUBMIT_MODULE_TOOL_NAME}\` tool once with { manifest, code, tests }. If you cannot call tools, answer with one \`\`\`json block containing { "manifest": …, "code": "…", "tests": [ … ] }.`;
}

/** Options of the user turn of a generation request. */
export interface GenerationRequest {
  /** What the user asked for, in their words. */
  request: string;
  /** API documentation to build from (pasted text). */
  docs?: string;
  /** Extra examples: module bundles (e.g. other installed modules), or free text (example calls/responses). */
  examples?: ModuleBundle[] | string;
}

/** The user turn: the request, any API docs, any extra examples. */
export function buildUserPrompt(req: GenerationRequest): string {
  const parts = [`Build a module for this request:\n${req.request.trim()}`];
  const docs = req.docs?.trim();
  if (docs) parts.push(`## API documentation\n${docs.length > MAX_DOCS_CHARS ? `${docs.slice(0, MAX_DOCS_CHARS)}\n…(truncated)` : docs}`);
  if (typeof req.examples === 'string') {
    if (req.examples.trim()) parts.push(`## Examples\n${req.examples.trim()}`);
  } else for (const [i, ex] of (req.examples ?? []).entries()) parts.push(`## Additional example ${i + 1}\n${exampleText(ex)}`);
  parts.push(`Answer by calling ${SUBMIT_MODULE_TOOL_NAME}.`);
  return parts.join('\n\n');
}

/** The first messages of a generation conversation. */
export function buildGenerationMessages(req: GenerationRequest): Message[] {
  return [
    { role: 'system', content: buildSystemPrompt() },
    { role: 'user', content: buildUserPrompt(req) },
  ];
}
