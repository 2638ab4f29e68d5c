/**
 * The two {@link BatchWriter}s: SSE bytes for an HTTP body (the hot chunks written as frames
 * straight from their fields, no object and no `JSON.stringify` for them), and chunk objects
 * for {@link toUIMessageStream}.
 * @module
 */
import type { PartBoundary } from './chunk-mapper.js';
import type { UIStreamChunk } from './chunks.js';
import type { BatchWriter, UIStreamSink } from './ui-stream-source.js';

/** The last frame of an SSE UI message stream. */
const SSE_DONE = 'data: [DONE]\n\n';
/** The frames of the chunks that have no field but their type. */
const STEP_FRAMES: Readonly<Record<'start-step' | 'finish-step', string>> = Object.freeze({
  'start-step': 'data: {"type":"start-step"}\n\n',
  'finish-step': 'data: {"type":"finish-step"}\n\n',
});
const ENCODER = new TextEncoder();

/** Turns a batch of frames into the bytes enqueued for it (one fresh buffer per batch). */
export type FrameEncoder = (frames: string) => Uint8Array;

/** UTF-8 in a new `ArrayBuffer` of its own: safe for any web-stream reader (it may transfer it). */
export const encodeFrames: FrameEncoder = (frames) => ENCODER.encode(frames);

/**
 * Writes chunks as SSE frames (`data: {json}\n\n`) into one string, enqueued as one
 * `Uint8Array` per flush. Deltas and part boundaries are written from their fields: only the
 * delta text is JSON-escaped (the part id once per part).
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

  flush(controller: UIStreamSink<UIStreamChunk>): void {
    const chunks = this.#chunks;
    this.#chunks = [];
    for (const chunk of chunks) controller.enqueue(chunk);
  }

  end(): void {}
}
