/**
 * Recording a live run's HTTP exchanges from inside the guest: the module's source gets one
 * extra export that calls the tool with a `ctx` whose `fetch` notes each request (as the module
 * wrote it, so secrets appear only as placeholders) and each response (already scrubbed by the
 * sandbox). The result crosses the JSON boundary like any value, so it is scrubbed again.
 */
import type { HttpFixture, JSONValue } from '@graft/sandbox';
import { exportedToolsBinding } from './validate-exports.js';

/** Entry of the recording wrapper. */
export const RECORD_ENTRY = '__graft_record__';

/** What the wrapper returns. */
export interface RecordedRun {
  value: JSONValue;
  exchanges: HttpFixture[];
}

function wrapper(binding: string): string {
  return `
;export async function ${RECORD_ENTRY}(args, ctx) {
  const exchanges = [];
  const rctx = {};
  for (const k of Object.keys(ctx)) rctx[k] = ctx[k];
  if (typeof ctx.fetch === 'function') {
    rctx.fetch = async (url, init) => {
      const res = await ctx.fetch(url, init);
      const text = await res.text();
      let json;
      try { json = JSON.parse(text); } catch (e) { json = undefined; }
      const method = (init && init.method ? String(init.method) : 'GET').toUpperCase();
      const response = { status: res.status };
      if (json !== undefined) response.json = json; else response.body = text;
      exchanges.push({ request: { method, url: String(url) }, response });
      return { status: res.status, ok: res.ok, headers: res.headers, url: res.url, text: async () => text, json: async () => JSON.parse(text) };
    };
  }
  const tool = ${binding}[args.tool];
  const value = await tool.run(args.input, rctx);
  return { value: value === undefined ? null : value, exchanges };
}
`;
}

/** The module source with the recording export, or `undefined` when its `tools` binding is not found. */
export function recordingSource(code: string): string | undefined {
  const binding = exportedToolsBinding(code);
  return binding ? code + wrapper(binding) : undefined;
}

/** The tool name of an entry `tools.<name>.run`. */
export function toolOfRunEntry(entry: string): string | undefined {
  return /^tools\.([A-Za-z_$][\w$]*)\.run$/.exec(entry)?.[1];
}
