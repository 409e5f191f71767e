import canonicalize from 'canonicalize';
import { sha256Hex } from '../../lib/secrets.js';

/** The hash chain of the audit trail: pure functions, no I/O. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  orgId: string;
  seq: number;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

/** Values as JSON stores them, so a hash computed before insert matches one computed after reading back. */
export function toJsonValue(value: unknown): unknown {
  return value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown);
}

export function entryHash(prevHash: string, e: ChainedFields): string {
  const payload = canonicalize({
    orgId: e.orgId,
    seq: e.seq,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: toJsonValue(e.before),
    after: toJsonValue(e.after),
    requestId: e.requestId,
  });
  return sha256Hex(`${prevHash}\n${payload ?? ''}`);
}

export interface StoredEntry extends ChainedFields {
  id: number;
  prevHash: string;
  hash: string;
}

export interface ChainBreak {
  seq: number;
  id: number | null;
  reason: string;
}

/**
 * Checks one organisation's entries, given in seq order, against its head. Returns the first break: an altered
 * entry (its hash no longer matches), a deleted one (a gap in seq or a missing tail), or a reordered one
 * (the previous-hash link does not match).
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;

  /** Feeds the next entry; returns a break or null. */
  next(e: StoredEntry): ChainBreak | null {
    if (e.seq !== this.expectedSeq) {
      return e.seq > this.expectedSeq
        ? { seq: this.expectedSeq, id: null, reason: `entry ${this.expectedSeq} is missing (deleted)` }
        : { seq: e.seq, id: e.id, reason: `entry ${e.seq} appears twice or out of order` };
    }
    if (e.prevHash !== this.prevHash) {
      return { seq: e.seq, id: e.id, reason: `entry ${e.seq} does not link to entry ${e.seq - 1} (reordered or altered)` };
    }
    if (entryHash(e.prevHash, e) !== e.hash) {
      return { seq: e.seq, id: e.id, reason: `entry ${e.seq} was altered: its content no longer matches its hash` };
    }
    this.prevHash = e.hash;
    this.expectedSeq++;
    return null;
  }

  /** Checks the end of the chain against the head row. */
  finish(head: { seq: number; hash: string } | null): ChainBreak | null {
    const last = this.expectedSeq - 1;
    const headSeq = head?.seq ?? 0;
    if (headSeq > last) {
      return { seq: last + 1, id: null, reason: `entries ${last + 1}–${headSeq} are missing (deleted from the end)` };
    }
    if (headSeq < last) return { seq: headSeq + 1, id: null, reason: `the chain head stops at ${headSeq} but entries go on to ${last}` };
    if (head && head.hash !== this.prevHash) return { seq: last, id: null, reason: `the last entry ${last} does not match the chain head` };
    return null;
  }
}
