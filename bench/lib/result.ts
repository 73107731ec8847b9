import { round } from './stats';

/** One scenario's figures, as printed and as written to bench/results.json. */
export interface Figure {
  value: number;
  unit: string;
}

export interface ScenarioResult {
  scenario: string;
  app: Figure;
  baseline: Figure & { what: string };
  /** app / baseline (for throughput: app / baseline as well, so ≥ target is good). */
  ratio: number | null;
  target: string;
  met: boolean;
  notes: string;
  /** Status other than measured: pending (not built yet), failed, info (no target: figures only). */
  status?: 'measured' | 'pending' | 'failed' | 'info';
  /** Extra numbers behind the headline (p50s, per-query timings, RSS samples…). */
  details?: Record<string, unknown>;
}

export function ratioOf(app: number, baseline: number): number | null {
  return baseline > 0 && Number.isFinite(app) ? round(app / baseline) : null;
}

export function figure(value: number, unit: string): Figure {
  return { value: round(value), unit };
}

export function failedResult(scenario: string, target: string, error: unknown): ScenarioResult {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    scenario,
    app: { value: Number.NaN, unit: '' },
    baseline: { value: Number.NaN, unit: '', what: '' },
    ratio: null,
    target,
    met: false,
    status: 'failed',
    notes: `failed: ${message.split('\n').slice(0, 3).join(' | ')}`,
  };
}
