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
