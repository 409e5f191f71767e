import { Command } from 'commander';
import { reportError } from './output.js';

type Register = (program: Command) => void;

/**
 * Each top-level command and the modules that register it, loaded only when that command runs: the offline
 * commands (fairness, drift, discover, classify) then start without loading the server, the database driver and
 * every service. `aims --help` and unknown commands load them all.
 */
const commandModules: Record<string, () => Promise<Register[]>> = {
  serve: async () => [(await import('./commands/serve.js')).registerServeCommand],
  db: async () => [(await import('./commands/db.js')).registerDbCommands],
  backup: async () => [(await import('./commands/backup.js')).registerBackupCommands],
  restore: async () => [(await import('./commands/backup.js')).registerBackupCommands],
  orgs: async () => [(await import('./commands/orgs.js')).registerOrgCommands],
  users: async () => [(await import('./commands/users.js')).registerUserCommands],
  tokens: async () => [(await import('./commands/tokens.js')).registerTokenCommands],
  import: async () => [(await import('./commands/transfer.js')).registerTransferCommands],
  export: async () => [
    (await import('./commands/transfer.js')).registerTransferCommands,
    (await import('./commands/oscal.js')).registerOscalCommands,
  ],
  audit: async () => [(await import('./commands/audit.js')).registerAuditCommands],
  classify: async () => [(await import('./commands/classify.js')).registerClassifyCommands],
  drift: async () => [(await import('./commands/drift.js')).registerDriftCommand],
  fairness: async () => [(await import('./commands/fairness.js')).registerFairnessCommand],
  discover: async () => [(await import('./commands/discover.js')).registerDiscoverCommand],
};

/** Global options that take a value, so their value is not mistaken for the command name. */
const globalValueOptions = new Set(['--data-dir', '--database-url']);

function commandName(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (globalValueOptions.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return undefined;
}

async function registrations(name: string | undefined): Promise<Register[]> {
  const wanted = name !== undefined ? commandModules[name] : undefined;
  if (wanted) return wanted();
  // help, or a name commander should report as unknown: every command, once each, in the table's order
  const all: Register[] = [];
  for (const load of Object.values(commandModules)) for (const register of await load()) if (!all.includes(register)) all.push(register);
  return all;
}

async function main(): Promise<void> {
  const program = new Command('aims')
    .description('OpenAIMS — AI Management System for ISO/IEC 42001')
    .option('--data-dir <dir>', 'embedded database directory (env AIMS_DATA_DIR, default ./data)')
    .option('--database-url <url>', 'use PostgreSQL instead of the embedded database (env DATABASE_URL)')
    .showHelpAfterError()
    .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));
  for (const register of await registrations(commandName(process.argv.slice(2)))) register(program);
  await program.parseAsync(process.argv);
}

main().catch(reportError);
