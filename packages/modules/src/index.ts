/**
 * `@graft/modules`: the self-evolving module lifecycle.
 * @packageDocumentation
 */
export type * from './types.js';

// Module format
export { ManifestSchema, CredentialSpecSchema, ToolSummarySchema, parseManifest, safeParseManifest, type ManifestParseResult } from './manifest.js';
export { bundleHash, assertBundleShape } from './bundle.js';

// Errors and limits
export { ModuleError, ManifestError, ApprovalError, VaultError, ModuleToolError, type ModuleErrorCode, type ApprovalErrorCode, type ManifestIssue } from './errors.js';
export { GraftError, isGraftError } from '@graft/providers';
export * from './limits.js';

// Lifecycle
export { ModuleManager } from './manager.js';
export type { ModuleManagerOptions, ModuleManagerLimits, ProviderRouter } from './manager-options.js';
export type { ApproveOptions, InstallOptions } from './manager-approve.js';
export type { SandboxCapabilityOptions } from './manager-runtime.js';
export { CredentialVault, type VaultOptions, type VaultKey } from './vault.js';
export { ApprovalAuthority, type ApprovalKeySource, type MintOptions } from './approval.js';
export { PendingBuilds, type PendingBuild, type RegressionSummary } from './pending-builds.js';
export { ModuleRegistry, type ToolDescriptor, type VersionRecord, type ModuleState, type StateChange } from './registry.js';
export type { KeyValueStore } from './registry-store.js';
export { ModuleToolSource, agentToolName, type ToolInvoker, type ModuleToolSourceOptions } from './tool-source.js';
export type { PatternOracle } from './tool-args-patterns.js';
export { HealthBreakers } from './health.js';
export { ModuleEventEmitter, moduleEventOf, withEventOrigin, type ModuleEventListener } from './events.js';

// Generation, validation, repair
export { generateDrafts, type GenerateOptions, type GenerateResult } from './generate.js';
export { validateDraft, testSecretValue } from './validate.js';
export { repairDraft, formatReportForModel, type RepairOptions } from './repair.js';
export { buildModuleLoop, runBuildLoop, failureSignature, type BuildSteps, type BuildLoopOptions, type BuildOutcome } from './repair-loop.js';
export type { BuildDeps } from './generate-deps.js';
export { ModuleOutputError, parseModuleReply } from './parse.js';
export { SUBMIT_MODULE_TOOL, SUBMIT_MODULE_TOOL_NAME, buildGenerationMessages, type GenerationRequest } from './prompt.js';
export { findForbiddenConstructs } from './validate-static.js';

// Code mode: one script calling several tools
export { CodeModeToolSource, type CodeModeOptions } from './code-mode/source.js';

// Meta-tools for the agent
export { createMetaTools, APPROVAL_INPUT_TYPE, CREDENTIALS_INPUT_TYPE, type MetaToolsHost, type MetaToolsOptions } from './meta-tools.js';
export type { DraftSummary } from './meta-tools-format.js';
export { replayRecorded, RECORDED_SECRET_MARKER, type RegressionReport, type RegressionCaseResult, type ReplayOptions } from './regression.js';

// MCP: serve installed modules to MCP clients (needs the optional peer @modelcontextprotocol/sdk)
export * from './mcp/index.js';
