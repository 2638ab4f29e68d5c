/**
 * Loads recorded provider responses (`.json`, `.chunks.txt`, `.sse`) for replay through the
 * mock server.
 * @module
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** How a fixture goes on the wire. */
export type FixtureFormat =
  /** A whole non-streaming JSON body. */
  | 'json'
  /** One SSE payload per non-empty line; replayed as `data: <line>\n\n` each, then `data: [DONE]`. */
  | 'chunks'
  /** Already in SSE wire format; replayed verbatim as one write. */
  | 'sse';

/** A recorded response, ready for `reply.fixture()`. */
export interface MockFixture {
  /** File name, e.g. `openai-text.chunks.txt`. */
  name: string;
  /** Absolute or given path. */
  path: string;
  /** How it goes on the wire. */
  format: FixtureFormat;
  /** True for `chunks` and `sse` (replay through `stream()`). */
  streaming: boolean;
  /** HTTP status to serve: 400 for a JSON body whose top level is `{ error }`, else 200. */
  status: number;
  /** The file's exact text. */
  text: string;
  /** For `chunks`: the SSE payloads (blank lines dropped). */
  events: string[];
}

/** The fixture format of a file name, or `undefined` when it is not a fixture. */
export function fixtureFormat(file: string): FixtureFormat | undefined {
  if (file.endsWith('.chunks.txt')) return 'chunks';
  if (file.endsWith('.sse')) return 'sse';
  if (file.endsWith('.json')) return 'json';
  return undefined;
}

/** Builds a fixture from text already in memory. */
export function fixtureFromText(name: string, text: string, path = name): MockFixture {
  const format = fixtureFormat(name);
  if (!format) throw new Error(`"${name}" is not a fixture: expected a .json, .chunks.txt or .sse file name.`);
  let status = 200;
  if (format === 'json') {
    try {
      const body = JSON.parse(text) as Record<string, unknown>;
      if (body && typeof body === 'object' && 'error' in body && !('choices' in body)) status = 400;
    } catch {
      // Served verbatim; the client will see malformed JSON.
    }
  }
  const events = format === 'chunks' ? text.split('\n').filter((line) => line.trim() !== '') : [];
  return { name, path, format, streaming: format !== 'json', status, text, events };
}

/** Reads one fixture file from disk. */
export function loadFixture(path: string): MockFixture {
  return fixtureFromText(basename(path), readFileSync(path, 'utf8'), path);
}

/** Lists every fixture file under `dir` (recursively), sorted. */
export function listFixtures(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listFixtures(full));
    else if (fixtureFormat(entry)) out.push(full);
  }
  return out;
}
