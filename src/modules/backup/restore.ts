import { createHash } from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { PassThrough } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { count, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { AppError } from '../../server/errors.js';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION } from './dump.js';
import { backupTables, schemaVersion, type BackupTable } from './tables.js';

const BATCH = 500;

function revive(t: BackupTable, row: Record<string, unknown>): Record<string, unknown> {
  for (const key of t.timestampKeys) {
    const v = row[key];
    if (typeof v === 'string') row[key] = new Date(v);
  }
  return row;
}

async function assertEmpty(db: Db): Promise<void> {
  for (const t of backupTables) {
    const [row] = await db.select({ n: count() }).from(t.table);
    if (Number(row?.n ?? 0) > 0) {
      throw new AppError(
        'conflict',
        `The target database is not empty (${t.name} has rows). Restore into a new data directory or an empty PostgreSQL database.`,
      );
    }
  }
}

/**
 * Restores a backup into an empty database in one transaction: either every row is in, or nothing is. The file's
 * trailer (row count and SHA-256) must match what was read.
 */
export async function restoreBackup(db: Db, file: string): Promise<Record<string, number>> {
  if (!fs.existsSync(file)) throw new AppError('not_found', `No such file: ${file}`);
  await assertEmpty(db);
  const byName = new Map(backupTables.map((t) => [t.name, t]));
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  let header = false;
  let trailer: { rows: Record<string, number>; sha256: string } | null = null;

  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    let batch: Record<string, unknown>[] = [];
    let batchTable: BackupTable | null = null;
    const flush = async () => {
      if (batchTable && batch.length) await tx.insert(batchTable.table).values(batch as never);
      batch = [];
    };
    // Opened here, right before reading, so that no line can pass before the loop listens.
    const input = fs.createReadStream(file).pipe(file.endsWith('.gz') ? createGunzip() : new PassThrough());
    const lines = readline.createInterface({ input, crlfDelay: Infinity });
    const reading = (async function* () {
      try {
        yield* lines;
      } catch (err) {
        // A damaged or cut-short gzip stream, or a file that vanished while being read.
        throw new AppError('unprocessable', `The backup file cannot be read: ${(err as Error).message}`);
      }
    })();
    for await (const line of reading) {
      if (!line) continue;
      if (trailer) throw new AppError('unprocessable', 'The backup has data after its end marker');
      let value: Record<string, unknown>;
      try {
        value = JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new AppError(
          'unprocessable',
          header ? 'The backup file is damaged (a line is not JSON)' : 'This is not an OpenAIMS backup file',
        );
      }
      if (!header) {
        if (value.format !== BACKUP_FORMAT || value.version !== BACKUP_FORMAT_VERSION)
          throw new AppError('unprocessable', 'This is not an OpenAIMS backup file');
        if (value.schema !== schemaVersion()) {
          throw new AppError(
            'unprocessable',
            `The backup is of schema ${String(value.schema)}; this version of OpenAIMS is at ${schemaVersion()}`,
          );
        }
        header = true;
        hash.update(`${line}\n`);
        continue;
      }
      if (value.end === true) {
        await flush();
        trailer = value as unknown as { rows: Record<string, number>; sha256: string };
        continue;
      }
      hash.update(`${line}\n`);
      const t = byName.get(String(value.t));
      if (!t || typeof value.r !== 'object' || value.r === null)
        throw new AppError('unprocessable', `The backup names an unknown table "${String(value.t)}"`);
      if (t !== batchTable || batch.length >= BATCH) {
        await flush();
        batchTable = t;
      }
      batch.push(revive(t, value.r as Record<string, unknown>));
      counts[t.name] = (counts[t.name] ?? 0) + 1;
    }
    if (!header) throw new AppError('unprocessable', 'The backup file is empty');
    if (!trailer) throw new AppError('unprocessable', 'The backup file is incomplete (no end marker); it may have been cut short');
    const { rows, sha256 } = trailer as { rows: Record<string, number>; sha256: string };
    if (sha256 !== hash.digest('hex')) throw new AppError('unprocessable', 'The backup file was altered: its checksum does not match');
    for (const t of backupTables) {
      if ((rows[t.name] ?? 0) !== (counts[t.name] ?? 0))
        throw new AppError('unprocessable', `The backup should hold ${rows[t.name] ?? 0} rows of ${t.name} but has ${counts[t.name] ?? 0}`);
    }
    for (const t of backupTables) {
      if (!t.serial) continue;
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('${t.name}', '${t.serial}'), coalesce((select max(${t.serial}) from ${t.name}), 0) + 1, false)`,
        ),
      );
    }
  });
  return counts;
}
