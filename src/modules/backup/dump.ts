import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import type { Db } from '../../db/connect.js';
import { backupTables, schemaVersion } from './tables.js';

export const BACKUP_FORMAT = 'openaims-backup';
export const BACKUP_FORMAT_VERSION = 1;
const PAGE = 5000;

export interface BackupSummary {
  file: string;
  rows: Record<string, number>;
  sha256: string;
}

/**
 * Writes a logical dump: JSON lines, a header, one line per row in key order, and a trailer with the row count
 * and a SHA-256 of everything before it (so a truncated or edited file is refused). Gzipped when the file name
 * ends in .gz. Reads in one read-only transaction, so the dump is consistent on PostgreSQL too.
 */
export async function writeBackup(db: Db, file: string, engine: string): Promise<BackupSummary> {
  const out = new PassThrough();
  const target = fs.createWriteStream(file);
  const done = file.endsWith('.gz') ? pipeline(out, createGzip(), target) : pipeline(out, target);
  const hash = createHash('sha256');
  const write = async (value: unknown) => {
    const line = `${JSON.stringify(value)}\n`;
    hash.update(line);
    if (!out.write(line)) await once(out, 'drain');
  };
  const rows: Record<string, number> = {};
  try {
    await db.transaction(
      async (tx) => {
        await write({
          format: BACKUP_FORMAT,
          version: BACKUP_FORMAT_VERSION,
          schema: schemaVersion(),
          engine,
          createdAt: new Date().toISOString(),
        });
        for (const t of backupTables) {
          rows[t.name] = 0;
          for (let offset = 0; ; offset += PAGE) {
            const page = (await tx
              .select()
              .from(t.table)
              .orderBy(...t.orderBy)
              .limit(PAGE)
              .offset(offset)) as Record<string, unknown>[];
            for (const row of page) await write({ t: t.name, r: row });
            rows[t.name] = (rows[t.name] ?? 0) + page.length;
            if (page.length < PAGE) break;
          }
        }
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const sha256 = hash.digest('hex');
    out.end(`${JSON.stringify({ end: true, rows, sha256 })}\n`);
    await done;
    return { file, rows, sha256 };
  } catch (err) {
    out.destroy();
    await done.catch(() => undefined);
    fs.rmSync(file, { force: true });
    throw err;
  }
}
