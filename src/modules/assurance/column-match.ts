/**
 * Matches a profile's sensitive attributes to a data set's column names, ignoring case, spaces, hyphens and
 * underscores, with a few synonyms (gender → sex, ethnicity → race …). Pure: the web app uses it too.
 */

const synonyms: Record<string, string[]> = {
  sex: ['gender', 'sexe'],
  maritalstatus: ['marital', 'civilstatus', 'married'],
  pregnancy: ['pregnant', 'breastfeeding', 'maternity'],
  disability: ['disabled', 'handicap', 'impairment'],
  familystatus: ['family', 'carer', 'caregiver', 'familyresponsibility'],
  race: ['ethnicity', 'ethnic', 'ethnicorigin', 'nationality'],
  age: ['agegroup', 'ageband'],
  sexualorientation: ['orientation'],
};

export const normaliseName = (s: string): string => s.toLowerCase().replace(/[\s_\-./]+/g, '');

function keysOf(attribute: string): Set<string> {
  const key = normaliseName(attribute);
  return new Set([key, ...(synonyms[key] ?? [])]);
}

export interface ColumnMatch {
  column: string;
  attribute: string;
}

/** Columns (in column order) matching an attribute; each column at most once, each attribute possibly several times. */
export function matchSensitiveColumns(
  columns: readonly string[],
  attributes: readonly string[],
): { groups: ColumnMatch[]; unmatched: string[] } {
  const keyed = attributes.map((attribute) => ({ attribute, keys: keysOf(attribute) }));
  const groups: ColumnMatch[] = [];
  const matched = new Set<string>();
  for (const column of columns) {
    const name = normaliseName(column);
    const hit = keyed.find((k) => k.keys.has(name));
    if (!hit) continue;
    groups.push({ column, attribute: hit.attribute });
    matched.add(hit.attribute);
  }
  return { groups, unmatched: attributes.filter((a) => !matched.has(a)) };
}
