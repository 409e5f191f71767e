import type { Command } from 'commander';
import { verifyAuditChains } from '../../modules/audit-log/service.js';
import { withDatabase } from '../support.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The tamper-evident audit trail');
  audit
    .command('verify')
    .description('Check every organisation’s hash chain; exits non-zero and names the first bad entry')
    .option('--org <slug>', 'only this organisation')
    .option('--json', 'print JSON')
    .action(async (opts: { org?: string; json?: boolean }, cmd: Command) => {
      const report = await withDatabase(cmd.optsWithGlobals(), (d) => verifyAuditChains(d.db, opts.org));
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else {
        for (const o of report.organisations) {
          if (o.firstBreak) {
            const id = o.firstBreak.id === null ? '' : ` (row id ${o.firstBreak.id})`;
            console.log(`${o.slug}: BROKEN at entry ${o.firstBreak.seq}${id}: ${o.firstBreak.reason}`);
          } else console.log(`${o.slug}: ok, ${o.entries} entries`);
        }
      }
      if (!report.ok) process.exitCode = 1;
    });
}
