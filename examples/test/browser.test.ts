/**
 * The Express example's page (React + `useChat`, bundled by esbuild) in headless Chromium
 * (Debian's `chromium`, driven by `playwright-core`; `examples/scripts/ensure-chromium.sh`
 * installs it, `.ci/run` calls that): type the build request, watch the build's live phase and
 * timer (the repair reply of the recorded model is held back so the build is seen running),
 * read the approval card, reload (the card comes back from the server's thread), approve, type
 * the key into the credentials card, ask a question and read the Markdown answer, reload again,
 * and check the 390 px layout. A PNG is saved into `.tmp/screenshots/` at each of those moments
 * and checked: a real PNG, the viewport's size, not blank. The key goes only to the credentials
 * endpoint: never into a chat request, the page, storage or a model request.
 * Skipped, with a message, when Chromium is not installed.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExpressApp } from '../express-server/app.js';
import { buildPage } from '../express-server/build-page.js';
import { reply } from '@graft/providers/testing';
import { DEMO_PROMPTS, recordedConversation } from '../quickstart/recording.js';
import { startFixture, type Fixture } from './helpers.js';
import { pixelStats, pngSize } from './png.js';

const CHROMIUM = '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing in CI: .ci/run must install it (examples/scripts/ensure-chromium.sh).`);
if (!available) console.warn(`browser test skipped: ${CHROMIUM} is missing (run examples/scripts/ensure-chromium.sh as root)`);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SHOTS = join(root, '.tmp/screenshots');
/** How long the recorded model holds back its repair, so the running build can be watched. */
const REPAIR_DELAY_MS = 2500;
const DESKTOP = { width: 1200, height: 800 };
const PHONE = { width: 390, height: 844 };
const WAIT = { timeout: 30_000 };

describe.skipIf(!available)('express example page in headless Chromium', () => {
  let f: Fixture;
  let server: Server;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requests: { url: string; body: string }[] = [];

  /** Saves a screenshot and checks it is a real, non-blank PNG of the viewport's size. */
  async function shot(p: Page, name: string, size: { width: number; height: number }): Promise<void> {
    const png = await p.screenshot({ type: 'png' });
    writeFileSync(join(SHOTS, `${name}.png`), png);
    expect(pngSize(png)).toEqual(size);
    const stats = await pixelStats(browser, png);
    expect(stats.stdDev).toBeGreaterThan(10);
    expect(stats.colors).toBeGreaterThan(20);
  }

  beforeAll(async () => {
    await buildPage();
    mkdirSync(SHOTS, { recursive: true });
    f = await startFixture((fx) => {
      const replies = recordedConversation(fx);
      // the repair is the last module the recording submits (after one first draft per candidate)
      const repair = replies.map((r) => JSON.stringify(r).includes('submit_module')).lastIndexOf(true);
      return replies.map((r, i) => (i === repair ? { ...r, delayMs: REPAIR_DELAY_MS } : r));
    });
    server = createExpressApp(f.graft).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext({ viewport: DESKTOP });
    // the page must load nothing from outside the app (no CDN)
    await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
    context.on('request', (r) => requests.push({ url: r.url(), body: r.postData() ?? '' }));
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
    await f?.close();
  });

  it('shows the build live: phase, a running timer, and why a test failed', async () => {
    await page.goto(base);
    await page.fill('#message', DEMO_PROMPTS.build);
    await page.click('#send');
    // the first draft's tests failed; the repair is being written (the model holds it back)
    await page.waitForFunction(() => document.querySelector('[data-testid="build-phase"]')?.textContent?.includes('Repairing, round 1'), undefined, WAIT);
    // the newest round stays open (earlier ones, e.g. the other candidates', fold away)
    const failed = page.locator('div.round .tests li.fail').first();
    await expect.poll(() => failed.isVisible()).toBe(true);
    expect(await failed.locator('.reason').textContent()).toMatch(/\S{10,}/);
    const seconds = async () => parseFloat((await page.textContent('[data-testid="build-timer"]')) ?? 'NaN');
    const t1 = await seconds();
    await page.waitForTimeout(600);
    expect(await seconds()).toBeGreaterThan(t1);
    await shot(page, '1-build-progress', DESKTOP);
  }, 60_000);

  it('shows what the approval is for: description, tools, hosts, credentials, tests and the code', async () => {
    const card = page.locator('#approval-card');
    await card.waitFor(WAIT);
    expect(await card.locator('.description').textContent()).toBe(f.fx.fixed.manifest.description);
    expect(await card.locator('[data-testid="approval-tool"] code').allTextContents()).toEqual(f.fx.fixed.manifest.tools.map((t) => t.name));
    expect(await card.locator('[data-testid="approval-hosts"]').textContent()).toBe(new URL(f.api.origin).host);
    expect(await card.locator('[data-testid="approval-credentials"]').textContent()).toContain('CLASH_ROYALE_TOKEN');
    expect(await card.locator('[data-testid="approval-tests"]').textContent()).toMatch(/^\d+ passed, 0 failed offline/);
    const code = card.locator('details.code pre');
    expect(await code.isVisible()).toBe(false);
    await card.locator('details.code summary').click();
    expect(await code.textContent()).toBe(f.fx.fixed.code);
    expect(await page.textContent('[data-testid="build-phase"]')).toBe('Waiting for your approval');
    await shot(page, '2-approval', DESKTOP);
  }, 60_000);

  it('reloading restores the conversation and the pending approval from the server', async () => {
    await page.reload();
    await page.locator('#approval-card').waitFor(WAIT);
    expect(await page.locator('.msg.user').first().textContent()).toBe(DEMO_PROMPTS.build);
    expect(await page.locator('#approval-card .description').textContent()).toBe(f.fx.fixed.manifest.description);
  }, 60_000);

  it('at 390 px the approval card fits: nothing overflows sideways', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize(PHONE);
    await phone.goto(base);
    const card = phone.locator('#approval-card');
    await card.waitFor(WAIT);
    await card.locator('details.code summary').click();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const box = (await card.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, '3-approval-390px', PHONE);
    await phone.close();
  }, 60_000);

  it('approve, then the credentials form sends the key to the vault endpoint only', async () => {
    await page.click('#approve');
    const form = page.locator('#credentials-card');
    await form.waitFor(WAIT);
    expect(await form.locator('input[type="password"]').getAttribute('name')).toBe('CLASH_ROYALE_TOKEN');
    await page.fill('input[name="CLASH_ROYALE_TOKEN"]', f.apiKey);
    await shot(page, '4-credentials', DESKTOP);
    await page.click('#save-key');
    await page.waitForFunction(() => document.querySelector('#modules')?.textContent?.includes('(installed)'), undefined, WAIT);
    const withKey = requests.filter((r) => r.body.includes(f.apiKey));
    expect(withKey.map((r) => new URL(r.url).pathname)).toEqual([expect.stringMatching(/^\/api\/threads\/[^/]+\/credentials$/)]);
    expect(await page.locator('#credentials-card').count()).toBe(0);
  }, 60_000);

  it('answers with the new tool, rendered as Markdown', async () => {
    await page.fill('#message', DEMO_PROMPTS.ask);
    await page.click('#send');
    await page.waitForFunction(() => document.querySelector('#log')?.textContent?.includes('trophies (your best'), undefined, WAIT);
    const answer = page.locator('.msg.assistant .markdown p').last();
    expect(await answer.textContent()).toContain(`${f.fx.player.trophies.toLocaleString('en-US')} trophies`);
    expect(await page.locator('.msg.assistant details.tool code', { hasText: 'clash-royale-stats__getPlayer' }).count()).toBe(1);
    // the resumed runs continued the build's message: one build card, not a copy per resume
    expect(await page.locator('[data-testid="build"]').count()).toBe(1);
    expect(await page.textContent('[data-testid="build"]')).toContain('Installed clash-royale-stats');
    await page.waitForFunction(
      () => !document.querySelector('#send')?.hasAttribute('disabled') || document.querySelector<HTMLInputElement>('#message')?.value === '',
      undefined,
      WAIT,
    );
    await shot(page, '5-answer', DESKTOP);
  }, 60_000);

  it('reloading restores the whole conversation; at 390 px it does not overflow', async () => {
    await page.reload();
    await page.waitForFunction(() => document.querySelector('#log')?.textContent?.includes('trophies (your best'), undefined, WAIT);
    expect(await page.locator('.msg.user').allTextContents()).toEqual([DEMO_PROMPTS.build, DEMO_PROMPTS.ask]);
    expect(await page.locator('#approval-card, #credentials-card').count()).toBe(0);
    await shot(page, '6-restored', DESKTOP);
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, '7-restored-390px', PHONE);
  }, 60_000);

  it('canary: the key is nowhere but the credentials request', async () => {
    expect(await page.content()).not.toContain(f.apiKey);
    expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).not.toContain(f.apiKey);
    for (const r of requests.filter((x) => !x.url.includes('/credentials'))) expect(r.body.includes(f.apiKey)).toBe(false);
    for (const r of f.model.requests) expect(r.rawBody.includes(f.apiKey)).toBe(false);
    const threadId = await page.evaluate(() => localStorage.getItem('graft.example.threadId'));
    const thread = await (await fetch(`${base}/api/threads/${threadId}/messages`)).text();
    expect(thread).toContain(DEMO_PROMPTS.ask);
    expect(thread.includes(f.apiKey)).toBe(false);
    // nothing was loaded from outside the app
    expect(requests.every((r) => r.url.startsWith(base))).toBe(true);
  });

  it('answers render as sanitized Markdown: formatting kept, scripts and javascript: links dropped', async () => {
    const answer =
      '**Bold** and a list:\n\n- one\n- two\n\n<img src="x" onerror="window.__xss = 1"> <script>window.__xss = 2</script> [click](javascript:window.__xss=3)';
    const g = await startFixture(() => [reply.text(answer)]);
    const s2 = createExpressApp(g.graft).listen(0, '127.0.0.1');
    await new Promise((r) => s2.once('listening', r));
    const p = await browser.newPage({ viewport: DESKTOP });
    try {
      await p.goto(`http://127.0.0.1:${(s2.address() as AddressInfo).port}`);
      await p.fill('#message', 'format something');
      await p.click('#send');
      const md = p.locator('.msg.assistant .markdown');
      await md.locator('li').nth(1).waitFor(WAIT);
      expect(await md.locator('strong').textContent()).toBe('Bold');
      expect(await md.locator('li').allTextContents()).toEqual(['one', 'two']);
      expect(await md.locator('script, [onerror]').count()).toBe(0);
      expect(await md.locator('a[href^="javascript:"]').count()).toBe(0);
      await p.waitForTimeout(200);
      expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    } finally {
      await p.close();
      await new Promise((r) => s2.close(r));
      await g.close();
    }
  }, 60_000);
});
