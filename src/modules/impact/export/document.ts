import {
  conclusionLabels,
  dppLabels,
  harmDimensionLabels,
  impactFieldLabels,
  impactStatusLabels,
  signoffDecisionLabels,
  signoffStepLabels,
} from '../labels.js';
import type { ImpactView } from '../schema.js';
import { dppIds, harmDimensions, impactTemplate, type ImpactLocale, type ImpactSectionId } from '../template.js';

/** The assessment as the exports print it: one language, plain strings, in template order. Pure: no I/O. */
export type ImpactBlock = { kind: 'field'; label: string; text: string } | { kind: 'table'; columns: string[]; rows: string[][] };

export interface ImpactDocSection {
  heading: string;
  /** "Serves: ISO/IEC 42001 6.1.4, A.5.4 · PDPO DPP1" */
  serves: string;
  blocks: ImpactBlock[];
}

export interface ImpactDocument {
  lang: ImpactLocale;
  title: string;
  headerLines: string[];
  draft: boolean;
  sections: ImpactDocSection[];
  /** file name without extension */
  baseName: string;
}

export interface ImpactDocumentSource {
  view: ImpactView;
  /** names of the applied controls the mitigations link */
  controlNames: Map<string, string>;
  orgName: string;
  orgSlug: string;
  lang: ImpactLocale;
  generatedAt: Date;
}

const day = (iso: string) => iso.slice(0, 10);

export function impactDocument(src: ImpactDocumentSource): ImpactDocument {
  const { view, lang } = src;
  const l = (key: keyof typeof impactFieldLabels) => impactFieldLabels[key][lang];
  const value = (v: string | number | undefined | null) => (v === undefined || v === null || v === '' ? l('notAnswered') : String(v));
  const field = (label: string, v: string | number | undefined | null): ImpactBlock => ({ kind: 'field', label, text: value(v) });
  const c = view.content;
  const status = view.needsReassessment ? impactStatusLabels.needs_reassessment[lang] : impactStatusLabels[view.status][lang];

  const blocksOf: Record<ImpactSectionId, () => ImpactBlock[]> = {
    system: () => [
      field(l('description'), c.system?.description),
      field(l('intendedUse'), c.system?.intendedUse),
      field(l('deploymentContext'), c.system?.deploymentContext),
    ],
    misuse: () => [field(l('description'), c.misuse?.description)],
    affected: () => [
      {
        kind: 'table',
        columns: [l('group'), l('description'), l('vulnerable')],
        rows: (c.affected?.groups ?? []).map((g) => [g.name, g.description ?? '', g.vulnerable ? l('yes') : l('no')]),
      },
      field(l('vulnerableGroupsNote'), c.affected?.vulnerableGroupsNote),
    ],
    benefits: () => [field(l('description'), c.benefits?.description)],
    harms: () => [
      {
        kind: 'table',
        columns: [l('area'), l('description'), l('severity'), l('likelihood')],
        rows: harmDimensions.map((d) => {
          const h = c.harms?.[d];
          return [harmDimensionLabels[d][lang], value(h?.description), value(h?.severity), value(h?.likelihood)];
        }),
      },
    ],
    mitigations: () => [
      {
        kind: 'table',
        columns: [l('mitigation'), l('addresses'), l('controls')],
        rows: (c.mitigations?.items ?? []).map((m) => [
          m.description,
          m.dimensions.map((d) => harmDimensionLabels[d][lang]).join(', '),
          m.controlIds.map((id) => src.controlNames.get(id) ?? id).join('\n'),
        ]),
      },
    ],
    oversight: () => [field(l('description'), c.oversight?.description)],
    transparency: () => [field(l('description'), c.transparency?.description)],
    dataProtection: () => [
      {
        kind: 'table',
        columns: [l('principle'), l('how'), l('gaps')],
        rows: dppIds.map((d) => [dppLabels[d][lang], value(c.dataProtection?.[d]?.how), c.dataProtection?.[d]?.gaps ?? '']),
      },
    ],
    consultation: () => [
      {
        kind: 'table',
        columns: [l('who'), l('when'), l('outcome')],
        rows: (c.consultation?.items ?? []).map((i) => [i.who, i.when ?? '', i.outcome ?? '']),
      },
    ],
    residual: () => [
      field(l('description'), c.residual?.description),
      field(l('severity'), c.residual?.severity),
      field(l('likelihood'), c.residual?.likelihood),
    ],
    conclusion: () => [
      field(l('decision'), c.conclusion?.decision ? conclusionLabels[c.conclusion.decision][lang] : undefined),
      ...(c.conclusion?.conditions ? [field(l('conditions'), c.conclusion.conditions)] : []),
      field(l('rationale'), c.conclusion?.rationale),
    ],
  };

  const sections: ImpactDocSection[] = impactTemplate.map((s) => ({
    heading: s.heading[lang],
    serves: [`${l('serves')}: ISO/IEC 42001 ${s.iso.join(', ')}`, s.pdpo.length ? `PDPO ${s.pdpo.join(', ')}` : '']
      .filter(Boolean)
      .join(' · '),
    blocks: blocksOf[s.id](),
  }));
  sections.push({
    heading: l('signoffs'),
    serves: `${l('serves')}: ISO/IEC 42001 8.4, A.5.3`,
    blocks: [
      {
        kind: 'table',
        columns: [l('step'), l('decision'), l('signer'), l('date'), l('note')],
        rows: view.signoffs.map((s) => [
          signoffStepLabels[s.step][lang],
          signoffDecisionLabels[s.decision][lang],
          s.signerName,
          day(s.signedAt),
          s.note ?? '',
        ]),
      },
    ],
  });

  const headerLines = [
    `${l('organisation')}: ${src.orgName}`,
    `${l('system')}: ${view.system.name}`,
    `${l('version')} ${view.versionNo} · ${l('status')}: ${status}`,
  ];
  if (view.status === 'approved' && view.approvedAt) headerLines.push(`${l('approvedAt')}: ${day(view.approvedAt)}`);
  else headerLines.push(l('draftNotice'), `${l('generatedAt')}: ${src.generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  const slugOf = (name: string) =>
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'system';
  return {
    lang,
    title: l('title'),
    headerLines,
    draft: view.status !== 'approved',
    sections,
    baseName: `${src.orgSlug}-impact-${slugOf(view.system.name)}-v${view.versionNo}-${lang}`,
  };
}
