import type { Command } from 'commander';
import { writeBackup } from '../../modules/backup/dump.js';
import { restoreBackup } from '../../modules/backup/restore.js';
import { withDatabase } from '../support.js';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('Write a portable logical backup (JSON lines; gzipped when the name ends in .gz)')
    .argument('<file>', 'file to write')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const summary = await withDatabase(cmd.optsWithGlobals(), (d) => writeBackup(d.db, file, d.engine));
      const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
      console.log(`Wrote ${file}: ${total} rows, sha256 ${summary.sha256}`);
    });
  program
    .command('restore')
    .description('Restore a backup into an empty database (embedded or PostgreSQL), all or nothing')
    .argument('<file>', 'backup file')
    .action(async (file: string, _opts: unknown, cmd: Command) => {
      const counts = await withDatabase(cmd.optsWithGlobals(), (d) => restoreBackup(d.db, file));
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      console.log(`Restored ${total} rows from ${file}`);
    });
}
