/**
 * `@graft/core`: the Graft Agent — tools, tier routing, approvals, persistence, guards, telemetry.
 * @packageDocumentation
 */
export type * from './tools/types.js';
export * from './store/index.js';
export * from './router/index.js';
export * from './guards/index.js';
