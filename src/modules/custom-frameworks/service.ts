import path from 'node:path';
import type { OrgContext } from '../../server/context.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { parseOrThrow } from '../../server/validate.js';
import { withAudit } from '../audit-log/service.js';
import { can } from '../auth/permissions.js';
import { frameworkPack, type FrameworkDetail, type FrameworkPack } from '../frameworks/schema.js';
import { resolvePack } from '../frameworks/org-packs.js';
import { frameworkDetailOf, type FrameworkCatalog, type RequirementFilter } from '../frameworks/service.js';
import { isXlsx, readTable } from '../transfer/read-table.js';
import { buildPack, type PackDraft } from './draft.js';
import { catalogPackFields, draftsFromCatalog, readOscalCatalog } from './oscal-catalog.js';
import * as repo from './repo.js';
import {
  customFrameworkId,
  importFrameworkFields,
  type ImportFrameworkFields,
  type ImportFrameworkResult,
  type ImportProblem,
  type OrgFrameworkList,
  type OrgFrameworkSummary,
} from './schema.js';
import { draftsFromTable } from './sheet.js';

export interface UploadedFile {
  fileName: string;
  body: Buffer;
}

function summarise(pack: FrameworkPack, custom: repo.CustomFrameworkRow | null): OrgFrameworkSummary {
  return {
    id: pack.id,
    version: pack.version,
    kind: pack.kind,
    title: pack.title,
    publisher: pack.publisher,
    source: pack.source,
    requirementCount: pack.requirements.length,
    assessableCount: pack.requirements.filter((r) => r.assessable).length,
    custom: custom !== null,
    importedFrom: custom?.importedFrom ?? null,
    importedAt: custom?.createdAt.toISOString() ?? null,
  };
}

/** The built-in frameworks, then the organisation's own in import order. */
export async function listOrgFrameworks(ctx: OrgContext, catalog: FrameworkCatalog): Promise<OrgFrameworkList> {
  if (!can(ctx.role, 'org.read')) throw forbidden();
  const rows = await repo.listCustomFrameworks(ctx.db, ctx.org.id);
  return {
    items: [...catalog.packs().map((p) => summarise(p, null)), ...rows.map((r) => summarise(frameworkPack.parse(r.pack), r))],
  };
}

/** One framework this organisation can assess, built-in or its own, with its requirements (filtered as asked). */
export async function getOrgFramework(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  id: string,
  filter: RequirementFilter,
): Promise<FrameworkDetail> {
  if (!can(ctx.role, 'org.read')) throw forbidden();
  return frameworkDetailOf(await resolvePack(ctx.db, catalog, ctx.org.id, id), filter);
}

function refused(problems: ImportProblem[]): AppError {
  const n = problems.length;
  return new AppError('unprocessable', `The framework has ${n} problem${n === 1 ? '' : 's'}; nothing was imported`, {
    problems,
    issues: problems.map((p) => ({ path: p.row !== null ? `row ${p.row}` : (p.path ?? ''), message: p.message })),
  });
}

type Format = 'oscal-catalog' | 'csv' | 'xlsx';
function formatOf(file: UploadedFile): Format {
  if (/\.json$/i.test(file.fileName)) return 'oscal-catalog';
  if (isXlsx(file.body, file.fileName)) return 'xlsx';
  if (/\.csv$/i.test(file.fileName)) return 'csv';
  throw new AppError('unsupported_media_type', 'Send an OSCAL catalog (.json) or a spreadsheet (.csv or .xlsx)');
}

/** The pack a file describes, or every problem with it. Nothing is written here. */
async function packFrom(ctx: OrgContext, file: UploadedFile, format: Format, fields: ImportFrameworkFields) {
  if (file.body.length === 0) throw new AppError('unprocessable', 'The file is empty');
  let draft: PackDraft;
  let problems: ImportProblem[];
  let ignoredColumns: string[] = [];
  if (format === 'oscal-catalog') {
    const doc = readOscalCatalog(file.body);
    const read = draftsFromCatalog(doc);
    const packFields = catalogPackFields(doc, fields, ctx.org.name);
    const id = customFrameworkId.safeParse(packFields.id);
    problems = id.success
      ? read.problems
      : [{ row: null, path: 'id', message: `The framework id "${packFields.id}" is not usable; send an "id" field` }, ...read.problems];
    draft = { ...packFields, requirements: read.drafts };
  } else {
    if (!fields.id || !fields.title) {
      throw new AppError('validation_failed', 'A spreadsheet import needs the framework id and title', {
        issues: [
          ...(fields.id ? [] : [{ path: 'id', message: 'Give the new framework an id' }]),
          ...(fields.title ? [] : [{ path: 'title', message: 'Give the new framework a title' }]),
        ],
      });
    }
    const read = draftsFromTable(await readTable(file.body, file.fileName));
    problems = read.problems;
    ignoredColumns = read.ignoredColumns;
    draft = {
      id: fields.id,
      title: fields.title,
      titleZh: null,
      version: fields.version ?? '1',
      kind: 'framework',
      publisher: ctx.org.name,
      source: { title: `${fields.title} (imported from ${path.basename(file.fileName)})`, url: `urn:openaims:import:${fields.id}` },
      requirements: read.drafts,
    };
  }
  // A file that could not be read at all (missing columns) has nothing more to check.
  if (problems.length && draft.requirements.length === 0) throw refused(problems);
  const built = buildPack(draft);
  const all = [...problems, ...built.problems];
  if (all.length || !built.pack) throw refused(all);
  return { pack: built.pack, ignoredColumns };
}

/**
 * Imports a framework from an OSCAL catalog (.json) or a spreadsheet (.csv/.xlsx): all of it or, on any problem,
 * nothing, with every problem listed. An id that a built-in pack or another custom framework already uses is a
 * conflict (409).
 */
export async function importFramework(
  ctx: OrgContext,
  catalog: FrameworkCatalog,
  file: UploadedFile,
  input: ImportFrameworkFields,
): Promise<ImportFrameworkResult> {
  if (!can(ctx.role, 'framework.import')) throw forbidden();
  const fields = parseOrThrow(importFrameworkFields, input);
  const format = formatOf(file);
  const { pack, ignoredColumns } = await packFrom(ctx, file, format, fields);
  if (catalog.pack(pack.id)) {
    throw new AppError('conflict', `"${pack.id}" is the id of a built-in framework; choose another id`, {
      issues: [{ path: 'id', message: 'A built-in framework has this id' }],
    });
  }
  const row = await withAudit(ctx, async (tx, audit) => {
    if (await repo.lockCustomFramework(tx, ctx.org.id, pack.id)) {
      throw new AppError('conflict', `The organisation already has a framework "${pack.id}"; delete it first or choose another id`, {
        issues: [{ path: 'id', message: 'Already in use' }],
      });
    }
    const created = await repo.insertCustomFramework(tx, {
      orgId: ctx.org.id,
      id: pack.id,
      pack,
      importedFrom: `${format}:${path.basename(file.fileName)}`.slice(0, 300),
    });
    audit({
      action: 'framework.import',
      entityType: 'custom_framework',
      entityId: pack.id,
      after: {
        id: pack.id,
        title: pack.title,
        version: pack.version,
        requirementCount: pack.requirements.length,
        importedFrom: created.importedFrom,
      },
    });
    return created;
  });
  return { framework: summarise(pack, row), ignoredColumns };
}

/** Deletes a custom framework that no assessment uses (409 otherwise); built-in ones cannot be deleted. */
export async function deleteCustomFramework(ctx: OrgContext, catalog: FrameworkCatalog, id: string): Promise<void> {
  if (!can(ctx.role, 'framework.import')) throw forbidden();
  if (catalog.pack(id)) throw new AppError('conflict', 'Built-in frameworks cannot be deleted');
  await withAudit(ctx, async (tx, audit) => {
    const row = await repo.lockCustomFramework(tx, ctx.org.id, id);
    if (!row) throw notFound('Framework');
    const used = await repo.countAssessmentsUsing(tx, ctx.org.id, id);
    if (used > 0) {
      throw new AppError(
        'conflict',
        `This framework is used by ${used} assessment${used === 1 ? '' : 's'} (archived ones included); delete them first`,
        {
          assessments: used,
        },
      );
    }
    await repo.deleteCustomFramework(tx, ctx.org.id, id);
    const pack = frameworkPack.parse(row.pack);
    audit({
      action: 'framework.delete',
      entityType: 'custom_framework',
      entityId: id,
      before: { id, title: pack.title, version: pack.version, requirementCount: pack.requirements.length, importedFrom: row.importedFrom },
    });
  });
}
