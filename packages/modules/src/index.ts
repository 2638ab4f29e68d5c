/**
 * `@graft/modules`: the self-evolving module lifecycle.
 * @packageDocumentation
 */
export type * from './types.js';

// Module format
export { ManifestSchema, CredentialSpecSchema, ToolSummarySchema, parseManifest, safeParseManifest, type ManifestParseResult } from './format/manifest.js';
export { bundleHash, assertBundleShape } from './format/bundle.js';

// Errors and limits
export {
  ModuleError,
  ManifestError,
  ApprovalError,
  VaultError,
  ModuleToolError,
  type ModuleErrorCode,
  type ApprovalErrorCode,
  type ManifestIssue,
} from './errors.js';
export { GraftError, isGraftError } from '@graft/providers';
export * from './limits.js';

// Lifecycle
export { ModuleManager } from './manager/manager.js';
export type { ModuleManagerOptions, ModuleManagerLimits, ProviderRouter } from './manager/options.js';
export type { ApproveOptions, InstallOptions } from './approval/approve.js';
export type { SandboxCapabilityOptions } from './manager/runtime.js';
export { CredentialVault, type VaultOptions, type VaultKey } from './credentials/vault.js';
export { ApprovalAuthority, type ApprovalKeySource, type MintOptions } from './approval/authority.js';
export { PendingBuilds, type PendingBuild, type RegressionSummary } from './approval/pending-builds.js';
export { ModuleRegistry, type ToolDescriptor, type VersionRecord, type ModuleState, type StateChange } from './install/registry.js';
export type { KeyValueStore } from './store/kv.js';
export { ModuleToolSource, agentToolName, type ToolInvoker, type ModuleToolSourceOptions } from './runtime/tool-source.js';
export type { PatternOracle } from './runtime/tool-args-patterns.js';
export { HealthBreakers } from './runtime/health.js';
export { ModuleEventEmitter, moduleEventOf, withEventOrigin, type ModuleEventListener } from './events.js';

// Building: one path, `ModuleManager.build` (generate → validate → repair); its option and outcome types
export type { GenerateOptions } from './build/generate/generate.js';
export type { BuildLoopOptions, BuildOutcome } from './build/loop.js';
export type { BuildDeps } from './build/deps.js';
export type { CandidateBudget } from './build/budget.js';
export { ModuleOutputError } from './build/generate/parse.js';

// Code mode: one script calling several tools
export { CodeModeToolSource, type CodeModeOptions } from './code-mode/source.js';

// Meta-tools for the agent
export { createMetaTools, APPROVAL_INPUT_TYPE, CREDENTIALS_INPUT_TYPE, type MetaToolsHost, type MetaToolsOptions } from './agent/meta-tools.js';
export type { DraftSummary, AgreementSummary } from './agent/meta-tools-format.js';
export { replayRecorded, RECORDED_SECRET_MARKER, type RegressionReport, type RegressionCaseResult, type ReplayOptions } from './install/regression.js';

// Curriculum tests of installed modules.
export type { CurriculumBudget, CurriculumOptions, CurriculumReport, CurriculumCaseResult } from './curriculum/types.js';

// Telemetry: spans and metrics of the module lifecycle.
export { createModuleTelemetry, ModuleTelemetry, type ModuleTelemetryOptions } from './telemetry/telemetry.js';
export { MODULE_METRICS, MODULE_METRICS_PREFIX, type ModuleMetricName, type ModuleMetricSpec } from './telemetry/metrics.js';

// MCP: serve installed modules to MCP clients (needs the optional peer @modelcontextprotocol/sdk)
export * from './mcp/index.js';
