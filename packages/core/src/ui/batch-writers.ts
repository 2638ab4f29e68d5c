/**
 * The two {@link BatchWriter}s: SSE bytes for an HTTP body (the hot chunks written as frames
 * straight from their fields, no object and no `JSON.stringify` for them), and chunk objects
 * for {@link toUIMessageStream}.
 * @module
 */
import type { RunResult } from '../agent/types.js';
import { finishReasonOf, parseOutput, runChunk, type PartBoundary } from './chunk-mapper.js';
import type { UIStreamChunk } from './chunks.js';
import type { BatchWriter, UIStreamSink } from './ui-stream-source.js';

/** The last frame of an SSE UI message stream. */
const SSE_DONE = 'data: [DONE]\n\n';
/** The frames of the chunks that have no field but their type. */
const STEP_FRAMES: Readonly<Record<'start-step' | 'finish-step', string>> = Object.freeze({
  'start-step': 'data: {"type":"start-step"}\n\n',
  'finish-step': 'data: {"type":"finish-step"}\n\n',
});
/** The `finish` frames, by finish reason. */
const FINISH_FRAMES: Readonly<Record<ReturnType<typeof finishReasonOf>, string>> = Object.freeze({
  stop: 'data: {"type":"finish","finishReason":"stop"}\n\n',
  'tool-calls': 'data: {"type":"finish","finishReason":"tool-calls"}\n\n',
  'content-filter': 'data: {"type":"finish","finishReason":"content-filter"}\n\n',
});
/** A run's status as JSON (own keys only: anything else is written the general way). */
const STATUS_JSON: Readonly<Record<string, string>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, string>, { done: '"done"', interrupted: '"interrupted"', blocked: '"blocked"' }),
);
const ENCODER = new TextEncoder();

/** A token count as JSON (a finite number), or `undefined` for anything else. */
function countJson(n: unknown): string | undefined {
  return typeof n === 'number' && Number.isFinite(n) ? String(n) : undefined;
}

/** Turns a batch of frames into the bytes enqueued for it (one fresh buffer per batch). */
export type FrameEncoder = (frames: string) => Uint8Array;

/** UTF-8 in a new `ArrayBuffer` of its own: safe for any web-stream reader (it may transfer it). */
export const encodeFrames: FrameEncoder = (frames) => ENCODER.encode(frames);

/**
 * Writes chunks as SSE frames (`data: {json}\n\n`) into one string, enqueued as one
 * `Uint8Array` per flush. Deltas and part boundaries are written from their fields: only the
 * delta text is JSON-escaped (the part id once per part). So are the chunks every turn has
 * (`start`, `tool-output-available`, `data-graft-run`, `finish`): on Node 20 each
 * `JSON.stringify` of a small object costs about a microsecond, a string's a third of that.
 */
export class SSEBatchWriter implements BatchWriter<Uint8Array> {
  #frames = '';
  #id = '';
  #idJson = '""';
  readonly #encode: FrameEncoder;

  /** `encode` turns each batch into bytes (default: {@link encodeFrames}). */
  constructor(encode: FrameEncoder = encodeFrames) {
    this.#encode = encode;
  }

  get empty(): boolean {
    return this.#frames === '';
  }

  chunk(chunk: UIStreamChunk): void {
    this.#frames += `data: ${JSON.stringify(chunk)}\n\n`;
  }

  delta(type: 'text-delta' | 'reasoning-delta', id: string, delta: string): void {
    this.#frames += `data: {"type":"${type}","id":${this.#json(id)},"delta":${JSON.stringify(delta)}}\n\n`;
  }

  step(type: 'start-step' | 'finish-step'): void {
    this.#frames += STEP_FRAMES[type];
  }

  part(type: PartBoundary, id: string): void {
    this.#frames += `data: {"type":"${type}","id":${this.#json(id)}}\n\n`;
  }

  flush(controller: UIStreamSink<Uint8Array>): void {
    const frames = this.#frames;
    this.#frames = '';
    controller.enqueue(this.#encode(frames));
  }

  end(): void {
    this.#frames += SSE_DONE;
  }

  start(messageId: string, messageMetadata: unknown): void {
    if (messageMetadata !== undefined) this.chunk({ type: 'start', messageId, messageMetadata });
    else this.#frames += `data: {"type":"start","messageId":${JSON.stringify(messageId)}}\n\n`;
  }

  toolOutput(toolCallId: string, content: string): void {
    const output = parseOutput(content);
    // JSON the tool wrote on one line goes out as it came (the client parses the same value);
    // anything else (text, or JSON over several lines, which would break the SSE frame) is serialized
    const json = output !== content && !content.includes('\n') && !content.includes('\r') ? content : JSON.stringify(output);
    this.#frames += `data: {"type":"tool-output-available","toolCallId":${JSON.stringify(toolCallId)},"output":${json},"dynamic":true}\n\n`;
  }

  finish(result: RunResult): void {
    const { threadId, runId, status } = result;
    const { inputTokens, outputTokens, totalTokens } = result.usage;
    const input = countJson(inputTokens);
    const output = countJson(outputTokens);
    const total = countJson(totalTokens);
    const reason = finishReasonOf(result);
    const statusJson = STATUS_JSON[status];
    if (typeof runId !== 'string' || typeof threadId !== 'string' || !statusJson || input === undefined || output === undefined || total === undefined) {
      // (not a run's own result: written the general way)
      this.chunk(runChunk(result));
      this.#frames += FINISH_FRAMES[reason];
      return;
    }
    const runIdJson = JSON.stringify(runId);
    const interrupts = status === 'interrupted' ? JSON.stringify(result.interrupts.map((i) => i.id)) : '[]';
    this.#frames +=
      `data: {"type":"data-graft-run","id":"run-${runIdJson.slice(1)},"data":{"threadId":${JSON.stringify(threadId)},"runId":${runIdJson},` +
      `"status":${statusJson},"interrupts":${interrupts},"usage":{"inputTokens":${input},"outputTokens":${output},"totalTokens":${total}}}}\n\n` +
      FINISH_FRAMES[reason];
  }

  /** The part id as JSON (escaped once per part: its deltas and boundaries share it). */
  #json(id: string): string {
    if (id !== this.#id) {
      this.#id = id;
      this.#idJson = JSON.stringify(id);
    }
    return this.#idJson;
  }
}

/** Collects chunk objects; a flush enqueues each. */
export class ChunkBatchWriter implements BatchWriter<UIStreamChunk> {
  #chunks: UIStreamChunk[] = [];

  get empty(): boolean {
    return this.#chunks.length === 0;
  }

  chunk(chunk: UIStreamChunk): void {
    this.#chunks.push(chunk);
  }

  delta(type: 'text-delta' | 'reasoning-delta', id: string, delta: string): void {
    this.#chunks.push({ type, id, delta });
  }

  step(type: 'start-step' | 'finish-step'): void {
    this.#chunks.push({ type });
  }

  part(type: PartBoundary, id: string): void {
    this.#chunks.push({ type, id });
  }

  start(messageId: string, messageMetadata: unknown): void {
    this.#chunks.push(messageMetadata !== undefined ? { type: 'start', messageId, messageMetadata } : { type: 'start', messageId });
  }

  toolOutput(toolCallId: string, content: string): void {
    this.#chunks.push({ type: 'tool-output-available', toolCallId, output: parseOutput(content), dynamic: true });
  }

  finish(result: RunResult): void {
    this.#chunks.push(runChunk(result), { type: 'finish', finishReason: finishReasonOf(result) });
  }

  flush(controller: UIStreamSink<UIStreamChunk>): void {
    const chunks = this.#chunks;
    this.#chunks = [];
    for (const chunk of chunks) controller.enqueue(chunk);
  }

  end(): void {}
}
