import type { CreateEvidenceInput, EvidenceKind, EvidenceView, UpdateEvidenceInput } from '@contracts/evidence/schema.js';

export interface EvidenceFormValues {
  kind: EvidenceKind;
  title: string;
  description: string;
  url: string;
  note: string;
  ownerId: string | null;
  collectedOn: string | null;
  expiresOn: string | null;
  /** only when adding a file item: its first version */
  file: File | null;
}

export const evidenceFormFields = [
  'kind',
  'title',
  'description',
  'url',
  'note',
  'ownerId',
  'collectedOn',
  'expiresOn',
  'file',
] as const satisfies readonly (keyof EvidenceFormValues)[];

export function emptyEvidenceValues(kind: EvidenceKind = 'file'): EvidenceFormValues {
  return { kind, title: '', description: '', url: '', note: '', ownerId: null, collectedOn: null, expiresOn: null, file: null };
}

export function evidenceValuesFromView(v: EvidenceView): EvidenceFormValues {
  return {
    kind: v.kind,
    title: v.title,
    description: v.description ?? '',
    url: v.url ?? '',
    note: v.note ?? '',
    ownerId: v.owner?.id ?? null,
    collectedOn: v.collectedOn,
    expiresOn: v.expiresOn,
    file: null,
  };
}

/** The payload of a new item; a link keeps no note text and a note no address, so that hidden fields never linger. */
export function evidencePayload(v: EvidenceFormValues): CreateEvidenceInput {
  return {
    kind: v.kind,
    title: v.title,
    description: v.description || null,
    url: v.kind === 'link' ? v.url.trim() || null : null,
    note: v.kind === 'note' ? v.note || null : null,
    ownerId: v.ownerId || null,
    collectedOn: v.collectedOn || null,
    expiresOn: v.expiresOn || null,
  };
}

/** Only the changed fields, with the version the editor started from (a stale one answers 409). */
export function evidenceChanges(initial: EvidenceFormValues, current: EvidenceFormValues, version: number): UpdateEvidenceInput {
  const before = evidencePayload(initial) as Record<string, unknown>;
  const after = evidencePayload(current) as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (key === 'kind') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = after[key];
  }
  return { ...(changes as UpdateEvidenceInput), version };
}

/** File sizes as people read them. */
export function formatBytes(size: number, language: string): string {
  const fmt = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  if (size < 1024) return `${fmt.format(size)} B`;
  if (size < 1024 * 1024) return `${fmt.format(size / 1024)} KB`;
  return `${fmt.format(size / (1024 * 1024))} MB`;
}
