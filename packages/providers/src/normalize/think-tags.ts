/**
 * Splits `<think>…</think>` reasoning out of answer text, for models served without a
 * reasoning parser (DeepSeek-R1 distills, Qwen3, QwQ on Ollama, vLLM or llama.cpp), which
 * put their reasoning at the start of `content`. Only a reply that *starts* with `<think>`
 * (after whitespace) is split; tags later in the text are left alone.
 * @module
 */

const OPEN = '<think>';
const CLOSE = '</think>';

/** Text and reasoning produced by one step of the splitter. */
export interface SplitPieces {
  text: string;
  reasoning: string;
}

/** Streaming splitter: feed content deltas, get text and reasoning deltas. */
export class ThinkTagSplitter {
  private state: 'undecided' | 'thinking' | 'text' = 'undecided';
  private buffer = '';

  /** Feeds one content delta. */
  push(delta: string): SplitPieces {
    if (this.state === 'text') return { text: delta, reasoning: '' };
    this.buffer += delta;
    if (this.state === 'undecided') {
      const trimmed = this.buffer.trimStart();
      if (trimmed.length < OPEN.length && OPEN.startsWith(trimmed)) return { text: '', reasoning: '' };
      if (!trimmed.startsWith(OPEN)) {
        this.state = 'text';
        const text = this.buffer;
        this.buffer = '';
        return { text, reasoning: '' };
      }
      this.state = 'thinking';
      this.buffer = trimmed.slice(OPEN.length);
    }
    const end = this.buffer.indexOf(CLOSE);
    if (end >= 0) {
      const reasoning = this.buffer.slice(0, end);
      const text = this.buffer.slice(end + CLOSE.length).replace(/^\s+/, '');
      this.buffer = '';
      this.state = 'text';
      return { text, reasoning };
    }
    // Keep a tail that could be the start of `</think>`.
    let keep = 0;
    for (let n = Math.min(CLOSE.length - 1, this.buffer.length); n > 0; n--) {
      if (CLOSE.startsWith(this.buffer.slice(-n))) {
        keep = n;
        break;
      }
    }
    const reasoning = this.buffer.slice(0, this.buffer.length - keep);
    this.buffer = this.buffer.slice(this.buffer.length - keep);
    return { text: '', reasoning };
  }

  /** Flushes what is left at the end of the stream. */
  flush(): SplitPieces {
    const rest = this.buffer;
    this.buffer = '';
    if (this.state === 'thinking') return { text: '', reasoning: rest };
    return { text: rest, reasoning: '' };
  }
}

/** Splits a whole reply's leading `<think>…</think>` block out of its text. */
export function splitThinkTags(content: string): SplitPieces {
  const splitter = new ThinkTagSplitter();
  const a = splitter.push(content);
  const b = splitter.flush();
  return { text: a.text + b.text, reasoning: a.reasoning + b.reasoning };
}
