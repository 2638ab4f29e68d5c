/**
 * The module approval card: what the user is about to install — description, each tool, the
 * hosts it may contact, the credentials it needs, the test results and the code (collapsed).
 * Approving sends the bundle hash shown, which binds the answer to exactly this code.
 */
import type { ModuleSummary } from './types.js';

/** Props of {@link ApprovalCard}. */
export interface ApprovalCardProps {
  summary: ModuleSummary;
  disabled: boolean;
  onAnswer(approved: boolean): void;
}

/** The card. */
export function ApprovalCard({ summary: s, disabled, onAnswer }: ApprovalCardProps) {
  return (
    <section className="card approval" id="approval-card" aria-label="Approve the module">
      <h3>
        Install <code>{s.module}</code> <span className="muted">v{s.version}</span>?
      </h3>
      <p className="description">{s.description}</p>
      <dl>
        <dt>Tools</dt>
        <dd>
          <ul className="plain">
            {s.tools.map((t) => (
              <li key={t.name} data-testid="approval-tool">
                <code>{t.name}</code> — {t.description}
              </li>
            ))}
          </ul>
        </dd>
        <dt>May contact</dt>
        <dd data-testid="approval-hosts">
          {s.hosts.length
            ? s.hosts.map((h) => (
                <code key={h} className="chip">
                  {h}
                </code>
              ))
            : 'no hosts (no network)'}
        </dd>
        <dt>Credentials</dt>
        <dd data-testid="approval-credentials">
          {s.credentials.length
            ? s.credentials.map((c) => (
                <div key={c.name}>
                  <code>{c.name}</code> — {c.description}
                </div>
              ))
            : 'none'}
        </dd>
        <dt>Tests</dt>
        <dd data-testid="approval-tests" className={s.tests.failed ? 'fail' : 'pass'}>
          {s.tests.passed} passed, {s.tests.failed} failed offline{s.tests.live ? `; ${s.tests.live} live case(s) run with your key` : ''}
        </dd>
      </dl>
      {s.code !== undefined ? (
        <details className="code">
          <summary>Code · {s.codeBytes.toLocaleString('en-US')} bytes</summary>
          <pre>
            <code>{s.code}</code>
          </pre>
        </details>
      ) : null}
      <p className="hash muted">sha256 {s.bundleHash}</p>
      <div className="actions">
        <button id="approve" disabled={disabled} onClick={() => onAnswer(true)}>
          Approve and install
        </button>
        <button className="secondary" disabled={disabled} onClick={() => onAnswer(false)}>
          Reject
        </button>
      </div>
    </section>
  );
}
