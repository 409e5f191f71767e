// Child process of the import benchmark: what `aims import systems FILE --org S` does, in the same order and with
// the same functions (src/cli/commands/transfer.ts), with each phase timed. A fresh process each run, so the
// numbers include cold module loading and an unoptimised JIT exactly like the CLI.
// Usage: node bin/run-ts.js bench/import-probe.ts DATA_DIR FILE SLUG   → prints one JSON line on stdout.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const [dataDir, file, slug] = process.argv.slice(2);
if (!dataDir || !file || !slug) {
  console.error('usage: import-probe DATA_DIR FILE SLUG');
  process.exit(2);
}
const processStartToProbeMs = process.uptime() * 1000;
const t0 = performance.now();
const { openDatabase } = await import('../src/db/connect.js');
const { cliContext } = await import('../src/cli/support.js');
const { readTable } = await import('../src/modules/transfer/read-table.js');
const { importRegister } = await import('../src/modules/transfer/import.js');
const t1 = performance.now();
const buffer = fs.readFileSync(file);
const t2 = performance.now();
const database = await openDatabase({ dataDir });
const t3 = performance.now();
const marks = await (async () => {
  try {
    const ctx = await cliContext(database, slug);
    const table = await readTable(buffer, path.basename(file));
    const read = performance.now();
    let validated = NaN;
    const outcome = await importRegister(ctx, 'systems', table, {
      dryRun: false,
      onProgress: (p) => {
        if (p.processedRows === p.totalRows) validated = performance.now();
      },
    });
    return { read, validated, written: performance.now(), created: outcome.createdRows, errors: outcome.errors.length };
  } finally {
    await database.close();
  }
})();
const t4 = performance.now();
console.log(
  JSON.stringify({
    processStartToProbeMs,
    importModulesMs: t1 - t0,
    readFileMs: t2 - t1,
    openDatabaseMs: t3 - t2,
    readTableMs: marks.read - t3,
    validationMs: marks.validated - marks.read,
    writeTransactionMs: marks.written - marks.validated,
    closeDatabaseMs: t4 - marks.written,
    totalMs: processStartToProbeMs + (t4 - t0),
    created: marks.created,
    errors: marks.errors,
  }),
);
