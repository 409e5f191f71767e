import { z } from 'zod';
import { catalogNames, ZH_HK } from '../oscal/catalog.js';
import { OPENAIMS_NS } from '../oscal/ids.js';
import { AppError } from '../../server/errors.js';
import type { FrameworkPack } from '../frameworks/schema.js';
import { isAimsComponent, isRequirementKind, type PackDraft, type RequirementDraft } from './draft.js';
import type { ImportProblem } from './schema.js';

/** OSCAL's seven models by root key, named for the message that refuses anything but a catalog. */
const oscalModels: Record<string, string> = {
  catalog: 'a catalog',
  profile: 'a profile',
  'component-definition': 'a component definition',
  'system-security-plan': 'a system security plan',
  'assessment-plan': 'an assessment plan',
  'assessment-results': 'an assessment-results document',
  'plan-of-action-and-milestones': 'a plan of action and milestones',
};

/* Only what the import reads; everything else in the catalog is allowed and ignored. */
const prop = z.object({ name: z.string(), value: z.string(), ns: z.string().optional(), class: z.string().optional() });
const link = z.object({ href: z.string(), rel: z.string().optional(), text: z.string().optional() });
interface Part {
  name: string;
  ns?: string | undefined;
  class?: string | undefined;
  title?: string | undefined;
  prose?: string | undefined;
  parts?: Part[] | undefined;
}
const part: z.ZodType<Part> = z.lazy(() =>
  z.object({
    name: z.string(),
    ns: z.string().optional(),
    class: z.string().optional(),
    title: z.string().optional(),
    prose: z.string().optional(),
    parts: z.array(part).optional(),
  }),
);
interface Node {
  id?: string | undefined;
  class?: string | undefined;
  title: string;
  props?: z.infer<typeof prop>[] | undefined;
  links?: z.infer<typeof link>[] | undefined;
  parts?: Part[] | undefined;
  groups?: Node[] | undefined;
  controls?: Node[] | undefined;
}
const node: z.ZodType<Node> = z.lazy(() =>
  z.object({
    id: z.string().optional(),
    class: z.string().optional(),
    title: z.string(),
    props: z.array(prop).optional(),
    links: z.array(link).optional(),
    parts: z.array(part).optional(),
    groups: z.array(node).optional(),
    controls: z.array(node).optional(),
  }),
);
const catalogDocument = z.object({
  catalog: z.object({
    metadata: z.object({
      title: z.string().trim().min(1),
      version: z.string().optional(),
      props: z.array(prop).optional(),
      links: z.array(link).optional(),
      parties: z.array(z.object({ name: z.string().optional() })).optional(),
    }),
    groups: z.array(node).optional(),
    controls: z.array(node).optional(),
  }),
});

/** Parses the uploaded bytes as JSON and refuses, with a clear reason, anything that is not an OSCAL catalog. */
export function readOscalCatalog(body: Buffer): z.infer<typeof catalogDocument> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (err) {
    throw new AppError('unprocessable', `The file is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new AppError('unprocessable', 'The file is not an OSCAL document: expected a JSON object with a "catalog" key');
  }
  const model = Object.keys(json).find((k) => k in oscalModels);
  if (!model) throw new AppError('unprocessable', 'The file is not an OSCAL document: expected a JSON object with a "catalog" key');
  if (model !== 'catalog') throw new AppError('unprocessable', `This OSCAL document is ${oscalModels[model]}, not a catalog`);
  const parsed = catalogDocument.safeParse(json);
  if (!parsed.success) {
    throw new AppError('unprocessable', 'The OSCAL catalog cannot be read', {
      issues: parsed.error.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return parsed.data;
}

const ours = (p: { ns?: string | undefined }) => p.ns === OPENAIMS_NS;
/** The text of a part and its sub-parts, in order (NIST statements nest their items). */
const proseOf = (p: Part): string => [p.prose?.trim(), ...(p.parts ?? []).map(proseOf)].filter((s): s is string => !!s).join('\n');

/**
 * A catalog's groups and controls as requirement drafts, nested as in the document. A node's id is its `label` prop
 * when it has one (our exports keep the original id there), else its OSCAL id; our namespaced props and the zh-HK
 * translation part restore what an OpenAIMS export wrote, so a round trip keeps the pack. Other catalogs get
 * defaults: controls assessable, groups not.
 */
export function draftsFromCatalog(doc: z.infer<typeof catalogDocument>): { drafts: RequirementDraft[]; problems: ImportProblem[] } {
  const drafts: { draft: RequirementDraft; sort: string | null }[] = [];
  const problems: ImportProblem[] = [];
  const walk = (n: Node, isGroup: boolean, parent: string | null, path: string) => {
    const props = n.props ?? [];
    const ourProp = (name: string) => props.filter((p) => ours(p) && p.name === name).map((p) => p.value.trim());
    const label = props.find((p) => p.name === 'label' && (!p.ns || p.ns.startsWith('http://csrc.nist.gov/ns/oscal')))?.value.trim();
    const id = label || n.id?.trim() || `group-${drafts.length + 1}`;
    const parts = n.parts ?? [];
    const statement = parts.find((p) => p.name === 'statement' && !p.ns);
    const translation = parts.find((p) => ours(p) && p.name === catalogNames.translation && p.class === ZH_HK);
    const guidance = parts.find((p) => p.name === 'guidance' && !p.ns);
    const assessableProp = ourProp(catalogNames.assessable)[0];
    const weight = Number(ourProp(catalogNames.weight)[0]);
    const componentValues = ourProp(catalogNames.component);
    const unknownComponents = componentValues.filter((c) => !isAimsComponent(c));
    if (unknownComponents.length) problems.push({ row: null, path, message: `Unknown AIMS component ${unknownComponents.join(', ')}` });
    drafts.push({
      sort: props.find((p) => p.name === 'sort-id' && !p.ns)?.value ?? null,
      draft: {
        at: { row: null, path: `${path} (${id})` },
        id,
        parent,
        kind: n.class && isRequirementKind(n.class) ? n.class : null,
        title: n.title,
        titleZh: translation?.title?.trim() || null,
        description: statement ? proseOf(statement) || null : null,
        descriptionZh: translation?.prose?.trim() || null,
        assessable: assessableProp === 'true' ? true : assessableProp === 'false' ? false : !isGroup,
        components: componentValues.length ? componentValues.filter(isAimsComponent) : null,
        weight: Number.isInteger(weight) && weight >= 1 && weight <= 3 ? weight : null,
        reference: ourProp(catalogNames.reference)[0] ?? n.links?.find((l) => l.rel === 'reference' && l.text?.trim())?.text ?? null,
        guidance: guidance ? proseOf(guidance) || null : null,
      },
    });
    (n.groups ?? []).forEach((g, i) => walk(g, true, id, `${path}.groups[${i}]`));
    (n.controls ?? []).forEach((c, i) => walk(c, false, id, `${path}.controls[${i}]`));
  };
  (doc.catalog.groups ?? []).forEach((g, i) => walk(g, true, null, `catalog.groups[${i}]`));
  (doc.catalog.controls ?? []).forEach((c, i) => walk(c, false, null, `catalog.controls[${i}]`));
  // Our exports number every requirement (sort-id) so the pack order survives OSCAL's groups-then-controls layout.
  if (drafts.length && drafts.every((d) => d.sort !== null)) drafts.sort((a, b) => (a.sort! < b.sort! ? -1 : a.sort! > b.sort! ? 1 : 0));
  return { drafts: drafts.map((d) => d.draft), problems };
}

/** The pack-level facts of a catalog, with the fields the user gave winning. */
export function catalogPackFields(
  doc: z.infer<typeof catalogDocument>,
  fields: { id?: string | undefined; title?: string | undefined; version?: string | undefined },
  fallbackPublisher: string,
): Omit<PackDraft, 'requirements'> {
  const m = doc.catalog.metadata;
  const props = m.props ?? [];
  const ourProp = (name: string) => props.find((p) => ours(p) && p.name === name);
  const kind = ourProp(catalogNames.frameworkKind)?.value;
  const source = m.links?.find((l) => l.rel === 'source' && URL.canParse(l.href)) ?? m.links?.find((l) => URL.canParse(l.href));
  const title = fields.title ?? m.title.trim();
  const id = fields.id ?? ourProp(catalogNames.frameworkId)?.value ?? slugOf(title);
  return {
    id,
    title,
    titleZh: fields.title ? null : (props.find((p) => ours(p) && p.name === catalogNames.title && p.class === ZH_HK)?.value ?? null),
    version: fields.version ?? (m.version?.trim() || '1'),
    kind: (['standard', 'law', 'regulation', 'guidance', 'framework'] as const).find((k) => k === kind) ?? 'framework',
    publisher: m.parties?.find((p) => p.name?.trim())?.name?.trim() ?? fallbackPublisher,
    source: source ? { title: source.text?.trim() || title, url: source.href } : { title, url: `urn:openaims:import:${id}` },
  };
}

/** A framework id from a title: "Acme AI Policy 2025" → "acme-ai-policy-2025". */
export function slugOf(title: string): FrameworkPack['id'] {
  return (
    title
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 64)
      .replace(/-+$/, '') || 'imported-framework'
  );
}
