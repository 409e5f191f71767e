// Issue 5: the statistics, timed against SciPy / NumPy on the same generated data, and the CLI's CSV throughput.
//
// 1. In-process: KS, PSI, Jensen–Shannon and Wasserstein on 1,000,000 against 1,000,000 values, and the fairness
//    metrics on 1,000,000 rows with 6 groups — median of 5 runs after a warm-up, from the raw (unsorted) arrays, so
//    our sort counts like SciPy's. The same computations run in a python3 child process (an inline script reading the
//    same bytes with numpy.fromfile) that prints its timings and values as JSON; both sides must agree to 1e-9
//    relative. Ratio = our median / SciPy's median, target ≤ 1.5 each (recorded, not asserted). Without SciPy
//    (Debian: python3-scipy) the comparison is skipped and the result says so.
// 2. CLI: `aims fairness` and `aims drift` on 1,000,000-row CSV files as child processes, MB/s (file bytes / wall
//    time, median of 3), with `aims --help` as the process start-up baseline in the same run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { jensenShannonEqualWidth, psiDeciles, wassersteinSorted } from '../src/lib/stats/distances.js';
import { numericColumnDrift } from '../src/lib/stats/drift.js';
import { computeFairness, type FairnessResult, type RateName } from '../src/lib/stats/fairness.js';
import { ksTwoSampleSorted } from '../src/lib/stats/ks.js';
import { sortedCopy } from '../src/lib/stats/sorted.js';
import { jensenShannonEqualWidthUnsorted, psiDecilesUnsorted } from '../src/lib/stats/unsorted-distances.js';
import { log, median, ms, root, round, tempDir, type BenchResult, type SummaryRow } from './support.js';

const N = 1_000_000;
const GROUPS = 6;
const RUNS = 5;
const CLI_RUNS = 3;
const TARGET_RATIO = 1.5;
const TOLERANCE = 1e-9;
const aimsBin = path.join(root, 'bin', 'aims.js');

/** mulberry32: the same data on every run and on both sides (Python reads the bytes we write). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normal(mean, sd) by Box–Muller; (1 − u) keeps the logarithm finite. */
function normals(n: number, mean: number, sd: number, seed: number): Float64Array {
  const rnd = prng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rnd()));
    const theta = 2 * Math.PI * rnd();
    out[i] = mean + sd * r * Math.cos(theta);
    if (i + 1 < n) out[i + 1] = mean + sd * r * Math.sin(theta);
  }
  return out;
}

interface FairnessData {
  group: Uint32Array;
  yTrue: Uint8Array;
  yPred: Uint8Array;
  groupNames: string[];
}

/** 6 groups of unequal size, base rates and error rates, so every aggregate has something to measure. */
function fairnessData(n: number, seed: number): FairnessData {
  const rnd = prng(seed);
  const share = [0.3, 0.25, 0.2, 0.12, 0.08, 0.05];
  const baseRate = [0.3, 0.35, 0.25, 0.4, 0.2, 0.45];
  const tpr = [0.8, 0.75, 0.7, 0.85, 0.6, 0.78];
  const fpr = [0.1, 0.15, 0.08, 0.2, 0.12, 0.18];
  const group = new Uint32Array(n);
  const yTrue = new Uint8Array(n);
  const yPred = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let u = rnd();
    let g = 0;
    while (g < GROUPS - 1 && u >= share[g]!) u -= share[g++]!;
    group[i] = g;
    const t = rnd() < baseRate[g]! ? 1 : 0;
    yTrue[i] = t;
    yPred[i] = rnd() < (t ? tpr[g]! : fpr[g]!) ? 1 : 0;
  }
  return { group, yTrue, yPred, groupNames: Array.from({ length: GROUPS }, (_, g) => `g${g}`) };
}

function writeBytes(file: string, view: ArrayBufferView): void {
  fs.writeFileSync(file, new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
}

/** Median of RUNS timed calls after one warm-up; the last value is returned for the agreement check. */
function timeIt<T>(work: () => T): { runsMs: number[]; medianMs: number; value: T } {
  let value = work();
  const runsMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    value = work();
    runsMs.push(performance.now() - t0);
  }
  return { runsMs: runsMs.map((v) => round(v, 2)), medianMs: round(median(runsMs), 2), value };
}

// ---------------------------------------------------------------------------------------------------------
// The SciPy / NumPy side. Reads the same files; times each metric from the raw arrays like we do.

const PYTHON = String.raw`
import json, sys, time
import numpy as np
from scipy import stats
from scipy.spatial.distance import jensenshannon

d = sys.argv[1]
runs = int(sys.argv[2])
ref = np.fromfile(d + '/reference.f64', dtype='<f8')
cur = np.fromfile(d + '/current.f64', dtype='<f8')
group = np.fromfile(d + '/group.u32', dtype='<u4').astype(np.intp)
y_true = np.fromfile(d + '/ytrue.u8', dtype=np.uint8)
y_pred = np.fromfile(d + '/ypred.u8', dtype=np.uint8)
G = int(sys.argv[3])

def counts_open_bins(x, inner):
    # bins closed on the left, outer bins open: index = number of inner edges <= x
    return np.bincount(np.searchsorted(inner, x, side='right'), minlength=len(inner) + 1)

def ks():
    r = stats.ks_2samp(ref, cur, method='asymp')
    return {'statistic': float(r.statistic), 'pValue': float(r.pvalue)}

def psi():
    inner = np.quantile(ref, np.arange(1, 10) / 10)  # linear ("type 7"), NumPy's default
    r = np.maximum(counts_open_bins(ref, inner) / ref.size, 1e-4)
    c = np.maximum(counts_open_bins(cur, inner) / cur.size, 1e-4)
    return float(np.sum((r - c) * np.log(r / c)))

def js():
    lo, hi = ref.min(), ref.max()
    inner = lo + (hi - lo) * np.arange(1, 10) / 10
    return float(jensenshannon(counts_open_bins(ref, inner), counts_open_bins(cur, inner), base=2))

def wasserstein():
    return float(stats.wasserstein_distance(ref, cur))

def rates(tp, fp, fn, tn):
    with np.errstate(divide='ignore', invalid='ignore'):
        n = tp + fp + fn + tn
        return {
            'selectionRate': (tp + fp) / n, 'tpr': tp / (tp + fn), 'fpr': fp / (fp + tn), 'fnr': fn / (tp + fn),
            'tnr': tn / (fp + tn), 'ppv': tp / (tp + fp), 'npv': tn / (tn + fn), 'accuracy': (tp + tn) / n,
        }

def fairness():
    # what Fairlearn's MetricFrame does at its core, vectorised: per-group confusion counts, rates, then
    # between-groups difference (max - min) and ratio (min / max) of selection rate, TPR and FPR
    cell = y_true.astype(np.intp) * 2 + y_pred  # 0 tn, 1 fp, 2 fn, 3 tp
    cm = np.bincount(group * 4 + cell, minlength=G * 4).reshape(G, 4).astype(np.float64)
    tn, fp, fn, tp = cm[:, 0], cm[:, 1], cm[:, 2], cm[:, 3]
    per_group = rates(tp, fp, fn, tn)
    overall = rates(*(np.sum(v) for v in (tp, fp, fn, tn)))
    agg = {}
    for name in ('selectionRate', 'tpr', 'fpr'):
        v = per_group[name]
        agg[name] = {'difference': float(v.max() - v.min()), 'ratio': float(v.min() / v.max())}
    eo_diff = max(agg['tpr']['difference'], agg['fpr']['difference'])
    eo_ratio = min(agg['tpr']['ratio'], agg['fpr']['ratio'])
    return {
        'groups': {k: [float(x) for x in v] for k, v in per_group.items()},
        'overall': {k: float(v) for k, v in overall.items()},
        'demographicParity': agg['selectionRate'], 'equalOpportunity': agg['tpr'],
        'equalizedOdds': {'difference': eo_diff, 'ratio': eo_ratio},
    }

out = {'timings': {}, 'values': {}}
for name, fn in (('ks', ks), ('psi', psi), ('jensenShannon', js), ('wasserstein', wasserstein), ('fairness', fairness)):
    value = fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        value = fn()
        times.append((time.perf_counter() - t0) * 1000)
    out['timings'][name] = times
    out['values'][name] = value
print(json.dumps(out))
`;

interface PythonFairness {
  groups: Record<RateName, number[]>;
  overall: Record<RateName, number>;
  demographicParity: { difference: number; ratio: number };
  equalOpportunity: { difference: number; ratio: number };
  equalizedOdds: { difference: number; ratio: number };
}

interface PythonOutput {
  timings: Record<string, number[]>;
  values: {
    ks: { statistic: number; pValue: number };
    psi: number;
    jensenShannon: number;
    wasserstein: number;
    fairness: PythonFairness;
  };
}

function scipyVersions(): { scipy: string; numpy: string; python: string } | { missing: string } {
  const r = spawnSync('python3', ['-c', 'import sys, scipy, numpy; print(scipy.__version__, numpy.__version__, sys.version.split()[0])'], {
    encoding: 'utf8',
  });
  if (r.error || r.status !== 0) {
    return { missing: (r.error?.message ?? r.stderr.trim().split('\n').pop() ?? 'python3 -c "import scipy" failed').slice(0, 200) };
  }
  const [scipy, numpy, python] = r.stdout.trim().split(' ');
  return { scipy: scipy!, numpy: numpy!, python: python! };
}

function runPython(dir: string): Promise<PythonOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-c', PYTHON, dir, String(RUNS), String(GROUPS)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`python3 exited ${code}: ${err.trim().slice(-500)}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as PythonOutput);
    });
  });
}

function relativeDifference(a: number | null, b: number): number {
  if (a === null) return Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/** The largest relative difference between our fairness result and the NumPy one, over every compared figure. */
function fairnessDisagreement(ours: FairnessResult, py: PythonFairness): number {
  let worst = 0;
  const rateNames = Object.keys(py.overall) as RateName[];
  for (const rate of rateNames) {
    worst = Math.max(worst, relativeDifference(ours.overall[rate], py.overall[rate]));
    ours.groupNames.forEach((name, g) => {
      worst = Math.max(worst, relativeDifference(ours.groups[name]![rate], py.groups[rate][g]!));
    });
  }
  for (const key of ['demographicParity', 'equalOpportunity', 'equalizedOdds'] as const) {
    worst = Math.max(worst, relativeDifference(ours[key].difference, py[key].difference));
    worst = Math.max(worst, relativeDifference(ours[key].ratio, py[key].ratio));
  }
  return worst;
}

// ---------------------------------------------------------------------------------------------------------
// CLI throughput

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function runNode(args: string[]): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const env = { ...process.env };
    delete env.DATABASE_URL;
    delete env.AIMS_DATA_DIR;
    const child = spawn(process.execPath, [aimsBin, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - t0 }));
  });
}

async function timeCli(args: string[]): Promise<{ runsMs: number[]; medianMs: number; stdout: string }> {
  const runsMs: number[] = [];
  let stdout = '';
  for (let i = 0; i < CLI_RUNS; i++) {
    const r = await runNode(args);
    if (r.code !== 0) throw new Error(`aims ${args.join(' ')} exited ${r.code}: ${r.stderr.trim().slice(0, 500)}`);
    runsMs.push(r.ms);
    stdout = r.stdout;
  }
  return { runsMs: runsMs.map((v) => round(v, 1)), medianMs: round(median(runsMs), 1), stdout };
}

/** Writes a CSV in chunks of rows (a 60 MB string at once is needlessly heavy). */
function writeCsv(file: string, header: string, rows: number, row: (i: number) => string): number {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, `${header}\n`);
    let chunk: string[] = [];
    for (let i = 0; i < rows; i++) {
      chunk.push(row(i));
      if (chunk.length === 50_000) {
        fs.writeSync(fd, `${chunk.join('\n')}\n`);
        chunk = [];
      }
    }
    if (chunk.length) fs.writeSync(fd, `${chunk.join('\n')}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}

const mbPerS = (bytes: number, msValue: number) => round(bytes / 1e6 / (msValue / 1000), 1);

// ---------------------------------------------------------------------------------------------------------

export async function runStats(): Promise<BenchResult> {
  const dir = tempDir('stats');
  log(`stats: generating ${N.toLocaleString('en')} + ${N.toLocaleString('en')} values and ${N.toLocaleString('en')} fairness rows`);
  // A small shift and spread, so the KS p-value is neither 0 nor 1 and every distance is non-trivial.
  const reference = normals(N, 0, 1, 1);
  const current = normals(N, 0.004, 1.002, 2);
  const fair = fairnessData(N, 3);
  writeBytes(path.join(dir, 'reference.f64'), reference);
  writeBytes(path.join(dir, 'current.f64'), current);
  writeBytes(path.join(dir, 'group.u32'), fair.group);
  writeBytes(path.join(dir, 'ytrue.u8'), fair.yTrue);
  writeBytes(path.join(dir, 'ypred.u8'), fair.yPred);

  // Ours, from the raw arrays (the sort is part of the work, as it is inside SciPy's functions).
  log(`stats: our functions, ${RUNS} runs after a warm-up each`);
  const sortBoth = timeIt(() => [sortedCopy(reference), sortedCopy(current)] as const);
  const [refSorted, curSorted] = sortBoth.value;
  const ours = {
    ks: timeIt(() => ksTwoSampleSorted(sortedCopy(reference), sortedCopy(current))),
    // PSI sorts only the reference (its deciles); Jensen–Shannon sorts neither — like NumPy's searchsorted binning.
    psi: timeIt(() => psiDecilesUnsorted(reference, current)),
    jensenShannon: timeIt(() => jensenShannonEqualWidthUnsorted(reference, current, 2)),
    wasserstein: timeIt(() => wassersteinSorted(sortedCopy(reference), sortedCopy(current))),
    fairness: timeIt(() => computeFairness({ yTrue: fair.yTrue, yPred: fair.yPred, group: fair.group, groupNames: fair.groupNames })),
  };
  // The same on already-sorted arrays: what each metric costs beyond the shared sort.
  const presorted = {
    ks: timeIt(() => ksTwoSampleSorted(refSorted, curSorted)).medianMs,
    psi: timeIt(() => psiDeciles(refSorted, curSorted)).medianMs,
    jensenShannon: timeIt(() => jensenShannonEqualWidth(refSorted, curSorted, 2)).medianMs,
    wasserstein: timeIt(() => wassersteinSorted(refSorted, curSorted)).medianMs,
  };
  // The drift pipeline sorts once and computes every statistic (and the chi-square) for a column.
  const wholeColumn = timeIt(() => numericColumnDrift(reference, current));

  const versions = scipyVersions();
  let py: PythonOutput | null = null;
  if ('missing' in versions) log(`stats: SciPy not available (${versions.missing}); the comparison is skipped (Debian: python3-scipy)`);
  else {
    log(`stats: SciPy ${versions.scipy} / NumPy ${versions.numpy} in a python3 child process, ${RUNS} runs after a warm-up each`);
    py = await runPython(dir);
  }

  const metricNames = ['ks', 'psi', 'jensenShannon', 'wasserstein', 'fairness'] as const;
  const oursValue = {
    ks: ours.ks.value,
    psi: ours.psi.value,
    jensenShannon: ours.jensenShannon.value,
    wasserstein: ours.wasserstein.value,
  };
  const agreement: Record<string, { maxRelativeDifference: number; agree: boolean }> = {};
  if (py) {
    const record = (name: string, d: number) => (agreement[name] = { maxRelativeDifference: d, agree: d <= TOLERANCE });
    record(
      'ks',
      Math.max(
        relativeDifference(oursValue.ks.statistic, py.values.ks.statistic),
        relativeDifference(oursValue.ks.pValue, py.values.ks.pValue),
      ),
    );
    record('psi', relativeDifference(oursValue.psi, py.values.psi));
    record('jensenShannon', relativeDifference(oursValue.jensenShannon, py.values.jensenShannon));
    record('wasserstein', relativeDifference(oursValue.wasserstein, py.values.wasserstein));
    record('fairness', fairnessDisagreement(ours.fairness.value, py.values.fairness));
  }
  const comparison = Object.fromEntries(
    metricNames.map((name) => {
      const scipyMs = py ? round(median(py.timings[name]!), 2) : null;
      const ratio = scipyMs ? round(ours[name].medianMs / scipyMs, 2) : null;
      return [
        name,
        {
          oursMs: ours[name].medianMs,
          oursRunsMs: ours[name].runsMs,
          oursPresortedMs: name === 'fairness' ? null : presorted[name],
          scipyMs,
          scipyRunsMs: py ? py.timings[name]!.map((v) => round(v, 2)) : null,
          ratio,
          target: `≤ ${TARGET_RATIO}`,
          pass: ratio === null ? null : ratio <= TARGET_RATIO,
          agreement: agreement[name] ?? null,
        },
      ];
    }),
  );

  // CLI throughput on CSV files.
  log('stats: writing the CSV files (1,000,000 rows each)');
  const fairnessCsv = path.join(dir, 'fairness.csv');
  const fairnessBytes = writeCsv(
    fairnessCsv,
    'id,group,label,prediction',
    N,
    (i) => `${i + 1},${fair.groupNames[fair.group[i]!]},${fair.yTrue[i]},${fair.yPred[i]}`,
  );
  // x1 is exactly the in-process sample (shortest round-trip text), so the CLI must reproduce its figures.
  const x2Ref = normals(N, 10, 3, 4);
  const x2Cur = normals(N, 10.5, 3, 5);
  const intRnd = prng(6);
  const driftRow = (x1: Float64Array, x2: Float64Array, skew: number) => (i: number) =>
    `${x1[i]},${x2[i]},${Math.floor(100 * intRnd() ** skew)}`;
  const refCsv = path.join(dir, 'drift-reference.csv');
  const curCsv = path.join(dir, 'drift-current.csv');
  const driftBytes =
    writeCsv(refCsv, 'x1,x2,x3', N, driftRow(reference, x2Ref, 1)) + writeCsv(curCsv, 'x1,x2,x3', N, driftRow(current, x2Cur, 1.1));

  log(`stats: aims --help (start-up baseline), aims fairness and aims drift, ${CLI_RUNS} runs each`);
  const startup = await timeCli(['--help']);
  const fairnessCli = await timeCli([
    'fairness',
    '--input',
    fairnessCsv,
    '--label',
    'label',
    '--label-positive',
    '1',
    '--prediction',
    'prediction',
    '--prediction-positive',
    '1',
    '--group',
    'group',
    '--json',
  ]);
  const driftCli = await timeCli(['drift', '--reference', refCsv, '--current', curCsv, '--json']);

  // The CLI must give the in-process answers on the same data.
  const fairnessJson = JSON.parse(fairnessCli.stdout) as { rows: number; demographicParity: { difference: number | null } };
  const driftJson = JSON.parse(driftCli.stdout) as { columns: Record<string, { psi: number; ks: { statistic: number } | null }> };
  const inProcessDrift = wholeColumn.value;
  const cliChecks = {
    fairnessRows: fairnessJson.rows,
    fairnessDemographicParityMatches: fairnessJson.demographicParity.difference === ours.fairness.value.demographicParity.difference,
    driftX1PsiMatches: driftJson.columns.x1?.psi === inProcessDrift.psi,
    driftX1KsMatches: driftJson.columns.x1?.ks?.statistic === inProcessDrift.ks?.statistic,
  };
  if (
    fairnessJson.rows !== N ||
    !cliChecks.fairnessDemographicParityMatches ||
    !cliChecks.driftX1PsiMatches ||
    !cliChecks.driftX1KsMatches
  ) {
    throw new Error(`the CLI and the in-process functions disagree: ${JSON.stringify(cliChecks)}`);
  }
  const cli = {
    startupHelp: { runsMs: startup.runsMs, medianMs: startup.medianMs },
    fairness: {
      bytes: fairnessBytes,
      runsMs: fairnessCli.runsMs,
      medianMs: fairnessCli.medianMs,
      mbPerS: mbPerS(fairnessBytes, fairnessCli.medianMs),
      mbPerSExcludingStartup: mbPerS(fairnessBytes, fairnessCli.medianMs - startup.medianMs),
    },
    drift: {
      bytes: driftBytes,
      runsMs: driftCli.runsMs,
      medianMs: driftCli.medianMs,
      mbPerS: mbPerS(driftBytes, driftCli.medianMs),
      mbPerSExcludingStartup: mbPerS(driftBytes, driftCli.medianMs - startup.medianMs),
    },
  };

  const labels: Record<(typeof metricNames)[number], string> = {
    ks: 'KS 2-sample (asymptotic), 1M vs 1M',
    psi: 'PSI (reference deciles), 1M vs 1M',
    jensenShannon: 'Jensen–Shannon (10 bins, base 2), 1M vs 1M',
    wasserstein: 'Wasserstein-1, 1M vs 1M',
    fairness: `fairness metrics, 1M rows, ${GROUPS} groups`,
  };
  const summary: SummaryRow[] = metricNames.map((name) => {
    const c = comparison[name]!;
    const agree = c.agreement ? (c.agreement.agree ? 'agree' : `DIFFER ${c.agreement.maxRelativeDifference.toExponential(1)}`) : '';
    return {
      benchmark: 'stats',
      metric: `${labels[name]}: ours / SciPy`,
      value: py ? `${ms(c.oursMs)} / ${ms(c.scipyMs!)} = ×${c.ratio} (${agree})` : `${ms(c.oursMs)} (SciPy absent: skipped)`,
      target: py ? `≤ ×${TARGET_RATIO}` : '',
      pass: c.pass,
    };
  });
  summary.push(
    {
      benchmark: 'stats',
      metric: 'sorting both 1M samples alone (our four drift metrics take sorted input)',
      value: ms(sortBoth.medianMs),
      target: '',
      pass: null,
    },
    {
      benchmark: 'stats',
      metric: 'drift of one numeric column, in-process (sort once, every statistic)',
      value: ms(wholeColumn.medianMs),
      target: '',
      pass: null,
    },
    {
      benchmark: 'stats',
      metric: `aims fairness --json, ${round(fairnessBytes / 1e6, 1)} MB CSV`,
      value: `${cli.fairness.mbPerS} MB/s (${ms(cli.fairness.medianMs)})`,
      target: '',
      pass: null,
    },
    {
      benchmark: 'stats',
      metric: `aims drift --json, 2 × ${round(driftBytes / 2e6, 1)} MB CSV, 3 columns`,
      value: `${cli.drift.mbPerS} MB/s (${ms(cli.drift.medianMs)})`,
      target: '',
      pass: null,
    },
    { benchmark: 'stats', metric: 'aims --help (process start-up baseline)', value: ms(startup.medianMs), target: '', pass: null },
  );

  return {
    name: 'stats',
    summary,
    data: {
      scipy:
        'missing' in versions
          ? { available: false, reason: versions.missing, note: 'comparison skipped; Debian package python3-scipy' }
          : { available: true, ...versions },
      dataset: {
        values: { reference: 'Normal(0, 1), seed 1', current: 'Normal(0.004, 1.002), seed 2', n: N },
        fairness: { rows: N, groups: fair.groupNames, seed: 3 },
        prng: 'mulberry32; normals by Box–Muller',
      },
      method: {
        runs: `median of ${RUNS} after one warm-up, each side in its own process (ours in the bench process, SciPy in a python3 child)`,
        ours: 'from the raw arrays: sortedCopy (LSD radix sort) of both samples + ksTwoSampleSorted / wassersteinSorted; psiDecilesUnsorted (sorts the reference only) / jensenShannonEqualWidthUnsorted (no sort); computeFairness (per-group confusion tallies, rates, Fairlearn aggregates)',
        scipy: {
          ks: "scipy.stats.ks_2samp(ref, cur, method='asymp') (what method='auto' picks at this size; ours picks it too)",
          psi: 'np.quantile(ref, [.1….9]) (linear), counts by np.searchsorted(side=right) + np.bincount, shares floored at 1e-4, Σ (r − c) ln(r/c)',
          jensenShannon:
            'inner edges min + (max − min)·k/10 of the reference, counts as for PSI, scipy.spatial.distance.jensenshannon(base=2)',
          wasserstein: 'scipy.stats.wasserstein_distance(ref, cur)',
          fairness:
            "per-group confusion counts by one np.bincount(group·4 + 2·y_true + y_pred), the 8 rates per group and overall, between-groups difference and ratio of selection rate, TPR and FPR, equalized odds worst case — what Fairlearn's MetricFrame computes at its core, without pandas",
        },
        agreementTolerance: `relative ${TOLERANCE}`,
        ratio: 'our median / SciPy median; recorded, not asserted',
      },
      sortBothMs: sortBoth.medianMs,
      comparison,
      values: { ours: { ...oursValue, fairnessDemographicParity: ours.fairness.value.demographicParity }, scipy: py?.values ?? null },
      wholeColumnDriftMs: { medianMs: wholeColumn.medianMs, runsMs: wholeColumn.runsMs },
      cli: { ...cli, checks: cliChecks },
    },
  };
}
