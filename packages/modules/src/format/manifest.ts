/**
 * The module manifest: its zod schema and a parser with actionable errors.
 */
import { z } from 'zod';
import { ManifestError, type ManifestIssue } from '../errors.js';
import { MAX_CREDENTIALS_PER_MODULE, MAX_HOSTS_PER_MODULE, MAX_MODULE_NAME_LENGTH, MAX_TOOL_NAME_LENGTH, MAX_TOOLS_PER_MODULE } from '../limits.js';
import type { ModuleManifest } from '../types.js';

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
// semver.org's recommended pattern.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const TOOL_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const UPPER_SNAKE = /^[A-Z][A-Z0-9_]*$/;
// A hostname (or IPv4 literal) with an optional port: no scheme, path, userinfo or wildcard.
const HOST = /^(?=.{1,253}(?::\d{1,5})?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$/;

const text = (what: string, max: number) =>
  z.string(`${what} must be a string`).trim().min(1, `${what} must not be empty`).max(max, `${what} must be at most ${max} characters`);

/** Schema of a credential the module needs. */
export const CredentialSpecSchema = z.strictObject({
  /** Secret name the code reads with `ctx.secret(name)`: UPPER_SNAKE_CASE, at most 64 characters. */
  name: z
    .string('credential name must be a string')
    .regex(UPPER_SNAKE, 'credential name must be UPPER_SNAKE_CASE, e.g. "CLASH_ROYALE_TOKEN"')
    .max(64, 'credential name must be at most 64 characters'),
  /** What the credential is, shown to the user (1–500 characters, trimmed). */
  description: text('credential description', 500),
  /** How the user obtains it: a URL or steps (1–1000 characters, trimmed). */
  obtain: text('credential "obtain" (how the user gets it: a URL or steps)', 1000),
});

/** Schema of one tool summary in the manifest. */
export const ToolSummarySchema = z.strictObject({
  /** Tool name: an identifier starting with a letter, at most `MAX_TOOL_NAME_LENGTH` characters. */
  name: z
    .string('tool name must be a string')
    .regex(TOOL_NAME, 'tool name must be an identifier (letters, digits, "_"), starting with a letter, e.g. "getPlayer"')
    .max(MAX_TOOL_NAME_LENGTH, `tool name must be at most ${MAX_TOOL_NAME_LENGTH} characters`),
  /** What the tool does (1–1000 characters, trimmed). */
  description: text('tool description', 1000),
});

/**
 * The zod 4 schema of a module manifest. Unknown fields are refused, so what the user approves
 * is exactly what was validated.
 */
export const ManifestSchema = z
  .strictObject(
    {
      /** kebab-case module name, at most `MAX_MODULE_NAME_LENGTH` characters. */
      name: z
        .string('name must be a string')
        .regex(KEBAB, 'name must be kebab-case (lowercase letters, digits and "-"), e.g. "clash-royale-stats"')
        .max(MAX_MODULE_NAME_LENGTH, `name must be at most ${MAX_MODULE_NAME_LENGTH} characters`),
      /** semver version, e.g. `1.0.0`. */
      version: z.string('version must be a string').regex(SEMVER, 'version must be semver, e.g. "1.0.0"'),
      /** What the module does (1–1000 characters, trimmed). */
      description: text('description', 1000),
      /** Free-form grouping label (1–64 characters, trimmed). */
      category: text('category', 64),
      /** Network access of the module; no other field is allowed. */
      permissions: z.strictObject(
        {
          /** Unique bare lowercase hostnames (optional `:port`; no scheme, path or wildcard), at most `MAX_HOSTS_PER_MODULE`. */
          hosts: z
            .array(
              z
                .string('host must be a string')
                .regex(HOST, 'host must be a bare lowercase hostname with an optional port, e.g. "api.clashroyale.com" (no scheme, path or wildcard)'),
              'permissions.hosts must be an array of hostnames',
            )
            .max(MAX_HOSTS_PER_MODULE, `at most ${MAX_HOSTS_PER_MODULE} hosts`),
        },
        'permissions must be an object like { "hosts": ["api.example.com"] }',
      ),
      /** Credentials the module needs, unique by name, at most `MAX_CREDENTIALS_PER_MODULE`. */
      credentials: z
        .array(CredentialSpecSchema, 'credentials must be an array of { name, description, obtain }')
        .max(MAX_CREDENTIALS_PER_MODULE, `at most ${MAX_CREDENTIALS_PER_MODULE} credentials`),
      /** The exported tools, unique by name: at least one, at most `MAX_TOOLS_PER_MODULE`. */
      tools: z
        .array(ToolSummarySchema, 'tools must be an array of { name, description }')
        .min(1, 'a module must declare at least one tool')
        .max(MAX_TOOLS_PER_MODULE, `at most ${MAX_TOOLS_PER_MODULE} tools`),
    },
    'the manifest must be a JSON object',
  )
  .superRefine((m, ctx) => {
    const dup = (list: string[], path: (i: number) => (string | number)[], what: string) => {
      const seen = new Set<string>();
      list.forEach((n, i) => {
        if (seen.has(n)) ctx.addIssue({ code: 'custom', path: path(i), message: `duplicate ${what} "${n}"; each must be unique` });
        seen.add(n);
      });
    };
    dup(
      m.tools.map((t) => t.name),
      (i) => ['tools', i, 'name'],
      'tool',
    );
    dup(
      m.credentials.map((c) => c.name),
      (i) => ['credentials', i, 'name'],
      'credential',
    );
    dup(m.permissions.hosts, (i) => ['permissions', 'hosts', i], 'host');
  });

/** The result of `safeParseManifest`. */
export type ManifestParseResult =
  | {
      /** The manifest is valid. */
      ok: true;
      /** The parsed manifest (strings trimmed). */
      manifest: ModuleManifest;
    }
  | {
      /** The manifest is invalid. */
      ok: false;
      /** Every bad field, with how to fix it. */
      issues: ManifestIssue[];
    };

/** Validates a manifest without throwing; `issues` name each bad field with a fix. */
export function safeParseManifest(input: unknown): ManifestParseResult {
  const r = ManifestSchema.safeParse(input);
  if (r.success) return { ok: true, manifest: r.data };
  const issues = r.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.map((k) => `"${k}"`).join(', ')}; remove them` : i.message,
  }));
  return { ok: false, issues };
}

/**
 * Validates a manifest and returns it typed (strings trimmed).
 * @throws {ManifestError} `MODULE_INVALID_MANIFEST`, listing every bad field and how to fix it.
 */
export function parseManifest(input: unknown): ModuleManifest {
  const r = safeParseManifest(input);
  if (!r.ok) throw new ManifestError(r.issues);
  return r.manifest;
}
