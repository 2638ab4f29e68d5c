/**
 * What the page reads from Graft's UI message stream: the data parts Graft sends (see
 * `@graft/core`'s `GraftUIDataTypes`) and the module build events inside `data-graft-progress`.
 * Declared here, loosely, because the page is bundled for the browser without `@graft/*`.
 */
import type { UIMessage } from 'ai';

/** A module approval request's data (`request.data` of a `module_approval` input). */
export interface ModuleSummary {
  module: string;
  version: string;
  description: string;
  hosts: string[];
  credentials: { name: string; description: string; obtain?: string }[];
  tools: { name: string; description: string }[];
  bundleHash: string;
  tests: { passed: number; failed: number; live: number };
  codeBytes: number;
  confidence?: number;
  code?: string;
}

/** An input request (`data-graft-input`). */
export interface InputData {
  id: string;
  tool: string;
  toolCallId: string;
  request: { type: string; message: string; data?: unknown };
}

/** How a run ended (`data-graft-run`). */
export interface RunData {
  threadId: string;
  status: 'done' | 'interrupted' | 'blocked';
  interrupts: string[];
}

/** Graft's data parts by name. */
export type GraftData = {
  'graft-input': InputData;
  'graft-run': RunData;
  'graft-progress': { tool?: string; toolCallId?: string; progress: unknown };
  'graft-route': unknown;
};

/** A chat message of this page. */
export type ChatMessage = UIMessage<unknown, GraftData>;

/** A module build event (the `progress` of `data-graft-progress` from `build_module`). */
export interface ModuleEvent {
  type: string;
  name?: string;
  case?: string;
  passed?: boolean;
  reason?: string;
  round?: number;
  /** Set on a candidate's generation and validation events when several are sampled. */
  candidate?: number;
  phase?: 'generate' | 'repair';
  outputChars?: number;
  elapsedMs?: number;
  done?: boolean;
  testsPassed?: number;
  testsFailed?: number;
  version?: string;
  message?: string;
}
