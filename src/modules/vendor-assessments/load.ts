import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CatalogError } from '../frameworks/catalog.js';
import { zodIssues } from '../../server/validate.js';
import { questionnaireTemplate, templateProblems, type QuestionnaireTemplate } from './questionnaire.js';

export const questionnairesFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../catalogs/questionnaires');

let cached: Map<string, QuestionnaireTemplate> | undefined;

/** Reads and validates every questionnaire template once; a broken file throws with its reasons. */
export function loadQuestionnaires(folder = questionnairesFolder): Map<string, QuestionnaireTemplate> {
  if (folder === questionnairesFolder && cached) return cached;
  const out = new Map<string, QuestionnaireTemplate>();
  for (const name of fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const file = path.join(folder, name);
    const parsed = questionnaireTemplate.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success)
      throw new CatalogError(
        file,
        zodIssues(parsed.error).map((i) => `${i.path}: ${i.message}`),
      );
    const problems = templateProblems(parsed.data);
    if (out.has(parsed.data.id)) problems.push(`another file already defines ${parsed.data.id}`);
    if (problems.length) throw new CatalogError(file, problems);
    out.set(parsed.data.id, parsed.data);
  }
  if (folder === questionnairesFolder) cached = out;
  return out;
}
