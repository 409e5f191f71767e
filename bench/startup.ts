// Target 3: "start-up to /readyz on an existing data directory < 3 s".
//
// `aims serve --no-demo --no-web-build` is spawned on an existing data directory (migrated, with the list
// benchmark's 10,000 systems) and timed from spawn to the first 200 on /readyz; 5 runs, each stopped with
// SIGTERM before the next (one process per data directory). For information: the first start on an empty
// directory (creating the database, migrations, loading the demo organisation), the phases of a start measured
// inside a process (bench/startup-probe.ts), and a baseline: `aims --help`, which loads Node, tsx and the CLI's
// module graph but opens no database.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildListFixture, type ListFixture } from './fixture.js';
import { log, median, ms, round, runCli, runProbe, startServer, tempDir, type BenchResult, type SummaryRow } from './support.js';

export interface StartupOptions {
  fixture?: ListFixture;
  runs?: number;
  probeRuns?: number;
}

type Probe = Record<string, number>;

async function probe(dataDir: string): Promise<Probe> {
  return (await runProbe('startup-probe.ts', [dataDir])).result;
}

export async function runStartup(options: StartupOptions = {}): Promise<BenchResult> {
  const runs = options.runs ?? 5;
  const probeRuns = options.probeRuns ?? 3;
  const fixture = options.fixture ?? (await buildListFixture());
  const dataDir = fixture.store.dataDir;
  if (!dataDir) throw new Error('the start-up benchmark needs an embedded (PGlite) data directory');

  const existing: { readyMs: number; stopMs: number }[] = [];
  for (let i = 0; i < runs; i++) {
    log(`startup: aims serve on the existing data directory, run ${i + 1}/${runs}`);
    const server = await startServer({ dataDir });
    const t0 = performance.now();
    await server.stop();
    existing.push({ readyMs: round(server.readyMs, 0), stopMs: round(performance.now() - t0, 0) });
  }

  log(`startup: phases inside the process, ${probeRuns} runs`);
  const probes: Probe[] = [];
  for (let i = 0; i < probeRuns; i++) probes.push(await probe(dataDir));
  const probeMedians = Object.fromEntries(Object.keys(probes[0] ?? {}).map((k) => [k, round(median(probes.map((p) => p[k] ?? NaN)), 1)]));

  log('startup: baseline aims --help (Node + tsx + the CLI module graph, no database)');
  const help: number[] = [];
  for (let i = 0; i < 3; i++) help.push((await runCli({ dataDir }, ['--help'])).ms);

  log('startup: first start on an empty data directory (create, migrate, load the demo)');
  const emptyDir = path.join(tempDir('startup-empty'), 'data');
  const first = await startServer({ dataDir: emptyDir }, { demo: true });
  await first.stop();
  log('startup: second start on that directory (demo already there)');
  const second = await startServer({ dataDir: emptyDir }, { demo: true });
  await second.stop();

  const med = median(existing.map((e) => e.readyMs));
  const pass = med < 3000;
  const summary: SummaryRow[] = [
    { benchmark: 'startup', metric: `spawn -> /readyz 200, existing 10k dir (median of ${runs})`, value: ms(med), target: '< 3 s', pass },
    {
      benchmark: 'startup',
      metric: 'phases: node+tsx / modules / open DB / buildApp',
      value: [probeMedians.processStartToProbeMs, probeMedians.importModulesMs, probeMedians.openDatabaseMs, probeMedians.buildAppMs]
        .map((v) => ms(v ?? NaN))
        .join(' / '),
      target: '',
      pass: null,
    },
    { benchmark: 'startup', metric: 'baseline: aims --help (no database)', value: ms(median(help)), target: '', pass: null },
    { benchmark: 'startup', metric: 'first start, empty dir (migrate + demo)', value: ms(first.readyMs), target: '', pass: null },
  ];
  return {
    name: 'startup',
    summary,
    data: {
      target: { maxMs: 3000, statistic: `median of ${runs}` },
      pass,
      existingDataDir: { systems: fixture.systems, runs: existing, medianReadyMs: round(med, 0) },
      phasesInProcess: {
        runs: probes.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, round(v, 1)]))),
        medians: probeMedians,
      },
      baselineHelpMs: { runs: help.map((v) => round(v, 0)), median: round(median(help), 0) },
      emptyDataDir: {
        firstStartReadyMs: round(first.readyMs, 0),
        secondStartReadyMs: round(second.readyMs, 0),
        note: 'first start creates the database, applies the migrations and loads the demo organisation; one run each, informative',
      },
    },
  };
}
