/**
 * `@graft/providers`: talk to any OpenAI-compatible model endpoint.
 * @packageDocumentation
 */
export type * from './types.js';
