/**
 * Compiling a module in the sandbox and reading what it exports: the syntax check and the
 * export check of validation, and the tool descriptions/schemas the tool source needs.
 */
import type { JSONValue, Sandbox, Limits } from '@graft/sandbox';
import type { ValidationIssue } from '../../types.js';

/** What one exported tool looks like from outside the sandbox. */
export interface DescribedTool {
  description: string | null;
  /** The tool's input JSON Schema, or `null` when it is missing or not an object. */
  input: { [key: string]: JSONValue } | null;
  hasRun: boolean;
}

/** The result of `describeModule`. */
export type ModuleDescription = { ok: true; tools: Record<string, DescribedTool> } | { ok: false; issue: ValidationIssue };

const DESCRIBE_ENTRY = '__graft_describe__';

// How QuickJS (and V8) word parse errors.
const SYNTAX_ERROR =
  /SyntaxError|unexpected (?:token|end|character)|expecting|unterminated|invalid (?:regular expression|escape|or unexpected)|missing [)\]}]/i;

/** Finds the local binding exported as `tools` (`export const tools`, `export { tools }`, `export { x as tools }`). */
export function exportedToolsBinding(code: string): string | undefined {
  if (/\bexport\s+(?:const|let|var)\s+tools\b/.test(code)) return 'tools';
  for (const m of code.matchAll(/\bexport\s*\{([^}]*)\}/g)) {
    for (const spec of (m[1] ?? '').split(',')) {
      const parts = spec.trim().split(/\s+as\s+/);
      const local = parts[0]?.trim();
      const exported = (parts[1] ?? parts[0])?.trim();
      if (exported === 'tools' && local && /^[A-Za-z_$][\w$]*$/.test(local)) return local;
    }
  }
  return undefined;
}

function describeSource(code: string, binding: string): string {
  // Every local is prefixed so none can shadow the module's binding named by `binding`.
  return `${code}
;export function ${DESCRIBE_ENTRY}() {
  const __graftTools = typeof ${binding} === 'undefined' ? undefined : ${binding};
  return __graftDescribeTools(__graftTools);
}
function __graftDescribeTools(__graftT) {
  if (__graftT === null || typeof __graftT !== 'object') return { kind: typeof __graftT };
  const __graftOut = {};
  for (const __graftName of Object.keys(__graftT)) {
    const __graftTool = __graftT[__graftName];
    const __graftOk = __graftTool !== null && typeof __graftTool === 'object';
    const __graftIn = __graftOk ? __graftTool.input : undefined;
    __graftOut[__graftName] = {
      description: __graftOk && typeof __graftTool.description === 'string' ? __graftTool.description : null,
      input: __graftIn !== null && typeof __graftIn === 'object' && !Array.isArray(__graftIn) ? JSON.parse(JSON.stringify(__graftIn)) : null,
      hasRun: __graftOk && typeof __graftTool.run === 'function',
    };
  }
  return { kind: 'object', tools: __graftOut };
}
`;
}

/**
 * Compiles the module in the sandbox (no capabilities) and returns its exported tools, or the
 * syntax/export problem found.
 */
export async function describeModule(sandbox: Sandbox, code: string, limits?: Partial<Limits>): Promise<ModuleDescription> {
  const binding = exportedToolsBinding(code);
  // Compile even without an export, so a syntax error is reported as such.
  const result = await sandbox.run(describeSource(code, binding ?? 'tools'), { entry: DESCRIBE_ENTRY, ...(limits ? { limits } : {}) });
  if (!result.ok) {
    const { code: errCode, message } = result.error;
    const syntax = errCode === 'INVALID_MODULE' || SYNTAX_ERROR.test(message);
    return {
      ok: false,
      issue: syntax
        ? { kind: 'syntax', message: `the module does not compile: ${message}` }
        : {
            kind: 'exports',
            message: `evaluating the module failed (${errCode}): ${message}. Top-level code must only define constants, functions and \`tools\`.`,
          },
    };
  }
  if (!binding) {
    return {
      ok: false,
      issue: {
        kind: 'exports',
        message: 'the module does not export `tools`: write `export const tools = { <toolName>: { description, input, run } }`',
        where: 'tools',
      },
    };
  }
  const value = result.value as { kind?: string; tools?: Record<string, DescribedTool> } | null;
  if (!value || value.kind !== 'object' || !value.tools) {
    return { ok: false, issue: { kind: 'exports', message: `\`tools\` must be an object of tools, got ${value?.kind ?? 'nothing'}`, where: 'tools' } };
  }
  return { ok: true, tools: value.tools };
}

/** Compares the exported tools with the manifest's tool list and checks each tool's shape. */
export function checkExports(tools: Record<string, DescribedTool>, declared: string[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const exported = Object.keys(tools);
  if (exported.length === 0) issues.push({ kind: 'exports', message: '`tools` is empty: export at least one tool', where: 'tools' });
  for (const name of exported) {
    const t = tools[name]!;
    if (!declared.includes(name))
      issues.push({ kind: 'exports', message: `tool "${name}" is exported but not listed in manifest.tools; add it or remove it`, where: name });
    if (!t.hasRun) issues.push({ kind: 'exports', message: `tool "${name}" has no \`run(input, ctx)\` function`, where: name });
    if (!t.description) issues.push({ kind: 'exports', message: `tool "${name}" has no \`description\` string`, where: name });
    if (!t.input || t.input.type !== 'object') {
      issues.push({
        kind: 'exports',
        message: `tool "${name}" needs \`input\`: a JSON Schema object like { type: 'object', properties: {…}, required: […] }`,
        where: name,
      });
    }
  }
  for (const name of declared) {
    if (!exported.includes(name))
      issues.push({ kind: 'exports', message: `manifest.tools lists "${name}" but the code does not export it in \`tools\``, where: name });
  }
  return issues;
}
