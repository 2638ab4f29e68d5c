#!/usr/bin/env node
// `npm test`: runs Vitest, then fails if the run left any process behind.
//
// A test that starts a server (the Deno example, an MCP server, a worker process…) must stop it;
// a process it forgets keeps running after CI and holds ports and files. While Vitest runs, this
// wrapper notes every process descended from it (polling /proc, so a process whose parent has
// already died is still known); when Vitest has exited, any of them still alive fails the run.
// Processes that merely share the terminal or session are not looked at. Linux only (/proc);
// elsewhere it just runs Vitest.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';

/** How often the process tree is sampled while the tests run. */
const SAMPLE_MS = 250;
/** How long processes get to exit on their own after Vitest ends. */
const GRACE_MS = 3_000;

/** `{ ppid, start }` of a process from /proc/<pid>/stat, or undefined if it has gone. */
function statOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), start: f[19] }; // state ppid … starttime (field 22)
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

const linux = existsSync('/proc/self/stat');
/** Every process ever seen descending from Vitest: pid → its start time (guards against pid reuse). */
const seen = new Map();

function sample(root) {
  const parents = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = statOf(Number(name));
    if (st) parents.set(Number(name), st);
  }
  for (const [pid, st] of parents) {
    if (seen.has(pid)) continue;
    // Walk up: a descendant of Vitest, or of a process already known to descend from it.
    for (let p = st.ppid, hops = 0; p > 1 && hops < 64; p = parents.get(p)?.ppid ?? 0, hops++) {
      if (p === root || seen.has(p)) {
        seen.set(pid, st.start);
        break;
      }
    }
  }
}

const vitest = spawn(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => vitest.kill(signal));
const timer = linux ? setInterval(() => sample(vitest.pid), SAMPLE_MS) : undefined;
const code = await new Promise((resolve) => vitest.once('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
clearInterval(timer);

if (linux) {
  const alive = () => [...seen].filter(([pid, start]) => statOf(pid)?.start === start).map(([pid]) => pid);
  const deadline = Date.now() + GRACE_MS;
  let left = alive();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, SAMPLE_MS));
    left = alive();
  }
  if (left.length > 0) {
    console.error(`\nnpm test: the tests left ${left.length} process(es) running; a test must stop what it starts:`);
    for (const pid of left) console.error(`  pid ${pid}: ${commandOf(pid)}`);
    for (const pid of left)
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    process.exit(code || 1);
  }
}
process.exit(code);
