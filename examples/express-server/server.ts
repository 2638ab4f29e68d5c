/**
 * Runs the Express example: `node --import tsx examples/express-server/server.ts`.
 * The model comes from the environment (`GRAFT_BASE_URL` + `GRAFT_MODEL`, `OPENAI_API_KEY`…);
 * the vault key from `GRAFT_MASTER_KEY` (64 hex characters). Data goes to `.graft/`.
 */
import { mkdirSync } from 'node:fs';
import { fromEnv } from '@graft/providers';
import { createGraftApp } from '../shared/graft-app.js';
import { createExpressApp } from './app.js';
import { buildPage } from './build-page.js';

const hex = process.env.GRAFT_MASTER_KEY ?? '';
if (!/^[0-9a-f]{64}$/i.test(hex)) {
  console.error('Set GRAFT_MASTER_KEY to 64 hex characters (e.g. `openssl rand -hex 32`): it encrypts module credentials.');
  process.exit(1);
}
mkdirSync('.graft', { recursive: true });
await buildPage(); // the page's script (React + useChat), bundled locally: nothing loads from a CDN
const graft = await createGraftApp({ standard: fromEnv(), sqlite: '.graft/express.sqlite', masterKey: Buffer.from(hex, 'hex') });
const port = Number(process.env.PORT ?? 3000);
createExpressApp(graft).listen(port, '127.0.0.1', () => console.log(`Graft Express example on http://127.0.0.1:${port}`));
