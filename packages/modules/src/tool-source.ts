/**
 * The agent-facing side of the registry: a core `ToolSource` listing every active module's
 * tools as `module__tool`. The list is cached and rebuilt only when the registry changes, and
 * per-module tool objects are reused across rebuilds, so listing stays O(1).
 */
import { Validator } from '@cfworker/json-schema';
import type { Tool, ToolSource } from '@graft/core';
import type { JSONValue } from '@graft/sandbox';
import { TOOL_NAMESPACE_SEPARATOR } from './limits.js';
import { withEventOrigin } from './events.js';
import type { ModuleRegistry, ModuleState, ToolDescriptor } from './registry.js';

/** Runs one tool of one module (a fresh sandbox run). */
export type ToolInvoker = (moduleName: string, toolName: string, input: JSONValue, signal?: AbortSignal) => Promise<JSONValue>;

/** The agent tool name of `tool` in `moduleName`: `moduleName__tool`. */
export function agentToolName(moduleName: string, tool: string): string {
  return `${moduleName}${TOOL_NAMESPACE_SEPARATOR}${tool}`;
}

const MAX_ISSUES = 8;

function makeParser(schema: Record<string, unknown>): Tool['parse'] {
  let validator: Validator | undefined;
  return (args) => {
    const value = args === undefined || args === null ? {} : args;
    if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, issues: ['arguments must be a JSON object'] };
    validator ??= new Validator(schema as never, '2020-12', false);
    const r = validator.validate(value);
    if (r.valid) return { ok: true, value };
    const issues = [...new Set(r.errors.filter((e) => e.keyword !== 'properties').map((e) => `${e.instanceLocation.replace(/^#\/?/, '') || '(arguments)'}: ${e.error}`))];
    return { ok: false, issues: issues.length ? issues.slice(0, MAX_ISSUES) : ['arguments do not match the tool schema'] };
  };
}

function makeTool(state: ModuleState, d: ToolDescriptor, invoke: ToolInvoker): Tool<JSONValue, JSONValue> {
  return {
    name: agentToolName(state.name, d.name),
    description: `${d.description} (module ${state.name})`,
    parameters: d.input,
    parse: makeParser(d.input),
    execute: (args, ctx) => withEventOrigin(ctx, () => invoke(state.name, d.name, args, ctx?.signal)),
  };
}

/** A `ToolSource` over a `ModuleRegistry`: only modules with status `installed` are listed. */
export class ModuleToolSource implements ToolSource {
  readonly #registry: ModuleRegistry;
  readonly #invoke: ToolInvoker;
  readonly #perModule = new Map<string, { key: string; tools: Tool[] }>();
  #list: Tool[] = [];
  #revision = -1;

  constructor(registry: ModuleRegistry, invoke: ToolInvoker) {
    this.#registry = registry;
    this.#invoke = invoke;
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
        entry = { key, tools: state.tools.map((d) => makeTool(state, d, this.#invoke)) };
        this.#perModule.set(state.name, entry);
      }
      for (const t of entry.tools) list.push(t);
    }
    for (const name of this.#perModule.keys()) if (!seen.has(name)) this.#perModule.delete(name);
    this.#list = list;
    this.#revision = this.#registry.revision;
  }
}
