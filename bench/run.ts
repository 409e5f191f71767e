// `npm run bench [-- NAME…]`: runs the benchmarks (default: list, startup, import, progress, soa-pdf, classify, risks, stats, otlp, discover; `diagnose` is
// opt-in, `all` runs everything), writes bench/results/<name>.json for each and prints one summary table at the end.
// A report, never a gate: the exit code is 0 whether targets are met or not (non-zero only if a benchmark
// could not run at all).
import { runClassify } from './classify.js';
import { buildComplianceFixture, type ComplianceFixture } from './compliance-fixture.js';
import { runListDiagnosis } from './diagnose-list.js';
import { runDiscover } from './discover.js';
import { buildListFixture, type ListFixture } from './fixture.js';
import { runImport } from './import.js';
import { runList } from './list.js';
import { runProgress } from './progress.js';
import { runRisks } from './risks.js';
import { runSoaPdf } from './soa-pdf.js';
import { runStartup } from './startup.js';
import { runStats } from './stats.js';
import { runOtlp } from './otlp.js';
import { cleanupTempDirs, load, log, machine, sourceState, writeResult, type BenchResult, type SummaryRow } from './support.js';

const known = ['list', 'startup', 'import', 'progress', 'soa-pdf', 'classify', 'risks', 'stats', 'otlp', 'discover', 'diagnose'] as const;
const defaults: Name[] = ['list', 'startup', 'import', 'progress', 'soa-pdf', 'classify', 'risks', 'stats', 'otlp', 'discover'];
type Name = (typeof known)[number];
const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const selected: Name[] = args.length === 0 ? defaults : args.includes('all') ? [...known] : (args as Name[]);
const unknown = selected.filter((n) => !known.includes(n));
if (unknown.length) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${known.join(', ')}, all`);
  process.exit(2);
}

const started = Date.now();
const m = machine();
log(`machine: ${m.cpus} × ${m.cpuModel}, ${m.totalMemoryMiB} MiB, Node ${m.node}; load average ${load().join(' ')}`);
const rows: SummaryRow[] = [];
const files: string[] = [];
let failures = 0;
let fixture: ListFixture | undefined;
const getFixture = async () => (fixture ??= await buildListFixture());
let complianceFixture: ComplianceFixture | undefined;
const getComplianceFixture = async () => (complianceFixture ??= await buildComplianceFixture());

for (const name of selected) {
  const startedAt = new Date();
  const loadBefore = load();
  try {
    let result: BenchResult;
    switch (name) {
      case 'list': {
        const r = await runList({ fixture: await getFixture() });
        result = r.result;
        break;
      }
      case 'startup':
        result = await runStartup({ fixture: await getFixture() });
        break;
      case 'import':
        result = await runImport();
        break;
      case 'progress':
        result = await runProgress({ fixture: await getComplianceFixture() });
        break;
      case 'soa-pdf':
        result = await runSoaPdf({ fixture: await getComplianceFixture() });
        break;
      case 'classify':
        result = await runClassify();
        break;
      case 'risks':
        result = await runRisks();
        break;
      case 'stats':
        result = await runStats();
        break;
      case 'discover':
        result = await runDiscover();
        break;
      case 'otlp':
        result = await runOtlp();
        break;
      case 'diagnose':
        result = await runListDiagnosis(await getFixture());
        break;
    }
    files.push(writeResult(result, { startedAt, loadBefore }));
    rows.push(...result.summary);
  } catch (err) {
    failures++;
    log(`${name} could not run: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    rows.push({
      benchmark: name,
      metric: 'could not run',
      value: err instanceof Error ? err.message.split('\n')[0]!.slice(0, 80) : 'error',
      target: '',
      pass: null,
    });
  }
}
cleanupTempDirs();

const header: SummaryRow = { benchmark: 'benchmark', metric: 'metric', value: 'value', target: 'target', pass: null };
const cells = (r: SummaryRow, isHeader = false) => [
  r.benchmark,
  r.metric,
  r.value,
  r.target,
  isHeader ? 'result' : r.pass === null ? '' : r.pass ? 'PASS' : 'MISS',
];
const table = [cells(header, true), ...rows.map((r) => cells(r))];
const widths = table[0]!.map((_, i) => Math.max(...table.map((t) => t[i]!.length)));
const line = (t: string[]) =>
  t
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
console.log('');
console.log(line(table[0]!));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const t of table.slice(1)) console.log(line(t));
console.log('');
console.log(
  `machine: ${m.cpus} × ${m.cpuModel}, ${m.totalMemoryMiB} MiB, Node ${m.node}; load average now ${load().join(' ')} (1, 5, 15 min)`,
);
const src = sourceState();
console.log(
  `code: ${src.commit ?? 'unknown commit'}${src.modifiedUnderSrc.length ? ` with ${src.modifiedUnderSrc.length} uncommitted change(s) under src/` : ''}`,
);
console.log('Medians are quoted. The machine may be shared; a load average above the core count means noisy numbers.');
for (const f of files) console.log(`wrote ${f}`);
console.log(`total ${Math.round((Date.now() - started) / 1000)} s`);
process.exit(failures ? 1 : 0);
