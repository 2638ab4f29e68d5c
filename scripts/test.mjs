#!/usr/bin/env node
// `npm test`: runs Vitest, then fails if the run left any process behind.
//
// A test that starts a server (the Deno example, an MCP server, a Redis client's helper…) must
// stop it. A process it forgets keeps running after CI and holds ports and files. This wrapper
// notes every process in its own session before Vitest starts, and after Vitest exits lists the
// new ones still in that session (orphans keep their session id even after their parent dies).
// Linux only (it reads /proc); elsewhere it just runs Vitest.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';

/** How long processes get to exit on their own after Vitest ends. */
const GRACE_MS = 3_000;
const POLL_MS = 200;

/** The session id of a process, from /proc/<pid>/stat, or undefined if it has gone. */
function sessionOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[3]); // state ppid pgrp session …
  } catch {
    return undefined;
  }
}

function commandOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '?';
  }
}

function processesInSession(sid) {
  const pids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid !== process.pid && sessionOf(pid) === sid) pids.push(pid);
  }
  return pids;
}

const linux = existsSync('/proc/self/stat');
const sid = linux ? sessionOf(process.pid) : undefined;
const before = new Set(linux ? processesInSession(sid) : []);

const vitest = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => vitest.kill(signal));
const code = await new Promise((resolve) => vitest.once('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));

if (linux) {
  const deadline = Date.now() + GRACE_MS;
  let left = [];
  do {
    left = processesInSession(sid).filter((pid) => !before.has(pid) && pid !== vitest.pid);
    if (left.length === 0) break;
    await new Promise((r) => setTimeout(r, POLL_MS));
  } while (Date.now() < deadline);
  if (left.length > 0) {
    console.error(`\nnpm test: the tests left ${left.length} process(es) running; a test must stop what it starts:`);
    for (const pid of left) console.error(`  pid ${pid}: ${commandOf(pid)}`);
    for (const pid of left) try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
    process.exit(code || 1);
  }
}
process.exit(code);
