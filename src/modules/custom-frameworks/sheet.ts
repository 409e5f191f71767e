import type { Table } from '../transfer/read-table.js';
import { isAimsComponent, type RequirementDraft } from './draft.js';
import { frameworkSheetColumns, type ImportProblem } from './schema.js';

/** "Title ZH", "title-zh" and "title_zh" all name the title_zh column. */
const normalise = (header: string): string =>
  header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

const yes = new Set(['true', 'yes', 'y', '1']);
const no = new Set(['false', 'no', 'n', '0']);

/**
 * The requirements of a framework spreadsheet: columns id, parent, title, description (required) and title_zh,
 * description_zh, assessable (true/false/yes/no/1/0), components (AIMS components separated by ";" or ",").
 * Problems name the row as the user sees it (the header is row 1); other columns are reported as ignored.
 */
export function draftsFromTable(table: Table): { drafts: RequirementDraft[]; problems: ImportProblem[]; ignoredColumns: string[] } {
  const known: readonly string[] = [...frameworkSheetColumns.required, ...frameworkSheetColumns.optional];
  const index = new Map<string, number>();
  const ignoredColumns: string[] = [];
  table.headers.forEach((h, i) => {
    const name = normalise(h);
    if (known.includes(name) && !index.has(name)) index.set(name, i);
    else if (h.trim()) ignoredColumns.push(h);
  });
  const missing = frameworkSheetColumns.required.filter((c) => !index.has(c));
  if (missing.length) {
    return {
      drafts: [],
      ignoredColumns,
      problems: [{ row: 1, path: null, message: `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}` }],
    };
  }
  const problems: ImportProblem[] = [];
  const drafts = table.rows.map(({ row, cells }): RequirementDraft => {
    const cell = (name: string): string => {
      const i = index.get(name);
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const at = { row, path: null };
    let assessable: boolean | null = null;
    const a = cell('assessable').toLowerCase();
    if (yes.has(a)) assessable = true;
    else if (no.has(a)) assessable = false;
    else if (a) problems.push({ row, path: null, message: `assessable must be true or false, not "${cell('assessable')}"` });
    let components: RequirementDraft['components'] = null;
    const c = cell('components');
    if (c) {
      const names = c
        .split(/[;,]/)
        .map((s) =>
          s
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_'),
        )
        .filter(Boolean);
      const unknown = names.filter((n) => !isAimsComponent(n));
      if (unknown.length) {
        problems.push({
          row,
          path: null,
          message: `Unknown component${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; use policy, inventory, risk, impact, monitoring, third_party or improvement`,
        });
      }
      components = [...new Set(names.filter(isAimsComponent))];
    }
    return {
      at,
      id: cell('id'),
      parent: cell('parent') || null,
      kind: null,
      title: cell('title'),
      titleZh: cell('title_zh') || null,
      description: cell('description') || null,
      descriptionZh: cell('description_zh') || null,
      assessable,
      components,
      weight: null,
      reference: null,
      guidance: null,
    };
  });
  return { drafts, problems, ignoredColumns };
}
