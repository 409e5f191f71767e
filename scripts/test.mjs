// `npm test`: type-checks, lints, and runs every Vitest suite (unit, integration on PGlite and on a private
// PostgreSQL cluster when the binaries are installed, browser tests when Chromium is installed). Ends with one
// line "N passed, N failed" summing every suite.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startPgCluster } from './pg-cluster.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
process.chdir(root);
const extraArgs = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  if (ok) passed++;
  else failed++;
  console.log(`== ${name}: ${ok ? 'ok' : 'FAILED'}`);
  return ok;
}

const bin = (name) => path.join(root, 'node_modules/.bin', name);
if (extraArgs.length === 0) {
  step('type-check (server, CLI, tests)', bin('tsc'), ['-p', 'tsconfig.json']);
  step('type-check (web app)', bin('tsc'), ['-p', 'web/tsconfig.json']);
  step('lint', bin('eslint'), ['--max-warnings=0', '.']);
  step('format', bin('prettier'), ['--check', '--log-level=warn', '.']);
  step('OpenAPI document is up to date', process.execPath, ['bin/run-ts.js', 'scripts/openapi.ts', '--check']);
}

const env = {};
const pg = process.env.AIMS_TEST_PG_URL ? { url: process.env.AIMS_TEST_PG_URL } : await startPgCluster();
if (pg.url) env.AIMS_TEST_PG_URL = pg.url;
else notes.push(`PostgreSQL suites skipped: ${pg.skipped}`);
if (!fs.existsSync('/usr/bin/chromium'))
  notes.push('Browser suites skipped: /usr/bin/chromium is not installed (apt-get install -y chromium)');

const report = path.join(root, `.tmp/vitest-report-${process.pid}.json`);
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
console.log('\n== vitest');
spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs], {
  stdio: 'inherit',
  env: { ...process.env, ...env },
});
if (pg.stop) await pg.stop();

if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  fs.rmSync(report, { force: true });
  passed += r.numPassedTests;
  // A file that failed to load has no failed test of its own: count it once.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed')).length;
  failed += r.numFailedTests + brokenFiles;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else {
  failed++;
  notes.push('Vitest wrote no report (it crashed or was killed)');
}
for (const n of notes) console.log(`note: ${n}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
