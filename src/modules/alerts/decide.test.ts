import { describe, expect, it } from 'vitest';
import { breaches, driftShare, fairnessFigure, mayFire, telemetryValue, type TelemetryFigures } from './decide.js';

const window = (over: Partial<TelemetryFigures> = {}): TelemetryFigures => ({
  requests: 100,
  errors: 7,
  errorRate: 0.07,
  p50: 120,
  p95: 800,
  p99: 1500,
  inputTokens: 4000,
  outputTokens: 1000,
  ...over,
});

describe('breaches', () => {
  it('compares strictly in the rule direction', () => {
    expect(breaches(0.07, 'above', 0.05)).toBe(true);
    expect(breaches(0.05, 'above', 0.05)).toBe(false);
    expect(breaches(0.7, 'below', 0.8)).toBe(true);
    expect(breaches(0.8, 'below', 0.8)).toBe(false);
  });
});

describe('telemetryValue', () => {
  it('reads the watched figure, tokens as input plus output', () => {
    expect(telemetryValue('error_rate', window())).toBe(0.07);
    expect(telemetryValue('latency_p95', window())).toBe(800);
    expect(telemetryValue('latency_p99', window())).toBe(1500);
    expect(telemetryValue('token_spend', window())).toBe(5000);
  });

  it('has no value when the window saw no requests', () => {
    expect(telemetryValue('error_rate', window({ requests: 0, errors: 0, errorRate: null }))).toBeNull();
    expect(telemetryValue('token_spend', window({ requests: 0 }))).toBeNull();
  });
});

describe('assurance figures', () => {
  const report = { demographicParity: { difference: 0.12, ratio: 0.71 }, equalizedOdds: { difference: null, ratio: null } };
  it('reads a fairness figure by its dotted key; undefined figures have no value', () => {
    expect(fairnessFigure(report, 'demographicParity.ratio')).toBe(0.71);
    expect(fairnessFigure(report, 'equalizedOdds.ratio')).toBeNull();
    expect(fairnessFigure(report, 'equalOpportunity.ratio')).toBeNull();
    expect(fairnessFigure(null, 'demographicParity.ratio')).toBeNull();
  });

  it('takes the drift score, else the report share', () => {
    expect(driftShare(0.4, { datasetDrift: { share: 0.9 } })).toBe(0.4);
    expect(driftShare(null, { datasetDrift: { share: 0.25, drift: false } })).toBe(0.25);
    expect(driftShare(null, {})).toBeNull();
  });
});

describe('mayFire', () => {
  const now = new Date('2026-11-28T02:00:00Z');
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

  it('fires the first time', () => {
    expect(mayFire(undefined, now, 60)).toBe(true);
  });

  it('waits while the last alert is open or acknowledged, however old', () => {
    expect(mayFire({ status: 'open', firedAt: minutesAgo(600) }, now, 60)).toBe(false);
    expect(mayFire({ status: 'acknowledged', firedAt: minutesAgo(600) }, now, 60)).toBe(false);
  });

  it('waits out the cooldown after a resolved alert', () => {
    expect(mayFire({ status: 'resolved', firedAt: minutesAgo(59) }, now, 60)).toBe(false);
    expect(mayFire({ status: 'resolved', firedAt: minutesAgo(60) }, now, 60)).toBe(true);
    expect(mayFire({ status: 'resolved', firedAt: minutesAgo(1) }, now, 0)).toBe(true);
  });

  it('never fires twice on the same assurance run', () => {
    expect(mayFire({ status: 'resolved', firedAt: minutesAgo(600), runId: 'r1' }, now, 60, 'r1')).toBe(false);
    expect(mayFire({ status: 'resolved', firedAt: minutesAgo(600), runId: 'r1' }, now, 60, 'r2')).toBe(true);
  });
});
