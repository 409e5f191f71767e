import {
  appliedControlStatusLabels,
  applicabilityLabel,
  implementationStatusLabels,
  soaColumnLabels,
  soaDocumentLabels,
  type SoaColumn,
  type SoaLocale,
} from '../labels.js';
import type { SoaSnapshot, SoaVersionSummary } from '../schema.js';

/**
 * The statement as the exports print it: one language, plain strings. Pure: no I/O.
 * The column order is fixed, the same in every format: Control, Objective, Title, Applicable, Justification,
 * Implementation status, Owner, Linked controls, Evidence.
 */
export const soaColumns = [
  'control',
  'objective',
  'title',
  'applicable',
  'justification',
  'implementationStatus',
  'owner',
  'controls',
  'evidence',
] as const satisfies readonly SoaColumn[];

export interface SoaDocument {
  lang: SoaLocale;
  title: string;
  /** organisation, framework and either "Draft — not approved" or version, approver and date */
  headerLines: string[];
  draft: boolean;
  columns: string[];
  rows: string[][];
  /** file name without extension */
  baseName: string;
}

export interface DocumentSource {
  orgName: string;
  orgSlug: string;
  entries: SoaSnapshot['entries'];
  approval: SoaVersionSummary | null;
  lang: SoaLocale;
  generatedAt: Date;
}

const day = (iso: string) => iso.slice(0, 10);

export function soaDocument(src: DocumentSource): SoaDocument {
  const { lang } = src;
  const l = (key: keyof typeof soaDocumentLabels) => soaDocumentLabels[key][lang];
  const headerLines = [`${l('organisation')}: ${src.orgName}`, l('framework')];
  if (src.approval) {
    headerLines.push(
      `${l('version')} ${src.approval.versionNo}`,
      `${l('approvedBy')}: ${src.approval.approverName}`,
      `${l('approvedAt')}: ${day(src.approval.approvedAt)}`,
    );
    if (src.approval.note) headerLines.push(`${l('note')}: ${src.approval.note}`);
  } else {
    headerLines.push(l('draft'), `${l('generatedAt')}: ${src.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  }
  const rows = src.entries.map((e) => [
    e.controlRef,
    `${e.objective.ref} ${e.objective.title[lang]}`,
    e.title[lang],
    applicabilityLabel(e.applicable, lang),
    e.justification ?? '',
    implementationStatusLabels[e.implementationStatus][lang],
    e.owner?.name ?? '',
    e.controls.map((c) => `${c.name} (${appliedControlStatusLabels[c.status]?.[lang] ?? c.status})`).join('\n'),
    e.evidence.map((x) => (x.expiresOn ? `${x.title} (${l('expires')} ${x.expiresOn})` : x.title)).join('\n'),
  ]);
  const suffix = src.approval ? `v${src.approval.versionNo}` : 'draft';
  return {
    lang,
    title: l('title'),
    headerLines,
    draft: !src.approval,
    columns: soaColumns.map((c) => soaColumnLabels[c][lang]),
    rows,
    baseName: `${src.orgSlug}-soa-${suffix}-${lang}`,
  };
}
