import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../src/db/connect.js';

/** The engines this run can test: PGlite always, PostgreSQL when scripts/test.mjs started a cluster. */
export const pgUrl = process.env.AIMS_TEST_PG_URL;
export const engines: Engine[] = pgUrl ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  /** where to point a second process: a data dir, or a PostgreSQL URL */
  dataDir: string;
  databaseUrl: string | undefined;
  drop(): Promise<void>;
}

function urlFor(database: string): string {
  const u = new URL(pgUrl ?? '');
  u.pathname = `/${database}`;
  return u.toString();
}

/** A fresh empty PostgreSQL database on the test cluster; returns its URL. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `aims_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  return {
    url: urlFor(name),
    async drop() {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A fresh, migrated, empty data dir (a copy of the run's template). */
export function freshDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-test-'));
  fs.cpSync(inject('pgliteTemplate'), dir, { recursive: true });
  fs.rmSync(path.join(dir, 'aims.lock'), { force: true });
  return dir;
}

/** Opens a fresh, migrated, empty database of the given engine. */
export async function openTestDatabase(engine: Engine): Promise<TestDatabase> {
  if (engine === 'pglite') {
    const dir = freshDataDir();
    const database = await openDatabase({ dataDir: dir });
    return {
      ...database,
      dataDir: dir,
      databaseUrl: undefined,
      async drop() {
        await database.close().catch(() => undefined);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const { url, drop } = await createPgDatabase();
  const database = await openDatabase({ dataDir: '', databaseUrl: url });
  return {
    ...database,
    dataDir: '',
    databaseUrl: url,
    async drop() {
      await database.close().catch(() => undefined);
      await drop();
    },
  };
}
