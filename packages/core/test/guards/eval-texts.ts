/**
 * The text of every labelled example in the guard eval sets (`packages/core/eval/*.jsonl`, all
 * splits), for tests that check a faster search finds exactly what a plain one finds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const EVAL_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../eval');

/** Every eval text as written. */
export const EVAL_TEXTS: readonly string[] = readdirSync(EVAL_DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(join(EVAL_DIR, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim()),
  )
  .map((l) => (JSON.parse(l) as { text: string }).text);

/** Every eval text lower-cased. */
export const LOWERED_EVAL_TEXTS: readonly string[] = EVAL_TEXTS.map((t) => t.toLowerCase());

/** Every eval text lower-cased with runs of non-newline whitespace folded to one space, as the rules see it. */
export const FOLDED_EVAL_TEXTS: readonly string[] = LOWERED_EVAL_TEXTS.map((t) => t.replace(/[^\S\n]+/g, ' '));
