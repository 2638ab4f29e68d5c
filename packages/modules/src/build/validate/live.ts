/**
 * Live cases must test: a module that declares a credential needs at least one live case (run by
 * `liveTest` against the real API with the real value) and code that really sends it; a module
 * that reaches hosts needs at least one live case too. Otherwise a wrong token, or an API that
 * changed, would pass the live step with zero results.
 */
import { toolOfEntry } from '../generate/parse.js';
import type { ModuleBundle, ValidationIssue } from '../../types.js';

function names(list: unknown, pick: (x: Record<string, unknown>) => unknown): string[] {
  return Array.isArray(list) ? list.map((x) => pick((x ?? {}) as Record<string, unknown>)).filter((n): n is string => typeof n === 'string' && n !== '') : [];
}

/** Issues about missing live cases (empty when the module has no hosts and no credentials). */
export function checkLiveCases(bundle: ModuleBundle): ValidationIssue[] {
  const manifest = (bundle.manifest ?? {}) as unknown as Record<string, unknown>;
  const credentials = names(manifest.credentials, (c) => c.name);
  const hosts = names((manifest.permissions as Record<string, unknown> | undefined)?.hosts, (h) => h as unknown);
  const live = (Array.isArray(bundle.tests) ? bundle.tests : []).filter(
    (c) => c && typeof c === 'object' && c.live === true && typeof c.entry === 'string' && toolOfEntry(c.entry),
  );
  const issues: ValidationIssue[] = [];
  if (credentials.length > 0 && live.length === 0) {
    issues.push({
      kind: 'test',
      where: 'tests',
      message: `the module declares ${credentials.join(', ')} but has no live case; add a case with "live": true (no http fixtures, an "expect": { "match": … }) for a tool that sends the credential, so the live test proves the user's key against the real API`,
    });
  } else if (hosts.length > 0 && live.length === 0) {
    issues.push({
      kind: 'test',
      where: 'tests',
      message: `the module reaches ${hosts.join(', ')} but has no live case; add a case with "live": true (no http fixtures, an "expect": { "match": … }) so the live test checks the real API before the module is installed`,
    });
  }
  const code = typeof bundle.code === 'string' ? bundle.code : '';
  for (const name of credentials) {
    // The literal name in quotes and a `secret(` call (a constant holding the name is fine).
    const quoted = new RegExp(`(['"\`])${name.replace(/[^A-Za-z0-9_]/g, '')}\\1`).test(code);
    const used = quoted && /\bsecret\s*\(/.test(code);
    if (!used)
      issues.push({
        kind: 'test',
        where: name,
        message: `credential ${name} is declared but the code never calls ctx.secret('${name}'); send it where the API expects it (e.g. a header), or remove it from the manifest`,
      });
  }
  return issues;
}
