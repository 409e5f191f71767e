import type { Db } from '../../db/connect.js';
import { AppError, forbidden } from '../../server/errors.js';
import type { Actor, OrgContext } from '../../server/context.js';
import { can } from '../auth/permissions.js';
import { recordWrite } from './generations.js';
import { ChainVerifier, entryHash, toJsonValue, type ChainBreak } from './chain.js';
import * as repo from './repo.js';
import type { AuditListQuery, AuditPage } from './schema.js';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditScope {
  orgId: string;
  actor: Actor;
  requestId: string | null;
}

/**
 * Appends events to the organisation's chain inside the caller's transaction: the head row is locked until
 * commit, so concurrent writers queue and the chain never forks.
 */
export async function appendAudit(tx: Db, scope: AuditScope, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  recordWrite(scope.orgId, events);
  const head = await repo.advanceHead(tx, scope.orgId, events.length);
  let prevHash = head.hash;
  const at = new Date();
  const rows = events.map((e, i) => {
    const fields = {
      orgId: scope.orgId,
      seq: head.seq + i + 1,
      at,
      actorType: scope.actor.type,
      actorId: scope.actor.id,
      actorLabel: scope.actor.label,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      before: toJsonValue(e.before),
      after: toJsonValue(e.after),
      requestId: scope.requestId,
    };
    const hash = entryHash(prevHash, fields);
    const row = { ...fields, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await repo.insertEntries(tx, rows);
  await repo.setHeadHash(tx, scope.orgId, prevHash);
}

/** Runs `work` in a transaction that also writes its audit events: both commit, or neither. */
export async function withAudit<T>(
  ctx: Pick<OrgContext, 'db' | 'actor' | 'org' | 'requestId'>,
  work: (tx: Db, audit: (e: AuditEvent) => void) => Promise<T>,
): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const events: AuditEvent[] = [];
    const result = await work(tx as unknown as Db, (e) => events.push(e));
    await appendAudit(tx as unknown as Db, { orgId: ctx.org.id, actor: ctx.actor, requestId: ctx.requestId }, events);
    return result;
  });
}

export async function listAuditEntries(ctx: OrgContext, query: AuditListQuery): Promise<AuditPage> {
  if (!can(ctx.role, 'audit.read')) throw forbidden();
  const rows = await repo.listEntries(ctx.db, ctx.org.id, query);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      seq: r.seq,
      at: r.at.toISOString(),
      actorType: r.actorType,
      actorId: r.actorId,
      actorLabel: r.actorLabel,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      requestId: r.requestId,
      hash: r.hash,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null,
  };
}

export interface VerifyReport {
  ok: boolean;
  organisations: { slug: string; entries: number; firstBreak: ChainBreak | null }[];
}

/** Walks every organisation's chain (or one) and reports the first break in each. */
export async function verifyAuditChains(db: Db, slug?: string): Promise<VerifyReport> {
  const orgs = await repo.listOrgsWithChains(db, slug);
  if (slug && orgs.length === 0) throw new AppError('not_found', `Organisation "${slug}" not found (see \`aims orgs list\`)`);
  const organisations: VerifyReport['organisations'] = [];
  for (const org of orgs) {
    const verifier = new ChainVerifier();
    let entries = 0;
    let firstBreak: ChainBreak | null = null;
    for await (const entry of repo.streamChain(db, org.id)) {
      entries++;
      firstBreak = verifier.next(entry);
      if (firstBreak) break;
    }
    firstBreak ??= verifier.finish(await repo.readHead(db, org.id));
    organisations.push({ slug: org.slug, entries, firstBreak });
  }
  return { ok: organisations.every((o) => o.firstBreak === null), organisations };
}
