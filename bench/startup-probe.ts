// Child process of the start-up benchmark: the phases of `aims serve` in order, timed with the server's own code.
// Usage: node bin/run-ts.js bench/startup-probe.ts DATA_DIR   → prints one JSON line on stdout.
import { performance } from 'node:perf_hooks';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: startup-probe DATA_DIR');
  process.exit(2);
}
// Node's start, tsx's loader and this file's compilation happen before this line.
const processStartToProbeMs = process.uptime() * 1000;
const t0 = performance.now();
const { openDatabase } = await import('../src/db/connect.js');
const { buildApp } = await import('../src/server/app.js');
const { failInterruptedRuns } = await import('../src/modules/transfer/repo.js');
const t1 = performance.now();
const database = await openDatabase({ dataDir });
const t2 = performance.now();
await failInterruptedRuns(database.db);
const t3 = performance.now();
const app = await buildApp({ database, logLevel: 'warn' });
const t4 = performance.now();
await app.listen({ port: 0, host: '127.0.0.1' });
const t5 = performance.now();
const res = await app.inject({ method: 'GET', url: '/readyz' });
const t6 = performance.now();
await app.close();
await database.close();
console.log(
  JSON.stringify({
    processStartToProbeMs,
    importModulesMs: t1 - t0,
    openDatabaseMs: t2 - t1,
    failInterruptedRunsMs: t3 - t2,
    buildAppMs: t4 - t3,
    listenMs: t5 - t4,
    firstReadyzMs: t6 - t5,
    readyzStatus: res.statusCode,
    totalToReadyMs: processStartToProbeMs + (t6 - t0),
  }),
);
