import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { exportRegister } from '../../modules/transfer/export.js';
import { importRegister } from '../../modules/transfer/import.js';
import { readTable } from '../../modules/transfer/read-table.js';
import { exportFormats, transferEntities } from '../../modules/transfer/schema.js';
import { printTable } from '../output.js';
import { cliContext, withDatabase } from '../support.js';

const entity = z.enum(transferEntities, { message: 'Choose "systems" or "vendors"' });

export function registerTransferCommands(program: Command): void {
  program
    .command('import')
    .description('Import AI systems or vendors from a CSV or XLSX file (all rows or none)')
    .argument('<entity>', 'systems or vendors')
    .argument('<file>', '.csv or .xlsx file; headers in English or Chinese')
    .requiredOption('--org <slug>', 'organisation')
    .option('--dry-run', 'check every row and write nothing')
    .option('--json', 'print JSON')
    .action(async (what: string, file: string, opts: { org: string; dryRun?: boolean; json?: boolean }, cmd: Command) => {
      const kind = entity.parse(what);
      const buffer = fs.readFileSync(file);
      const outcome = await withDatabase(cmd.optsWithGlobals(), async (d) => {
        const ctx = await cliContext(d, opts.org);
        const table = await readTable(buffer, path.basename(file));
        return importRegister(ctx, kind, table, {
          dryRun: !!opts.dryRun,
          onProgress: ({ processedRows, totalRows }) => {
            if (process.stderr.isTTY) process.stderr.write(`\rchecked ${processedRows}/${totalRows} rows`);
          },
        });
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      if (opts.json) console.log(JSON.stringify(outcome, null, 2));
      else if (outcome.errors.length) {
        printTable(outcome.errors, ['row', 'column', 'message']);
        console.error(`${outcome.errors.length} error(s) in ${outcome.totalRows} rows; nothing was written.`);
      } else if (opts.dryRun) console.log(`Dry run: all ${outcome.totalRows} rows are valid; nothing was written.`);
      else console.log(`Imported ${outcome.createdRows} ${kind}.`);
      if (outcome.ignoredHeaders.length) console.error(`Ignored columns: ${outcome.ignoredHeaders.join(', ')}`);
      if (outcome.errors.length) process.exitCode = 1;
    });

  program
    .command('export')
    .description('Export the AI system or vendor register to CSV or XLSX')
    .argument('<entity>', 'systems or vendors')
    .requiredOption('--org <slug>', 'organisation')
    .requiredOption('--out <file>', 'file to write')
    .option('--format <format>', 'xlsx or csv (default: from the file name, else xlsx)')
    .option('--lang <lang>', 'en or zh-HK headers and values', 'en')
    .action(async (what: string, opts: { org: string; out: string; format?: string; lang: string }, cmd: Command) => {
      const kind = entity.parse(what);
      const format = z
        .enum(exportFormats, { message: '--format must be csv or xlsx' })
        .parse(opts.format ?? (opts.out.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx'));
      const lang = z.enum(['en', 'zh-HK'], { message: '--lang must be en or zh-HK' }).parse(opts.lang);
      const file = await withDatabase(cmd.optsWithGlobals(), async (d) =>
        exportRegister(await cliContext(d, opts.org), kind, format, lang),
      );
      fs.writeFileSync(opts.out, file.body);
      console.error(`Wrote ${opts.out} (${file.body.length} bytes)`);
    });
}
