/**
 * One HTTP exchange over node:http / node:https, with the connection pinned to an address the
 * policy already checked (so DNS rebinding cannot redirect it) and a capped response body.
 */
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { FetchFailed } from './policy.js';

/** A request ready to send: everything already checked and substituted. */
export interface HopRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** A response as the host received it (not yet scrubbed). */
export interface HopResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  body: string;
}

/** Generic messages for network failures: no addresses, no paths. */
function networkMessage(error: unknown): string {
  const code = (error as { code?: string } | undefined)?.code;
  if (code === 'ECONNREFUSED') return 'fetch failed: connection refused';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'fetch failed: connection reset';
  if (code === 'ETIMEDOUT') return 'fetch failed: connection timed out';
  if (code === 'ABORT_ERR') return 'fetch failed: aborted (deadline or teardown)';
  if (typeof code === 'string' && (code.startsWith('CERT_') || code.includes('SELF_SIGNED') || code.startsWith('ERR_TLS'))) {
    return 'fetch failed: TLS certificate error';
  }
  return 'fetch failed: network error';
}

/** Sends one request to `pinned` and reads at most `maxBytes` of body. */
export function sendHop(req: HopRequest, pinned: { address: string; family: number }, maxBytes: number, signal: AbortSignal): Promise<HopResponse> {
  const lookupPinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [pinned]);
    } else callback(null, pinned.address, pinned.family);
  };
  const mod = req.url.protocol === 'https:' ? https : http;
  return new Promise<HopResponse>((resolve, reject) => {
    let settled = false;
    const fail = (e: Error) => {
      if (!settled) {
        settled = true;
        reject(e);
      }
    };
    const headers = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
    const request = mod.request(req.url, { method: req.method, headers, lookup: lookupPinned, signal, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          res.destroy();
          request.destroy();
          fail(new FetchFailed(`fetch failed: response body exceeds ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (e) => fail(new FetchFailed(networkMessage(e))));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        const pairs: Array<[string, string]> = [];
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i].toLowerCase(), res.rawHeaders[i + 1]]);
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: pairs,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.on('error', (e) => fail(new FetchFailed(networkMessage(e))));
    if (req.body !== undefined) request.end(req.body);
    else request.end();
  });
}
