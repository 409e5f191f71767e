import canonicalize from 'canonicalize';
import { sha256Hex } from '../../lib/secrets.js';
import { toJsonValue } from '../audit-log/chain.js';
import type { FrameworkPack } from '../frameworks/schema.js';
import type { ImplementationStatus, OrgFacts, SoaEntryView, SoaStatementEntry } from './schema.js';
import { suggestFor } from './suggest.js';

/** Assembles the statement from the catalogue and the organisation's rows. Pure: no I/O. */

export interface AnnexControl {
  ref: string;
  objective: { ref: string; title: { en: string; 'zh-HK': string } };
  title: { en: string; 'zh-HK': string };
}

/** The Annex A controls of the pack, grouped by objective in the pack's objective order. */
export function annexControls(pack: FrameworkPack): AnnexControl[] {
  const objectives = pack.requirements.filter((r) => r.kind === 'objective');
  return objectives.flatMap((o) =>
    pack.requirements
      .filter((r) => r.kind === 'control' && r.parent === o.id)
      .map((r) => ({ ref: r.id, objective: { ref: o.id, title: o.title }, title: r.title })),
  );
}

/** What the linked applied controls say about implementation; null when none is linked. */
export function derivedStatus(statuses: readonly string[]): ImplementationStatus | null {
  if (statuses.length === 0) return null;
  if (statuses.every((s) => s === 'implemented')) return 'implemented';
  if (statuses.some((s) => s === 'implemented' || s === 'in_progress')) return 'in_progress';
  if (statuses.some((s) => s === 'planned')) return 'planned';
  return 'not_started';
}

export interface EntryRecord {
  applicable: boolean | null;
  justification: string | null;
  implementationStatus: string;
  ownerId: string | null;
  version: number;
  updatedAt: Date;
}

export interface StatementInput {
  controls: AnnexControl[];
  entries: Map<string, EntryRecord>;
  linkedControls: Map<string, { id: string; name: string; status: string }[]>;
  linkedEvidence: Map<string, { id: string; title: string; expiresOn: string | null }[]>;
  memberNames: Map<string, string>;
  facts: OrgFacts;
  canUpdate: boolean;
}

export function buildEntries(input: StatementInput): SoaEntryView[] {
  return input.controls.map((c) => {
    const entry = input.entries.get(c.ref);
    const controls = input.linkedControls.get(c.ref) ?? [];
    const ownerId = entry?.ownerId ?? null;
    return {
      controlRef: c.ref,
      objective: c.objective,
      title: c.title,
      applicable: entry?.applicable ?? null,
      justification: entry?.justification ?? null,
      implementationStatus: (entry?.implementationStatus ?? 'not_started') as ImplementationStatus,
      owner: ownerId ? { id: ownerId, name: input.memberNames.get(ownerId) ?? ownerId } : null,
      controls,
      evidence: input.linkedEvidence.get(c.ref) ?? [],
      derivedImplementationStatus: derivedStatus(controls.map((x) => x.status)),
      suggestion: suggestFor(c.ref, input.facts),
      version: entry?.version ?? 0,
      updatedAt: entry?.updatedAt.toISOString() ?? null,
      can: { update: input.canUpdate },
    };
  });
}

/** The part of a working entry that an approved version freezes. */
export function statementEntry(e: SoaStatementEntry): SoaStatementEntry {
  return {
    controlRef: e.controlRef,
    objective: e.objective,
    title: e.title,
    applicable: e.applicable,
    justification: e.justification,
    implementationStatus: e.implementationStatus,
    owner: e.owner,
    controls: e.controls.map(({ id, name, status }) => ({ id, name, status })),
    evidence: e.evidence.map(({ id, title, expiresOn }) => ({ id, title, expiresOn })),
  };
}

/** SHA-256 of the snapshot's RFC 8785 canonical JSON (as JSON stores it, so it matches after a round trip). */
export function snapshotHash(snapshot: unknown): string {
  return sha256Hex(canonicalize(toJsonValue(snapshot)) ?? '');
}
