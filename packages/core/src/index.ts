/**
 * `@graft/core`: the Graft Agent — tools, tier routing, approvals, persistence, guards, telemetry.
 * @packageDocumentation
 */
export * from './agent/index.js';
export * from './tools/index.js';
export * from './telemetry/index.js';
export * from './errors.js';
export { GraftError, isGraftError } from '@graft/providers';
export * from './defaults.js';
export * from './store/index.js';
export * from './router/index.js';
export * from './guards/index.js';
export * from './mcp/index.js';
export * from './ui/index.js';
