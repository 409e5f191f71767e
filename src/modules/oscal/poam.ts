import type { FrameworkPack } from '../frameworks/schema.js';
import type { ExportOrg } from './assessment-results.js';
import { compact, endOfDay, oscalString, OSCAL_VERSION, prop, stableUuid } from './ids.js';
import type { OscalPoamDocument, OscalPoamItem, OscalRisk } from './types.js';

export interface ActionForExport {
  id: string;
  framework: string | null;
  requirementId: string | null;
  title: string;
  description: string | null;
  ownerName: string | null;
  dueDate: string | null;
  status: string;
  computedPriority: number;
  priorityOverride: number | null;
  updatedAt: Date;
}

/** Our action statuses as OSCAL risk statuses (a token; these four are in OSCAL's suggested list). */
const riskStatus: Record<string, string> = { open: 'open', in_progress: 'remediating', done: 'closed', cancelled: 'closed' };

/**
 * Remediation actions as an OSCAL 1.1.3 plan of action and milestones. Each action is a poam-item; an action tied
 * to a requirement also gets a risk ("this requirement is not met") that the item relates to, carrying the
 * deadline. OSCAL requires at least one poam-item: with no actions the plan holds one item that says so.
 */
export function actionsToPoam(input: {
  org: ExportOrg;
  actions: ActionForExport[];
  /** the framework the export is limited to, if any */
  framework: FrameworkPack | null;
  /** packs to name requirements by, by framework id */
  packs: Map<string, FrameworkPack>;
  now: Date;
}): OscalPoamDocument {
  const { org, actions, framework, packs, now } = input;
  const requirementTitle = (fw: string, id: string) => packs.get(fw)?.requirements.find((r) => r.id === id)?.title.en;
  const risks: OscalRisk[] = [];
  const items: OscalPoamItem[] = actions.map((a) => {
    const priority = a.priorityOverride ?? a.computedPriority;
    let riskUuid: string | undefined;
    if (a.framework && a.requirementId) {
      riskUuid = stableUuid(`risk/${a.id}`);
      const title = requirementTitle(a.framework, a.requirementId);
      risks.push(
        compact({
          uuid: riskUuid,
          title: `${a.requirementId}${title ? ` ${title}` : ''} is not fully met`,
          description: `Requirement ${a.requirementId} of ${packs.get(a.framework)?.title.en ?? a.framework} needs remediation.`,
          statement: a.description?.trim() || a.title,
          status: riskStatus[a.status] ?? 'open',
          props: [...prop('framework-id', a.framework), { name: 'label', value: oscalString(a.requirementId) ?? a.requirementId }],
          deadline: a.dueDate ? endOfDay(a.dueDate) : undefined,
        }),
      );
    }
    return compact({
      uuid: stableUuid(`poam-item/${a.id}`),
      title: a.title,
      description: a.description?.trim() || a.title,
      props: [
        ...prop('priority', priority),
        ...prop('computed-priority', a.computedPriority),
        ...prop('priority-override', a.priorityOverride),
        ...prop('status', a.status),
        ...prop('owner', a.ownerName),
        ...prop('due-date', a.dueDate),
        ...prop('framework-id', a.framework),
        ...prop('requirement', a.requirementId),
      ],
      'related-risks': riskUuid ? [{ 'risk-uuid': riskUuid }] : undefined,
    });
  });
  if (items.length === 0) {
    items.push({
      uuid: stableUuid(`poam/${org.id}/${framework?.id ?? '*'}/empty`),
      title: 'No remediation actions',
      description: 'No remediation actions were recorded for this scope when the plan was exported.',
      props: prop('placeholder', true),
    });
  }
  const latest = actions.reduce<Date | null>((m, a) => (!m || a.updatedAt > m ? a.updatedAt : m), null);
  const orgParty = stableUuid(`party/org/${org.id}`);
  return {
    'plan-of-action-and-milestones': compact({
      uuid: stableUuid(`poam/${org.id}/${framework?.id ?? '*'}`),
      metadata: {
        title: `Plan of action and milestones: ${oscalString(org.name) ?? org.slug}${framework ? ` (${framework.title.en})` : ''}`,
        'last-modified': now.toISOString(),
        // the newest change to any action: unchanged actions export under the same version
        version: latest ? latest.toISOString() : '0',
        'oscal-version': OSCAL_VERSION,
        props: framework ? prop('framework-id', framework.id) : [],
        roles: [{ id: 'prepared-for', title: 'Prepared for' }],
        parties: [{ uuid: orgParty, type: 'organization' as const, name: oscalString(org.name) ?? org.slug }],
        'responsible-parties': [{ 'role-id': 'prepared-for', 'party-uuids': [orgParty] }],
      },
      'system-id': { 'identifier-type': 'https://ietf.org/rfc/rfc4122', id: orgParty },
      risks,
      'poam-items': items,
    }),
  };
}
