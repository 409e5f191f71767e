import type { FrameworkPack, Requirement } from '../frameworks/schema.js';
import { compact, OPENAIMS_NS, oscalString, OSCAL_VERSION, prop, stableUuid, tokenMap, type OscalProp } from './ids.js';
import type { OscalCatalogDocument, OscalControl, OscalGroup, OscalPart } from './types.js';

/** Names of our props and parts (namespace OPENAIMS_NS), shared with the importer so a round trip loses nothing. */
export const catalogNames = {
  assessable: 'assessable',
  weight: 'weight',
  component: 'aims-component',
  reference: 'reference',
  frameworkId: 'framework-id',
  frameworkKind: 'framework-kind',
  translation: 'translation',
  title: 'title',
} as const;
export const ZH_HK = 'zh-HK';

/** The objective part of a requirement's control, which assessment-results findings target. */
export const objectiveId = (token: string): string => `${token}_obj`;

/** Stable uuid of a pack's catalog: the same pack and version always export under the same uuid. */
export const catalogUuid = (pack: Pick<FrameworkPack, 'id' | 'version'>): string => stableUuid(`catalog/${pack.id}/${pack.version}`);

/**
 * A framework pack as an OSCAL 1.1.3 catalog. Requirements nest as in the pack: a requirement that is not assessable
 * and has children becomes a group (while its parent is a group too, since OSCAL groups cannot sit inside controls);
 * every other requirement becomes a control. The original id travels in the standard `label` prop (OSCAL ids must
 * be tokens, see `toToken`) and the pack order in `sort-id`; kind is the class; our own facts (assessable, weight,
 * AIMS components, reference) are props in our namespace; the English paraphrase is the `statement` part and the
 * Traditional Chinese title and paraphrase a `translation` part in our namespace with class zh-HK.
 */
export function packToCatalog(pack: FrameworkPack, { now }: { now: Date }): OscalCatalogDocument {
  const tokens = tokenMap(pack.requirements.map((r) => r.id));
  const children = new Map<string | null, Requirement[]>();
  for (const r of pack.requirements) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
  const order = new Map(pack.requirements.map((r, i) => [r.id, i]));
  const width = String(pack.requirements.length).length;

  const common = (r: Requirement) => {
    const token = tokens.get(r.id)!;
    const props: OscalProp[] = [
      { name: 'label', value: oscalString(r.id) ?? r.id },
      { name: 'sort-id', value: String(order.get(r.id) ?? 0).padStart(width, '0') },
      ...prop(catalogNames.assessable, r.assessable),
      ...prop(catalogNames.weight, r.weight),
      ...r.components.flatMap((c) => prop(catalogNames.component, c)),
      ...prop(catalogNames.reference, r.reference),
    ];
    const parts: OscalPart[] = [];
    if (r.paraphrase) parts.push({ id: `${token}_smt`, name: 'statement', prose: r.paraphrase.en });
    if (r.guidance) parts.push({ id: `${token}_gdn`, name: 'guidance', prose: r.guidance });
    if (r.assessable) {
      parts.push({
        id: objectiveId(token),
        name: 'assessment-objective',
        prose: `Determine whether the organisation meets ${r.id}: ${r.title.en}`,
      });
    }
    parts.push(
      compact({
        id: `${token}_zh-HK`,
        name: catalogNames.translation,
        ns: OPENAIMS_NS,
        class: ZH_HK,
        title: r.title[ZH_HK],
        prose: r.paraphrase?.[ZH_HK],
      }),
    );
    return {
      id: token,
      class: r.kind,
      title: r.title.en,
      props,
      links: [{ href: pack.source.url, rel: 'reference', text: r.reference }],
      parts,
    };
  };

  const isGroup = (r: Requirement, parentIsGroup: boolean) => parentIsGroup && !r.assessable && (children.get(r.id)?.length ?? 0) > 0;

  const control = (r: Requirement): OscalControl => compact({ ...common(r), controls: (children.get(r.id) ?? []).map(control) });
  const group = (r: Requirement): OscalGroup => {
    const kids = children.get(r.id) ?? [];
    return compact({
      ...common(r),
      groups: kids.filter((k) => isGroup(k, true)).map(group),
      controls: kids.filter((k) => !isGroup(k, true)).map(control),
    });
  };
  const roots = children.get(null) ?? [];
  const publisher = stableUuid(`party/${pack.publisher}`);

  return {
    catalog: compact({
      uuid: catalogUuid(pack),
      metadata: {
        title: pack.title.en,
        'last-modified': now.toISOString(),
        version: oscalString(pack.version) ?? '1',
        'oscal-version': OSCAL_VERSION,
        props: [
          ...prop(catalogNames.frameworkId, pack.id),
          ...prop(catalogNames.frameworkKind, pack.kind),
          ...prop(catalogNames.title, pack.title[ZH_HK], { class: ZH_HK }),
        ],
        links: [{ href: pack.source.url, rel: 'source', text: pack.source.title }],
        roles: [{ id: 'creator', title: 'Publisher of the framework' }],
        parties: [{ uuid: publisher, type: 'organization', name: oscalString(pack.publisher) ?? pack.publisher }],
        'responsible-parties': [{ 'role-id': 'creator', 'party-uuids': [publisher] }],
        remarks:
          'Exported by OpenAIMS. Statements are OpenAIMS paraphrases in plain language, not the text of the source, which remains with its publisher.',
      },
      groups: roots.filter((r) => isGroup(r, true)).map(group),
      controls: roots.filter((r) => !isGroup(r, true)).map(control),
    }),
  };
}
