/**
 * Shared setup for end-to-end agent tests: a real OpenAI-compatible mock server on
 * 127.0.0.1 and `openaiCompatible` talking to it over HTTP, plus an unhandled-rejection trap.
 */
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { openaiCompatible, type OpenAICompatibleProvider } from '@graft/providers';
import { createMockServer, type MockReply, type MockScript, type MockServer } from '@graft/providers/testing';

/** Start a mock server and a provider on it (no retries, so faults surface at once). */
export async function mockModel(script: MockReply[] | MockScript = []): Promise<{ server: MockServer; provider: OpenAICompatibleProvider }> {
  const server = await createMockServer({ script });
  servers.push(server);
  const provider = openaiCompatible({ baseURL: server.url, model: 'mock-model', maxRetries: 0, id: 'mock' });
  return { server, provider };
}

const servers: MockServer[] = [];
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

/** Register once per test file: closes servers, and fails if any promise rejection went unhandled. */
export function useE2E(): void {
  beforeAll(() => {
    process.on('unhandledRejection', onRejection);
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    // let pending microtasks and timers flush before checking
    await new Promise((r) => setTimeout(r, 20));
    process.off('unhandledRejection', onRejection);
    expect(rejections).toEqual([]);
  });
}

/** The wire messages of the n-th chat request the server received. */
export function wireMessages(server: MockServer, n: number): Array<{ role: string; content?: string; tool_call_id?: string; tool_calls?: unknown[] }> {
  return server.chatRequests[n].body.messages;
}

/** Names of the tools offered in the n-th chat request. */
export function wireTools(server: MockServer, n: number): string[] {
  return (server.chatRequests[n].body.tools ?? []).map((t: { function: { name: string } }) => t.function.name);
}
