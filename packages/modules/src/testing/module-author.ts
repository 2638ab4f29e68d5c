/**
 * `scriptedModuleAuthor`: the part of a scripted model that writes modules. It answers the
 * requests a `ModuleManager` sends to its heavy tier — first drafts and repairs — with
 * `submit_module` calls carrying the bundles you give it, in order, so a build can be tested
 * end to end over the real HTTP mock server without a model.
 */
import { reply, type MockReply, type RecordedRequest } from '@graft/providers/testing';
import { SUBMIT_MODULE_TOOL_NAME } from '../build/generate/prompt.js';
import { REPAIR_MESSAGE_PREFIX } from '../build/repair.js';
import { DISAGREEMENT_MESSAGE_PREFIX } from '../build/disagreement.js';
import type { ModuleBundle } from '../types.js';

/** The bundles a scripted author submits. */
export interface ModuleAuthorPlan {
  /** Submitted for first drafts, one per generation request (one per candidate); the last repeats. */
  generate: ModuleBundle | ModuleBundle[];
  /** Submitted for repair requests, in order; the last repeats. Absent: the last generated bundle is resubmitted. */
  repair?: ModuleBundle | ModuleBundle[];
}

/** A mock-server script for module authoring; `undefined` for requests that are not about writing a module. */
export interface ModuleAuthorScript {
  /** Answers a module-writing request, or returns `undefined` so your own script can answer it. */
  (request: RecordedRequest): MockReply | undefined;
  /** First-draft requests answered so far. */
  readonly generated: number;
  /** Repair requests answered so far. */
  readonly repaired: number;
}

/** Whether a chat request is one a `ModuleManager` sends to write a module (it offers `submit_module`). */
export function isModuleAuthorRequest(request: RecordedRequest): boolean {
  const tools: Array<{ function?: { name?: string } }> = request.body?.tools ?? [];
  return tools.some((t) => t.function?.name === SUBMIT_MODULE_TOOL_NAME);
}

/** Whether a module-writing request is a repair (its last user message carries a validation report, or the candidates' disagreement). */
export function isRepairRequest(request: RecordedRequest): boolean {
  const messages: Array<{ role?: string; content?: unknown }> = request.body?.messages ?? [];
  const lastUser = [...messages].reverse().find((m) => m.role === 'user');
  return (
    typeof lastUser?.content === 'string' && (lastUser.content.startsWith(REPAIR_MESSAGE_PREFIX) || lastUser.content.startsWith(DISAGREEMENT_MESSAGE_PREFIX))
  );
}

const list = (b: ModuleBundle | ModuleBundle[] | undefined): ModuleBundle[] => (b === undefined ? [] : Array.isArray(b) ? b : [b]);
const pick = (bundles: ModuleBundle[], i: number): ModuleBundle => bundles[Math.min(i, bundles.length - 1)]!;

/**
 * A scripted module author. Compose it into a mock-server script:
 * `script: (req) => author(req) ?? myAgentScript(req)`.
 * @throws {TypeError} when `plan.generate` is empty.
 */
export function scriptedModuleAuthor(plan: ModuleAuthorPlan | ModuleBundle | ModuleBundle[]): ModuleAuthorScript {
  const p: ModuleAuthorPlan = Array.isArray(plan) || !('generate' in plan) ? { generate: plan as ModuleBundle | ModuleBundle[] } : plan;
  const generate = list(p.generate);
  if (generate.length === 0) throw new TypeError('scriptedModuleAuthor needs at least one bundle to generate.');
  const repair = list(p.repair);
  let generated = 0;
  let repaired = 0;
  const script = (request: RecordedRequest): MockReply | undefined => {
    if (!isModuleAuthorRequest(request)) return undefined;
    const bundle = isRepairRequest(request)
      ? repair.length
        ? pick(repair, repaired++)
        : pick(generate, Math.max(0, generated - 1))
      : pick(generate, generated++);
    const { manifest, code, tests } = structuredClone(bundle);
    return reply.toolCall(SUBMIT_MODULE_TOOL_NAME, { manifest, code, tests });
  };
  return Object.defineProperties(script, {
    generated: { get: () => generated, enumerable: true },
    repaired: { get: () => repaired, enumerable: true },
  }) as ModuleAuthorScript;
}
