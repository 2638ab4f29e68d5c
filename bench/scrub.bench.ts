/**
 * The shared secret scrubber (`@graft/providers/scrub`): cost of building one for a secret set,
 * and of scrubbing a 5 KB and a 1 MB response, against a baseline measured in the same run: a
 * scan for the raw secret only (`split/join`), the cheapest scrubber there can be. Prints
 * medians and the ratio of medians.
 */
import { createScrubber } from '@graft/providers/scrub';

const SECRET = `c4n'a"r\\y%2B+&=/ s3cr3t-value-0123456789`;
const ROUNDS = 200;

function median(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown, rounds = ROUNDS): number {
  const out: number[] = [];
  for (let i = 0; i < 20; i++) fn();
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}

function text(bytes: number): string {
  const unit = '{"name":"Ada","trophies":6123,"url":"https://api.example.com/v1/players/%23ABC?x=1","note":"lorem ipsum dolor sit amet"},';
  const body = unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes - 200);
  return `${body}${encodeURIComponent(SECRET)}${Buffer.from(`user:${SECRET}`).toString('base64')}`;
}

const build = time(() => createScrubber([SECRET, 'second-secret-abcdef']), 100);
console.log(`build (2 secrets): median ${(build * 1000).toFixed(1)} µs`);
const scrubber = createScrubber([SECRET, 'second-secret-abcdef']);
for (const [label, size] of [
  ['5 KB', 5 * 1024],
  ['1 MB', 1024 * 1024],
] as const) {
  const t = text(size);
  const rounds = size > 100_000 ? 30 : ROUNDS;
  const shared = time(() => scrubber.scrub(t), rounds);
  const baseline = time(() => t.split(SECRET).join('[REDACTED]').split('second-secret-abcdef').join('[REDACTED]'), rounds);
  console.log(
    `scrub ${label}: shared ${(shared * 1000).toFixed(1)} µs, raw-only baseline ${(baseline * 1000).toFixed(1)} µs, ratio ${(shared / baseline).toFixed(2)}×`,
  );
}
