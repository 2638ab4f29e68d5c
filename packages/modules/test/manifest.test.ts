import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest, safeParseManifest } from '../src/index.js';

const valid = () => ({
  name: 'clash-royale-stats',
  version: '1.0.0',
  description: 'Player statistics from the Clash Royale API.',
  category: 'games',
  permissions: { hosts: ['api.clashroyale.com', '127.0.0.1:8080'] },
  credentials: [{ name: 'CLASH_ROYALE_TOKEN', description: 'API token', obtain: 'https://developer.clashroyale.com' }],
  tools: [{ name: 'getPlayer', description: 'Get a player by tag' }],
});

function issuesOf(input: unknown): ManifestError {
  try {
    parseManifest(input);
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError);
    return e as ManifestError;
  }
  throw new Error('expected parseManifest to throw');
}

describe('ManifestSchema / parseManifest', () => {
  it('accepts a valid manifest and returns it typed', () => {
    const m = parseManifest(valid());
    expect(m.name).toBe('clash-royale-stats');
    expect(m.tools[0].name).toBe('getPlayer');
    expect(safeParseManifest(valid()).ok).toBe(true);
  });

  it.each([
    ['name', { name: 'Clash Royale' }, 'name', 'kebab-case'],
    ['version', { version: 'v1' }, 'version', 'semver'],
    ['host with scheme', { permissions: { hosts: ['https://api.x.com/v1'] } }, 'permissions.hosts.0', 'bare lowercase hostname'],
    ['credential name', { credentials: [{ name: 'token', description: 'd', obtain: 'o' }] }, 'credentials.0.name', 'UPPER_SNAKE_CASE'],
    ['no tools', { tools: [] }, 'tools', 'at least one tool'],
    ['tool name', { tools: [{ name: 'get-player', description: 'x' }] }, 'tools.0.name', 'identifier'],
    ['empty description', { description: '   ' }, 'description', 'must not be empty'],
  ])('refuses a bad %s with the field path and a fix', (_label, patch, path, hint) => {
    const err = issuesOf({ ...valid(), ...patch });
    expect(err.code).toBe('MODULE_INVALID_MANIFEST');
    const issue = err.issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(err.issues)).toBeDefined();
    expect(issue!.message).toContain(hint);
    expect(err.message).toContain(path);
    expect(err.message).toContain('Fix these fields');
  });

  it('refuses duplicates of tools, credentials and hosts', () => {
    const err = issuesOf({
      ...valid(),
      permissions: { hosts: ['a.com', 'a.com'] },
      tools: [
        { name: 'x', description: 'a' },
        { name: 'x', description: 'b' },
      ],
    });
    expect(err.issues.map((i) => i.path).sort()).toEqual(['permissions.hosts.1', 'tools.1.name']);
  });

  it('refuses unknown fields so the approved manifest is exactly the validated one', () => {
    const err = issuesOf({ ...valid(), permissionsExtra: true });
    expect(err.issues[0].message).toContain('"permissionsExtra"');
  });

  it('refuses non-objects and reports every missing field', () => {
    expect(issuesOf('not json').issues[0].message).toContain('JSON object');
    const err = issuesOf({});
    expect(err.issues.map((i) => i.path).sort()).toEqual(['category', 'credentials', 'description', 'name', 'permissions', 'tools', 'version']);
  });

  it('keeps module__tool within 64 characters', () => {
    const err = issuesOf({ ...valid(), name: 'a'.repeat(41) });
    expect(err.issues[0].path).toBe('name');
    const long = issuesOf({ ...valid(), tools: [{ name: 'a'.repeat(22), description: 'x' }] });
    expect(long.issues[0].path).toBe('tools.0.name');
  });
});
