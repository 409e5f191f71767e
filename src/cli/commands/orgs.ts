import type { Command } from 'commander';
import { createOrganization, listAllOrganizations } from '../../modules/orgs/service.js';
import { systemActor } from '../../server/context.js';
import { printTable } from '../output.js';
import { withDatabase } from '../support.js';

export function registerOrgCommands(program: Command): void {
  const orgs = program.command('orgs').description('Organisations of this installation');
  orgs
    .command('create')
    .description('Create an organisation')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--slug <slug>', 'short identifier used in URLs, e.g. acme-hk')
    .option('--json', 'print JSON')
    .action(async (opts: { name: string; slug: string; json?: boolean }, cmd: Command) => {
      const org = await withDatabase(cmd.optsWithGlobals(), (d) =>
        createOrganization(d.db, systemActor('system (cli)'), { name: opts.name, slug: opts.slug }),
      );
      console.log(opts.json ? JSON.stringify(org) : `Created organisation ${org.slug} (${org.name})`);
    });
  orgs
    .command('list')
    .description('List organisations')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const list = await withDatabase(cmd.optsWithGlobals(), (d) => listAllOrganizations(d.db));
      if (opts.json) console.log(JSON.stringify(list, null, 2));
      else printTable(list, ['slug', 'name', 'isDemo', 'createdAt']);
    });
}
