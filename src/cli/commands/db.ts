import type { Command } from 'commander';
import { withDatabase } from '../support.js';

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description('Apply pending migrations (the server also does this at start-up)')
    .action(async (_opts: unknown, cmd: Command) => {
      const where = await withDatabase(cmd.optsWithGlobals(), async (d) => `${d.engine} at ${d.location}`);
      console.log(`Database is up to date (${where})`);
    });
}
