/**
 * The Express 5 app: the Graft chat API over HTTP, plus the example page (React + `useChat`
 * from `@ai-sdk/react`, bundled by `npm run build`) to chat, watch a module build and answer the
 * approval and key prompts.
 *
 * The page's API (the AI SDK UI message stream; see `../shared/ui-api.ts`):
 * - `POST /api/chat` `{ id, message, answer? }` → the run (or resumed run) as a UI message stream
 * - `POST /api/threads/:id/credentials` `{ interruptId, values }` → keys go to the vault, then the resumed run as a UI message stream
 * - `GET /api/threads/:id/messages` → the thread as UI messages (the page restores itself from it)
 *
 * The plain SSE API (scripts, curl):
 * - `POST /chat` `{ message, threadId? }` → SSE stream of agent and module events
 * - `POST /threads/:id/approve` `{ interruptId, approved, by?, bundleHash }` → SSE stream of the resumed run (a module approval echoes `interrupt.request.data.bundleHash`)
 * - `POST /threads/:id/credentials` `{ interruptId, values }` → keys go to the vault, then SSE
 * - `GET /modules`, `DELETE /modules/:name`
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraftApp } from '../shared/graft-app.js';
import { HttpApiError, createHttpApi, encodeSse, type SseEvent } from '../shared/http-api.js';
import { createUiApi, type UiRun } from '../shared/ui-api.js';
import { PAGE_BUNDLE_DIR } from './build-page.js';

/** Largest JSON body accepted. */
export const MAX_BODY_BYTES = '256kb';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), 'public');

async function sse(res: Response, events: AsyncIterable<SseEvent>): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  for await (const e of events) res.write(encodeSse(e));
  res.end();
}

/** Builds the Express app over a wired Graft app. */
export function createExpressApp(graft: GraftApp): express.Express {
  const api = createHttpApi(graft);
  const ui = createUiApi(graft);
  const app = express();
  app.use(express.json({ limit: MAX_BODY_BYTES }));
  app.use(express.static(publicDir));
  app.use('/build', express.static(PAGE_BUNDLE_DIR));

  const uiStream = (res: Response, { run, messageId }: UiRun) => run.pipeUIMessageStreamToResponse(res, messageId ? { messageId } : {});
  app.post('/api/chat', async (req: Request, res: Response) => uiStream(res, await ui.chat(req.body ?? {})));
  app.post('/api/threads/:id/credentials', async (req: Request, res: Response) => uiStream(res, await ui.credentials(String(req.params.id), req.body ?? {})));
  app.get('/api/threads/:id/messages', async (req: Request, res: Response) => {
    res.json({ messages: await ui.messages(String(req.params.id)) });
  });

  app.post('/chat', async (req: Request, res: Response) => sse(res, api.chat(req.body ?? {})));
  app.post('/threads/:id/approve', async (req: Request, res: Response) => sse(res, await api.approve(String(req.params.id), req.body ?? {})));
  app.post('/threads/:id/credentials', async (req: Request, res: Response) => sse(res, await api.credentials(String(req.params.id), req.body ?? {})));
  app.get('/modules', async (_req: Request, res: Response) => {
    res.json({ modules: await api.listModules() });
  });
  app.delete('/modules/:name', async (req: Request, res: Response) => {
    res.json(await api.uninstall(String(req.params.name)));
  });

  // Errors: typed codes, never a stack trace.
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (err instanceof HttpApiError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message } });
      return;
    }
    const status = (err as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: { code: 'BAD_REQUEST', message: (err as Error).message } });
      return;
    }
    const code = (err as { code?: unknown }).code;
    res.status(500).json({ error: { code: typeof code === 'string' ? code : 'INTERNAL', message: (err as Error).message } });
  });
  return app;
}
