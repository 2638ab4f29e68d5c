/**
 * Maps a run's events to UI message chunks, keeping the open text/reasoning part and the step
 * boundaries. The chunks go to a {@link ChunkWriter} as they are made (no array per event), so
 * the SSE writer can put the hot deltas on the wire without building their objects.
 * @module
 */
import type { AgentStreamEvent, RunResult } from '../agent/types.js';
import type { UIStreamChunk } from './chunks.js';

/** Where the mapper puts the chunks it makes. */
export interface ChunkWriter {
  /** Any chunk. */
  chunk(chunk: UIStreamChunk): void;
  /** A `text-delta` / `reasoning-delta` chunk, given by its fields (the hot path: one per streamed token run). */
  delta(type: 'text-delta' | 'reasoning-delta', id: string, delta: string): void;
  /** A `start-step` / `finish-step` chunk (they have no other field). */
  step(type: 'start-step' | 'finish-step'): void;
  /** The start or end of a text / reasoning part, given by its fields. */
  part(type: PartBoundary, id: string): void;
  /** The `start` chunk (`messageMetadata` only when given). */
  start(messageId: string, messageMetadata: unknown): void;
  /** A `tool-output-available` chunk: the tool's text, its `output` parsed when it is JSON (see {@link parseOutput}). */
  toolOutput(toolCallId: string, content: string): void;
  /** The chunks of the run's end: `data-graft-run` (see {@link runChunk}), then `finish`. */
  finish(result: RunResult): void;
}

/** The chunks that open and close a text or reasoning part (`{ type, id }`). */
export type PartBoundary = 'text-start' | 'text-end' | 'reasoning-start' | 'reasoning-end';

type Open = { kind: 'text' | 'reasoning'; id: string } | undefined;

/** Turns events into chunks for one stream (one assistant message). */
export class ChunkMapper {
  #open: Open;
  #inStep = false;
  #parts = 0;
  readonly #messageId: string;
  readonly #out: ChunkWriter;

  constructor(messageId: string, out: ChunkWriter) {
    this.#messageId = messageId;
    this.#out = out;
  }

  #close(): void {
    if (this.#open) this.#out.part(this.#open.kind === 'text' ? 'text-end' : 'reasoning-end', this.#open.id);
    this.#open = undefined;
  }

  #step(): void {
    if (this.#inStep) return;
    this.#out.step('start-step');
    this.#inStep = true;
  }

  #delta(kind: 'text' | 'reasoning', delta: string): void {
    this.#step();
    if (this.#open?.kind !== kind) {
      this.#close();
      this.#open = { kind, id: `${this.#messageId}-${kind}-${this.#parts++}` };
      this.#out.part(kind === 'text' ? 'text-start' : 'reasoning-start', this.#open.id);
    }
    this.#out.delta(kind === 'text' ? 'text-delta' : 'reasoning-delta', this.#open.id, delta);
  }

  #endStep(): void {
    this.#close();
    if (this.#inStep) this.#out.step('finish-step');
    this.#inStep = false;
  }

  /** Writes the chunks of one event (none for some, e.g. a `usage` outside a step). */
  map(event: AgentStreamEvent): void {
    const out = this.#out;
    switch (event.type) {
      case 'text-delta':
        if (event.text) this.#delta('text', event.text);
        break;
      case 'reasoning-delta':
        if (event.text) this.#delta('reasoning', event.text);
        break;
      case 'route':
        out.chunk({ type: 'data-graft-route', data: { step: event.step, decision: event.decision }, transient: true });
        break;
      case 'tool-call':
        this.#step();
        this.#close();
        out.chunk({ type: 'tool-input-available', toolCallId: event.toolCall.id, toolName: event.toolCall.name, input: event.toolCall.args, dynamic: true });
        break;
      case 'tool-result':
        this.#step();
        this.#close();
        if (event.isError) out.chunk({ type: 'tool-output-error', toolCallId: event.toolCallId, errorText: event.content, dynamic: true });
        else out.toolOutput(event.toolCallId, event.content);
        break;
      case 'interrupt': {
        this.#close();
        const it = event.interrupt;
        if (it.kind === 'approval') out.chunk({ type: 'tool-approval-request', approvalId: it.id, toolCallId: it.toolCallId });
        else out.chunk({ type: 'data-graft-input', id: it.id, data: { id: it.id, tool: it.tool, toolCallId: it.toolCallId, request: it.request } });
        break;
      }
      case 'usage':
        this.#endStep();
        break;
      case 'tool-progress':
        // ctx.progress of a running tool (e.g. a module build's phases): this run's only
        out.chunk({ type: 'data-graft-progress', data: { tool: event.tool, toolCallId: event.toolCallId, progress: event.progress }, transient: true });
        break;
      case 'done':
        this.#endStep();
        out.finish(event.result);
        break;
      default: {
        // Any event kind added later: passed on as a transient data part when it carries
        // progress, otherwise not sent.
        const e = event as { type: string; progress?: unknown; tool?: string; toolCallId?: string };
        if (e.progress !== undefined)
          out.chunk({ type: 'data-graft-progress', data: { tool: e.tool, toolCallId: e.toolCallId, progress: e.progress }, transient: true });
      }
    }
  }

  /** Writes the chunks that end a stream cut short (an error). */
  abandon(): void {
    this.#endStep();
  }
}

/** A tool's text as the `output` of its chunk: the parsed value when it is a JSON object or array, else the text. */
export function parseOutput(content: string): unknown {
  const first = content.trimStart()[0];
  if (first !== '{' && first !== '[') return content;
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

/** The `data-graft-run` chunk of a run's result. */
export function runChunk(result: RunResult): UIStreamChunk {
  const interrupts = result.status === 'interrupted' ? result.interrupts.map((i) => i.id) : [];
  const { inputTokens, outputTokens, totalTokens } = result.usage;
  return {
    type: 'data-graft-run',
    id: `run-${result.runId}`,
    data: { threadId: result.threadId, runId: result.runId, status: result.status, interrupts, usage: { inputTokens, outputTokens, totalTokens } },
  };
}

/** The `finishReason` of a run's result. */
export function finishReasonOf(result: RunResult): 'stop' | 'tool-calls' | 'content-filter' {
  if (result.status === 'interrupted') return 'tool-calls';
  if (result.status === 'blocked') return 'content-filter';
  return 'stop';
}
