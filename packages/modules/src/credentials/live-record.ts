/**
 * Recording a live run's HTTP exchanges from inside the guest: the module's source gets one
 * extra export that calls the tool with a `ctx` whose `fetch` notes each request (as the module
 * wrote it, with each secret's per-run placeholder replaced by a stable `GRAFT_RECORDED_SECRET(NAME)`
 * marker that a replay turns into the stand-in test value) and each response (already scrubbed by the
 * sandbox). The result crosses the JSON boundary like any value, so it is scrubbed again.
 */
import type { HttpFixture, JSONValue } from '@graft/sandbox';
import { exportedToolsBinding } from '../build/validate/exports.js';

/** Entry of the recording wrapper. */
export const RECORD_ENTRY = '__graft_record__';

/** What the wrapper returns. */
export interface RecordedRun {
  value: JSONValue;
  exchanges: HttpFixture[];
  /** Declared credentials whose placeholder the run sent (URL, headers, body or HTTP Basic). */
  used?: string[];
}

function wrapper(binding: string, credentials: string[]): string {
  // Local names are prefixed so they never shadow the module's own `tools` binding.
  return `
;export async function ${RECORD_ENTRY}(__graftArgs, __graftCtx) {
  const __graftTools = ${binding};
  const __graftExchanges = [];
  const __graftPlaceholders = {};
  const __graftUsed = {};
  for (const __graftName of ${JSON.stringify(credentials)}) {
    try { __graftPlaceholders[__graftName] = __graftCtx.secret(__graftName); } catch (__graftErr) { /* not declared */ }
  }
  const __graftNote = (__graftUrl, __graftInit) => {
    let __graftSent = String(__graftUrl);
    try { __graftSent += ' ' + JSON.stringify((__graftInit && __graftInit.headers) || {}); } catch (__graftErr) { /* unreadable headers */ }
    if (__graftInit && typeof __graftInit.body === 'string') __graftSent += ' ' + __graftInit.body;
    const __graftBasic = __graftSent.match(/Basic[ ]+[A-Za-z0-9+/=]+/g) || [];
    for (const __graftB of __graftBasic) { try { __graftSent += ' ' + atob(__graftB.slice(6).trim()); } catch (__graftErr) { /* not base64 */ } }
    for (const __graftName of Object.keys(__graftPlaceholders)) if (__graftSent.includes(__graftPlaceholders[__graftName])) __graftUsed[__graftName] = true;
  };
  const __graftRctx = {};
  const __graftMarkers = [];
  for (const __graftName of (__graftArgs.secretNames || [])) {
    try { __graftMarkers.push([String(__graftCtx.secret(__graftName)), 'GRAFT_RECORDED_SECRET(' + __graftName + ')']); } catch (__graftErr) { /* not granted */ }
  }
  const __graftUnsecret = (__graftText) => { let __graftOut = __graftText; for (const [__graftP, __graftM] of __graftMarkers) __graftOut = __graftOut.split(__graftP).join(__graftM); return __graftOut; };
  for (const __graftKey of Object.keys(__graftCtx)) __graftRctx[__graftKey] = __graftCtx[__graftKey];
  if (typeof __graftCtx.fetch === 'function') {
    __graftRctx.fetch = async (__graftUrl, __graftInit) => {
      __graftNote(__graftUrl, __graftInit);
      const __graftRes = await __graftCtx.fetch(__graftUrl, __graftInit);
      const __graftText = await __graftRes.text();
      let __graftJson;
      try { __graftJson = JSON.parse(__graftText); } catch (__graftErr) { __graftJson = undefined; }
      const __graftMethod = (__graftInit && __graftInit.method ? String(__graftInit.method) : 'GET').toUpperCase();
      const __graftResponse = { status: __graftRes.status };
      if (__graftJson !== undefined) __graftResponse.json = __graftJson; else __graftResponse.body = __graftText;
      __graftExchanges.push({ request: { method: __graftMethod, url: __graftUnsecret(String(__graftUrl)) }, response: __graftResponse });
      return { status: __graftRes.status, ok: __graftRes.ok, headers: __graftRes.headers, url: __graftRes.url, text: async () => __graftText, json: async () => JSON.parse(__graftText) };
    };
  }
  const __graftValue = await __graftTools[__graftArgs.tool].run(__graftArgs.input, __graftRctx);
  return { value: __graftValue === undefined ? null : __graftValue, exchanges: __graftExchanges, used: Object.keys(__graftUsed) };
}
`;
}

/**
 * The module source with the recording export (which also notes which of `credentials` each run
 * sent), or `undefined` when its `tools` binding is not found.
 */
export function recordingSource(code: string, credentials: string[] = []): string | undefined {
  const binding = exportedToolsBinding(code);
  return binding
    ? code +
        wrapper(
          binding,
          credentials.filter((n) => /^[A-Z][A-Z0-9_]*$/.test(n)),
        )
    : undefined;
}

/** The tool name of an entry `tools.<name>.run`. */
export function toolOfRunEntry(entry: string): string | undefined {
  return /^tools\.([A-Za-z_$][\w$]*)\.run$/.exec(entry)?.[1];
}
