/**
 * The Grafana dashboard in docs/grafana/graft-modules.json stays in step with the code: every
 * metric a panel queries is one that `createModuleTelemetry` or core's `createPrometheusMetrics`
 * registers (checked against a real prom-client registry), and every module metric has a panel.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createPrometheusMetrics } from '@graft/core';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createModuleTelemetry, MODULE_METRICS, MODULE_METRICS_PREFIX } from '../src/index.js';

const DASHBOARD = fileURLToPath(new URL('../../../docs/grafana/graft-modules.json', import.meta.url));
const HISTOGRAM_SERIES = /_(bucket|sum|count)$/;

interface Panel {
  title: string;
  targets?: Array<{ expr: string }>;
}

function queried(panels: Panel[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of panels) for (const t of p.targets ?? []) for (const m of t.expr.match(/\bgraft_[a-z0-9_]+/g) ?? []) out.set(m, p.title);
  return out;
}

describe('Grafana dashboard', () => {
  it('queries only metrics the code registers, and shows every module metric', async () => {
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[] };
    expect(dashboard.panels.length).toBeGreaterThan(0);
    const registry = new Registry();
    await createModuleTelemetry({ tracer: false, registry });
    await createPrometheusMetrics(registry);
    const registered = new Set((await registry.getMetricsAsJSON()).map((m) => m.name));
    const series = queried(dashboard.panels);
    expect(series.size).toBeGreaterThan(0);
    for (const [name, panel] of series) {
      const base = registered.has(name) ? name : name.replace(HISTOGRAM_SERIES, '');
      expect(registered.has(base), `panel "${panel}" queries ${name}, which no code registers`).toBe(true);
    }
    const shown = new Set([...series.keys()].map((n) => (registered.has(n) ? n : n.replace(HISTOGRAM_SERIES, ''))));
    for (const short of Object.keys(MODULE_METRICS))
      expect(shown.has(MODULE_METRICS_PREFIX + short), `no panel shows ${MODULE_METRICS_PREFIX + short}`).toBe(true);
  });
});
