/**
 * `serveMcpHttp()`: serve installed modules over MCP Streamable HTTP. One SDK server and
 * transport per session; each session is bound to the caller your `authenticate` hook returned
 * when it opened, so another caller cannot ride on it. Binds to loopback by default, with
 * DNS-rebinding protection; binding elsewhere requires `authenticate`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ModuleError } from '../errors.js';
import { DEFAULT_MCP_PATH, DEFAULT_MCP_SESSION_IDLE_MS, MAX_MCP_BODY_BYTES, MAX_MCP_SESSIONS } from '../limits.js';
import { loadServerSdk, type ServerSdk } from './sdk.js';
import { buildToolServer, sourceOf, toAuth } from './tool-server.js';
import type { McpCaller, McpHttpOptions, McpHttpServerHandle, McpToolOrigin } from './types.js';

interface Session {
  transport: InstanceType<ServerSdk['StreamableHTTPServerTransport']>;
  close: () => Promise<void>;
  clientId: string | undefined;
  lastSeen: number;
  /** Requests in progress (an open notification stream keeps the session alive). */
  open: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  const body = JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_MCP_BODY_BYTES) return { ok: false, status: 413, message: `Request body over ${MAX_MCP_BODY_BYTES} bytes.` };
    chunks.push(chunk as Buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
  } catch {
    return { ok: false, status: 400, message: 'Parse error: the body is not JSON.' };
  }
}

/**
 * Serve a `ModuleManager`'s installed modules (or any `ToolSource`) over Streamable HTTP.
 * @throws {ModuleError} `MODULE_MCP_SDK_MISSING`; `MODULE_MCP_FAILED` when binding a non-loopback
 * host without `authenticate`, or when the port is taken.
 * @example
 * ```ts
 * const mcp = await serveMcpHttp(manager, {
 *   port: 4000,
 *   authenticate: (req) => (req.headers.authorization === `Bearer ${process.env.MCP_TOKEN}` ? { clientId: 'desktop' } : undefined),
 * });
 * console.log(mcp.url);
 * ```
 */
export async function serveMcpHttp(origin: McpToolOrigin, options: McpHttpOptions = {}): Promise<McpHttpServerHandle> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host) && !options.authenticate) {
    throw new ModuleError(
      'MODULE_MCP_FAILED',
      `Serving MCP on ${host} (reachable from other machines) needs an \`authenticate\` hook; pass one, or bind to 127.0.0.1.`,
    );
  }
  const sdk = await loadServerSdk();
  const source = sourceOf(origin);
  await (origin as { ready?: () => Promise<void> }).ready?.();
  const path = options.path ?? DEFAULT_MCP_PATH;
  const sessions = new Map<string, Session>();
  const sockets = new Set<Socket>();
  let allowedHosts: string[] = [];

  async function openSession(caller: McpCaller | undefined): Promise<Session> {
    let session!: Session;
    const transport = new sdk.StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, session),
      enableDnsRebindingProtection: LOOPBACK.has(host),
      allowedHosts,
    });
    const { server, detach } = buildToolServer(sdk, source, options, caller?.clientId ?? 'anonymous');
    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        detach();
        if (transport.sessionId) sessions.delete(transport.sessionId);
        await server.close().catch(() => undefined);
      })());
    transport.onclose = () => void close();
    session = { transport, close, clientId: caller?.clientId, lastSeen: Date.now(), open: 0 };
    await server.connect(transport);
    return session;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path) return sendError(res, 404, `Not found: the MCP endpoint is ${path}.`);
    let caller: McpCaller | undefined;
    if (options.authenticate) {
      const who = await options.authenticate(req);
      if (!who || typeof who.clientId !== 'string')
        return sendError(res, 401, 'Unauthorized: this MCP server needs credentials.', { 'www-authenticate': 'Bearer' });
      caller = who;
      (req as IncomingMessage & { auth?: unknown }).auth = toAuth(who);
    }
    const sessionId = req.headers['mcp-session-id'];
    let body: unknown;
    if (req.method === 'POST') {
      const parsed = await readJson(req);
      if (!parsed.ok) return sendError(res, parsed.status, parsed.message);
      body = parsed.value;
    }
    if (typeof sessionId === 'string') {
      const session = sessions.get(sessionId);
      if (!session) return sendError(res, 404, 'Session not found: initialize a new session.');
      if (session.clientId !== caller?.clientId) return sendError(res, 403, 'This session belongs to another caller.');
      session.lastSeen = Date.now();
      session.open++;
      res.once('close', () => {
        session.open--;
        session.lastSeen = Date.now();
      });
      return session.transport.handleRequest(req, res, body);
    }
    if (req.method !== 'POST' || !sdk.types.isInitializeRequest(body))
      return sendError(res, 400, 'Bad request: send an initialize request first (no session id given).');
    if (sessions.size >= MAX_MCP_SESSIONS) return sendError(res, 503, 'Too many open MCP sessions; close one or try again later.');
    const session = await openSession(caller);
    await session.transport.handleRequest(req, res, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => sendError(res, 500, 'Internal error while handling the MCP request.'));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(
        new ModuleError('MODULE_MCP_FAILED', `Could not listen on ${host}:${options.port ?? 0} (${(cause as Error).message}); pick another port.`, { cause }),
      ),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  // sessions a client abandoned (no DELETE, no request) are closed after the idle time
  const idleMs = options.sessionIdleMs ?? DEFAULT_MCP_SESSION_IDLE_MS;
  const sweep = setInterval(
    () => {
      const cutoff = Date.now() - idleMs;
      for (const s of sessions.values()) if (s.open === 0 && s.lastSeen < cutoff) void s.close();
    },
    Math.max(10, Math.min(idleMs / 2, 60_000)),
  );
  sweep.unref();
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, ...(options.allowedHosts ?? [])];
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closed: Promise<void> | undefined;
  const close = () =>
    (closed ??= (async () => {
      clearInterval(sweep);
      await Promise.all([...sessions.values()].map((s) => s.close()));
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    })());
  return {
    url: `http://${urlHost}:${port}${path}`,
    get sessions() {
      return sessions.size;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
