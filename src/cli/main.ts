import { Command } from 'commander';
import { registerAuditCommands } from './commands/audit.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerClassifyCommands } from './commands/classify.js';
import { registerDbCommands } from './commands/db.js';
import { registerDriftCommand } from './commands/drift.js';
import { registerFairnessCommand } from './commands/fairness.js';
import { registerOrgCommands } from './commands/orgs.js';
import { registerOscalCommands } from './commands/oscal.js';
import { registerServeCommand } from './commands/serve.js';
import { registerTokenCommands } from './commands/tokens.js';
import { registerTransferCommands } from './commands/transfer.js';
import { registerUserCommands } from './commands/users.js';
import { reportError } from './support.js';

const program = new Command('aims')
  .description('OpenAIMS — AI Management System for ISO/IEC 42001')
  .option('--data-dir <dir>', 'embedded database directory (env AIMS_DATA_DIR, default ./data)')
  .option('--database-url <url>', 'use PostgreSQL instead of the embedded database (env DATABASE_URL)')
  .showHelpAfterError()
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));

registerServeCommand(program);
registerDbCommands(program);
registerBackupCommands(program);
registerOrgCommands(program);
registerUserCommands(program);
registerTokenCommands(program);
registerTransferCommands(program);
registerOscalCommands(program);
registerAuditCommands(program);
registerClassifyCommands(program);
registerDriftCommand(program);
registerFairnessCommand(program);

program.parseAsync(process.argv).catch(reportError);
