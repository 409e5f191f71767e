import type { FrameworkPack } from '../frameworks/schema.js';
import { objectiveId } from './catalog.js';
import { compact, oscalString, OSCAL_VERSION, prop, stableUuid, toToken, tokenMap } from './ids.js';
import type { OscalAssessmentResultsDocument, OscalFinding, OscalObservation } from './types.js';

export interface ExportOrg {
  id: string;
  slug: string;
  name: string;
}

export interface AssessmentForExport {
  id: string;
  title: string;
  framework: string;
  frameworkVersion: string;
  status: string;
  systemName: string | null;
  version: number;
  createdAt: Date;
}

export interface EvidenceForExport {
  id: string;
  title: string;
  kind: string;
  url: string | null;
  collectedOn: string | null;
}

export interface ItemForExport {
  id: string;
  requirementId: string;
  status: string;
  statusSource: string;
  overrideReason: string | null;
  justification: string | null;
  maturity: number | null;
  notes: string | null;
  gapDescription: string | null;
  ownerName: string | null;
  dueDate: string | null;
  updatedAt: Date;
  evidence: EvidenceForExport[];
}

/** Our item statuses in OSCAL terms; not_assessed items have no finding (nothing was concluded yet). */
const outcome: Record<string, { state: 'satisfied' | 'not-satisfied'; reason: string; implementation?: string } | undefined> = {
  met: { state: 'satisfied', reason: 'pass', implementation: 'implemented' },
  partially_met: { state: 'not-satisfied', reason: 'fail', implementation: 'partial' },
  gap: { state: 'not-satisfied', reason: 'fail' },
  // OSCAL has no "not applicable" finding state; like FedRAMP we mark it satisfied with the not-applicable
  // implementation state, and keep our own status in a prop.
  not_applicable: { state: 'satisfied', reason: 'other', implementation: 'not-applicable' },
};
const statusLabel: Record<string, string> = {
  met: 'Met',
  partially_met: 'Partially met',
  gap: 'Gap',
  not_applicable: 'Not applicable',
  not_assessed: 'Not assessed',
};

/** A URL an evidence item points to, in the normalised form the uri-reference format accepts; else none. */
function evidenceHref(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).href;
  } catch {
    return undefined;
  }
}

const joinText = (...parts: (string | null | undefined)[]): string | undefined => {
  const text = parts
    .map((p) => p?.trim())
    .filter(Boolean)
    .join('\n\n');
  return text || undefined;
};

/**
 * An assessment as OSCAL 1.1.3 assessment-results: one result whose findings are the concluded requirements
 * (target: the requirement's assessment objective in our catalog export), with an observation per requirement that
 * has notes, a gap description or evidence.
 *
 * `import-ap` is required by the schema, but OpenAIMS has no separate assessment plan: the plan is the framework
 * itself. The href therefore points at a back-matter resource (`#uuid`, a reference OSCAL tools resolve inside the
 * document) that says so and links to the framework's catalog export.
 */
export function assessmentToResults(input: {
  org: ExportOrg;
  assessment: AssessmentForExport;
  items: ItemForExport[];
  pack: FrameworkPack | null;
  now: Date;
}): OscalAssessmentResultsDocument {
  const { org, assessment: a, items, pack, now } = input;
  const tokens = tokenMap(pack ? pack.requirements.map((r) => r.id) : items.map((i) => i.requirementId));
  const token = (id: string) => tokens.get(id) ?? toToken(id);
  const titles = new Map(pack?.requirements.map((r) => [r.id, r.title.en]) ?? []);
  const heading = (id: string) => (titles.has(id) ? `${id} ${titles.get(id)}` : id);
  const orgParty = stableUuid(`party/org/${org.id}`);
  const planResource = stableUuid(`assessment-plan/${a.id}`);

  const observations: OscalObservation[] = [];
  const findings: OscalFinding[] = [];
  for (const item of items) {
    const observationText = joinText(item.gapDescription && `Gap: ${item.gapDescription}`, item.notes);
    let observationUuid: string | undefined;
    if (observationText || item.evidence.length) {
      observationUuid = stableUuid(`observation/${item.id}`);
      observations.push(
        compact({
          uuid: observationUuid,
          title: heading(item.requirementId),
          description: observationText ?? `Evidence recorded for ${item.requirementId}.`,
          methods: ['EXAMINE'],
          types: ['control-objective'],
          'relevant-evidence': item.evidence.map((e) =>
            compact({
              href: evidenceHref(e.url),
              description: e.title,
              props: [...prop('evidence-kind', e.kind), ...prop('collected-on', e.collectedOn)],
            }),
          ),
          collected: item.updatedAt.toISOString(),
        }),
      );
    }
    const result = outcome[item.status];
    if (!result) continue;
    findings.push(
      compact({
        uuid: stableUuid(`finding/${item.id}`),
        title: heading(item.requirementId),
        description:
          joinText(
            item.status === 'not_applicable' ? item.justification : null,
            item.gapDescription,
            item.notes,
            item.status !== 'not_applicable' ? item.justification : null,
          ) ?? `${statusLabel[item.status]}.`,
        props: [
          { name: 'label', value: oscalString(item.requirementId) ?? item.requirementId },
          ...prop('status', item.status),
          ...prop('status-source', item.statusSource),
          ...prop('override-reason', item.overrideReason),
          ...prop('maturity', item.maturity),
          ...prop('owner', item.ownerName),
          ...prop('due-date', item.dueDate),
        ],
        target: compact({
          type: 'objective-id' as const,
          'target-id': objectiveId(token(item.requirementId)),
          status: compact({ state: result.state, reason: result.reason, remarks: statusLabel[item.status] }),
          'implementation-status': result.implementation ? { state: result.implementation } : undefined,
        }),
        'related-observations': observationUuid ? [{ 'observation-uuid': observationUuid }] : undefined,
      }),
    );
  }

  const scope = a.systemName ? `the AI system "${a.systemName}"` : 'the whole organisation';
  const reviewed = items.map((i) => ({ 'control-id': token(i.requirementId) }));
  return {
    'assessment-results': compact({
      uuid: stableUuid(`assessment-results/${a.id}`),
      metadata: {
        title: a.title,
        'last-modified': now.toISOString(),
        version: String(a.version),
        'oscal-version': OSCAL_VERSION,
        props: [
          ...prop('framework-id', a.framework),
          ...prop('framework-version', a.frameworkVersion),
          ...prop('assessment-status', a.status),
        ],
        roles: [{ id: 'prepared-by', title: 'Prepared by' }],
        parties: [{ uuid: orgParty, type: 'organization' as const, name: oscalString(org.name) ?? org.slug }],
        'responsible-parties': [{ 'role-id': 'prepared-by', 'party-uuids': [orgParty] }],
      },
      'import-ap': {
        href: `#${planResource}`,
        remarks: 'OpenAIMS keeps no separate assessment plan; see the referenced back-matter resource.',
      },
      results: [
        compact({
          uuid: stableUuid(`assessment-results/${a.id}/result`),
          title: a.title,
          description: `Assessment of ${scope} against ${pack?.title.en ?? a.framework} (${a.frameworkVersion}), exported from OpenAIMS.`,
          start: a.createdAt.toISOString(),
          props: prop('scope', a.systemName ?? 'organisation'),
          'reviewed-controls': { 'control-selections': [reviewed.length ? { 'include-controls': reviewed } : { 'include-all': {} }] },
          observations,
          findings,
        }),
      ],
      'back-matter': {
        resources: [
          {
            uuid: planResource,
            title: 'Assessment plan (implied by the framework)',
            description: `No separate plan was written: the assessment covers every assessable requirement of ${a.framework}, whose catalog is linked here.`,
            rlinks: [
              {
                href: `/api/v1/orgs/${encodeURIComponent(org.slug)}/oscal/catalog/${encodeURIComponent(a.framework)}`,
                'media-type': 'application/json',
              },
            ],
          },
        ],
      },
    }),
  };
}
