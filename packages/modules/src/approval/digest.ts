/**
 * Reads each tool's description and input JSON Schema out of a module's code (compiled in the
 * sandbox) for the tool source, and refuses code whose exports differ from its manifest.
 */
import type { Limits, Sandbox } from '@graft/sandbox';
import { ModuleError } from '../errors.js';
import type { ToolDescriptor } from '../install/registry.js';
import type { ModuleBundle } from '../types.js';
import { checkExports, describeModule } from '../build/validate/exports.js';

/**
 * Compiles the module once (no capabilities) and returns its tools' descriptors, in manifest order.
 * @throws {ModuleError} `MODULE_EXPORTS_MISMATCH` when the code does not compile, exports no
 * `tools`, or its tools differ from the manifest's.
 */
export async function describeTools(sandbox: Sandbox, bundle: ModuleBundle, limits?: Partial<Limits>): Promise<ToolDescriptor[]> {
  const name = bundle.manifest.name;
  const declared = bundle.manifest.tools.map((t) => t.name);
  const d = await describeModule(sandbox, bundle.code, limits);
  const issues = d.ok ? checkExports(d.tools, declared) : [d.issue];
  if (!d.ok || issues.length > 0)
    throw new ModuleError(
      'MODULE_EXPORTS_MISMATCH',
      `Module "${name}" cannot be installed: ${issues.map((i) => i.message).join('; ')}. Validate the draft and repair it first.`,
      { moduleName: name },
    );
  return bundle.manifest.tools.map((t) => {
    const tool = d.tools[t.name]!;
    return { name: t.name, description: tool.description || t.description, input: tool.input as Record<string, unknown> };
  });
}
