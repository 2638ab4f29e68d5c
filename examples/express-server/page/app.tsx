/**
 * The page: a `useChat` conversation with the Graft agent. Module builds show live progress
 * (from `data-graft-progress`), pending interrupts show their cards, answers render as Markdown.
 */
import { useChat } from '@ai-sdk/react';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { foldBuild, type BuildState } from './build-state.js';
import { MessageView } from './message-view.js';
import { ModulesPanel } from './modules-panel.js';
import { createTransport, type CredentialsAnswer } from './transport.js';
import type { ChatMessage, GraftData, InputData, ModuleEvent } from './types.js';

/** The interrupts the thread waits on: those the newest run reported, unless answered since. */
function pendingOf(messages: ChatMessage[]): Set<string> {
  const last = messages.at(-1);
  if (last?.role !== 'assistant') return new Set();
  const runs = last.parts.filter((p) => p.type === 'data-graft-run');
  const run = runs.at(-1);
  return new Set(run && run.type === 'data-graft-run' ? run.data.interrupts : []);
}

/** Turns a failed request's body (`{ error: { code, message } }`) into a line to show. */
function errorLine(error: Error): string {
  try {
    const e = (JSON.parse(error.message) as { error?: { code?: string; message?: string } }).error;
    if (e?.message) return `${e.code}: ${e.message}`;
  } catch {
    // not JSON: show as is
  }
  return error.message;
}

/** Props of {@link App}. */
export interface AppProps {
  threadId: string;
  initialMessages: ChatMessage[];
  onNewChat(): void;
}

/** The page. */
export function App({ threadId, initialMessages, onNewChat }: AppProps) {
  const [builds, setBuilds] = useState<Record<string, BuildState>>({});
  const [modulesKey, setModulesKey] = useState(0);
  const [input, setInput] = useState('');
  const transport = useMemo(() => createTransport(), []);
  const { messages, sendMessage, addToolApprovalResponse, status, error } = useChat<ChatMessage>({
    id: threadId,
    messages: initialMessages,
    transport,
    onData(part) {
      if (part.type !== 'data-graft-progress') return;
      const { toolCallId, progress } = part.data as GraftData['graft-progress'];
      const e = progress as ModuleEvent | undefined;
      if (!toolCallId || typeof e?.type !== 'string' || !e.type.startsWith('module.')) return;
      setBuilds((b) => ({ ...b, [toolCallId]: foldBuild(b[toolCallId], e, Date.now()) }));
      if (e.type === 'module.installed' || e.type === 'module.awaiting_credentials') setModulesKey((k) => k + 1);
    },
    onFinish: () => setModulesKey((k) => k + 1),
  });
  const busy = status === 'submitted' || status === 'streaming';
  const pending = useMemo(() => (busy ? new Set<string>() : pendingOf(messages)), [busy, messages]);
  const end = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // (scroll methods may return a promise; an effect must return nothing)
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages, builds]);

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const text = input.trim();
    if (!text || busy || pending.size) return;
    setInput('');
    void sendMessage({ text });
  };
  const onApproveModule = (it: InputData, approved: boolean) => {
    const bundleHash = (it.request.data as { bundleHash?: string } | undefined)?.bundleHash;
    void sendMessage(undefined, { body: { answer: { interruptId: it.id, approved, by: 'web-user', ...(approved && bundleHash ? { bundleHash } : {}) } } });
  };
  const onCredentials = (it: InputData, values: Record<string, string>) => {
    const credentials: CredentialsAnswer = { interruptId: it.id, values };
    void sendMessage(undefined, { body: { credentials } });
  };
  const onToolApproval = async (id: string, approved: boolean) => {
    await addToolApprovalResponse({ id, approved, ...(approved ? {} : { reason: 'The user declined.' }) });
    void sendMessage();
  };

  return (
    <>
      <header>
        <h1>Graft</h1>
        <span className="tagline">an agent that builds its own modules</span>
        <button className="ghost" onClick={onNewChat}>
          New chat
        </button>
      </header>
      <main>
        <section id="chat">
          <div id="log" aria-live="polite">
            {messages.length === 0 ? <p className="muted empty">Ask something, or ask for a new integration.</p> : null}
            {messages.map((m) => (
              <MessageView
                key={m.id}
                message={m}
                builds={builds}
                pending={pending}
                busy={busy}
                onApproveModule={onApproveModule}
                onCredentials={onCredentials}
                onToolApproval={onToolApproval}
              />
            ))}
            {status === 'submitted' ? <div className="msg assistant muted thinking">Thinking…</div> : null}
            {error ? (
              <div className="msg error" role="alert">
                {errorLine(error)}
              </div>
            ) : null}
            <div ref={end} />
          </div>
          <form id="composer" onSubmit={submit}>
            <input
              id="message"
              autoComplete="off"
              value={input}
              onChange={(e) => setInput(e.target.value)}
              placeholder={pending.size ? 'Answer the card above first' : 'Ask something…'}
              disabled={pending.size > 0}
            />
            <button id="send" type="submit" disabled={busy || pending.size > 0 || !input.trim()}>
              Send
            </button>
          </form>
        </section>
        <ModulesPanel refreshKey={modulesKey} />
      </main>
    </>
  );
}
