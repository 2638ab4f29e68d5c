/**
 * Splits message content into answer text and reasoning: plain strings, content-part
 * arrays (Mistral `thinking` parts, `text` parts) and the reasoning side fields servers use
 * (`reasoning_content`, `reasoning`).
 * @module
 */

/** Text and reasoning found in one message or delta. */
export interface ContentPieces {
  text: string;
  reasoning: string;
}

function partText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(partText).join('');
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.text === 'string') return v.text;
    if (typeof v.content === 'string') return v.content;
  }
  return '';
}

/** Reads `content` (string, null or an array of parts). */
export function readContent(content: unknown): ContentPieces {
  if (typeof content === 'string') return { text: content, reasoning: '' };
  if (!Array.isArray(content)) return { text: '', reasoning: '' };
  let text = '';
  let reasoning = '';
  for (const part of content) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    if (!part || typeof part !== 'object') continue;
    const p = part as Record<string, unknown>;
    if (p.type === 'thinking') reasoning += partText(p.thinking);
    else if (p.type === 'reasoning') reasoning += partText(p.reasoning ?? p.text);
    else if (p.type === 'text' || p.type === undefined) text += partText(p.text);
  }
  return { text, reasoning };
}

/**
 * Reads the reasoning side field of a message or delta. Servers that send the same text in
 * two fields (`reasoning_content` and `reasoning`) are read once.
 */
export function readReasoningField(source: Record<string, unknown>): string {
  for (const key of ['reasoning_content', 'reasoning', 'thinking']) {
    const value = source[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
}

/**
 * Text and reasoning of a message or delta object, from all places they can be. A refusal
 * (`refusal: "…"`) with no other text is returned as the text.
 */
export function readPieces(source: Record<string, unknown>): ContentPieces {
  const { text, reasoning } = readContent(source.content);
  const refusal = !text && typeof source.refusal === 'string' ? source.refusal : '';
  return { text: text || refusal, reasoning: readReasoningField(source) + reasoning };
}
