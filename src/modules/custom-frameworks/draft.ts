import { structuralProblems } from '../frameworks/catalog.js';
import { aimsComponents, frameworkPack, requirementKinds, type AimsComponent, type FrameworkPack } from '../frameworks/schema.js';
import type { ImportProblem } from './schema.js';

/** Where a requirement came from, for error messages: a spreadsheet row or a place in an OSCAL document. */
export interface Origin {
  row: number | null;
  path: string | null;
}

/** A requirement as read from a file, before defaults and checks. `null` means "not given: use the default". */
export interface RequirementDraft {
  at: Origin;
  id: string;
  parent: string | null;
  kind: (typeof requirementKinds)[number] | null;
  title: string;
  titleZh: string | null;
  description: string | null;
  descriptionZh: string | null;
  assessable: boolean | null;
  components: AimsComponent[] | null;
  weight: number | null;
  reference: string | null;
  guidance: string | null;
}

export interface PackDraft {
  id: string;
  title: string;
  titleZh: string | null;
  version: string;
  kind: FrameworkPack['kind'];
  publisher: string;
  source: { title: string; url: string };
  requirements: RequirementDraft[];
}

/**
 * The AIMS component an imported assessable requirement serves when the file does not say (the pack schema wants at
 * least one). "policy": an imported framework's duties are most often governance commitments, and the policy area
 * is where an organisation reviews duties it has not yet mapped; a `components` column (or our OSCAL props) sets
 * the real ones.
 */
export const DEFAULT_COMPONENTS: AimsComponent[] = ['policy'];
/** The middle of the 1–3 scale, when the file gives no weight. */
export const DEFAULT_WEIGHT = 2;
/** More requirements than any real framework has; the whole pack is kept in one JSON value. */
export const MAX_REQUIREMENTS = 5000;

export const isAimsComponent = (s: string): s is AimsComponent => (aimsComponents as readonly string[]).includes(s);
export const isRequirementKind = (s: string): s is (typeof requirementKinds)[number] => (requirementKinds as readonly string[]).includes(s);

const problem = (at: Origin, message: string): ImportProblem => ({ row: at.row, path: at.path, message });
const where = (at: Origin): string => (at.row !== null ? `row ${at.row}` : (at.path ?? '?'));

/** Every structural problem of the drafts: empty or long ids and titles, duplicates, missing parents, cycles. */
export function draftProblems(drafts: RequirementDraft[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  if (drafts.length === 0) problems.push({ row: null, path: null, message: 'The file holds no requirements' });
  if (drafts.length > MAX_REQUIREMENTS) {
    problems.push({
      row: null,
      path: null,
      message: `The file holds ${drafts.length} requirements; at most ${MAX_REQUIREMENTS} can be imported`,
    });
  }
  const first = new Map<string, RequirementDraft>();
  for (const d of drafts) {
    if (!d.id) problems.push(problem(d.at, 'The id is empty'));
    else if (d.id.length > 64) problems.push(problem(d.at, `The id "${d.id.slice(0, 20)}…" is longer than 64 characters`));
    if (!d.title.trim()) problems.push(problem(d.at, `The title of "${d.id}" is empty`));
    if (d.parent !== null && d.parent.length > 64) problems.push(problem(d.at, 'The parent id is longer than 64 characters'));
    if (!d.id) continue;
    const earlier = first.get(d.id);
    if (earlier) problems.push(problem(d.at, `The id "${d.id}" is used twice (also on ${where(earlier.at)})`));
    else first.set(d.id, d);
  }
  for (const d of drafts) {
    if (d.parent !== null && !first.has(d.parent))
      problems.push(problem(d.at, `The parent "${d.parent}" of "${d.id}" is not an id in this file`));
  }
  problems.push(...cycleProblems(first));
  return problems;
}

/** Each cycle of parent links once, named in order: "A (row 3) → B (row 4) → A". */
function cycleProblems(byId: Map<string, RequirementDraft>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const done = new Set<string>();
  for (const start of byId.keys()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let at: string | null = start;
    while (at !== null && byId.has(at) && !done.has(at)) {
      if (onPath.has(at)) {
        const cycle = path.slice(onPath.get(at));
        const head = byId.get(cycle[0]!)!;
        const named = cycle.map((id) => `"${id}" (${where(byId.get(id)!.at)})`).join(' → ');
        problems.push(problem(head.at, `These requirements are each other's ancestors (a cycle): ${named} → "${cycle[0]}"`));
        break;
      }
      onPath.set(at, path.length);
      path.push(at);
      at = byId.get(at)!.parent;
    }
    for (const id of path) done.add(id);
  }
  return problems;
}

/**
 * The drafts as a framework pack, with defaults: a requirement is assessable when it has no children (unless the
 * file says), kind "control" or "group" accordingly, DEFAULT_COMPONENTS and DEFAULT_WEIGHT, and a Traditional
 * Chinese title and paraphrase that fall back to the English when the file has none (the pack schema is bilingual;
 * showing the English is better than showing nothing).
 */
export function buildPack(draft: PackDraft): { pack: FrameworkPack; problems: [] } | { pack: null; problems: ImportProblem[] } {
  const problems = draftProblems(draft.requirements);
  if (problems.length) return { pack: null, problems };
  const parents = new Set(draft.requirements.map((d) => d.parent).filter((p) => p !== null));
  const candidate = {
    id: draft.id,
    version: draft.version,
    kind: draft.kind,
    title: { en: draft.title, 'zh-HK': draft.titleZh?.trim() || draft.title },
    publisher: draft.publisher,
    source: draft.source,
    requirements: draft.requirements.map((d) => {
      const assessable = d.assessable ?? !parents.has(d.id);
      const description = d.description?.trim() || null;
      return {
        id: d.id,
        parent: d.parent,
        kind: d.kind ?? (assessable ? 'control' : 'group'),
        title: { en: d.title.trim(), 'zh-HK': d.titleZh?.trim() || d.title.trim() },
        paraphrase: description ? { en: description, 'zh-HK': d.descriptionZh?.trim() || description } : null,
        assessable,
        components: d.components ?? (assessable ? DEFAULT_COMPONENTS : []),
        weight: d.weight ?? DEFAULT_WEIGHT,
        reference: d.reference?.trim() || `${draft.title}, ${d.id}`,
        guidance: d.guidance?.trim() || null,
      };
    }),
  };
  const parsed = frameworkPack.safeParse(candidate);
  if (!parsed.success) {
    return {
      pack: null,
      problems: parsed.error.issues.map((issue) => {
        const [top, index, ...rest] = issue.path;
        const d = top === 'requirements' && typeof index === 'number' ? draft.requirements[index] : undefined;
        const field = (d ? rest : issue.path).join('.');
        const message = issue.message;
        return d
          ? problem(d.at, `${d.id}: ${field ? `${field}: ` : ''}${message}`)
          : { row: null, path: field || null, message: `${field ? `${field}: ` : ''}${message}` };
      }),
    };
  }
  const leftover = structuralProblems(parsed.data);
  if (leftover.length) return { pack: null, problems: leftover.map((message) => ({ row: null, path: null, message })) };
  return { pack: parsed.data, problems: [] };
}
