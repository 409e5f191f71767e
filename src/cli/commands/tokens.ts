import type { Command } from 'commander';
import { createToken } from '../../modules/tokens/service.js';
import { cliContext, withDatabase } from '../support.js';

export function registerTokenCommands(program: Command): void {
  const tokens = program.command('tokens').description('API tokens');
  tokens
    .command('create')
    .description('Create an API token for one organisation and role; prints the token once')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--role <role>', 'role the token acts with')
    .requiredOption('--name <name>', 'what the token is for, e.g. "ci pipeline"')
    .option('--days <n>', 'days until it expires (1–365)', '90')
    .option('--json', 'print JSON')
    .action(async (opts: { org: string; role: string; name: string; days: string; json?: boolean }, cmd: Command) => {
      const created = await withDatabase(cmd.optsWithGlobals(), async (d) =>
        createToken(await cliContext(d, opts.org), { name: opts.name, role: opts.role as never, expiresInDays: Number(opts.days) }),
      );
      if (opts.json) console.log(JSON.stringify(created));
      else {
        console.log(created.token);
        console.error(`Token "${created.name}" (${created.role}) for ${opts.org}, expires ${created.expiresAt}. It is not shown again.`);
      }
    });
}
