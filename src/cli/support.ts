import { z } from 'zod';
import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/connect.js';
import { AppError } from '../server/errors.js';
import { systemActor, type OrgContext } from '../server/context.js';
import { findOrgBySlug } from '../modules/orgs/repo.js';

/** Options every command that touches the database accepts; they override the environment. */
export interface DbOptions {
  dataDir?: string;
  databaseUrl?: string;
}

export function configFrom(opts: DbOptions & { port?: number; host?: string }): Config {
  return loadConfig(process.env, { dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, port: opts.port, host: opts.host });
}

export async function withDatabase<T>(opts: DbOptions, work: (database: Database) => Promise<T>): Promise<T> {
  const config = configFrom(opts);
  const database = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** The CLI acts as the operator: full rights in the organisation it names. */
export async function cliContext(database: Database, slug: string): Promise<OrgContext> {
  const org = await findOrgBySlug(database.db, slug);
  if (!org) throw new AppError('not_found', `Organisation "${slug}" not found (see \`aims orgs list\`)`);
  return {
    db: database.db,
    actor: systemActor('system (cli)'),
    org: { id: org.id, slug: org.slug, name: org.name },
    role: 'owner',
    requestId: null,
  };
}

/** Errors become one line on stderr and a non-zero exit code. */
export function reportError(err: unknown): never {
  if (err instanceof AppError) {
    console.error(`error: ${err.message}`);
    const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
    for (const i of issues ?? []) console.error(`  ${i.path}: ${i.message}`);
  } else if (err instanceof z.ZodError) {
    console.error('error: invalid arguments');
    for (const i of err.issues) console.error(`  ${i.path.join('.') || 'value'}: ${i.message}`);
  } else if (err instanceof Error) {
    console.error(`error: ${err.message}`);
  } else {
    console.error('error:', err);
  }
  process.exit(1);
}

/** A plain text table for humans; `--json` prints JSON instead. */
export function printTable(rows: Record<string, unknown>[], columns: string[]): void {
  const cell = (v: unknown): string =>
    v === null || v === undefined
      ? ''
      : Array.isArray(v)
        ? v.map(cell).join(', ')
        : typeof v === 'object'
          ? JSON.stringify(v)
          : String(v as string);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  console.log(line(columns));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(columns.map((c) => cell(r[c]))));
}
