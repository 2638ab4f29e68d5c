/**
 * `npm run demo`: the whole Graft idea in one terminal conversation. The user asks for a
 * Clash Royale stats module; the agent writes it and its tests, proves them in the
 * WebAssembly sandbox (the first draft has a bug, the repair loop fixes it), asks for
 * approval, takes the API key through the app (straight into the encrypted vault), tests the
 * module live against a local stand-in of the API, installs it, and uses it to answer.
 *
 * `npm run demo -- --interactive` asks you for the approval and the key.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { AgentInterrupt, AgentStreamEvent, ResumeDecision, RunResult } from '@graft/core';
import { APPROVAL_INPUT_TYPE, CREDENTIALS_INPUT_TYPE, moduleEventOf, type DraftSummary, type ModuleEvent } from '@graft/modules';
import { UsageMeter } from '@graft/providers';
import { createGraftApp } from '../shared/graft-app.js';
import { loadClashRoyaleFixtures, startClashRoyaleStandIn } from './clash-royale.js';
import { pickModel } from './model.js';
import { DEMO_PROMPTS } from './recording.js';
import { c, describeModuleEvent, say, table } from './terminal.js';

const interactive = process.argv.includes('--interactive');
const started = performance.now();

// A local stand-in of the Clash Royale API that only accepts this key.
const demoKey = `cr-demo-${randomBytes(8).toString('hex')}`;
const api = await startClashRoyaleStandIn(loadClashRoyaleFixtures(), demoKey);
const fx = loadClashRoyaleFixtures(api.origin);
const model = await pickModel(fx);
say(c.bold(model.banner));
say(c.dim(`Clash Royale API stand-in: ${api.origin} (accepts only its demo key)`));

const dir = mkdtempSync(join(tmpdir(), 'graft-quickstart-'));
const meter = new UsageMeter();
const app = await createGraftApp({
  standard: meter.wrap(model.provider),
  sqlite: join(dir, 'graft.sqlite'),
  masterKey: randomBytes(32),
  allowLocalApis: true,
});
say(c.dim(`Store: ${join(dir, 'graft.sqlite')}`));

// The build's progress arrives in the run's own stream (see `show`): no global subscription.
const moduleEvents: ModuleEvent[] = [];

const rl = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
const ask = async (question: string, auto: string) => {
  if (!rl) {
    say(`${question}${c.dim(auto)} ${c.dim('(auto)')}`);
    return auto;
  }
  return (await rl.question(question)).trim();
};

/** Prints a streamed run and returns its result. */
async function show(events: AsyncIterable<AgentStreamEvent>): Promise<RunResult> {
  let speaking = false;
  for await (const e of events) {
    if (e.type === 'text-delta') {
      if (!speaking) process.stdout.write(c.bold('assistant › '));
      speaking = true;
      process.stdout.write(e.text);
      continue;
    }
    if (speaking) process.stdout.write('\n');
    speaking = false;
    const m = moduleEventOf(e);
    if (m) {
      moduleEvents.push(m);
      const line = describeModuleEvent(m);
      if (line) say(line);
      continue;
    }
    if (e.type === 'route') say(c.dim(`  [route] ${e.decision.category} → ${e.decision.tier} (${e.decision.model})`));
    if (e.type === 'tool-call') say(c.cyan(`  → ${e.toolCall.name}(${JSON.stringify(e.toolCall.args).slice(0, 100)})`));
    if (e.type === 'tool-result') say(c.dim(`  ← ${e.tool}: ${e.content.slice(0, 160)}${e.content.length > 160 ? '…' : ''}`));
    if (e.type === 'done') return e.result;
  }
  throw new Error('the stream ended without a result');
}

/** The approval card last shown (its confidence goes in the closing table). */
let approvalShown: DraftSummary | undefined;

/** Answers one interrupt the way the app's UI would. */
async function decide(it: AgentInterrupt): Promise<ResumeDecision> {
  if (it.kind === 'input' && it.request.type === APPROVAL_INPUT_TYPE) {
    const d = it.request.data as DraftSummary;
    approvalShown = d;
    say();
    say(c.bold(`  ┌ Approve module "${d.module}"?`));
    if (d.description) say(`  │ ${d.description}`);
    for (const t of d.tools) say(`  │ tool ${c.bold(t.name)}: ${t.description}`);
    say(`  │ may contact: ${d.hosts.join(', ') || 'nothing'}`);
    say(`  │ needs: ${d.credentials.map((x) => x.name).join(', ') || 'no credentials'}`);
    if (d.tests) say(`  │ tests: ${d.tests.passed} passed, ${d.tests.failed} failed`);
    // execution agreement: how many of the sampled candidates return the same outputs
    say(`  │ ${d.digest.split('\n').find((l) => l.startsWith('confidence:'))}`);
    say(`  │ sha256: ${d.bundleHash}${d.codeBytes ? ` (${d.codeBytes} bytes of code)` : ''}`);
    const answer = await ask('  └ approve? [y/N] ', 'y');
    // The answer names the exact bundle shown (its sha256): a different or missing hash is refused.
    return { id: it.id, type: 'input', value: /^y(es)?$/i.test(answer) ? { approved: true, by: 'demo-user', bundleHash: d.bundleHash } : { approved: false } };
  }
  if (it.kind === 'input' && it.request.type === CREDENTIALS_INPUT_TYPE) {
    const d = it.request.data as { module: string; credentials: Array<{ name: string; description: string; obtain: string }> };
    const values: Record<string, string> = {};
    say();
    for (const cred of d.credentials) {
      say(`  ${c.bold(cred.name)}: ${cred.description}`);
      say(c.dim(`  how to get it: ${cred.obtain}`));
      if (interactive) say(c.dim(`  (the local stand-in accepts: ${demoKey})`));
      const value = await ask(`  enter ${cred.name} (goes to the encrypted vault, never to the model): `, '•'.repeat(12));
      values[cred.name] = interactive ? value : demoKey;
    }
    // Straight into the encrypted vault: the thread only learns that the key was stored.
    await app.modules.setCredentials(d.module, values);
    return { id: it.id, type: 'input', value: { stored: true } };
  }
  const answer = await ask(`  allow ${it.tool}(${JSON.stringify(it.kind === 'approval' ? it.args : {})})? [y/N] `, 'y');
  return /^y(es)?$/i.test(answer) ? { id: it.id, type: 'approve' } : { id: it.id, type: 'reject' };
}

async function converse(text: string, threadId: string): Promise<RunResult> {
  say();
  say(`${c.bold('user ›')} ${text}`);
  let result = await show(app.agent.stream(text, { threadId }));
  while (result.status === 'interrupted') result = await show(app.agent.resumeStream(threadId, await decide(result.interrupt)));
  return result;
}

let exitCode = 0;
try {
  const threadId = `demo-${randomUUID()}`;
  const buildText =
    model.mode === 'live'
      ? `${DEMO_PROMPTS.build} For this demo the API is served at ${api.origin}/v1 (a local stand-in of https://api.clashroyale.com/v1, same paths, Bearer token).`
      : DEMO_PROMPTS.build;
  const built = await converse(buildText, threadId);
  const answer = await converse(DEMO_PROMPTS.ask, threadId);

  const installed = [...moduleEvents].reverse().find((e): e is Extract<ModuleEvent, { type: 'module.installed' }> => e.type === 'module.installed');
  const validated = [...moduleEvents].reverse().find((e): e is Extract<ModuleEvent, { type: 'module.validated' }> => e.type === 'module.validated');
  const record = installed ? await app.modules.get(installed.name) : undefined;
  const usage = meter.total;
  say();
  say(
    table([
      ['module', record ? record.name : 'not installed'],
      ['version', record ? `${record.activeVersion} (${record.status})` : '-'],
      ['tools', record ? record.manifest.tools.map((t) => t.name).join(', ') : '-'],
      ['tests passed', validated ? `${validated.testsPassed}/${validated.testsPassed + validated.testsFailed}` : '-'],
      ['candidates', String(new Set(moduleEvents.flatMap((e) => (e.type === 'module.generated' && e.candidate !== undefined ? [e.candidate] : []))).size || 1)],
      ['confidence', approvalShown ? `${Math.round(approvalShown.confidence * 100)}% agreement among ${approvalShown.candidates} candidate(s)` : '-'],
      ['repair rounds', String(moduleEvents.filter((e) => e.type === 'module.repairing').length)],
      ['model calls', String(usage.calls)],
      ['tokens', `${usage.totalTokens} (${usage.inputTokens} in, ${usage.outputTokens} out${usage.estimatedCalls ? ', estimated' : ''})`],
      ['API calls (stand-in)', String(api.requests.length)],
      ['time', `${((performance.now() - started) / 1000).toFixed(1)} s`],
    ]),
  );
  if (built.status !== 'done' || answer.status !== 'done' || record?.status !== 'installed') {
    say(c.red('The flow did not complete: see the lines above.'));
    exitCode = 1;
  }
} catch (err) {
  say(c.red(`demo failed: ${(err as Error).message}`));
  exitCode = 1;
} finally {
  rl?.close();
  await app.close();
  await model.close();
  await api.close();
  rmSync(dir, { recursive: true, force: true });
}
process.exit(exitCode);
