/**
 * `toUIMessageStream`: turns a run's events (`agent.stream()` / `agent.resumeStream()`) into the
 * AI SDK's UI message stream, so a `useChat` front end renders Graft's answer, tool calls,
 * approvals, input requests and progress without glue code.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { AgentStreamEvent, RunResult } from '../agent/types.js';
import type { UIStreamChunk } from './chunks.js';

/** Options of {@link toUIMessageStream}. */
export interface UIMessageStreamOptions {
  /** Id of the assistant message the client builds (default: a random id). */
  messageId?: string;
  /** Sent as the message's metadata on `start` and `finish` (e.g. the thread id). Never put secrets here. */
  messageMetadata?: unknown;
  /**
   * Turns a failure into the `errorText` the client shows. Default: a typed Graft error's
   * `code` and message (they never carry secrets); anything else becomes a generic text.
   */
  onError?: (error: unknown) => string;
  /** Called when the reader cancels (the client went away): abort the run here. */
  onCancel?: (reason: unknown) => void;
}

/** The default error text: typed errors say what happened; unknown errors say nothing internal. */
export function defaultUIErrorText(error: unknown): string {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (e && typeof e.code === 'string' && typeof e.message === 'string') return `${e.code}: ${e.message}`;
  return 'The agent failed; see the server log.';
}

type Open = { kind: 'text' | 'reasoning'; id: string } | undefined;

/** Maps agent events to chunks, keeping the open text/reasoning part and the step boundaries. */
class ChunkMapper {
  #open: Open;
  #inStep = false;
  #parts = 0;
  readonly #messageId: string;

  constructor(messageId: string) {
    this.#messageId = messageId;
  }

  #close(out: UIStreamChunk[]): void {
    if (this.#open) out.push({ type: this.#open.kind === 'text' ? 'text-end' : 'reasoning-end', id: this.#open.id });
    this.#open = undefined;
  }

  #step(out: UIStreamChunk[]): void {
    if (this.#inStep) return;
    out.push({ type: 'start-step' });
    this.#inStep = true;
  }

  #delta(kind: 'text' | 'reasoning', delta: string, out: UIStreamChunk[]): void {
    this.#step(out);
    if (this.#open?.kind !== kind) {
      this.#close(out);
      this.#open = { kind, id: `${this.#messageId}-${kind}-${this.#parts++}` };
      out.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id: this.#open.id });
    }
    out.push({ type: kind === 'text' ? 'text-delta' : 'reasoning-delta', id: this.#open.id, delta });
  }

  #endStep(out: UIStreamChunk[]): void {
    this.#close(out);
    if (this.#inStep) out.push({ type: 'finish-step' });
    this.#inStep = false;
  }

  map(event: AgentStreamEvent): UIStreamChunk[] {
    const out: UIStreamChunk[] = [];
    switch (event.type) {
      case 'text-delta':
        if (event.text) this.#delta('text', event.text, out);
        break;
      case 'reasoning-delta':
        if (event.text) this.#delta('reasoning', event.text, out);
        break;
      case 'route':
        out.push({ type: 'data-graft-route', data: { step: event.step, decision: event.decision }, transient: true });
        break;
      case 'tool-call':
        this.#step(out);
        this.#close(out);
        out.push({ type: 'tool-input-available', toolCallId: event.toolCall.id, toolName: event.toolCall.name, input: event.toolCall.args, dynamic: true });
        break;
      case 'tool-result':
        this.#step(out);
        this.#close(out);
        out.push(
          event.isError
            ? { type: 'tool-output-error', toolCallId: event.toolCallId, errorText: event.content, dynamic: true }
            : { type: 'tool-output-available', toolCallId: event.toolCallId, output: parseOutput(event.content), dynamic: true },
        );
        break;
      case 'interrupt': {
        this.#close(out);
        const it = event.interrupt;
        if (it.kind === 'approval') out.push({ type: 'tool-approval-request', approvalId: it.id, toolCallId: it.toolCallId });
        else out.push({ type: 'data-graft-input', id: it.id, data: { id: it.id, tool: it.tool, toolCallId: it.toolCallId, request: it.request } });
        break;
      }
      case 'usage':
        this.#endStep(out);
        break;
      case 'tool-progress':
        // ctx.progress of a running tool (e.g. a module build's phases): this run's only
        out.push({ type: 'data-graft-progress', data: { tool: event.tool, toolCallId: event.toolCallId, progress: event.progress }, transient: true });
        break;
      case 'done':
        this.#endStep(out);
        out.push(runChunk(event.result));
        out.push({ type: 'finish', finishReason: finishReasonOf(event.result) });
        break;
      default: {
        // Any event kind added later: passed on as a transient data part when it carries
        // progress, otherwise not sent.
        const e = event as { type: string; progress?: unknown; tool?: string; toolCallId?: string };
        if (e.progress !== undefined)
          out.push({ type: 'data-graft-progress', data: { tool: e.tool, toolCallId: e.toolCallId, progress: e.progress }, transient: true });
      }
    }
    return out;
  }

  /** Chunks that end a stream cut short (error or cancel). */
  abandon(): UIStreamChunk[] {
    const out: UIStreamChunk[] = [];
    this.#endStep(out);
    return out;
  }
}

function parseOutput(content: string): unknown {
  const first = content.trimStart()[0];
  if (first !== '{' && first !== '[') return content;
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

function runChunk(result: RunResult): UIStreamChunk {
  const interrupts = result.status === 'interrupted' ? result.interrupts.map((i) => i.id) : [];
  const { inputTokens, outputTokens, totalTokens } = result.usage;
  return {
    type: 'data-graft-run',
    id: `run-${result.runId}`,
    data: { threadId: result.threadId, runId: result.runId, status: result.status, interrupts, usage: { inputTokens, outputTokens, totalTokens } },
  };
}

function finishReasonOf(result: RunResult): 'stop' | 'tool-calls' | 'content-filter' {
  if (result.status === 'interrupted') return 'tool-calls';
  if (result.status === 'blocked') return 'content-filter';
  return 'stop';
}

/** Writes the stream may hold ahead of its reader: pulling runs ahead instead of waiting for each read. */
const UI_STREAM_READ_AHEAD = 8;

type Sink<T> = {
  /** Enqueues the chunks one event produced. */
  write(controller: ReadableStreamDefaultController<T>, chunks: UIStreamChunk[]): void;
  /** Enqueues what ends the stream. */
  end?(controller: ReadableStreamDefaultController<T>): void;
};

/** One pull-based stream from events to chunks: each event's chunks are written in one go. */
function mappedStream<T>(events: AsyncIterable<AgentStreamEvent>, options: UIMessageStreamOptions, sink: Sink<T>): ReadableStream<T> {
  const messageId = options.messageId ?? randomUUID();
  const mapper = new ChunkMapper(messageId);
  const errorText = options.onError ?? defaultUIErrorText;
  let iterator: AsyncIterator<AgentStreamEvent> | undefined;
  const close = (controller: ReadableStreamDefaultController<T>) => {
    sink.end?.(controller);
    controller.close();
  };
  return new ReadableStream<T>(
    {
      start(controller) {
        sink.write(controller, [{ type: 'start', messageId, ...(options.messageMetadata !== undefined ? { messageMetadata: options.messageMetadata } : {}) }]);
        iterator = events[Symbol.asyncIterator]();
      },
      async pull(controller) {
        try {
          // A pull must enqueue something (or close): the stream does not pull again after a pull
          // that enqueued nothing, so events that map to no chunk (a `usage` outside a step, an
          // unknown kind) are skipped here.
          for (;;) {
            const next = await iterator!.next();
            if (next.done) return close(controller);
            const chunks = mapper.map(next.value);
            if (chunks.length > 0) sink.write(controller, chunks);
            if (next.value.type === 'done') return close(controller);
            if (chunks.length > 0) return;
          }
        } catch (error) {
          sink.write(controller, [...mapper.abandon(), { type: 'error', errorText: errorText(error) }]);
          close(controller);
        }
      },
      async cancel(reason) {
        options.onCancel?.(reason);
        await iterator?.return?.();
      },
    },
    { highWaterMark: UI_STREAM_READ_AHEAD },
  );
}

/**
 * A run's events as a UI message stream of chunk objects (`start`, `start-step`, `text-*`,
 * `reasoning-*`, `tool-input-available`, `tool-output-*`, `tool-approval-request`,
 * `data-graft-*`, `finish-step`, `finish`, `error`). Approvals become `tool-approval-request`
 * (the client's `addToolApprovalResponse` answers them; see {@link readUIApprovalResponses}),
 * tool input requests become `data-graft-input`, tool progress `data-graft-progress`.
 *
 * Cancelling the stream (the client disconnected) stops reading the events and calls
 * `options.onCancel`, where the app aborts the run's `AbortSignal`.
 */
export function toUIMessageStream(events: AsyncIterable<AgentStreamEvent>, options: UIMessageStreamOptions = {}): ReadableStream<UIStreamChunk> {
  return mappedStream<UIStreamChunk>(events, options, {
    write(controller, chunks) {
      for (const chunk of chunks) controller.enqueue(chunk);
    },
  });
}

const SSE_DONE = new TextEncoder().encode('data: [DONE]\n\n');

/**
 * A run's events as the UI message stream's server-sent-event bytes, ready for an HTTP body:
 * the chunks of {@link toUIMessageStream}, each `data: {json}`, then `data: [DONE]`. The chunks
 * of one event go out in one write.
 */
export function toUIMessageSSEStream(events: AsyncIterable<AgentStreamEvent>, options: UIMessageStreamOptions = {}): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return mappedStream<Uint8Array>(events, options, {
    write(controller, chunks) {
      if (chunks.length === 0) return;
      let frames = '';
      for (const chunk of chunks) frames += `data: ${JSON.stringify(chunk)}\n\n`;
      controller.enqueue(encoder.encode(frames));
    },
    end(controller) {
      controller.enqueue(SSE_DONE);
    },
  });
}

/** Encodes UI message chunks as server-sent events (`data: {json}`), ending with `data: [DONE]`. */
export function uiChunksToSSE(chunks: ReadableStream<UIStreamChunk>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return chunks.pipeThrough(
    new TransformStream<UIStreamChunk, Uint8Array>({
      transform(chunk, controller) {
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(chunk)}\n\n`));
      },
      flush(controller) {
        controller.enqueue(encoder.encode('data: [DONE]\n\n'));
      },
    }),
  );
}
