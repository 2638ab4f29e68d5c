/**
 * TEMPORARY in-process stand-in for `@graft/sandbox`, used only until the real sandbox exports
 * `createSandbox`. It is NOT isolated; it exists so lifecycle logic can be exercised early.
 */
import type { HttpFixture, JSONValue, RunOptions, RunResult, Sandbox, TestCase, TestReport, TestRunOptions } from '@graft/sandbox';

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;

function load(source: string): Promise<Record<string, unknown>> {
  const names: string[] = [];
  const body = source.replace(/\bexport\s+((?:async\s+)?(?:const|let|var|function\*?|class)\s+([\w$]+))/g, (_m, decl: string, name: string) => {
    names.push(name);
    return decl;
  });
  return new AsyncFunction(`${body}\n;return { ${names.join(', ')} };`)() as Promise<Record<string, unknown>>;
}

function resolve(exports: Record<string, unknown>, entry: string): { fn: unknown; self: unknown } {
  let self: unknown;
  let cur: unknown = exports;
  for (const part of entry.split('.')) {
    self = cur;
    cur = (cur as Record<string, unknown> | undefined)?.[part];
  }
  return { fn: cur, self };
}

const placeholder = (n: string) => `__GRAFT_SECRET_${n}__`;

function scrub(text: string, secrets: Record<string, string>): string {
  let out = text;
  for (const v of Object.values(secrets)) {
    for (const f of [v, Buffer.from(v).toString('base64'), Buffer.from(v).toString('hex'), encodeURIComponent(v)]) out = out.split(f).join('[REDACTED]');
  }
  return out;
}

type Fetcher = (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{ status: number; headers: Record<string, string>; body: string }>;

function makeCtx(secrets: Record<string, string>, allowHosts: string[], fetcher: Fetcher, logs: RunResult['logs'], exchanges: HttpFixture[]) {
  const sub = (s: string) => Object.entries(secrets).reduce((acc, [k, v]) => acc.split(placeholder(k)).join(v), s);
  return {
    secret: (n: string) => placeholder(n),
    log: (...a: unknown[]) => logs.push({ level: 'info', message: a.map(String).join(' ') }),
    fetch: async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
      const u = new URL(url);
      if (!allowHosts.includes(u.host)) throw new Error(`fetch to ${u.host} is not allowed`);
      const headers = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k, sub(v)]));
      const r = await fetcher(sub(url), { ...init, headers, ...(init.body ? { body: sub(init.body) } : {}) });
      const body = scrub(r.body, secrets);
      let json: JSONValue | undefined;
      try {
        json = JSON.parse(body) as JSONValue;
      } catch {
        json = undefined;
      }
      exchanges.push({ request: { method: init.method ?? 'GET', url }, response: { status: r.status, ...(json !== undefined ? { json } : { body }) } });
      return { status: r.status, ok: r.status >= 200 && r.status < 300, headers: r.headers, text: async () => body, json: async () => JSON.parse(body) };
    },
  };
}

async function runWith(source: string, entry: string, input: JSONValue | undefined, secrets: Record<string, string>, allowHosts: string[], fetcher: Fetcher): Promise<RunResult> {
  const logs: RunResult['logs'] = [];
  const exchanges: HttpFixture[] = [];
  const started = performance.now();
  try {
    const exports = await load(source);
    const { fn, self } = resolve(exports, entry);
    if (typeof fn !== 'function') throw new Error(`entry ${entry} is not a function`);
    const value = await (fn as (...a: unknown[]) => unknown).call(self, input, makeCtx(secrets, allowHosts, fetcher, logs, exchanges));
    const json = JSON.parse(scrub(JSON.stringify(value ?? null), secrets)) as JSONValue;
    return { ok: true, value: json, logs, stats: { durationMs: performance.now() - started, fetchCount: exchanges.length }, exchanges } as RunResult;
  } catch (e) {
    return { ok: false, error: { code: 'GUEST_ERROR', message: scrub(e instanceof Error ? e.message : String(e), secrets) }, logs, stats: { durationMs: performance.now() - started, fetchCount: 0 } };
  }
}

const realFetch: Fetcher = async (url, init) => {
  const r = await fetch(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, ...(init.body ? { body: init.body } : {}) });
  const headers: Record<string, string> = {};
  r.headers.forEach((v, k) => (headers[k] = v));
  return { status: r.status, headers, body: await r.text() };
};

function subset(a: unknown, e: unknown): boolean {
  if (e === null || typeof e !== 'object') return a === e;
  if (Array.isArray(e)) return Array.isArray(a) && e.every((x, i) => subset(a[i], x));
  return !!a && typeof a === 'object' && Object.entries(e).every(([k, v]) => subset((a as Record<string, unknown>)[k], v));
}

/** The stand-in sandbox. */
export function stubSandbox(): Sandbox {
  return {
    async run(source: string, options: RunOptions = {}) {
      const f = options.capabilities?.fetch;
      return runWith(source, options.entry ?? 'default', options.input, f?.secrets ?? {}, f?.allowHosts ?? [], realFetch);
    },
    async runTests(source: string, cases: TestCase[], options: TestRunOptions = {}): Promise<TestReport> {
      const results = [];
      for (const c of cases) {
        const fixtures: HttpFixture[] = c.http ?? [];
        const fetcher: Fetcher = async (url, init) => {
          const fx = fixtures.find((x) => x.request.url === url && (x.request.method ?? 'GET') === (init.method ?? 'GET'));
          if (!fx) throw new Error(`UNMATCHED_REQUEST ${init.method ?? 'GET'} ${url}`);
          return { status: fx.response.status, headers: fx.response.headers ?? {}, body: fx.response.body ?? JSON.stringify(fx.response.json ?? null) };
        };
        const r = await runWith(source, c.entry, c.input, options.secrets ?? {}, options.allowHosts ?? [], fetcher);
        let passed: boolean;
        if (c.expectError) passed = !r.ok;
        else if (!r.ok) passed = false;
        else if (c.expect && typeof c.expect === 'object' && !Array.isArray(c.expect) && 'match' in c.expect) passed = subset(r.value, (c.expect as { match: unknown }).match);
        else passed = c.expect === undefined || JSON.stringify(r.value) === JSON.stringify(c.expect);
        results.push({ name: c.name, passed, ...(r.ok ? { actual: r.value } : { error: r.error }), ...(c.expect !== undefined ? { expected: c.expect } : {}), durationMs: r.stats.durationMs });
      }
      return { passed: results.filter((r) => r.passed).length, failed: results.filter((r) => !r.passed).length, results };
    },
    async dispose() {},
  };
}
