/**
 * Collect an agent stream or its events into arrays, for assertions.
 */
import type { Agent } from '../agent/agent.js';
import type { AgentStreamEvent, RunResult } from '../agent/types.js';
import type { AgentEventMap, AgentEventName } from '../telemetry/events.js';

/** What {@link collectStream} returns. */
export interface CollectedStream {
  /** Every event, in order (the last is `done`). */
  events: AgentStreamEvent[];
  /** The run result carried by the `done` event. */
  result: RunResult;
  /** All text deltas joined. */
  text: string;
}

/** Drain an `agent.stream(...)` / `agent.resumeStream(...)` iterable. Rejects with the run's error. */
export async function collectStream(stream: AsyncIterable<AgentStreamEvent>): Promise<CollectedStream> {
  const events: AgentStreamEvent[] = [];
  let text = '';
  let result: RunResult | undefined;
  for await (const e of stream) {
    events.push(e);
    if (e.type === 'text-delta') text += e.text;
    if (e.type === 'done') result = e.result;
  }
  if (!result) throw new Error('The stream ended without a done event.');
  return { events, result, text };
}

/** What {@link recordEvents} returns. */
export interface RecordedEvents {
  /** Every event received so far, with its `type`. */
  events: Array<
    AgentEventMap[AgentEventName] & {
      /** The event name. */
      type: AgentEventName;
    }
  >;
  /** Events of one type. */
  of<K extends AgentEventName>(
    type: K,
  ): Array<
    AgentEventMap[K] & {
      /** The event name (always the requested `type`). */
      type: K;
    }
  >;
  /** Stop recording. */
  stop(): void;
}

const ALL_EVENTS: AgentEventName[] = [
  'run.start',
  'route.decision',
  'model.request',
  'model.response',
  'tool.call',
  'tool.result',
  'tool.error',
  'guard.pii',
  'guard.injection',
  'cache.hit',
  'interrupt',
  'run.end',
  'error',
];

/** Record every event an agent emits. */
export function recordEvents(agent: Agent): RecordedEvents {
  const events: RecordedEvents['events'] = [];
  const offs = ALL_EVENTS.map((name) => agent.on(name, (e) => events.push(e as never)));
  return {
    events,
    of: <K extends AgentEventName>(type: K) => events.filter((e) => e.type === type) as unknown as Array<AgentEventMap[K] & { type: K }>,
    stop: () => offs.forEach((off) => off()),
  };
}
