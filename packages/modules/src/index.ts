/**
 * `@graft/modules`: the self-evolving module lifecycle.
 * @packageDocumentation
 */
export type * from './types.js';
