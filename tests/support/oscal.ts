import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * Validation of our OSCAL exports against NIST's OSCAL 1.1.3 JSON schemas. The schemas live beside the project
 * (`../shared/oscal`), not in it: `oscalSchemasAbsent` tells the tests to skip, with a message, where they are missing.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const oscalDir = path.resolve(repoRoot, '../shared/oscal');
export const oscalSchemasAbsent = !fs.existsSync(path.join(oscalDir, 'schema-1.1.3', 'oscal_complete_schema.json'));
export const SKIP_MESSAGE = `OSCAL schemas not found at ${oscalDir} (NIST OSCAL 1.1.3 JSON schemas); skipping validation`;

export type OscalModel = 'catalog' | 'profile' | 'assessment-results' | 'plan-of-action-and-milestones' | 'complete';
const files: Record<OscalModel, string> = {
  catalog: 'oscal_catalog_schema.json',
  profile: 'oscal_profile_schema.json',
  'assessment-results': 'oscal_assessment-results_schema.json',
  'plan-of-action-and-milestones': 'oscal_poam_schema.json',
  complete: 'oscal_complete_schema.json',
};

// ajv-formats is CommonJS: the ESM default import is its module.exports, which carries the plugin as `.default` too.
const addFormats = addFormatsModule.default;

const compiled = new Map<OscalModel, ValidateFunction>();

/**
 * One Ajv instance per schema file (each file defines the same `#/definitions/...` names under its own $id).
 * Options, each on purpose:
 * - `strict: true`: every strict check stays on (unknown keywords, ambiguous types, `required` naming undefined
 *   properties); NIST's 1.1.3 schemas pass all of them, so nothing is loosened.
 * - `unicodeRegExp: true` (Ajv's default, stated because the schemas depend on it): patterns compile with the `u`
 *   flag, which the `\p{L}` / `\p{N}` classes of OSCAL's token and string types need.
 * - `allErrors: true`: report every problem of a document, so a failing test lists them all.
 * - `ajv-formats`: adds `date-time`, `uri`, `uri-reference` and `email`; without it strict Ajv refuses the unknown
 *   format names (and a lax one would silently skip them).
 */
export function oscalValidator(model: OscalModel): ValidateFunction {
  const cached = compiled.get(model);
  if (cached) return cached;
  const ajv = new Ajv({ strict: true, unicodeRegExp: true, allErrors: true });
  addFormats(ajv);
  const schema = JSON.parse(fs.readFileSync(path.join(oscalDir, 'schema-1.1.3', files[model]), 'utf8')) as object;
  const validate = ajv.compile(schema);
  compiled.set(model, validate);
  return validate;
}

/** The problems of a document against a model's schema, as readable lines (empty when valid). */
export function oscalProblems(model: OscalModel, document: unknown): string[] {
  const validate = oscalValidator(model);
  if (validate(document)) return [];
  return (validate.errors ?? [])
    .slice(0, 30)
    .map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
