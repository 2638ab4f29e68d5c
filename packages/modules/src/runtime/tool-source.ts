/**
 * The agent-facing side of the registry: a core `ToolSource` listing every active module's
 * tools as `module__tool`. The list is cached and rebuilt only when the registry changes, and
 * per-module tool objects are reused across rebuilds, so listing stays O(1).
 *
 * Arguments are validated against the module's input schema on the host, except the schema's
 * regular expressions: those are guest code and are evaluated in the sandbox under a deadline
 * (see `tool-args-patterns.ts`), so a catastrophic pattern can never stall the host.
 */
import { Validator } from '@cfworker/json-schema';
import type { Tool, ToolSource } from '@graft/core';
import type { JSONValue } from '@graft/sandbox';
import { ModuleToolError } from '../errors.js';
import { TOOL_NAMESPACE_SEPARATOR } from '../limits.js';
import { withEventOrigin } from '../events.js';
import { PatternCheckFailed, schemaForArgs, schemaPatterns, type PatternOracle } from './tool-args-patterns.js';
import type { ModuleRegistry, ModuleState, ToolDescriptor } from '../install/registry.js';
import { MAX_ISSUES } from '../limits.js';

/** Runs one tool of one module (a fresh sandbox run). */
export type ToolInvoker = (moduleName: string, toolName: string, input: JSONValue, signal?: AbortSignal) => Promise<JSONValue>;

/** The agent tool name of `tool` in `moduleName`: `moduleName__tool`. */
export function agentToolName(moduleName: string, tool: string): string {
  return `${moduleName}${TOOL_NAMESPACE_SEPARATOR}${tool}`;
}

/** The value at a `#/a/b` JSON pointer of `root`. */
function atPointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** The validator's issues for `value`, or `undefined` when it is valid (a `pattern` issue names the pattern). */
function issuesOf(validator: Validator, value: unknown, schema?: unknown, restore: (text: string) => string = (t) => t): string[] | undefined {
  const r = validator.validate(value);
  if (r.valid) return undefined;
  const describe = (e: (typeof r.errors)[number]) => {
    const pattern = e.keyword === 'pattern' && schema ? atPointer(schema, e.keywordLocation) : undefined;
    const why = typeof pattern === 'string' ? `does not match the pattern ${restore(pattern)}` : e.error;
    return `${e.instanceLocation.replace(/^#\/?/, '') || '(arguments)'}: ${why}`;
  };
  const issues = [...new Set(r.errors.filter((e) => e.keyword !== 'properties').map((e) => restore(describe(e))))];
  return issues.length ? issues.slice(0, MAX_ISSUES) : ['arguments do not match the tool schema'];
}

/**
 * The host-side parser: the whole schema when it has no regular expressions; otherwise only the
 * object check (the rest runs in `execute`, with the patterns evaluated in the sandbox).
 */
function makeParser(schema: Record<string, unknown>, patterned: boolean): Tool['parse'] {
  let validator: Validator | undefined;
  return (args) => {
    const value = args === undefined || args === null ? {} : args;
    if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, issues: ['arguments must be a JSON object'] };
    if (patterned) return { ok: true, value };
    validator ??= new Validator(schema as never, '2020-12', false);
    const issues = issuesOf(validator, value);
    return issues ? { ok: false, issues } : { ok: true, value };
  };
}

/** Validates `args` against a schema with regular expressions, evaluating them with `oracle`. */
async function checkPatterned(
  moduleName: string,
  tool: string,
  schema: Record<string, unknown>,
  args: JSONValue,
  oracle: PatternOracle | undefined,
  signal?: AbortSignal,
): Promise<void> {
  const fail = (why: string) =>
    new ModuleToolError(
      'MODULE_TOOL_INPUT_INVALID',
      `Invalid arguments for "${agentToolName(moduleName, tool)}": ${why}. Fix these fields and call the tool again.`,
      { moduleName },
    );
  if (!oracle) throw fail('its input schema uses regular expressions and no sandbox is available to check them');
  let rewritten;
  try {
    rewritten = await schemaForArgs(schema, args, oracle, signal);
  } catch (error) {
    if (error instanceof PatternCheckFailed) throw fail(error.message);
    throw error;
  }
  const issues = issuesOf(new Validator(rewritten.schema as never, '2020-12', false), args, rewritten.schema, rewritten.restore);
  if (issues) throw fail(issues.map((i) => i.replace(/\.$/, '')).join('; '));
}

function makeTool(state: ModuleState, d: ToolDescriptor, invoke: ToolInvoker, oracle: PatternOracle | undefined): Tool<JSONValue, JSONValue> {
  const patterned = schemaPatterns(d.input).length > 0;
  return {
    name: agentToolName(state.name, d.name),
    description: `${d.description} (module ${state.name})`,
    parameters: d.input,
    parse: makeParser(d.input, patterned),
    // events emitted while the call runs carry its thread/run ids and reach its run's stream
    execute: (args, ctx) =>
      withEventOrigin(ctx, async () => {
        if (patterned) await checkPatterned(state.name, d.name, d.input, args, oracle, ctx?.signal);
        return invoke(state.name, d.name, args, ctx?.signal);
      }),
  };
}

/** Options of {@link ModuleToolSource}. */
export interface ModuleToolSourceOptions {
  /**
   * Evaluates input-schema regular expressions off the host's event loop (the manager passes one
   * that runs them in the sandbox under a deadline). Without it, tools whose schema has a
   * `pattern` or `patternProperties` fail with `MODULE_TOOL_INPUT_INVALID`.
   */
  patterns?: PatternOracle;
}

/** A `ToolSource` over a `ModuleRegistry`: only modules with status `installed` are listed. */
export class ModuleToolSource implements ToolSource {
  readonly #registry: ModuleRegistry;
  readonly #invoke: ToolInvoker;
  readonly #oracle: PatternOracle | undefined;
  readonly #perModule = new Map<string, { key: string; tools: Tool[] }>();
  #list: Tool[] = [];
  #revision = -1;

  constructor(registry: ModuleRegistry, invoke: ToolInvoker, options: ModuleToolSourceOptions = {}) {
    this.#registry = registry;
    this.#invoke = invoke;
    this.#oracle = options.patterns;
  }

  /** The tools available now (cached; rebuilt only after a registry change). */
  list(): Tool[] {
    if (this.#revision !== this.#registry.revision) this.#rebuild();
    return this.#list;
  }

  /** Called whenever a module is installed, removed, disabled, enabled or rolled back. */
  subscribe(onChange: () => void): () => void {
    return this.#registry.subscribe(onChange);
  }

  #rebuild(): void {
    const list: Tool[] = [];
    const seen = new Set<string>();
    for (const state of this.#registry.states()) {
      if (state.status !== 'installed') continue;
      seen.add(state.name);
      const key = `${state.bundleHash}`;
      let entry = this.#perModule.get(state.name);
      if (!entry || entry.key !== key) {
        entry = { key, tools: state.tools.map((d) => makeTool(state, d, this.#invoke, this.#oracle)) };
        this.#perModule.set(state.name, entry);
      }
      for (const t of entry.tools) list.push(t);
    }
    for (const name of this.#perModule.keys()) if (!seen.has(name)) this.#perModule.delete(name);
    this.#list = list;
    this.#revision = this.#registry.revision;
  }
}
