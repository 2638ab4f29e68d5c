/**
 * One tool call of one module: a fresh sandbox run with the module's hosts and decrypted
 * secrets, counted by the module's health breaker.
 */
import type { Capabilities, JSONValue } from '@graft/sandbox';
import { ModuleToolError } from '../errors.js';
import type { ManagerRuntime } from '../manager/runtime.js';
import { scrubJson, textScrubber } from './scrub.js';
import type { ModuleState } from '../install/registry.js';
import { revealSecrets } from '../credentials/vault.js';

/** Decrypts the module's declared credentials and builds its sandbox capabilities. */
export async function moduleCapabilities(rt: ManagerRuntime, state: ModuleState): Promise<{ capabilities: Capabilities; secrets: Record<string, string> }> {
  const declared = state.manifest.credentials.map((c) => c.name);
  const stored = declared.length ? await revealSecrets(rt.vault, state.name) : {};
  const secrets: Record<string, string> = {};
  for (const n of declared) if (stored[n] !== undefined) secrets[n] = stored[n];
  const hosts = state.manifest.permissions.hosts;
  const capabilities: Capabilities = { log: true };
  if (hosts.length > 0) capabilities.fetch = { allowHosts: [...hosts], secrets, ...rt.capabilities };
  return { capabilities, secrets };
}

/**
 * Runs `tools.<tool>.run(input)` of an installed module.
 * @throws {ModuleToolError} `MODULE_NOT_ACTIVE`, `MODULE_DISABLED` or `MODULE_TOOL_FAILED` (with
 * the sandbox's code); after the breaker's threshold of consecutive failures the module is disabled.
 */
export async function invokeTool(rt: ManagerRuntime, name: string, tool: string, input: JSONValue, signal?: AbortSignal): Promise<JSONValue> {
  const state = rt.registry.state(name);
  if (!state)
    throw new ModuleToolError('MODULE_NOT_ACTIVE', `Module "${name}" is not installed; list the installed modules and use one of their tools.`, {
      moduleName: name,
    });
  if (state.status === 'disabled')
    throw new ModuleToolError(
      'MODULE_DISABLED',
      `Module "${name}" is disabled (${state.disabledReason ?? 'user'}); its tools cannot run. Ask the user to re-enable it after fixing the cause.`,
      { moduleName: name },
    );
  if (state.status !== 'installed')
    throw new ModuleToolError('MODULE_NOT_ACTIVE', `Module "${name}" is waiting for its credentials; ask the user to provide them before using its tools.`, {
      moduleName: name,
    });
  if (!state.tools.some((t) => t.name === tool))
    throw new ModuleToolError('MODULE_NOT_ACTIVE', `Module "${name}" has no tool "${tool}"; its tools are ${state.tools.map((t) => t.name).join(', ')}.`, {
      moduleName: name,
    });

  const [code, { capabilities, secrets }, sandbox] = await Promise.all([rt.code(state), moduleCapabilities(rt, state), rt.sandbox()]);
  const result = await sandbox.run(code, {
    entry: `tools.${tool}.run`,
    input,
    capabilities,
    ...(rt.runLimits ? { limits: rt.runLimits } : {}),
    ...(signal ? { signal } : {}),
  });
  const scrub = textScrubber(secrets);
  if (result.ok) {
    await rt.breakers.success(name).catch(() => undefined); // a store hiccup must not fail a call that worked
    return Object.keys(secrets).length ? scrubJson(result.value, scrub) : result.value;
  }
  const message = scrub(result.error.message);
  if (result.error.code === 'ABORTED')
    throw new ModuleToolError('MODULE_TOOL_FAILED', `Tool ${tool} of module "${name}" was cancelled.`, { moduleName: name, sandboxCode: 'ABORTED' });
  const tripped = await rt.breakers.failure(name).catch(() => false);
  rt.emit({ type: 'module.failed', name, code: result.error.code, message });
  let tail = ' Check the input against the tool schema, or try again later.';
  if (tripped) {
    await rt.disable(name, 'health').catch(() => undefined);
    tail = ` Module "${name}" failed ${rt.breakers.threshold} times in a row and has been disabled; tell the user, who can re-enable it (enable) after fixing the cause.`;
  }
  throw new ModuleToolError('MODULE_TOOL_FAILED', `Tool ${tool} of module "${name}" failed (${result.error.code}): ${message}.${tail}`, {
    moduleName: name,
    sandboxCode: result.error.code,
  });
}
