/**
 * The page's entry: picks the thread (kept in `localStorage`, so a reload continues it), loads
 * its messages from the server (`GET /api/threads/:id/messages`) and mounts the app.
 */
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import type { ChatMessage } from './types.js';

/** `localStorage` key of the current thread id. */
const THREAD_KEY = 'graft.example.threadId';

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function loadMessages(threadId: string): Promise<ChatMessage[]> {
  const res = await fetch(`/api/threads/${encodeURIComponent(threadId)}/messages`);
  if (!res.ok) return [];
  return ((await res.json()) as { messages: ChatMessage[] }).messages;
}

const root = createRoot(document.getElementById('root')!);

async function mount(threadId: string): Promise<void> {
  localStorage.setItem(THREAD_KEY, threadId);
  const initialMessages = await loadMessages(threadId);
  root.render(<App key={threadId} threadId={threadId} initialMessages={initialMessages} onNewChat={() => void mount(newId())} />);
}

void mount(localStorage.getItem(THREAD_KEY) ?? newId());
