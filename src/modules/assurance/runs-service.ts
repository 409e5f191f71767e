import { randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sha256Hex } from '../../lib/secrets.js';
import { bootstrapFairness, type FairnessIntervals } from '../../lib/stats/fairness-bootstrap.js';
import type { GroupTally } from '../../lib/stats/fairness.js';
import { driftFromFiles } from '../../lib/tabular/drift-file.js';
import { fairnessFromFile } from '../../lib/tabular/fairness-file.js';
import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, invalid, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { fairnessChecks, fairnessOutcome, fairnessScore } from './checks.js';
import { systemFor, verifiedFile } from './datasets-service.js';
import type { AssuranceEnv } from './env.js';
import { LIBRARY_VERSION } from './library-version.js';
import { presentRun, presentRunSummary, type RunNames } from './present.js';
import { defaultProfile } from './profiles-service.js';
import * as repo from './repo.js';
import { recordRunEvidence } from './run-evidence.js';
import {
  createRunInput,
  type CreateRunInput,
  type DriftResults,
  type DriftRunParams,
  type FairnessResults,
  type FairnessRunParams,
  type RunKind,
  type RunList,
  type RunListQuery,
  type RunSeries,
  type RunView,
  type Thresholds,
} from './schema.js';

const today = (): string => new Date().toISOString().slice(0, 10);

/** The file readers' refusals name the request's fields; they are a problem with the request (422), not the server. */
async function asUnprocessable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && err.code === 'bad_request') throw new AppError('unprocessable', err.message, err.details);
    if (err instanceof RangeError) throw new AppError('unprocessable', err.message);
    throw err;
  }
}

/** A data set named in the body: this system's, live; another organisation's looks like a missing one (422). */
async function datasetOf(ctx: OrgContext, systemId: string, id: string, field: string): Promise<repo.DatasetRow> {
  const d = await repo.findDataset(ctx.db, ctx.org.id, id);
  if (!d || d.systemId !== systemId)
    throw invalid('There is no such data set for this AI system', [{ path: field, message: 'Not a data set of this AI system' }]);
  if (d.archivedAt) throw invalid('This data set is archived', [{ path: field, message: 'Archived data set' }]);
  return d;
}

/** Rows rebuilt from the tallies (one per counted row, by confusion cell) for the bootstrap. */
function rowsFromTallies(tallies: readonly GroupTally[]) {
  const n = tallies.reduce((s, t) => s + t.count, 0);
  const yTrue = new Uint8Array(n);
  const yPred = new Uint8Array(n);
  const group = new Uint32Array(n);
  let i = 0;
  tallies.forEach((t, g) => {
    const cells: [number, 0 | 1, 0 | 1][] = [
      [t.confusion.tp, 1, 1],
      [t.confusion.fp, 0, 1],
      [t.confusion.fn, 1, 0],
      [t.confusion.tn, 0, 0],
    ];
    for (const [count, y, p] of cells) {
      for (let k = 0; k < count; k++, i++) {
        yTrue[i] = y;
        yPred[i] = p;
        group[i] = g;
      }
    }
  });
  return { yTrue, yPred, group, groupNames: tallies.map((t) => t.name) };
}

async function profileFor(ctx: OrgContext, profileId: string | undefined): Promise<repo.ProfileRow> {
  if (profileId) {
    const p = await repo.findProfile(ctx.db, ctx.org.id, profileId);
    if (!p) throw invalid('There is no such threshold profile', [{ path: 'profileId', message: 'Not a profile of this organisation' }]);
    if (p.archivedAt) throw invalid('This threshold profile is archived', [{ path: 'profileId', message: 'Archived profile' }]);
    return p;
  }
  return defaultProfile(ctx);
}

interface Computed {
  parameters: Record<string, unknown>;
  inputHashes: Record<string, string>;
  results: FairnessResults | DriftResults;
  outcome: string;
  score: number | null;
  datasetId: string;
  referenceDatasetId: string | null;
  profileId: string | null;
  summary: string;
}

async function computeFairnessRun(ctx: OrgContext, env: AssuranceEnv, systemId: string, p: FairnessRunParams): Promise<Computed> {
  const dataset = await datasetOf(ctx, systemId, p.datasetId, 'datasetId');
  const profile = await profileFor(ctx, p.profileId);
  const thresholds = profile.thresholds as Thresholds;
  const minGroupSize = p.minGroupSize ?? thresholds.minGroupSize;
  const file = await verifiedFile(env, dataset);
  const { report, tallies } = await asUnprocessable(() =>
    fairnessFromFile(
      file,
      {
        label: p.label,
        labelPositive: p.labelPositive,
        prediction: p.prediction,
        predictionPositive: p.predictionPositive,
        groups: p.groups,
        ...(p.groupsFilter ? { groupsFilter: p.groupsFilter } : {}),
        ...(p.referenceGroup !== undefined ? { referenceGroup: p.referenceGroup } : {}),
        minGroupSize,
      },
      { groupsFilter: 'groupsFilter', referenceGroup: 'referenceGroup' },
    ),
  );
  const referenceGroup = p.referenceGroup?.trim();
  let bootstrap: FairnessIntervals | null = null;
  if (p.bootstrap) {
    const b = p.bootstrap;
    bootstrap = bootstrapFairness(rowsFromTallies(tallies), {
      seed: b.seed,
      replicates: b.samples,
      confidence: b.confidence,
      minGroupSize,
      ...(referenceGroup !== undefined ? { referenceGroup } : {}),
    });
  }
  const checks = fairnessChecks(report, { ...thresholds, minGroupSize }, referenceGroup, bootstrap);
  const smallGroups = Object.entries(report.groups)
    .filter(([, g]) => g.count < minGroupSize)
    .map(([group, g]) => ({ group, count: g.count }));
  const outcome = fairnessOutcome(checks);
  const score = fairnessScore(report, checks);
  const failed = checks.filter((c) => c.pass === false).length;
  return {
    parameters: { ...p, minGroupSize, profileId: profile.id },
    inputHashes: { dataset: dataset.sha256, profile: sha256Hex(canonicalize(thresholds) ?? '') },
    results: { report, checks, smallGroups, minGroupSize, bootstrap },
    outcome,
    score,
    datasetId: dataset.id,
    referenceDatasetId: null,
    profileId: profile.id,
    summary: [
      `Fairness test of data set "${dataset.name}" (${dataset.fileName}, SHA-256 ${dataset.sha256}, ${report.rows} rows analysed, ${report.excludedRows} excluded).`,
      `Label ${p.label} (positive: ${p.labelPositive.join(', ')}); prediction ${p.prediction} (positive: ${p.predictionPositive.join(', ')}); sensitive columns: ${p.groups.join(', ')}.`,
      `Threshold profile "${profile.name}": ${outcome === 'pass' ? 'PASS' : 'FAIL'} — ${checks.length} checks, ${failed} failed; worst ratio ${score === null ? 'undefined' : score.toFixed(4)}.`,
      `Demographic parity ratio ${report.demographicParity.ratio ?? 'undefined'}, equalized odds difference ${report.equalizedOdds.difference ?? 'undefined'}.`,
      smallGroups.length ? `Groups under ${minGroupSize} rows: ${smallGroups.map((g) => `${g.group} (${g.count})`).join(', ')}.` : '',
      `Library: ${LIBRARY_VERSION}.`,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

async function computeDriftRun(ctx: OrgContext, env: AssuranceEnv, systemId: string, p: DriftRunParams): Promise<Computed> {
  const reference = await datasetOf(ctx, systemId, p.referenceDatasetId, 'referenceDatasetId');
  const current = await datasetOf(ctx, systemId, p.datasetId, 'datasetId');
  const [refFile, curFile] = [await verifiedFile(env, reference), await verifiedFile(env, current)];
  const report = await asUnprocessable(() =>
    driftFromFiles(
      refFile,
      curFile,
      { columns: p.columns ?? [], categorical: p.categorical ?? [], mode: p.mode, jensenShannonBase: p.jsBase === 'e' ? 'e' : 2 },
      'categorical',
    ),
  );
  const drifted = Object.entries(report.columns).filter(([, c]) => c.defaultTest.drift);
  const outcome = report.datasetDrift.drift ? 'drift' : 'no_drift';
  return {
    parameters: { ...p },
    inputHashes: { dataset: current.sha256, reference: reference.sha256 },
    results: { report } as DriftResults,
    outcome,
    score: report.datasetDrift.share,
    datasetId: current.id,
    referenceDatasetId: reference.id,
    profileId: null,
    summary: [
      `Drift check of data set "${current.name}" (SHA-256 ${current.sha256}) against the reference "${reference.name}" (SHA-256 ${reference.sha256}).`,
      `${outcome === 'drift' ? 'DRIFT' : 'No dataset drift'}: ${drifted.length} of ${Object.keys(report.columns).length} columns drift (${(report.datasetDrift.share * 100).toFixed(1)}%; drift when ≥ 50%).`,
      drifted.length ? `Drifted: ${drifted.map(([name, c]) => `${name} (${c.defaultTest.name})`).join(', ')}.` : '',
      `Library: ${LIBRARY_VERSION}.`,
    ]
      .filter(Boolean)
      .join('\n'),
  };
}

const kindTitle: Record<RunKind, string> = { fairness: 'Fairness test', drift: 'Drift check' };

/**
 * Runs a fairness test or drift check on stored data sets and stores it, immutable, with an evidence note linked to
 * the system and its ISO/IEC 42001 controls. The files are read (and re-hashed) before the transaction opens.
 */
export async function createRun(ctx: OrgContext, env: AssuranceEnv, systemId: string, input: CreateRunInput): Promise<RunView> {
  const system = await systemFor(ctx, systemId, 'assurance.run');
  const data = parseOrThrow(createRunInput, input);
  if (system.archivedAt) throw new AppError('conflict', 'This AI system is archived; restore it before running tests');
  const computed =
    data.kind === 'fairness' ? await computeFairnessRun(ctx, env, systemId, data) : await computeDriftRun(ctx, env, systemId, data);
  const id = randomUUID();
  await withAudit(ctx, async (tx, audit) => {
    const evidenceId = await recordRunEvidence(tx, env.catalog, ctx.org.id, audit, {
      kind: data.kind,
      systemId,
      title: `${kindTitle[data.kind]} — ${system.name} — ${today()}`,
      note: `${computed.summary}\nRun ${id}.`,
      collectedOn: today(),
    });
    const row = await repo.insertRun(tx, {
      id,
      orgId: ctx.org.id,
      systemId,
      kind: data.kind,
      datasetId: computed.datasetId,
      referenceDatasetId: computed.referenceDatasetId,
      profileId: computed.profileId,
      parameters: computed.parameters,
      inputHashes: computed.inputHashes,
      libraryVersion: LIBRARY_VERSION,
      results: computed.results,
      outcome: computed.outcome,
      score: computed.score,
      evidenceId,
      createdBy: ctx.actor.label,
    });
    audit({
      action: `assurance.${data.kind}`,
      entityType: 'assurance_run',
      entityId: row.id,
      after: {
        systemId,
        kind: data.kind,
        datasetId: row.datasetId,
        outcome: row.outcome,
        score: row.score,
        evidenceId,
        inputHashes: computed.inputHashes,
      },
    });
  });
  return getRun(ctx, id);
}

async function namesFor(ctx: OrgContext, runs: repo.RunRow[]): Promise<RunNames> {
  const datasetIds = [...new Set(runs.flatMap((r) => [r.datasetId, ...(r.referenceDatasetId ? [r.referenceDatasetId] : [])]))];
  const profileIds = [...new Set(runs.flatMap((r) => (r.profileId ? [r.profileId] : [])))];
  const [ds, ps] = await Promise.all([
    repo.datasetsByIds(ctx.db, ctx.org.id, datasetIds),
    repo.profilesByIds(ctx.db, ctx.org.id, profileIds),
  ]);
  return { datasets: new Map(ds.map((d) => [d.id, d.name])), profiles: new Map(ps.map((p) => [p.id, p.name])) };
}

export async function getRun(ctx: OrgContext, id: string): Promise<RunView> {
  if (!can(ctx.role, 'assurance.read')) throw forbidden();
  const row = await repo.findRun(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Assurance run');
  return presentRun(row, await namesFor(ctx, [row]));
}

export async function listRuns(ctx: OrgContext, systemId: string, query: RunListQuery): Promise<RunList> {
  await systemFor(ctx, systemId, 'assurance.read');
  const rows = await repo.listRuns(ctx.db, ctx.org.id, systemId, query.kind, query.limit);
  const names = await namesFor(ctx, rows);
  return { items: rows.map((r) => presentRunSummary(r, names)) };
}

/** The headline score of every run of a kind, oldest first, for charts. */
export async function runSeries(ctx: OrgContext, systemId: string, kind: RunKind): Promise<RunSeries> {
  await systemFor(ctx, systemId, 'assurance.read');
  const rows = await repo.seriesOf(ctx.db, ctx.org.id, systemId, kind);
  const ds = await repo.datasetsByIds(ctx.db, ctx.org.id, [...new Set(rows.map((r) => r.datasetId))]);
  const names = new Map(ds.map((d) => [d.id, d.name]));
  return {
    kind,
    points: rows.map((r) => ({
      runId: r.id,
      at: r.createdAt.toISOString(),
      score: r.score,
      outcome: r.outcome,
      datasetName: names.get(r.datasetId) ?? '',
    })),
  };
}
