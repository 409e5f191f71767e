import type { AlertComparator, AlertMetric } from './schema.js';

/** Pure decisions of the alert evaluator: what value a rule sees, whether it breaches, whether it may fire again. */

export interface TelemetryFigures {
  requests: number;
  errors: number;
  errorRate: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  inputTokens: number;
  outputTokens: number;
}

/** Strictly above or below: a value equal to the threshold does not breach it. */
export function breaches(value: number, comparator: AlertComparator, threshold: number): boolean {
  return comparator === 'above' ? value > threshold : value < threshold;
}

/** The telemetry figure a rule watches; null (no value, never an alert) when the window saw no requests. */
export function telemetryValue(metric: AlertMetric, w: TelemetryFigures): number | null {
  if (w.requests <= 0) return null;
  switch (metric) {
    case 'error_rate':
      return w.errorRate;
    case 'latency_p95':
      return w.p95;
    case 'latency_p99':
      return w.p99;
    case 'token_spend':
      return w.inputTokens + w.outputTokens;
    default:
      return null;
  }
}

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A fairness run's figure by dotted key (e.g. `demographicParity.ratio`); null when the run did not define it. */
export function fairnessFigure(results: unknown, key: string): number | null {
  let at: unknown = results;
  for (const part of key.split('.')) {
    if (typeof at !== 'object' || at === null) return null;
    at = (at as Record<string, unknown>)[part];
  }
  return finite(at);
}

/** A drift run's score: the share of drifted columns (the stored score, else the report's dataset share). */
export function driftShare(score: number | null, results: unknown): number | null {
  if (finite(score) !== null) return score;
  const dataset = (results as { datasetDrift?: { share?: unknown } } | null)?.datasetDrift;
  return finite(dataset?.share);
}

export interface PreviousAlert {
  status: string;
  firedAt: Date;
  /** the assurance run it fired on, if any */
  runId?: string | null;
}

/**
 * Whether a breach may fire now: not while the last alert of the same rule and system is still open or
 * acknowledged, not within the cooldown after it fired, and never twice on the same assurance run.
 */
export function mayFire(previous: PreviousAlert | undefined, now: Date, cooldownMinutes: number, runId: string | null = null): boolean {
  if (!previous) return true;
  if (runId && previous.runId === runId) return false;
  if (previous.status === 'open' || previous.status === 'acknowledged') return false;
  return now.getTime() - previous.firedAt.getTime() >= cooldownMinutes * 60_000;
}
