/**
 * One chat message: user text, the assistant's answer as Markdown, tool calls (a module build
 * shows its live progress), and the cards of the thread's pending interrupts.
 */
import { ApprovalCard } from './approval-card.js';
import { BuildProgress } from './build-progress.js';
import type { BuildState } from './build-state.js';
import { CredentialForm, type CredentialSpec } from './credential-form.js';
import { Markdown } from './markdown.js';
import type { ChatMessage, InputData, ModuleSummary } from './types.js';

/** What a message needs from the page. */
export interface MessageViewProps {
  message: ChatMessage;
  builds: Record<string, BuildState>;
  pending: ReadonlySet<string>;
  busy: boolean;
  onApproveModule(input: InputData, approved: boolean): void;
  onCredentials(input: InputData, values: Record<string, string>): void;
  onToolApproval(approvalId: string, approved: boolean): void;
}

type Part = ChatMessage['parts'][number];

function ToolCall({ part, build }: { part: Extract<Part, { type: 'dynamic-tool' }>; build?: BuildState }) {
  if (build) return <BuildProgress build={build} />;
  const failed = part.state === 'output-error' || part.state === 'output-denied';
  const doneMark = part.state === 'output-available' ? '✓' : failed ? '✗' : '…';
  return (
    <details className={`tool ${failed ? 'fail' : ''}`}>
      <summary>
        <span aria-hidden>{doneMark}</span> {part.toolName === 'build_module' ? 'Module build ' : null}
        <code>{part.toolName}</code>
      </summary>
      <pre>{JSON.stringify(part.input ?? {}, null, 2)}</pre>
      {part.state === 'output-available' ? <pre>{JSON.stringify(part.output, null, 2)}</pre> : null}
      {part.state === 'output-error' ? <pre className="fail">{part.errorText}</pre> : null}
    </details>
  );
}

/** The message. */
export function MessageView(p: MessageViewProps) {
  const { message } = p;
  if (message.role === 'user') {
    const text = message.parts.map((x) => (x.type === 'text' ? x.text : '')).join('');
    return <div className="msg user">{text}</div>;
  }
  return (
    <div className="msg assistant">
      {message.parts.map((part, i) => {
        if (part.type === 'text') return part.text ? <Markdown key={i} text={part.text} /> : null;
        if (part.type === 'dynamic-tool') {
          if (part.state === 'approval-requested' && p.pending.has(part.approval.id)) {
            const id = part.approval.id;
            return (
              <section key={i} className="card approval" id="approval-card">
                <h3>
                  Allow <code>{part.toolName}</code>?
                </h3>
                <pre>{JSON.stringify(part.input ?? {}, null, 2)}</pre>
                <div className="actions">
                  <button id="approve" disabled={p.busy} onClick={() => p.onToolApproval(id, true)}>
                    Allow
                  </button>
                  <button className="secondary" disabled={p.busy} onClick={() => p.onToolApproval(id, false)}>
                    Deny
                  </button>
                </div>
              </section>
            );
          }
          return <ToolCall key={i} part={part} build={p.builds[part.toolCallId]} />;
        }
        if (part.type === 'data-graft-input') {
          const input = part.data;
          if (!p.pending.has(input.id)) return null;
          if (input.request.type === 'module_approval')
            return <ApprovalCard key={i} summary={input.request.data as ModuleSummary} disabled={p.busy} onAnswer={(ok) => p.onApproveModule(input, ok)} />;
          if (input.request.type === 'module_credentials') {
            const creds = (input.request.data as { credentials?: CredentialSpec[] } | undefined)?.credentials ?? [];
            return (
              <CredentialForm
                key={i}
                message={input.request.message}
                credentials={creds}
                disabled={p.busy}
                onSubmit={(values) => p.onCredentials(input, values)}
              />
            );
          }
          return (
            <div key={i} className="card">
              {input.request.message}
            </div>
          );
        }
        return null;
      })}
    </div>
  );
}
