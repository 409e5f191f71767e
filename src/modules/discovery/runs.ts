import fs from 'node:fs';
import { ColumnError } from '../../lib/discovery/importers/columns.js';
import { discover, type DiscoveryResult } from '../../lib/discovery/scan.js';
import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { orgCatalogue } from './catalogue.js';
import * as repo from './repo.js';
import type { DiscoveryRunPage, DiscoveryRunView, RunListQuery, RunSettings } from './schema.js';
import { discoveryUserKey, pseudonymText } from './user-key.js';

/** Progress is written at most this often while a file is scanned. */
const PROGRESS_INTERVAL_MS = 500;
/** Pseudonyms kept per service and run for exact merging; beyond, the run's own estimate is a floor for the count. */
const MAX_STORED_USERS = 100_000;

export interface ScanFile {
  filePath: string;
  fileName: string;
  size: number;
  sha256: string | null;
  settings: RunSettings;
}

export interface ScanEnv {
  /** the installation secret the organisation's pseudonym key is derived from */
  secret: () => string;
  /** remove the file once scanned (an upload's temporary file; not a file the CLI was pointed at) */
  removeFile: boolean;
}

function present(r: repo.RunRow): DiscoveryRunView {
  return {
    id: r.id,
    format: r.format as DiscoveryRunView['format'],
    fileName: r.fileName,
    sha256: r.sha256,
    size: r.size,
    status: r.status as DiscoveryRunView['status'],
    bytesRead: r.bytesRead,
    linesRead: r.linesRead,
    linesRejected: r.linesRejected,
    rejectSamples: r.rejectSamples as DiscoveryRunView['rejectSamples'],
    findings: r.findings,
    error: r.error,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Receives a file, records a running scan and scans it in the background; the caller polls the run. `finished`
 * resolves when the run is over. A run cut short by a restart is marked failed at start-up (ADR 0005).
 */
export async function startDiscoveryRun(
  ctx: OrgContext,
  env: ScanEnv,
  receive: () => Promise<ScanFile>,
): Promise<{ run: DiscoveryRunView; finished: Promise<DiscoveryRunView> }> {
  if (!can(ctx.role, 'import.run')) throw forbidden();
  const file = await receive();
  let run: repo.RunRow;
  try {
    run = await insertRun(ctx, file);
  } catch (err) {
    if (env.removeFile) await fs.promises.rm(file.filePath, { force: true });
    throw err;
  }
  const finished = executeRun(ctx, env, run, file);
  return { run: present(run), finished };
}

/** Scans a file into the organisation and waits for the end (the CLI's `aims discover --org`). */
export async function runDiscoveryNow(ctx: OrgContext, env: ScanEnv, file: ScanFile): Promise<DiscoveryRunView> {
  if (!can(ctx.role, 'import.run')) throw forbidden();
  return executeRun(ctx, env, await insertRun(ctx, file), file);
}

function insertRun(ctx: OrgContext, file: ScanFile): Promise<repo.RunRow> {
  return repo.insertRun(ctx.db, {
    orgId: ctx.org.id,
    format: file.settings.format,
    fileName: file.fileName,
    sha256: file.sha256,
    size: file.size,
    status: 'running',
    rejectSamples: [],
    createdBy: ctx.actor.label,
  });
}

async function executeRun(ctx: OrgContext, env: ScanEnv, run: repo.RunRow, file: ScanFile): Promise<DiscoveryRunView> {
  try {
    // The uploaded file (personal data in clear) is removed as soon as it is read, before the run is seen as over.
    const scanned = await scanFile(ctx, env, run, file).finally(() =>
      env.removeFile ? fs.promises.rm(file.filePath, { force: true }) : undefined,
    );
    await mergeRun(ctx, run, scanned.result, scanned.userHashes);
  } catch (err) {
    const message =
      err instanceof AppError || err instanceof ColumnError ? err.message : 'The scan failed on the server; no findings were stored';
    await repo.updateRun(ctx.db, ctx.org.id, run.id, { status: 'failed', error: message, finishedAt: new Date() }).catch(() => undefined);
    if (!(err instanceof AppError || err instanceof ColumnError)) throw err;
  }
  return getDiscoveryRunUnchecked(ctx, run.id);
}

async function scanFile(ctx: OrgContext, env: ScanEnv, run: repo.RunRow, file: ScanFile) {
  const catalogue = await orgCatalogue(ctx.db, ctx.org.id);
  const userHashes = new Map<string, Set<number>>();
  let lastWrite = 0;
  let progress: Promise<void> = Promise.resolve();
  const { format, domainColumn, urlColumn, userColumn, timeColumn } = file.settings;
  const result = await discover(fs.createReadStream(file.filePath, { highWaterMark: 1 << 20 }), {
    format,
    catalogue,
    columns: { domain: domainColumn, url: urlColumn, user: userColumn, time: timeColumn },
    totalBytes: file.size,
    userKey: discoveryUserKey(env.secret(), ctx.org.id),
    onUser: (catalogId, pseudonym) => {
      let set = userHashes.get(catalogId);
      if (!set) userHashes.set(catalogId, (set = new Set()));
      if (set.size < MAX_STORED_USERS) set.add(pseudonym);
    },
    onProgress: ({ bytesRead }) => {
      const now = Date.now();
      if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
      lastWrite = now;
      progress = progress.then(() => repo.updateRun(ctx.db, ctx.org.id, run.id, { bytesRead }).catch(() => undefined));
    },
  });
  await progress;
  return { result, userHashes };
}

/** One delta per catalogue entry: the library reports a finding per entry and way of matching. */
function deltas(result: DiscoveryResult, userHashes: Map<string, Set<number>>): repo.FindingDelta[] {
  const byId = new Map<string, repo.FindingDelta>();
  const date = (iso: string | null) => (iso === null ? null : new Date(iso));
  // Findings come most requests first, so the first way of matching seen for an entry is its main one.
  for (const f of result.findings) {
    const d = byId.get(f.catalogId) ?? {
      catalogId: f.catalogId,
      matchedOn: f.matchedOn,
      requests: 0,
      firstSeen: null,
      lastSeen: null,
      users: 0,
      userHashes: [...(userHashes.get(f.catalogId) ?? [])].map(pseudonymText),
    };
    d.requests += f.requests;
    const first = date(f.firstSeen);
    const last = date(f.lastSeen);
    if (first && (!d.firstSeen || first < d.firstSeen)) d.firstSeen = first;
    if (last && (!d.lastSeen || last > d.lastSeen)) d.lastSeen = last;
    d.users = Math.max(d.users, f.users);
    byId.set(f.catalogId, d);
  }
  return [...byId.values()];
}

/** Merges the run's findings into the organisation's and closes the run, with its audit entry, in one transaction. */
async function mergeRun(ctx: OrgContext, run: repo.RunRow, result: DiscoveryResult, userHashes: Map<string, Set<number>>): Promise<void> {
  const merged = deltas(result, userHashes);
  await withAudit(ctx, async (tx, audit) => {
    for (const d of merged) await repo.mergeFinding(tx, ctx.org.id, d);
    const summary = {
      status: 'done',
      bytesRead: run.size,
      linesRead: result.linesRead,
      linesRejected: result.linesRejected,
      rejectSamples: result.sampleRejects,
      findings: merged.length,
      finishedAt: new Date(),
    };
    await repo.updateRun(tx, ctx.org.id, run.id, summary);
    audit({
      action: 'discovery.run',
      entityType: 'discovery_run',
      entityId: run.id,
      after: {
        format: run.format,
        fileName: run.fileName,
        sha256: run.sha256,
        linesRead: result.linesRead,
        linesRejected: result.linesRejected,
        findings: merged.map((d) => ({ catalogId: d.catalogId, requests: d.requests })),
      },
    });
  });
}

async function getDiscoveryRunUnchecked(ctx: OrgContext, id: string): Promise<DiscoveryRunView> {
  const row = await repo.findRun(ctx.db, ctx.org.id, id);
  if (!row) throw notFound('Discovery run');
  return present(row);
}

export async function getDiscoveryRun(ctx: OrgContext, id: string): Promise<DiscoveryRunView> {
  if (!can(ctx.role, 'system.read')) throw forbidden();
  return getDiscoveryRunUnchecked(ctx, id);
}

export async function listDiscoveryRuns(ctx: OrgContext, query: RunListQuery): Promise<DiscoveryRunPage> {
  if (!can(ctx.role, 'system.read')) throw forbidden();
  const { rows, total } = await repo.listRuns(ctx.db, ctx.org.id, query.limit, query.offset);
  return { items: rows.map(present), total };
}
