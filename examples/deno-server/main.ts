/**
 * The Graft chat API on `Deno.serve`, importing the packages' built ESM output (run
 * `npm run build` first): `deno run -A examples/deno-server/main.ts`.
 *
 * Same routes as the Express example: `POST /chat`, `POST /threads/:id/approve`,
 * `POST /threads/:id/credentials`, `GET /modules`, `DELETE /modules/:name`.
 * Environment: the model (`GRAFT_BASE_URL` + `GRAFT_MODEL` [+ `GRAFT_API_KEY`], or a vendor
 * key), `GRAFT_MASTER_KEY` (64 hex characters), `PORT` (default 8000; 0 picks a free port),
 * `GRAFT_SQLITE` (default `.graft/deno.sqlite`), and `GRAFT_ALLOW_LOCAL_APIS=1` to let modules
 * reach 127.0.0.1 (local stand-ins of an API only).
 */
import { fromEnv } from '@graft/providers';
import { createGraftApp } from '../shared/graft-app.ts';
import { HttpApiError, createHttpApi, encodeSse, type SseEvent } from '../shared/http-api.ts';

const env = Deno.env.toObject();
const hex = env.GRAFT_MASTER_KEY ?? '';
if (!/^[0-9a-f]{64}$/i.test(hex)) {
  console.error('Set GRAFT_MASTER_KEY to 64 hex characters: it encrypts module credentials.');
  Deno.exit(1);
}
const masterKey = new Uint8Array(hex.match(/../g)!.map((b) => parseInt(b, 16)));
const sqlite = env.GRAFT_SQLITE ?? '.graft/deno.sqlite';
await Deno.mkdir(sqlite.replace(/[^/]*$/, '') || '.', { recursive: true });
const graft = await createGraftApp({ standard: fromEnv(env), sqlite, masterKey, allowLocalApis: env.GRAFT_ALLOW_LOCAL_APIS === '1' });
const api = createHttpApi(graft);

const json = (status: number, body: unknown) => Response.json(body, { status });
const stream = (events: AsyncIterable<SseEvent>) => {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      for await (const e of events) controller.enqueue(encoder.encode(encodeSse(e)));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' } });
};
const readJson = async (req: Request) => {
  try {
    return await req.json();
  } catch {
    throw new HttpApiError(400, 'BAD_REQUEST', 'The body must be JSON.');
  }
};

async function route(req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  const thread = /^\/threads\/([^/]+)\/(approve|credentials)$/.exec(pathname);
  const mod = /^\/modules\/([^/]+)$/.exec(pathname);
  if (req.method === 'POST' && pathname === '/chat') return stream(api.chat(await readJson(req)));
  if (req.method === 'POST' && thread) {
    const id = decodeURIComponent(thread[1]!);
    return stream(thread[2] === 'approve' ? await api.approve(id, await readJson(req)) : await api.credentials(id, await readJson(req)));
  }
  if (req.method === 'GET' && pathname === '/modules') return json(200, { modules: await api.listModules() });
  if (req.method === 'DELETE' && mod) return json(200, await api.uninstall(decodeURIComponent(mod[1]!)));
  return json(404, { error: { code: 'NOT_FOUND', message: `No route ${req.method} ${pathname}.` } });
}

const server = Deno.serve(
  { hostname: '127.0.0.1', port: Number(env.PORT ?? 8000), onListen: ({ port }) => console.log(`listening on http://127.0.0.1:${port}`) },
  async (req) => {
    try {
      return await route(req);
    } catch (err) {
      if (err instanceof HttpApiError) return json(err.status, { error: { code: err.code, message: err.message } });
      const code = (err as { code?: unknown }).code;
      return json(500, { error: { code: typeof code === 'string' ? code : 'INTERNAL', message: (err as Error).message } });
    }
  },
);

const stop = async () => {
  await server.shutdown();
  await graft.close();
  Deno.exit(0);
};
Deno.addSignalListener('SIGTERM', stop);
Deno.addSignalListener('SIGINT', stop);
