/** A streamed run as its events: a bounded {@link EventQueue} the run pushes into. Internal. */
import { STREAM_EVENT_BUFFER } from '../defaults.js';
import { EventQueue } from './event-queue.js';
import type { RunContext } from './run-context.js';
import type { AgentStreamEvent, RunResult } from './types.js';

/**
 * Starts the run (`start` is given the push side) and returns its events, the last one
 * `{ type: 'done', result }`, or the run's error thrown by the iterator. Bounded: a reader that
 * falls `STREAM_EVENT_BUFFER` events behind holds the run, until the run's `signal` fires.
 */
export function runEvents(signal: AbortSignal, start: (push: RunContext['push']) => Promise<RunResult<unknown>>): AsyncIterable<AgentStreamEvent> {
  const queue = new EventQueue<AgentStreamEvent>(STREAM_EVENT_BUFFER, signal);
  start((e) => queue.push(e)).then(
    (result) => {
      queue.push({ type: 'done', result: result as RunResult });
      queue.close();
    },
    (error) => queue.close({ error }),
  );
  return queue;
}
