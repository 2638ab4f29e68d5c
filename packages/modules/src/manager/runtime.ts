/**
 * The internal runtime a `ModuleManager` shares with its tool-call and live-test paths.
 * Not part of the public API.
 */
import type { Limits, Sandbox } from '@graft/sandbox';
import type { HealthBreakers } from '../runtime/health.js';
import type { ModuleRegistry, ModuleState } from '../install/registry.js';
import type { ModuleEvent } from '../types.js';
import type { CredentialVault } from '../credentials/vault.js';

/** Capabilities granted to module runs on top of the manifest's hosts (local stand-ins in tests). */
export interface SandboxCapabilityOptions {
  /** Allow `http:` URLs (default: https only). For tests/local stand-ins of an API only. */
  allowInsecureHttp?: boolean;
  /** Allow loopback/private addresses (default: refused). For tests/local stand-ins of an API only. */
  allowPrivateNetwork?: boolean;
}

/** What the manager's internal paths share. */
export interface ManagerRuntime {
  registry: ModuleRegistry;
  vault: CredentialVault;
  breakers: HealthBreakers;
  capabilities: SandboxCapabilityOptions;
  runLimits?: Partial<Limits>;
  emit(event: ModuleEvent): void;
  sandbox(): Promise<Sandbox>;
  /** The active version's code of a module (cached per bundle hash). */
  code(state: ModuleState): Promise<string>;
  /** Disables a module (used by the health breaker). */
  disable(name: string, reason: string): Promise<unknown>;
}
