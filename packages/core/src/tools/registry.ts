/**
 * The agent's tool registry: tools added directly plus tool sources whose lists change at
 * runtime. Read on every model step, so changes show up on the next step of a running thread.
 */
import type { ToolSpec } from '@graft/providers';
import type { Tool, ToolSource } from './types.js';
import { ToolDefinitionError } from '../errors.js';

/** A consistent view of the tools at one model step. */
export interface ToolSnapshot {
  /** Tool specs to send to the model, in registry order. */
  specs: ToolSpec[];
  /** Lookup by name. */
  byName: Map<string, Tool>;
}

function assertTool(tool: Tool): void {
  if (!tool || typeof tool.name !== 'string' || typeof tool.parse !== 'function' || typeof tool.execute !== 'function' || typeof tool.parameters !== 'object') {
    throw new ToolDefinitionError(
      'Not a tool: build tools with defineTool(...) or implement the Tool interface (name, description, parameters, parse, execute).',
    );
  }
}

/** A source's tools, or none when its `list()` throws or returns something else (a broken source never breaks a run). */
function safeList(source: ToolSource): Tool[] {
  try {
    const list = source.list();
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/**
 * Tools available to an agent: `add`/`remove` single tools, `addSource`/`removeSource`
 * for dynamic sources (e.g. installed modules). A tool added directly shadows a source's
 * tool of the same name; among sources, the first added wins.
 */
export class ToolRegistry {
  readonly #tools = new Map<string, Tool>();
  readonly #sources = new Map<ToolSource, () => void>();
  readonly #listeners = new Set<() => void>();
  /** The last snapshot and the source lists it was made from (dropped on every change). */
  #cached: { lists: Tool[][]; snapshot: ToolSnapshot } | undefined;

  /** @param tools initial tools; @param sources initial tool sources. */
  constructor(tools: Tool[] = [], sources: ToolSource[] = []) {
    for (const t of tools) this.add(t);
    for (const s of sources) this.addSource(s);
  }

  /**
   * Add a tool (visible from the next model step on).
   * @throws ToolDefinitionError if a tool with this name was already added.
   */
  add(tool: Tool): this {
    assertTool(tool);
    if (this.#tools.has(tool.name)) {
      throw new ToolDefinitionError(`A tool named "${tool.name}" is already registered. Remove it first or pick another name.`);
    }
    this.#tools.set(tool.name, tool);
    this.#changed();
    return this;
  }

  /** Remove a directly added tool; returns whether it was there. */
  remove(name: string): boolean {
    const had = this.#tools.delete(name);
    if (had) this.#changed();
    return had;
  }

  /** Add a tool source; returns a function that removes it again. */
  addSource(source: ToolSource): () => void {
    if (!source || typeof source.list !== 'function' || typeof source.subscribe !== 'function') {
      throw new ToolDefinitionError('Not a ToolSource: it needs list() and subscribe(onChange).');
    }
    if (!this.#sources.has(source)) {
      this.#sources.set(
        source,
        source.subscribe(() => this.#changed()),
      );
      this.#changed();
    }
    return () => this.removeSource(source);
  }

  /** Remove a tool source (and unsubscribe from it); returns whether it was there. */
  removeSource(source: ToolSource): boolean {
    const unsubscribe = this.#sources.get(source);
    if (!unsubscribe) return false;
    this.#sources.delete(source);
    unsubscribe();
    this.#changed();
    return true;
  }

  /** Listen for changes (tool or source added/removed, or a source reported a change). */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** All tools available now: direct tools first, then each source's current list. */
  list(): Tool[] {
    return [...this.snapshot().byName.values()];
  }

  /** The tool with this name, as available now. */
  get(name: string): Tool | undefined {
    const direct = this.#tools.get(name);
    if (direct) return direct;
    for (const source of this.#sources.keys()) {
      const found = safeList(source).find((t) => t.name === name);
      if (found) return found;
    }
    return undefined;
  }

  /**
   * Specs and lookup for one model step. A source whose `list()` throws contributes no tools.
   * The snapshot is reused (specs frozen) until a tool or source changes or a source lists other
   * tools: read it, never modify it.
   */
  snapshot(): ToolSnapshot {
    const lists: Tool[][] = [];
    for (const source of this.#sources.keys()) lists.push(safeList(source));
    const cached = this.#cached;
    if (cached && sameLists(cached.lists, lists)) return cached.snapshot;
    const byName = new Map<string, Tool>(this.#tools);
    for (const list of lists) {
      for (const tool of list) if (tool && typeof tool.name === 'string' && !byName.has(tool.name)) byName.set(tool.name, tool);
    }
    const specs: ToolSpec[] = [];
    for (const t of byName.values()) specs.push(Object.freeze({ name: t.name, description: t.description, parameters: t.parameters }));
    const snapshot = { specs: Object.freeze(specs) as ToolSpec[], byName };
    // the sources' lists are copied: a source may change its array in place
    this.#cached = { lists: lists.map((l) => [...l]), snapshot };
    return snapshot;
  }

  #changed(): void {
    this.#cached = undefined;
    for (const l of this.#listeners) l();
  }
}

/** True when each source listed the same tools (by identity, in order) as before. */
function sameLists(before: Tool[][], now: Tool[][]): boolean {
  if (before.length !== now.length) return false;
  for (let i = 0; i < now.length; i++) {
    const a = before[i]!;
    const b = now[i]!;
    if (a.length !== b.length) return false;
    for (let j = 0; j < b.length; j++) if (a[j] !== b[j]) return false;
  }
  return true;
}
