/**
 * The model's tools for managing modules: `build_module` (generate → validate → repair, then an
 * approval request and a credentials request answered by the app, never by the model),
 * `list_modules`, `module_status` and `uninstall_module` (needs the user's approval).
 */
import type { Tool, ToolContext } from '@graft/core';
import { z } from 'zod';
import { bundleHash, snapshotBundle } from '../format/bundle.js';
import { ApprovalError, ModuleError } from '../errors.js';
import { emitSafe, type BuildDeps } from '../build/deps.js';
import { withEventOrigin } from '../events.js';
import type { PendingBuilds } from '../approval/pending-builds.js';
import type { BuildLoopOptions, BuildOutcome } from '../build/loop.js';
import { scrubJson, textScrubber } from '../runtime/scrub.js';
import { agentToolName } from '../runtime/tool-source.js';
import type { Approval, Draft, JSONValue, LiveTestReport, ModuleRecord } from '../types.js';
import { credentialsStored, describeBuildFailure, draftSummary, moduleSummary, regressionSummary, readApproval, readCredentials } from './meta-tools-format.js';
import { DEFAULT_BUILD_TIMEOUT_MS } from '../limits.js';

/** What the meta-tools need from a `ModuleManager`. */
export interface MetaToolsHost {
  /** The model, sandbox, limits and event sink that `build_module` builds with. */
  buildDeps(): BuildDeps;
  /** The manager's build loop (respects its repair-round limit). */
  build(options: BuildLoopOptions): Promise<BuildOutcome>;
  /** Mints an approval of exactly this draft's bundle, once the user approved it through the app. */
  approve(draft: Draft, options: { by: string }): Promise<Approval>;
  /** Durable pending builds (stored bundles awaiting approval), shared through the store. */
  pendingBuilds(): PendingBuilds;
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
  /** Removes a module with every version, its credentials and its tools (for `uninstall_module`); a no-op when it is gone. */
  uninstall(name: string): Promise<void>;
}

/** Options of `createMetaTools`. */
export interface MetaToolsOptions {
  /** Repair rounds of `build_module` (default 3). */
  maxRounds?: number;
  /** Candidates sampled per build (default: the manager's `limits.candidates`, `DEFAULT_CANDIDATES`). */
  candidates?: number;
  /** Timeout of one `build_module` call, ms (model calls and sandbox runs included). */
  buildTimeoutMs?: number;
}

function hashRequired(module: string, hash: string): ApprovalError {
  return new ApprovalError(
    'MODULE_APPROVAL_HASH_REQUIRED',
    `The app answered the approval of "${module}" without the bundle hash, so nothing was installed. Resume with { approved: true, by, bundleHash } where bundleHash is the request's data.bundleHash ("${hash}").`,
    module,
  );
}

/** `type` of the `input` interrupt asking the user to approve a built module. */
export const APPROVAL_INPUT_TYPE = 'module_approval';
/** `type` of the `input` interrupt asking the user for a module's credentials. */
export const CREDENTIALS_INPUT_TYPE = 'module_credentials';

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
 * cannot call; a missing `bundleHash` (`MODULE_APPROVAL_HASH_REQUIRED`) or one other than the one
 * shown (`MODULE_APPROVAL_MISMATCH`) is refused. The bundle shown is stored (`pendingBuilds()`)
 * before the interrupt, so every re-execution installs exactly it without asking the model again.
 */
export function createMetaTools(manager: MetaToolsHost, options: MetaToolsOptions = {}): Tool[] {
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
      const pending = manager.pendingBuilds();
      const finish = async (result: Record<string, unknown>) => {
        await pending.finish(ctx.threadId, ctx.toolCallId);
        return result;
      };
      const deps = manager.buildDeps();
      let installing = false;
      try {
        // Durable: after a restart, on another instance or on any re-execution, the stored bundle
        // is what the user sees and what is installed; the model is never asked again.
        let entry = await pending.open(ctx.threadId, ctx.toolCallId, args.request);
        let rounds = entry.rounds ?? 0;
        if (entry.status === 'building') {
          const loop: BuildLoopOptions = {
            request: args.request,
            ...(args.docs ? { docs: args.docs } : {}),
            ...(options.maxRounds !== undefined ? { maxRounds: options.maxRounds } : {}),
            ...(options.candidates ? { candidates: options.candidates } : {}),
            signal: ctx.signal,
          };
          const outcome = await manager.build(loop);
          if (!outcome.passed) {
            const failure = describeBuildFailure(outcome);
            const rawName = (outcome.draft.bundle.manifest as { name?: unknown } | null)?.name;
            emitSafe(deps, {
              type: 'module.failed',
              ...(typeof rawName === 'string' ? { name: rawName } : {}),
              code: 'MODULE_VALIDATION_FAILED',
              message: String(failure.message),
            });
            return await finish(failure);
          }
          const bundle = snapshotBundle(outcome.draft.bundle);
          const hash = bundleHash(bundle);
          rounds = outcome.rounds;
          entry = {
            ...entry,
            status: 'awaiting_approval',
            bundle,
            bundleHash: hash,
            tests: { passed: outcome.report.tests?.passed ?? 0, failed: outcome.report.tests?.failed ?? 0 },
            rounds,
            confidence: outcome.draft.confidence ?? 1,
            candidates: outcome.draft.candidates ?? 1,
            ...(outcome.disagreement ? { disagreement: { inputs: outcome.disagreement.inputs, undecided: outcome.disagreement.undecided } } : {}),
            ...(outcome.report.regression ? { regression: regressionSummary(outcome.report.regression) } : {}),
          };
          // Stored before the interrupt is raised: what the user approves is this bundle.
          await pending.save(ctx.threadId, ctx.toolCallId, entry);
          emitSafe(deps, { type: 'module.awaiting_approval', name: bundle.manifest.name, bundleHash: hash });
        }
        const bundle = entry.bundle!;
        const hash = entry.bundleHash!;
        const summary = draftSummary(
          bundle,
          hash,
          entry.tests ?? { passed: 0, failed: 0 },
          { confidence: entry.confidence ?? 1, candidates: entry.candidates ?? 1, ...(entry.disagreement ? { disagreement: entry.disagreement } : {}) },
          entry.regression,
        );
        const decision = await ctx.requestInput({
          type: APPROVAL_INPUT_TYPE,
          // The answer holds no secret: let it be checkpointed, so a restart between approval
          // and credentials does not lose it.
          sensitive: false,
          message: `Install the module "${summary.module}"? It may contact ${summary.hosts.join(', ') || 'no hosts'}${summary.credentials.length ? ` and needs ${summary.credentials.map((c) => c.name).join(', ')}` : ''}. Approve by resuming with { approved: true, by, bundleHash: "${hash}" }.`,
          data: summary,
        });
        const answer = readApproval(decision);
        if (answer.kind === 'rejected')
          return await finish({ status: 'rejected', module: summary.module, message: 'The user did not approve the module; nothing was installed.' });
        if (answer.kind === 'missing_hash') throw hashRequired(summary.module, hash);
        if (answer.bundleHash !== hash) {
          throw new ApprovalError(
            'MODULE_APPROVAL_MISMATCH',
            `The app approved bundle ${answer.bundleHash.slice(0, 12)}…, but this request shows ${hash.slice(0, 12)}…; nothing was installed. The app must send the bundleHash of the request it shows.`,
            summary.module,
          );
        }

        let record: ModuleRecord | undefined;
        if (entry.status === 'awaiting_approval') {
          const draft: Draft = { bundle, request: entry.request ?? args.request, round: rounds };
          const approval = await manager.approve(draft, { by: answer.by });
          installing = true;
          record = await manager.install(draft, approval);
          installing = false;
          await pending.save(ctx.threadId, ctx.toolCallId, { ...entry, status: 'installed' });
        } else {
          // Re-execution after the install (e.g. resumed with credentials): never install again.
          record = await manager.get(summary.module);
          if (!record || record.manifest.version !== summary.version)
            return await finish({
              status: 'failed',
              code: 'MODULE_NOT_FOUND',
              module: summary.module,
              message: 'The module approved in this conversation is no longer installed (it was removed meanwhile); nothing was installed again.',
            });
        }
        let live: LiveTestReport | undefined;
        let scrub = (text: string) => text;
        if (record.status === 'awaiting_credentials') {
          const answer = await ctx.requestInput({
            type: CREDENTIALS_INPUT_TYPE,
            message: `Enter the credentials of "${record.name}" in the app (never in the chat).`,
            data: {
              module: record.name,
              credentials: record.manifest.credentials.map((c) => ({ name: c.name, description: c.description, obtain: c.obtain })),
            },
          });
          const name = record.name;
          if (credentialsStored(answer)) {
            // Preferred: the app already put the values in the vault (`setCredentials`), so they
            // never entered the thread, its checkpoints or this tool's arguments.
            live = await manager.liveTest(name);
          } else {
            const values = readCredentials(answer);
            if (!values) {
              return await finish({
                status: 'awaiting_credentials',
                module: name,
                message: 'The module is stored but waits for its credentials; the user can enter them in the app later.',
              });
            }
            scrub = textScrubber(values);
            await manager.setCredentials(name, values);
            live = await manager.liveTest(name);
          }
          record = (await manager.get(record.name)) ?? record;
        } else if (record.status === 'awaiting_live_test' || record.manifest.credentials.length > 0) {
          // A module that reaches hosts proves itself against the real API before it is usable;
          // credentials already in the vault (stored by the app) are proven too.
          live = await manager.liveTest(record.name);
          record = (await manager.get(record.name)) ?? record;
        }
        // Second line of defence: nothing the model gets may carry a credential it was never given.
        return await finish(scrubJson(moduleSummary(record, live, { rounds }) as JSONValue, scrub) as Record<string, unknown>);
      } catch (err) {
        if (err instanceof ModuleError) {
          if (err.code !== 'MODULE_TOO_MANY_BUILDS') await pending.finish(ctx.threadId, ctx.toolCallId);
          // install() reports its own failures.
          if (!installing) emitSafe(deps, { type: 'module.failed', ...(err.moduleName ? { name: err.moduleName } : {}), code: err.code, message: err.message });
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
      const before = await manager.get(name);
      await manager.uninstall(name);
      return before ? { status: 'uninstalled', module: name } : { status: 'not_installed', module: name, message: `No module named "${name}" is installed.` };
    },
  });

  return [buildModule, listModules, moduleStatus, uninstallModule];
}
