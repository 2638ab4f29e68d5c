/** The installed modules, with a delete button each (`GET /modules`, `DELETE /modules/:name`). */
import { useCallback, useEffect, useState } from 'react';

interface ModuleRow {
  name: string;
  activeVersion?: string;
  status: string;
}

/** The panel; `refreshKey` changes when a build installed something. */
export function ModulesPanel({ refreshKey }: { refreshKey: number }) {
  const [modules, setModules] = useState<ModuleRow[]>([]);
  const refresh = useCallback(async () => {
    const res = await fetch('/modules');
    if (res.ok) setModules(((await res.json()) as { modules: ModuleRow[] }).modules);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh, refreshKey]);
  const remove = async (name: string) => {
    await fetch(`/modules/${encodeURIComponent(name)}`, { method: 'DELETE' });
    await refresh();
  };
  return (
    <aside>
      <h2>Modules</h2>
      {modules.length === 0 ? <p className="muted small">None yet. Ask for an integration, e.g. “build me a module for my Clash Royale stats”.</p> : null}
      <ul id="modules" className="plain">
        {modules.map((m) => (
          <li key={m.name}>
            <span>
              <code>{m.name}</code>@{m.activeVersion} <span className={`status status-${m.status}`}>({m.status})</span>
            </span>
            <button className="secondary small" onClick={() => void remove(m.name)}>
              Delete
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
