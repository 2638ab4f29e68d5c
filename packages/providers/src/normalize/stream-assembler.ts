/**
 * Folds streamed chat-completion chunks into {@link StreamEvent}s and, at the end, one
 * normalized response. Tolerates what real servers send: `choices: []` chunks, chunks with
 * no `delta`, tool-call indexes that start at 1 or are absent, ids missing, arguments split
 * over many fragments or delivered whole, usage on any chunk, reasoning in side fields or
 * content parts, and finish chunks followed by more chunks.
 * @module
 */
import type { StreamEvent, ToolCall, Usage } from '../types.js';
import { firstChoice } from './completion.js';
import { readPieces } from './content.js';
import { ThinkTagSplitter } from './think-tags.js';
import { normalizeFinishReason } from './finish-reason.js';
import { newToolCallId, parseToolArgs } from './tool-args.js';
import { readUsage } from './usage.js';

type Rec = Record<string, unknown>;

interface Slot {
  id: string;
  name: string;
  args: string;
}

/** The assembled result of a finished stream (usage still raw). */
export interface AssembledStream {
  text: string;
  reasoning: string;
  toolCalls: ToolCall[];
  finishReason: ReturnType<typeof normalizeFinishReason>;
  model: string;
  usage: Usage | undefined;
}

/** Accumulates one streamed response. */
export class StreamAssembler {
  private text = '';
  private reasoning = '';
  private readonly slots: Slot[] = [];
  private readonly byIndex = new Map<number, number>();
  private rawFinish: unknown = undefined;
  private model: string;
  private usage: Usage | undefined;
  private readonly think = new ThinkTagSplitter();
  private sawReasoningField = false;
  /** True once any chunk carried a choice (a stream with none is not a completion). */
  sawChoice = false;

  constructor(fallbackModel: string) {
    this.model = fallbackModel;
  }

  /** Folds one chunk in and returns the delta events it produced. */
  push(chunk: unknown): StreamEvent[] {
    const events: StreamEvent[] = [];
    if (!chunk || typeof chunk !== 'object') return events;
    const c = chunk as Rec;
    if (typeof c.model === 'string' && c.model !== '') this.model = c.model;
    const usage = readUsage(c.usage) ?? readUsage((c.x_groq as Rec | undefined)?.usage);
    if (usage) this.usage = usage;
    const choice = firstChoice(c.choices);
    if (!choice) return events;
    this.sawChoice = true;
    if (typeof choice.finish_reason === 'string' && choice.finish_reason !== '') this.rawFinish = choice.finish_reason;
    const usageInChoice = readUsage(choice.usage);
    if (usageInChoice) this.usage = usageInChoice;
    let delta = (choice.delta ?? choice.message) as Rec | undefined;
    if ((!delta || typeof delta !== 'object') && typeof choice.text === 'string') delta = { content: choice.text };
    if (!delta || typeof delta !== 'object') return events;
    const pieces = readPieces(delta);
    if (pieces.reasoning) this.sawReasoningField = true;
    const split = this.sawReasoningField ? { text: pieces.text, reasoning: '' } : this.think.push(pieces.text);
    this.emit(pieces.reasoning + split.reasoning, split.text, events);
    if (Array.isArray(delta.tool_calls)) {
      for (const fragment of delta.tool_calls) this.pushToolFragment(fragment, events);
    } else if (delta.function_call && typeof delta.function_call === 'object') {
      this.pushToolFragment({ index: 0, function: delta.function_call }, events);
    }
    return events;
  }

  private emit(reasoning: string, text: string, events: StreamEvent[]): void {
    if (reasoning) {
      this.reasoning += reasoning;
      events.push({ type: 'reasoning-delta', text: reasoning });
    }
    if (text) {
      this.text += text;
      events.push({ type: 'text-delta', text });
    }
  }

  /** Events for text held back while deciding about a leading `<think>` tag; call at the end. */
  flush(): StreamEvent[] {
    const events: StreamEvent[] = [];
    const rest = this.think.flush();
    this.emit(rest.reasoning, rest.text, events);
    return events;
  }

  private slotFor(f: Rec, name: string): number {
    const id = typeof f.id === 'string' && f.id !== '' ? f.id : undefined;
    if (typeof f.index === 'number') {
      const known = this.byIndex.get(f.index);
      // Some gateways send every parallel call with the same index but distinct ids.
      if (known !== undefined && !(id && this.slots[known].id && this.slots[known].id !== id)) return known;
      const slot = this.newSlot();
      this.byIndex.set(f.index, slot);
      return slot;
    }
    if (id) {
      const existing = this.slots.findIndex((s) => s.id === id);
      return existing >= 0 ? existing : this.newSlot();
    }
    const last = this.slots.length - 1;
    if (last < 0) return this.newSlot();
    const prev = this.slots[last];
    return name && prev.name && prev.args !== '' ? this.newSlot() : last;
  }

  private newSlot(): number {
    this.slots.push({ id: '', name: '', args: '' });
    return this.slots.length - 1;
  }

  private pushToolFragment(fragment: unknown, events: StreamEvent[]): void {
    if (!fragment || typeof fragment !== 'object') return;
    const f = fragment as Rec;
    const fn = (f.function && typeof f.function === 'object' ? f.function : f) as Rec;
    const name = typeof fn.name === 'string' ? fn.name : '';
    const index = this.slotFor(f, name);
    const slot = this.slots[index];
    const id = typeof f.id === 'string' && f.id !== '' ? f.id : undefined;
    if (id && !slot.id) slot.id = id;
    if (name && !slot.name) slot.name = name;
    const raw = fn.arguments;
    const argsDelta = typeof raw === 'string' ? raw : raw && typeof raw === 'object' ? JSON.stringify(raw) : '';
    slot.args += argsDelta;
    const event: StreamEvent = { type: 'tool-call-delta', index, argsDelta };
    if (id) event.id = id;
    if (name) event.name = name;
    events.push(event);
  }

  /** Finalizes the stream: parsed tool calls (ids minted where missing), finish reason, usage. */
  finish(): AssembledStream {
    const toolCalls: ToolCall[] = [];
    for (const slot of this.slots) {
      if (!slot.name) continue;
      toolCalls.push({ id: slot.id || newToolCallId(), name: slot.name, ...parseToolArgs(slot.args) });
    }
    return {
      text: this.text,
      reasoning: this.reasoning,
      toolCalls,
      finishReason: normalizeFinishReason(this.rawFinish, toolCalls.length > 0),
      model: this.model,
      usage: this.usage,
    };
  }
}
