import type { Command } from 'commander';
import { createUser } from '../../modules/users/service.js';
import { systemActor } from '../../server/context.js';
import { withDatabase } from '../support.js';

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('User accounts');
  users
    .command('create')
    .description('Create an account in an organisation (an existing account is added to it, password unchanged)')
    .requiredOption('--email <email>', 'sign-in e-mail')
    .requiredOption('--password <password>', 'at least 10 characters')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--role <role>', 'owner, admin, governance_lead, system_owner, contributor, auditor or viewer')
    .option('--name <name>', 'display name')
    .option('--json', 'print JSON')
    .action(async (opts: { email: string; password: string; org: string; role: string; name?: string; json?: boolean }, cmd: Command) => {
      const result = await withDatabase(cmd.optsWithGlobals(), (d) =>
        createUser(d.db, systemActor('system (cli)'), {
          email: opts.email,
          password: opts.password,
          orgSlug: opts.org,
          role: opts.role as never,
          displayName: opts.name,
        }),
      );
      if (opts.json) console.log(JSON.stringify(result));
      else console.log(`${result.created ? 'Created' : 'Added existing account'} ${result.email} as ${result.role} in ${result.org}`);
    });
}
