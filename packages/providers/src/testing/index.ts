/**
 * `@graft/providers/testing`: test doubles that speak the real protocol.
 *
 * - {@link createMockServer}: a real OpenAI-compatible HTTP server on 127.0.0.1 answering
 *   from a script, recording requests, injecting faults, replaying recorded fixtures.
 * - {@link reply}: builders for the mock server's replies.
 * - {@link loadFixture} / {@link listFixtures}: read recorded `.json`/`.chunks.txt`/`.sse` files.
 * - {@link ScriptedProvider}: an in-process provider for unit tests.
 * @packageDocumentation
 */
export { createMockServer, mockEmbedding } from './mock-server.js';
export type { MockServer, MockServerOptions, MockScript, MockEmbedder, RecordedRequest } from './mock-server.js';
export { reply } from './replies.js';
export type {
  MockReply,
  MockToolCall,
  MockUsage,
  ReplyTiming,
  CompletionOptions,
  CompletionReply,
  ErrorReply,
  ErrorOptions,
  RawReply,
  EventsReply,
  FixtureReply,
  HangReply,
  CutReply,
} from './replies.js';
export { loadFixture, listFixtures, fixtureFromText, fixtureFormat } from './fixtures.js';
export type { MockFixture, FixtureFormat } from './fixtures.js';
export { ScriptedProvider, ScriptError } from './scripted-provider.js';
export type { ScriptedAnswer, ScriptedReply, ProviderScript, ScriptedProviderOptions, ScriptErrorCode } from './scripted-provider.js';
