/** A module build, live: phase, a running timer, and each test round (failed cases say why). */
import { useEffect, useState } from 'react';
import type { BuildState } from './build-state.js';

/** How often the timer redraws while a build runs. */
const TICK_MS = 100;

function useNow(running: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(t);
  }, [running]);
  return now;
}

const TITLES: Record<BuildState['status'], string> = { running: 'Building', waiting: 'Built', installed: 'Installed', failed: 'Could not build' };

/** `12.3 s` or `1:05`. */
export function formatElapsed(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;
}

/** The build card. */
export function BuildProgress({ build }: { build: BuildState }) {
  const running = build.status === 'running' && build.timed;
  const now = useNow(running);
  const elapsed = (build.stoppedAt ?? now) - build.startedAt;
  return (
    <div className={`build build-${build.status}`} data-testid="build">
      <div className="build-head">
        {running ? (
          <span className="spinner" aria-hidden />
        ) : (
          <span className="build-icon" aria-hidden>
            {build.status === 'failed' ? '✗' : '✓'}
          </span>
        )}
        <strong>
          {TITLES[build.status]} {build.module ?? 'a module'}
        </strong>
        {build.timed ? (
          <span className="timer" data-testid="build-timer">
            {formatElapsed(elapsed)}
          </span>
        ) : null}
      </div>
      <div className="phase" data-testid="build-phase">
        {build.phase}
        {running && build.outputChars ? <span className="muted"> · {build.outputChars.toLocaleString('en-US')} chars</span> : null}
      </div>
      {build.rounds.map((r, i) => {
        const title = `${r.candidate !== undefined ? `Candidate ${r.candidate + 1}` : r.round === 0 ? 'First draft' : `Repair round ${r.round}`}${r.passed === undefined ? '' : r.passed ? ' · passed' : ' · failed'}`;
        const tests = (
          <ul className="tests">
            {r.tests.map((t, j) => (
              <li key={j} className={t.passed ? 'pass' : 'fail'}>
                <span aria-hidden>{t.passed ? '✓' : '✗'}</span> {t.name}
                {t.reason ? <div className="reason">{t.reason}</div> : null}
              </li>
            ))}
          </ul>
        );
        // earlier rounds fold away once a later one runs; the newest stays open
        return i < build.rounds.length - 1 ? (
          <details className="round" key={i}>
            <summary className="round-title">{title}</summary>
            {tests}
          </details>
        ) : (
          <div className="round" key={i}>
            <div className="round-title">{title}</div>
            {tests}
          </div>
        );
      })}
    </div>
  );
}
