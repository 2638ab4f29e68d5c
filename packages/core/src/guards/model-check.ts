import { createHash, randomBytes } from 'node:crypto';
import type { ChatProvider } from '@graft/providers';
import { z } from 'zod/v4';
import {
  DEFAULT_INJECTION_THRESHOLD,
  MODEL_CHECK_DEFAULT_CONFIDENCE,
  MODEL_CHECK_MAX_INPUT_CHARS,
  MODEL_CHECK_MAX_TOKENS,
  MODEL_CHECK_MIN_CONFIDENCE,
} from '../defaults.js';
import type { CacheStore } from './cache.js';
import { detectInjection } from './injection.js';
import { MODEL_CHECK_PROMPT_VERSION, modelCheckMessages } from './model-check-prompt.js';
import { redactPII } from './pii.js';
import type { DetectInjectionOptions, InjectionResult } from './types.js';

/** Options of {@link modelCheckInjection}. */
export interface ModelCheckOptions extends DetectInjectionOptions {
  /** The provider to ask (typically the router's cheap "standard" tier). */
  provider: ChatProvider;
  /** Model override. */
  model?: string;
  /** Longest input sent (default {@link MODEL_CHECK_MAX_INPUT_CHARS}); the rest is cut. */
  maxInputChars?: number;
  /** Abort the model call. */
  signal?: AbortSignal;
  /**
   * Verdict cache (a `Map`, a `GraftStore` namespace, Keyv…): the same text checked with the
   * same model and prompt version reuses the stored verdict instead of calling the model.
   * Keys are sha256 hashes; values hold only the verdict, never the text.
   */
  cache?: CacheStore;
  /**
   * Called right before the model is asked (not on a cache hit); returning `false` skips the
   * call and falls back to heuristics with `fallback: 'budget_exhausted'`. The guards' per-run
   * budget plugs in here.
   */
  beforeModelCall?: () => boolean;
}

/** Why the model's verdict was not used. */
export type ModelCheckFallback = 'invalid_output' | 'provider_error' | 'budget_exhausted';

/** Result of {@link modelCheckInjection}. */
export interface ModelCheckResult extends InjectionResult {
  /** `model` when the model's verdict was used, `heuristics` when it fell back. */
  source: 'model' | 'heuristics';
  /** The model's verdict, when it gave a valid one. */
  verdict?: {
    /** The model's answer: true when it judged the text an injection attempt. */
    injection: boolean;
    /** The model's confidence in [0, 1] (0.8 when it gave none); an injection verdict counts only when it is at least 0.5. */
    confidence: number;
  };
  /** Set when the check fell back to heuristics. */
  fallback?: ModelCheckFallback;
  /** True when the verdict came from the cache (no model call). */
  cached?: boolean;
}

const buildVerdict = () =>
  z.object({
    injection: z.boolean(),
    confidence: z.number().min(0).max(1).optional(),
    reason: z.string().optional(),
  });
let verdictSchema: ReturnType<typeof buildVerdict> | undefined;
/** The verdict schema, built on first use (not at import time). */
const Verdict = () => (verdictSchema ??= buildVerdict());

/** Cache key of a verdict: prompt version, model and the exact (redacted) text sent. */
const verdictKey = (model: string, text: string): string =>
  `graft:injection-verdict:${createHash('sha256').update(`${MODEL_CHECK_PROMPT_VERSION}\u0000${model}\u0000${text}`).digest('hex')}`;

/** Extract the first balanced `{...}` object from `text` and parse it, or `undefined`. */
function parseJsonObject(text: string): unknown {
  const start = text.indexOf('{');
  if (start === -1) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      try {
        return JSON.parse(text.slice(start, i + 1));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Model-assisted injection check: runs the heuristics, then asks `provider` for a JSON
 * verdict on the text with a small fixed prompt and a few worked examples of indirect
 * injection (PII is redacted before it is sent; the text is fenced by random markers). With
 * a `cache`, the same text is judged once per model and prompt version. The final score is the larger of the heuristic score and the model's
 * confidence when it says "injection"; a confident "no" never lowers a heuristic flag.
 *
 * Never throws for bad model output: invalid JSON, a wrong shape or a provider error fall
 * back to the heuristic result with `fallback` set.
 *
 * @param text untrusted text
 * @param options provider, model, threshold
 */
export async function modelCheckInjection(text: string, options: ModelCheckOptions): Promise<ModelCheckResult> {
  const heuristics = detectInjection(text, options);
  const threshold = options.threshold ?? DEFAULT_INJECTION_THRESHOLD;
  const max = options.maxInputChars ?? MODEL_CHECK_MAX_INPUT_CHARS;
  const safe = redactPII(text.length > max ? text.slice(0, max) : text, { reversible: false }).text;
  const key = options.cache ? verdictKey(options.model ?? options.provider.id ?? '', safe) : '';
  let verdict: { injection: boolean; confidence: number } | undefined;
  let cached = false;
  if (options.cache) {
    try {
      const hit = Verdict().safeParse(await options.cache.get(key));
      if (hit.success) {
        verdict = { injection: hit.data.injection, confidence: hit.data.confidence ?? MODEL_CHECK_DEFAULT_CONFIDENCE };
        cached = true;
      }
    } catch {
      // a failing cache is a miss
    }
  }
  if (verdict === undefined) {
    if (options.beforeModelCall && !options.beforeModelCall()) return { ...heuristics, source: 'heuristics', fallback: 'budget_exhausted' };
    const marker = `=====UNTRUSTED-${randomBytes(6).toString('hex')}=====`;
    let raw: string;
    try {
      const res = await options.provider.chat({
        ...(options.model !== undefined ? { model: options.model } : {}),
        messages: modelCheckMessages(safe, marker),
        temperature: 0,
        maxTokens: MODEL_CHECK_MAX_TOKENS,
        ...(options.signal !== undefined ? { signal: options.signal } : {}),
      });
      raw = res.text;
    } catch {
      return { ...heuristics, source: 'heuristics', fallback: 'provider_error' };
    }
    const parsed = Verdict().safeParse(parseJsonObject(raw));
    if (!parsed.success) return { ...heuristics, source: 'heuristics', fallback: 'invalid_output' };
    verdict = { injection: parsed.data.injection, confidence: parsed.data.confidence ?? MODEL_CHECK_DEFAULT_CONFIDENCE };
    if (options.cache) {
      try {
        await options.cache.set(key, verdict);
      } catch {
        // caching is best effort
      }
    }
  }
  const { injection, confidence } = verdict;
  const rules = [...heuristics.rules];
  let score = heuristics.score;
  if (injection && confidence >= MODEL_CHECK_MIN_CONFIDENCE) {
    rules.unshift({ id: 'model.verdict', category: 'model', weight: confidence });
    score = Math.max(score, confidence);
  }
  const result: ModelCheckResult = { flagged: score >= threshold, score, rules, source: 'model', verdict };
  if (cached) result.cached = true;
  return result;
}
