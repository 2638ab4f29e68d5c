/**
 * Code mode: a `ToolSource` offering one tool, `run_script`, with which the model writes one short
 * script calling several tools (module tools and app tools) as async functions in the sandbox,
 * instead of one model round trip per tool call.
 *
 * - The script runs in its own sandbox (never the one module tools run on, so a script waiting on a
 *   module tool can never starve it of workers), with `ctx.functions` only: no fetch, no secrets.
 *   Module tools still run as their own sandbox runs with their own credentials; the script only
 *   ever sees their (scrubbed) results.
 * - Every call is the tool's own path: the tool's `parse` validates the arguments, `execute` runs
 *   it, the host function bounds it (`limits.functionCalls`, `functionTimeMs`, `functionBytes`).
 * - Approval-gated tools still raise their approval: a script that names one needs the user's
 *   approval (the agent's usual approval interrupt, showing the script) before anything runs; a
 *   gated tool the script reaches without naming it is refused. A tool that asks the user for input
 *   mid-call is refused too (call it directly instead).
 */
import type { Tool, ToolContext, ToolSource } from '@graft/core';
import { createSandbox, type HostFunction, type JSONValue, type Limits, type Sandbox } from '@graft/sandbox';
import { ModuleError } from '../errors.js';
import { CODE_MODE_MAX_SCRIPT_CHARS, CODE_MODE_MAX_TOOL_CALLS, CODE_MODE_TIME_MS, CODE_MODE_TOOL_NAME } from '../limits.js';
import { describeCodeMode } from './describe.js';
import { gatedMentions, toolTable } from './names.js';

/** Options of {@link CodeModeToolSource}. */
export interface CodeModeOptions {
  /** The tools a script may call: tools, and tool sources (e.g. `manager.toolSource()`) read on every listing. */
  tools: Array<Tool | ToolSource>;
  /** Name of the code-mode tool (default `run_script`). */
  name?: string;
  /** Tool calls per script (default `CODE_MODE_MAX_TOOL_CALLS`). */
  maxToolCalls?: number;
  /** Sandbox limits of a script run, over the defaults (`timeMs` default `CODE_MODE_TIME_MS`). */
  limits?: Partial<Limits>;
}

const isSource = (t: Tool | ToolSource): t is ToolSource => typeof (t as ToolSource).list === 'function' && typeof (t as ToolSource).subscribe === 'function';

/** Converts a tool's result to JSON for the script (`undefined` → `null`). */
function toJson(name: string, value: unknown): JSONValue {
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  try {
    return JSON.parse(JSON.stringify(value)) as JSONValue;
  } catch {
    throw new Error(`tool ${name} returned a value that is not JSON`);
  }
}

/**
 * A tool source with one tool, the code-mode tool; add it to the agent beside the plain tools:
 *
 * ```ts
 * const codeMode = new CodeModeToolSource({ tools: [weatherTool, manager.toolSource()] });
 * const agent = new Agent({ provider, tools: [weatherTool], toolSources: [manager.toolSource(), codeMode] });
 * // ... later: await codeMode.dispose();
 * ```
 */
export class CodeModeToolSource implements ToolSource {
  readonly #options: CodeModeOptions;
  readonly #name: string;
  readonly #maxCalls: number;
  #sandbox: Promise<Sandbox> | undefined;
  #cached: { key: string; list: Tool[] } | undefined;

  constructor(options: CodeModeOptions) {
    this.#options = options;
    this.#name = options.name ?? CODE_MODE_TOOL_NAME;
    this.#maxCalls = options.maxToolCalls ?? CODE_MODE_MAX_TOOL_CALLS;
  }

  /** The callable tools now (from every tool and source). */
  #tools(): Tool[] {
    const out: Tool[] = [];
    for (const t of this.#options.tools) {
      if (isSource(t)) out.push(...t.list());
      else out.push(t);
    }
    return out;
  }

  /** `[run_script]` while any tool is callable, else `[]`; rebuilt only when the callable tools change. */
  list(): Tool[] {
    const tools = this.#tools();
    const key = tools.map((t) => `${t.name}\u0000${t.description}`).join('\u0001');
    if (this.#cached?.key !== key) {
      const table = toolTable(tools, this.#name);
      this.#cached = { key, list: table.size ? [this.#tool(describeCodeMode(table, this.#maxCalls))] : [] };
    }
    return this.#cached.list;
  }

  /** Notifies when any underlying source changes. */
  subscribe(onChange: () => void): () => void {
    const offs = this.#options.tools.filter(isSource).map((s) => s.subscribe(onChange));
    return () => offs.forEach((off) => off());
  }

  /** Closes the script sandbox (idempotent). */
  async close(): Promise<void> {
    const sandbox = this.#sandbox;
    this.#sandbox = undefined;
    if (sandbox) await (await sandbox.catch(() => undefined))?.close();
  }

  /** @deprecated Use {@link CodeModeToolSource.close} (the same). */
  dispose(): Promise<void> {
    return this.close();
  }

  /** Same as {@link close}. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #tool(description: string): Tool<{ script: string }, JSONValue> {
    const gated = (script: string) => gatedMentions(script, toolTable(this.#tools(), this.#name));
    return {
      name: this.#name,
      description,
      parameters: {
        type: 'object',
        properties: { script: { type: 'string', description: 'The body of an async function calling `await tools.NAME(args)` and returning a JSON value.' } },
        required: ['script'],
        additionalProperties: false,
      },
      parse: (args) => {
        const script = (args as { script?: unknown } | null)?.script;
        if (typeof script !== 'string' || script.trim() === '') return { ok: false, issues: ['script: a non-empty string of JavaScript is required'] };
        if (script.length > CODE_MODE_MAX_SCRIPT_CHARS) return { ok: false, issues: [`script: at most ${CODE_MODE_MAX_SCRIPT_CHARS} characters`] };
        return { ok: true, value: { script } };
      },
      needsApproval: ({ script }) => gated(script).length > 0,
      // The script's own time limit ends it first, with a message the model can act on.
      timeoutMs: (this.#options.limits?.timeMs ?? CODE_MODE_TIME_MS) + 1_000,
      execute: ({ script }, ctx) => this.#run(script, ctx),
    };
  }

  async #run(script: string, ctx: ToolContext): Promise<JSONValue> {
    const table = toolTable(this.#tools(), this.#name);
    const approved = new Set(gatedMentions(script, table));
    let calls = 0;
    const functions: Record<string, HostFunction> = {};
    for (const [id, tool] of table) {
      functions[id] = async (args, { signal }) => {
        const parsed = tool.parse(args);
        if (!parsed.ok) throw new Error(`invalid arguments for ${id}: ${parsed.issues.join('; ')}`);
        const policy = tool.needsApproval;
        const gate = typeof policy === 'function' ? await policy(parsed.value, { threadId: ctx.threadId }) : policy === true;
        if (gate && !approved.has(id)) {
          throw new Error(`${id} needs the user's approval: name it in the script as tools.${id}(...) so the script is approved before it runs`);
        }
        const inner: ToolContext = {
          threadId: ctx.threadId,
          toolCallId: `${ctx.toolCallId}:${++calls}`,
          signal: AbortSignal.any([signal, ctx.signal]),
          requestInput: () => Promise.reject(new Error(`${id} asks the user for input, which a script cannot do; call ${tool.name} directly instead`)),
        };
        return toJson(id, await tool.execute(parsed.value, inner));
      };
    }
    // Lines of the script keep their numbers in error messages (the wrapper adds none before it).
    const source = `export default async (input, ctx) => { const tools = ctx.functions; ${script}\n}`;
    const sandbox = await (this.#sandbox ??= createSandbox());
    const limits = { timeMs: CODE_MODE_TIME_MS, ...this.#options.limits, functionCalls: this.#maxCalls };
    const result = await sandbox.run(source, { capabilities: { functions }, limits, signal: ctx.signal });
    if (!result.ok) {
      const code = result.error.code === 'INVALID_MODULE' ? 'MODULE_SCRIPT_INVALID' : 'MODULE_SCRIPT_FAILED';
      throw new ModuleError(
        code,
        `The script failed (${result.error.code}): ${result.error.message}. Fix the script and call ${this.#name} again, or call the tools one at a time.`,
      );
    }
    return result.value;
  }
}
