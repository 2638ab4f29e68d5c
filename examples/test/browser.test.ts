/**
 * The Express example's page in headless Chromium (Debian's `chromium`, driven by
 * `playwright-core`; `examples/scripts/ensure-chromium.sh` installs it, `.ci/run` calls that):
 * type the build request, watch the build log, click Approve, type the key into the
 * credentials card, and see the module installed. Takes a screenshot into `.tmp/`.
 * Skipped, with a message, when Chromium is not installed.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExpressApp } from '../express-server/app.js';
import { DEMO_PROMPTS } from '../quickstart/recording.js';
import { startFixture, type Fixture } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing in CI: .ci/run must install it (examples/scripts/ensure-chromium.sh).`);
if (!available) console.warn(`browser test skipped: ${CHROMIUM} is missing (run examples/scripts/ensure-chromium.sh as root)`);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe.skipIf(!available)('express example page in headless Chromium', () => {
  let f: Fixture;
  let server: Server;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    f = await startFixture();
    server = createExpressApp(f.graft).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await f?.close();
  });

  it('clicks through a module build and shows the installed module', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    await page.goto(base);
    await page.fill('#message', DEMO_PROMPTS.build);
    await page.click('#send');
    await page.waitForSelector('#approve', { timeout: 30_000 });
    expect(await page.textContent('#build')).toContain('repairing, round 1');
    await page.click('#approve');
    await page.waitForSelector('#save-key', { timeout: 30_000 });
    await page.fill('input[name="CLASH_ROYALE_TOKEN"]', f.apiKey);
    await page.click('#save-key');
    await page.waitForFunction(() => document.querySelector('#modules')?.textContent?.includes('(installed)'), undefined, { timeout: 30_000 });
    await page.fill('#message', DEMO_PROMPTS.ask);
    await page.click('#send');
    await page.waitForFunction(() => document.querySelector('#log')?.textContent?.includes('trophies (your best'), undefined, { timeout: 30_000 });
    const log = await page.textContent('#log');
    expect(log).toContain('7,412 trophies');
    expect(log).not.toContain(f.apiKey);
    mkdirSync(join(root, '.tmp'), { recursive: true });
    const shot = await page.screenshot({ path: join(root, '.tmp/express-example.png'), fullPage: true });
    expect(shot.length).toBeGreaterThan(10_000);
  }, 120_000);
});
