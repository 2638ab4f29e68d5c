/**
 * The input of `agent.run` / `agent.stream`: one user text, or an array of messages (user
 * messages with text and image parts, assistant and tool messages replaying earlier turns),
 * checked and turned into the thread's `Message`s.
 */
import type { Message, UserContentPart } from '@graft/providers';
import { InputTooLargeError, InvalidInputError } from '../errors.js';
import type { AgentInput } from './types.js';

/** URL schemes an image part may use. */
const IMAGE_URL = /^(https?:\/\/|data:image\/[a-z0-9.+-]+;base64,)/i;

function bad(index: number, what: string): InvalidInputError {
  return new InvalidInputError(
    `Input message ${index} ${what}. Pass { role: 'user', content: string | parts }, assistant or tool messages, ending with a user message.`,
  );
}

function userMessage(content: unknown, index: number): Message {
  if (typeof content === 'string') return { role: 'user', content };
  if (!Array.isArray(content) || content.length === 0) throw bad(index, 'has no content (a string or a non-empty array of parts)');
  const parts: UserContentPart[] = [];
  const texts: string[] = [];
  for (const p of content as Array<Record<string, unknown>>) {
    if (p?.type === 'text' && typeof p.text === 'string') {
      parts.push({ type: 'text', text: p.text });
      texts.push(p.text);
    } else if (p?.type === 'image' && (typeof p.image === 'string' || p.image instanceof URL)) {
      const url = String(p.image);
      if (!IMAGE_URL.test(url)) throw bad(index, 'has an image that is not an http(s) URL or a data:image/…;base64 URL');
      parts.push({ type: 'image', image: url });
    } else {
      throw bad(index, "has a part that is neither { type: 'text', text } nor { type: 'image', image }");
    }
  }
  const text = texts.join('\n');
  return parts.some((p) => p.type === 'image') ? { role: 'user', content: text, parts } : { role: 'user', content: text };
}

function toMessage(m: unknown, index: number): Message {
  const msg = m as Record<string, unknown> | null;
  if (!msg || typeof msg !== 'object') throw bad(index, 'is not an object');
  switch (msg.role) {
    case 'user':
      return userMessage(msg.content, index);
    case 'assistant': {
      if (typeof msg.content !== 'string') throw bad(index, '(assistant) needs a string `content`');
      const out: Message = { role: 'assistant', content: msg.content };
      if (msg.toolCalls !== undefined) {
        if (!Array.isArray(msg.toolCalls)) throw bad(index, '(assistant) has `toolCalls` that is not an array');
        for (const c of msg.toolCalls as Array<Record<string, unknown>>) {
          if (typeof c?.id !== 'string' || typeof c.name !== 'string' || typeof c.args !== 'object' || c.args === null)
            throw bad(index, '(assistant) has a tool call without id, name and args');
        }
        out.toolCalls = (msg.toolCalls as Array<{ id: string; name: string; args: Record<string, unknown>; rawArgs?: string }>).map((c) => ({
          id: c.id,
          name: c.name,
          args: c.args,
          rawArgs: typeof c.rawArgs === 'string' ? c.rawArgs : JSON.stringify(c.args),
        }));
      }
      return out;
    }
    case 'tool': {
      if (typeof msg.toolCallId !== 'string' || typeof msg.content !== 'string') throw bad(index, '(tool) needs a string `toolCallId` and `content`');
      const out: Message = { role: 'tool', toolCallId: msg.toolCallId, content: msg.content };
      if (typeof msg.name === 'string') out.name = msg.name;
      if (msg.isError === true) out.isError = true;
      return out;
    }
    default:
      throw bad(index, `has role ${JSON.stringify(msg.role)} (use 'user', 'assistant' or 'tool'; system text goes in \`instructions\`)`);
  }
}

/** Characters of text a message carries (image URLs are not counted). */
function textChars(m: Message): number {
  return m.content.length;
}

/**
 * @internal The input as the thread's new messages (a string is one user message).
 * @throws InvalidInputError for an empty or malformed input, InputTooLargeError past `limit` characters of text.
 */
export function toInputMessages(input: AgentInput, limit: number): Message[] {
  if (typeof input === 'string') {
    if (input.trim() === '') throw new InvalidInputError();
    if (input.length > limit) throw new InputTooLargeError(input.length, limit);
    return [{ role: 'user', content: input }];
  }
  if (!Array.isArray(input) || input.length === 0) throw new InvalidInputError();
  const messages = input.map(toMessage);
  const last = messages[messages.length - 1]!;
  if (last.role !== 'user' || (last.content.trim() === '' && !last.parts?.length)) {
    throw new InvalidInputError('The last input message must be a non-empty user message (the turn the model answers).');
  }
  let chars = 0;
  for (const m of messages) chars += textChars(m);
  if (chars > limit) throw new InputTooLargeError(chars, limit);
  return messages;
}
