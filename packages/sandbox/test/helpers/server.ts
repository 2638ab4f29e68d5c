/**
 * Real node:http servers on 127.0.0.1 for sandbox tests, counting the requests they saw.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A started test server. */
export interface TestServer {
  port: number;
  /** `127.0.0.1:<port>` */
  host: string;
  origin: string;
  /** Every request seen: method, url, headers, body. */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1:0 with `handler` (default: 200 "ok"). */
export async function startServer(
  handler: (req: IncomingMessage, res: ServerResponse, body: string) => void = (_q, res) => res.end('ok'),
): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    host: `127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The fetch capability tests use to reach a loopback server as an "allowed" host. */
export function loopbackFetch(hosts: string[], secrets?: Record<string, string>) {
  return { allowHosts: hosts, secrets, allowInsecureHttp: true, allowPrivateNetwork: true };
}
