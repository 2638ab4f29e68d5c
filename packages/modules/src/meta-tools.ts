/**
 * The model's tools for managing modules: `build_module` (generate → validate → repair, then an
 * approval request and a credentials request answered by the app, never by the model),
 * `list_modules`, `module_status` and `uninstall_module` (needs the user's approval).
 */
import type { Tool, ToolContext } from '@graft/core';
import { z } from 'zod';
import { ModuleError } from './errors.js';
import { emitSafe, type BuildDeps } from './generate-deps.js';
import { withEventOrigin } from './events.js';
import { buildModuleLoop, type BuildLoopOptions, type BuildOutcome } from './repair-loop.js';
import { scrubJson, textScrubber } from './manager-scrub.js';
import { agentToolName } from './tool-source.js';
import type { Approval, Draft, JSONValue, LiveTestReport, ModuleRecord } from './types.js';
import { credentialsStored, describeBuildFailure, draftSummary, moduleSummary, readApproval, readCredentials } from './meta-tools-format.js';

/** What the meta-tools need from a `ModuleManager`. */
export interface MetaToolsHost {
  /** The model, sandbox, limits and event sink that `build_module` builds with. */
  buildDeps(): BuildDeps;
  /** The manager's build loop (respects its repair-round limit); `buildModuleLoop` is used when absent. */
  build?(options: BuildLoopOptions): Promise<BuildOutcome>;
  /** Mints an approval of exactly this draft's bundle, once the user approved it through the app. */
  approve(draft: Draft, options: { by: string }): Approval;
  /** Installs an approved draft; the record's status says whether credentials are still missing. */
  install(draft: Draft, approval: Approval): Promise<ModuleRecord>;
  /** Stores the credentials the user entered in the app (never seen by the model). */
  setCredentials(
    name: string,
    values: Record<string, string>,
  ): Promise<{
    /** Declared credentials still not stored after this call; empty when all are set. */
    missing: string[];
  }>;
  /** Runs the module's live cases against the real API; on success an `awaiting_credentials` module becomes `installed`. */
  liveTest(name: string): Promise<LiveTestReport>;
  /** Every installed module, any status (for `list_modules`). */
  list(): Promise<ModuleRecord[]>;
  /** One module's record, or `undefined` when it is not installed. */
  get(name: string): Promise<ModuleRecord | undefined>;
  /** Removes a module with every version, its credentials and its tools (for `uninstall_module`). */
  uninstall(name: string): Promise<void>;
}

/** Options of `createMetaTools`. */
export interface MetaToolsOptions {
  /** Repair rounds of `build_module` (default 3). */
  maxRounds?: number;
  /** Candidates sampled per build (default 1). */
  candidates?: number;
  /** Timeout of one `build_module` call, ms (model calls and sandbox runs included). */
  buildTimeoutMs?: number;
}

/** `type` of the `input` interrupt asking the user to approve a built module. */
export const APPROVAL_INPUT_TYPE = 'module_approval';
/** `type` of the `input` interrupt asking the user for a module's credentials. */
export const CREDENTIALS_INPUT_TYPE = 'module_credentials';

const DEFAULT_BUILD_TIMEOUT_MS = 10 * 60_000;
const MAX_PENDING_BUILDS = 256;

/** The state of one `build_module` call, kept across the re-executions an interrupt causes. */
interface PendingBuild {
  build?: Promise<BuildOutcome>;
  installed?: Promise<ModuleRecord>;
  live?: Promise<LiveTestReport>;
  announced?: boolean;
}

function zodTool<S extends z.ZodObject>(def: {
  name: string;
  description: string;
  schema: S;
  needsApproval?: boolean;
  timeoutMs?: number;
  execute(args: z.infer<S>, ctx: ToolContext): Promise<unknown>;
}): Tool<z.infer<S>, unknown> {
  return {
    name: def.name,
    description: def.description,
    parameters: z.toJSONSchema(def.schema, { io: 'input' }) as Record<string, unknown>,
    parse(args) {
      const r = def.schema.safeParse(args ?? {});
      if (r.success) return { ok: true, value: r.data };
      return { ok: false, issues: r.error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`) };
    },
    ...(def.needsApproval !== undefined ? { needsApproval: def.needsApproval } : {}),
    ...(def.timeoutMs !== undefined ? { timeoutMs: def.timeoutMs } : {}),
    // events emitted while the call runs carry its thread/run ids and reach its run's stream
    execute: (args, ctx) => withEventOrigin(ctx, () => def.execute(args, ctx)),
  };
}

/**
 * Creates the meta-tools over a manager. Credentials are asked for through an `input` interrupt
 * (`type: 'module_credentials'`) that the app answers with `agent.resume`; they never pass
 * through the model or the transcript. The approval is an `input` interrupt too
 * (`type: 'module_approval'`, `data` = the module's summary incl. `bundleHash`): only the app's
 * resume value `{ approved: true, by, bundleHash }` leads to `manager.approve`, which the model
 * cannot call; a `bundleHash` other than the one shown is refused.
 */
export function createMetaTools(manager: MetaToolsHost, options: MetaToolsOptions = {}): Tool[] {
  const pending = new Map<string, PendingBuild>();
  const pendingOf = (ctx: ToolContext): { key: string; entry: PendingBuild } => {
    const key = `${ctx.threadId}\u0000${ctx.toolCallId}`;
    let entry = pending.get(key);
    if (!entry) {
      if (pending.size >= MAX_PENDING_BUILDS) pending.delete(pending.keys().next().value!);
      entry = {};
      pending.set(key, entry);
    }
    return { key, entry };
  };

  const buildModule = zodTool({
    name: 'build_module',
    description:
      'Build and install a new integration module (new tools) from a description of what the user wants, e.g. "my Clash Royale player stats". ' +
      'Writes the code and tests, runs them, then asks the user to approve and to enter any API key in the app. ' +
      'Never ask the user for API keys or passwords in the chat.',
    schema: z.strictObject({
      request: z.string().min(3).max(4000).describe('What the module must do, in the user’s words, with any API details they gave.'),
      docs: z.string().max(60_000).optional().describe('API documentation the user pasted, if any.'),
    }),
    timeoutMs: options.buildTimeoutMs ?? DEFAULT_BUILD_TIMEOUT_MS,
    async execute(args, ctx) {
      const { key, entry } = pendingOf(ctx);
      const finish = (result: Record<string, unknown>) => {
        pending.delete(key);
        return result;
      };
      const deps = manager.buildDeps();
      try {
        const loop: BuildLoopOptions = {
          request: args.request,
          ...(args.docs ? { docs: args.docs } : {}),
          ...(options.maxRounds !== undefined ? { maxRounds: options.maxRounds } : {}),
          ...(options.candidates ? { candidates: options.candidates } : {}),
          signal: ctx.signal,
        };
        entry.build ??= manager.build ? manager.build(loop) : buildModuleLoop(deps, loop);
        const outcome = await entry.build;
        if (!outcome.passed) {
          const failure = describeBuildFailure(outcome);
          const rawName = (outcome.draft.bundle.manifest as { name?: unknown } | null)?.name;
          emitSafe(deps, { type: 'module.failed', ...(typeof rawName === 'string' ? { name: rawName } : {}), code: 'MODULE_VALIDATION_FAILED', message: String(failure.message) });
          return finish(failure);
        }
        const draft = outcome.draft;
        const summary = draftSummary(draft);
        if (!entry.announced) {
          entry.announced = true;
          emitSafe(deps, { type: 'module.awaiting_approval', name: summary.module, bundleHash: summary.bundleHash });
        }

        const decision = await ctx.requestInput({
          type: APPROVAL_INPUT_TYPE,
          // The answer holds no secret: let it be checkpointed, so a restart between approval
          // and credentials does not lose it.
          sensitive: false,
          message: `Install the module "${summary.module}"? It may contact ${summary.hosts.join(', ') || 'no hosts'}${summary.credentials.length ? ` and needs ${summary.credentials.map((c) => c.name).join(', ')}` : ''}.`,
          data: summary,
        });
        const approval = readApproval(decision);
        if (!approval) return finish({ status: 'rejected', module: summary.module, message: 'The user did not approve the module; nothing was installed.' });
        if (approval.bundleHash !== undefined && approval.bundleHash !== summary.bundleHash) {
          return finish({ status: 'rejected', module: summary.module, message: 'The approval was given for a different version of this module; nothing was installed. Build it again.' });
        }

        entry.installed ??= Promise.resolve().then(() => manager.install(draft, manager.approve(draft, { by: approval.by })));
        let record = await entry.installed;
        let live: LiveTestReport | undefined;
        let scrub = (text: string) => text;
        if (record.status === 'awaiting_credentials') {
          const answer = await ctx.requestInput({
            type: CREDENTIALS_INPUT_TYPE,
            message: `Enter the credentials of "${record.name}" in the app (never in the chat).`,
            data: { module: record.name, credentials: record.manifest.credentials.map((c) => ({ name: c.name, description: c.description, obtain: c.obtain })) },
          });
          const name = record.name;
          if (credentialsStored(answer)) {
            // Preferred: the app already put the values in the vault (`setCredentials`), so they
            // never entered the thread, its checkpoints or this tool's arguments.
            entry.live ??= manager.liveTest(name);
          } else {
            const values = readCredentials(answer);
            if (!values) {
              return finish({ status: 'awaiting_credentials', module: name, message: 'The module is installed but waits for its credentials; the user can enter them in the app later.' });
            }
            scrub = textScrubber(values);
            entry.live ??= manager.setCredentials(name, values).then(() => manager.liveTest(name));
          }
          live = await entry.live;
          record = (await manager.get(record.name)) ?? record;
        } else if (record.manifest.credentials.length > 0) {
          // The credentials were already in the vault (stored by the app, e.g. before a restart
          // re-ran this tool): still prove them against the real API before reporting success.
          entry.live ??= manager.liveTest(record.name);
          live = await entry.live;
          record = (await manager.get(record.name)) ?? record;
        }
        // Second line of defence: nothing the model gets may carry a credential it was never given.
        return finish(scrubJson(moduleSummary(record, live, outcome) as JSONValue, scrub) as Record<string, unknown>);
      } catch (err) {
        if (err instanceof ModuleError) {
          pending.delete(key);
          // install() reports its own failures.
          if (!entry.installed) emitSafe(deps, { type: 'module.failed', ...(err.moduleName ? { name: err.moduleName } : {}), code: err.code, message: err.message });
          return { status: 'failed', code: err.code, message: err.message };
        }
        throw err;
      }
    },
  });

  const listModules = zodTool({
    name: 'list_modules',
    description: 'List the installed modules with their status and the tools they provide.',
    schema: z.strictObject({}),
    async execute() {
      const all = await manager.list();
      return all.map((r) => ({
        module: r.name,
        version: r.activeVersion,
        status: r.status,
        description: r.manifest.description,
        tools: r.status === 'installed' ? r.manifest.tools.map((t) => agentToolName(r.name, t.name)) : [],
        ...(r.disabledReason ? { disabledReason: r.disabledReason } : {}),
      }));
    },
  });

  const moduleStatus = zodTool({
    name: 'module_status',
    description: 'Show the status, versions, hosts, credentials (names only) and tools of one module.',
    schema: z.strictObject({ name: z.string().min(1).describe('Module name, e.g. "clash-royale-stats".') }),
    async execute({ name }) {
      const r = await manager.get(name);
      if (!r) return { status: 'not_installed', module: name, message: `No module named "${name}" is installed.` };
      return moduleSummary(r);
    },
  });

  const uninstallModule = zodTool({
    name: 'uninstall_module',
    description: 'Uninstall a module: remove its versions, credentials and tools. The user must approve.',
    schema: z.strictObject({ name: z.string().min(1).describe('Module name to remove.') }),
    needsApproval: true,
    async execute({ name }) {
      await manager.uninstall(name);
      return { status: 'uninstalled', module: name };
    },
  });

  return [buildModule, listModules, moduleStatus, uninstallModule];
}
