/**
 * What the curriculum model is asked: the installed module (manifest, code, a few existing and
 * recorded cases as examples of inputs and HTTP fixtures) and the `propose_edge_cases` tool it
 * must answer with. Secrets never enter: credentials appear only as the module's
 * `ctx.secret('NAME')` calls and as recorded `GRAFT_RECORDED_SECRET(NAME)` markers.
 */
import type { Message, ToolSpec } from '@graft/providers';
import { MAX_CURRICULUM_CODE_CHARS, MAX_CURRICULUM_EXAMPLE_CASES } from '../limits.js';
import type { ModuleBundle, ModuleTestCase } from '../types.js';

/** Name of the tool the curriculum model answers with. */
export const PROPOSE_CASES_TOOL_NAME = 'propose_edge_cases';

const FIXTURE_SCHEMA = {
  type: 'object',
  properties: {
    request: {
      type: 'object',
      properties: { method: { type: 'string' }, url: { type: 'string', description: 'Absolute URL the module fetches, exactly.' } },
      required: ['url'],
    },
    response: {
      type: 'object',
      properties: {
        status: { type: 'integer' },
        headers: { type: 'object' },
        json: { description: 'JSON body.' },
        body: { type: 'string', description: 'Raw text body (instead of json).' },
      },
      required: ['status'],
    },
  },
  required: ['request', 'response'],
};

/** The structured answer: edge-case inputs with the fixture responses to replay and what the tool should do. */
export const PROPOSE_CASES_TOOL: ToolSpec = {
  name: PROPOSE_CASES_TOOL_NAME,
  description: 'Propose edge-case test cases for the module: each an input, the HTTP responses to replay, and the expected behaviour.',
  parameters: {
    type: 'object',
    properties: {
      cases: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string', description: 'Unique, short, says what edge it probes.' },
            tool: { type: 'string', description: 'The tool to call (one of the manifest tools).' },
            input: { description: 'The tool input (JSON).' },
            http: { type: 'array', items: FIXTURE_SCHEMA, description: 'Responses replayed for the fetches the tool makes.' },
            expect: {
              description: 'Expected return value, or { "match": subset }. Omit both expect and expectError to only require that the tool does not crash.',
            },
            expectError: { description: 'true, or { "message": substring }, when the tool should throw (e.g. on an error status).' },
            why: { type: 'string', description: 'One line: the edge this case probes.' },
          },
          required: ['name', 'tool', 'input', 'http'],
        },
      },
    },
    required: ['cases'],
  },
};

function examples(bundle: ModuleBundle, recorded: readonly ModuleTestCase[]): ModuleTestCase[] {
  const offline = bundle.tests.filter((t) => !t.live);
  return [...recorded, ...offline].slice(0, MAX_CURRICULUM_EXAMPLE_CASES).map(({ live: _l, ...c }) => c);
}

/** The messages asking for at most `max` edge cases of `bundle`'s tools. */
export function curriculumMessages(bundle: ModuleBundle, recorded: readonly ModuleTestCase[], max: number): Message[] {
  const code = bundle.code.length > MAX_CURRICULUM_CODE_CHARS ? `${bundle.code.slice(0, MAX_CURRICULUM_CODE_CHARS)}\n// … (truncated)` : bundle.code;
  const system = [
    'You test installed API modules. Propose edge cases the module may not handle: empty results, the last page of a paginated list,',
    'missing optional fields, unicode and very long strings, zero values, and error statuses (404, 429, 500).',
    'Each case gives the tool input, the HTTP responses to replay for the exact URLs the code fetches (offline fixtures, no network),',
    'and the behaviour a correct module has: "expect" (value or { "match": subset }), "expectError", or neither (must not crash).',
    'Only use hosts the manifest allows. Never invent credentials; where a URL carries a secret, copy the example fixtures.',
    `Propose at most ${max} cases, in one ${PROPOSE_CASES_TOOL_NAME} call.`,
  ].join(' ');
  const user = [
    `## Manifest\n${JSON.stringify(bundle.manifest, null, 2)}`,
    `## Code\n\`\`\`js\n${code}\n\`\`\``,
    `## Example cases (existing tests and recorded live exchanges)\n${JSON.stringify(examples(bundle, recorded), null, 2)}`,
  ].join('\n\n');
  return [
    { role: 'system', content: system },
    { role: 'user', content: user },
  ];
}
