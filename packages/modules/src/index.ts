/**
 * `@graft/modules`: the self-evolving module lifecycle.
 * @packageDocumentation
 */
export type * from './types.js';

// Module format
export { ManifestSchema, CredentialSpecSchema, ToolSummarySchema, parseManifest, safeParseManifest, type ManifestParseResult } from './manifest.js';
export { bundleHash, canonicalJson, assertBundleShape } from './bundle.js';

// Errors and limits
export { ModuleError, ManifestError, ApprovalError, VaultError, ModuleToolError, type ModuleErrorCode, type ManifestIssue } from './errors.js';
export * from './limits.js';

// Lifecycle
export { ModuleManager, type ModuleManagerOptions, type ModuleManagerLimits, type GenerateOptions, type ProviderRouter } from './manager.js';
export type { SandboxCapabilityOptions } from './manager-runtime.js';
export { CredentialVault, type VaultOptions, type VaultKey } from './vault.js';
export { ApprovalAuthority } from './approval.js';
export { ModuleRegistry, type ToolDescriptor, type VersionRecord, type ModuleState } from './registry.js';
export type { KeyValueStore } from './registry-store.js';
export { ModuleToolSource, agentToolName, type ToolInvoker } from './tool-source.js';
export { HealthBreakers } from './health.js';
export { ModuleEventEmitter, type ModuleEventListener } from './events.js';

// Generation and validation
export { validateDraft } from './validate.js';
export type { BuildDeps } from './generate-deps.js';
export { ModuleOutputError } from './parse.js';
