// Target (issue 4): "classify 10,000 systems through the batch endpoint in < 1 s".
//
// The server runs as its own process on a fresh data directory holding one organisation and a viewer token (made
// with the `aims` CLI). 10,000 varied, deterministic inputs go to POST /api/v1/classify/eu-ai-act/batch in one
// call: 2 warm-up calls, then 10 timed calls (request sent → whole response read). Judged on the median of the
// timed calls; p99 (≈ the slowest of 10) is reported next to it. The pure function's time for the same 10,000
// inputs in-process, and the zod validation of the batch body, show where the time goes. A report, not an assertion.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { classifyEuAiAct } from '../src/modules/classification/eu-ai-act/classify.js';
import {
  annexIIICodes,
  derogationKeys,
  euAiActBatchInput,
  euRoles,
  prohibitedPracticeKeys,
  type EuAiActInput,
  type EuAiActResult,
} from '../src/modules/classification/schema.js';
import { cliOk, log, median, ms, quantile, round, startServer, tempDir, type BenchResult, type Store } from './support.js';

const SYSTEMS = 10_000;
const TARGET_MS = 1000;

/** A small deterministic PRNG (mulberry32), so every run classifies the same systems. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Varied systems: most in scope, a share of each tier, some with every section answered. */
export function variedSystems(n = SYSTEMS, seed = 42): EuAiActInput[] {
  const rnd = prng(seed);
  const chance = (p: number) => rnd() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, (): EuAiActInput => {
    const input: EuAiActInput = {
      role: pick(euRoles),
      euNexus: { placedOnEuMarket: chance(0.4), establishedInEu: chance(0.2), outputUsedInEu: chance(0.6) },
      transparency: {
        interactsWithNaturalPersons: chance(0.4),
        generatesSyntheticContent: chance(0.2),
        emotionRecognitionOrBiometricCategorisation: chance(0.05),
        deepFake: chance(0.05),
        publicInterestText: chance(0.05),
        humanEditorialControl: chance(0.5),
      },
      profilesNaturalPersons: chance(0.3),
      deployerIsPublicBodyOrPublicService: chance(0.1),
    };
    if (chance(0.05))
      input.exclusions = {
        militaryDefenceNationalSecurity: chance(0.3),
        scientificResearchOnly: chance(0.5),
        personalNonProfessionalUse: chance(0.3),
      };
    if (chance(0.03)) input.prohibitedPractices = { [pick(prohibitedPracticeKeys)]: true };
    if (chance(0.4)) input.annexIII = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => pick(annexIIICodes));
    if (chance(0.15)) input.derogation = { [pick(derogationKeys)]: true };
    if (chance(0.1)) input.annexI = { safetyComponentOrProduct: true, thirdPartyConformityAssessment: chance(0.6) };
    if (chance(0.1)) input.gpai = { isGpaiModel: true, systemicRisk: chance(0.2), openSource: chance(0.4) };
    return input;
  });
}

export async function runClassify(options: { calls?: number } = {}): Promise<BenchResult> {
  const calls = options.calls ?? 10;
  const items = variedSystems();
  const body = JSON.stringify({ items });

  // In-process: the pure function alone, and the validation the route runs first.
  const pure: number[] = [];
  let expected: EuAiActResult[] = [];
  for (let i = 0; i < 12; i++) {
    const t0 = performance.now();
    expected = items.map((x) => classifyEuAiAct(x));
    if (i >= 2) pure.push(performance.now() - t0);
  }
  const validation: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    euAiActBatchInput.parse(JSON.parse(body));
    if (i >= 2) validation.push(performance.now() - t0);
  }
  const tiers: Record<string, number> = {};
  for (const r of expected) tiers[r.tier] = (tiers[r.tier] ?? 0) + 1;

  log('classify: a data directory with one organisation and a viewer token (aims CLI)');
  const store: Store = { dataDir: path.join(tempDir('classify'), 'data') };
  await cliOk(store, ['orgs', 'create', '--name', 'Classify Bench', '--slug', 'classify-bench']);
  const token = (await cliOk(store, ['tokens', 'create', '--org', 'classify-bench', '--role', 'viewer', '--name', 'bench'])).stdout.trim();
  if (!token.startsWith('aims_')) throw new Error(`unexpected token output: ${token}`);

  const server = await startServer(store);
  const runs: number[] = [];
  let responseBytes = 0;
  try {
    const call = async () => {
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/classify/eu-ai-act/batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      const text = await res.text();
      const elapsed = performance.now() - t0;
      if (res.status !== 200) throw new Error(`batch answered ${res.status}: ${text.slice(0, 300)}`);
      return { elapsed, text };
    };
    log(`classify: 2 warm-up calls, then ${calls} timed calls of ${SYSTEMS} systems`);
    for (let i = 0; i < 2; i++) {
      const { text } = await call();
      const { results } = JSON.parse(text) as { results: EuAiActResult[] };
      if (results.length !== SYSTEMS) throw new Error(`${results.length} results, expected ${SYSTEMS}`);
      // The server must answer exactly what the function answers in-process.
      if (JSON.stringify(results) !== JSON.stringify(expected)) throw new Error('the batch endpoint and the pure function disagree');
      responseBytes = Buffer.byteLength(text);
    }
    for (let i = 0; i < calls; i++) runs.push((await call()).elapsed);
  } finally {
    await server.stop();
  }

  const p50 = round(median(runs), 1);
  const p99 = round(quantile(runs, 0.99), 1);
  const pass = p50 < TARGET_MS;
  return {
    name: 'classify',
    summary: [
      {
        benchmark: 'classify',
        metric: `batch of ${SYSTEMS.toLocaleString('en')} through the API, median of ${calls}`,
        value: ms(p50),
        target: '< 1 s',
        pass,
      },
      {
        benchmark: 'classify',
        metric: 'batch p99 / min / max',
        value: `${ms(p99)} / ${ms(Math.min(...runs))} / ${ms(Math.max(...runs))}`,
        target: '',
        pass: null,
      },
      {
        benchmark: 'classify',
        metric: `pure function, ${SYSTEMS.toLocaleString('en')} in-process (median)`,
        value: ms(median(pure)),
        target: '',
        pass: null,
      },
      { benchmark: 'classify', metric: 'zod validation of the batch body (median)', value: ms(median(validation)), target: '', pass: null },
    ],
    data: {
      target: { ms: TARGET_MS, judgedOn: `median of ${calls} batch calls of ${SYSTEMS} systems, request sent to response read` },
      pass,
      batch: {
        calls,
        requestBytes: Buffer.byteLength(body),
        responseBytes,
        medianMs: p50,
        p99Ms: p99,
        runsMs: runs.map((v) => round(v, 1)),
      },
      inProcess: {
        pureFunctionMedianMs: round(median(pure), 2),
        pureFunctionRunsMs: pure.map((v) => round(v, 2)),
        perSystemMicroseconds: round((median(pure) * 1000) / SYSTEMS, 2),
        batchValidationMedianMs: round(median(validation), 2),
      },
      dataset: { systems: SYSTEMS, seed: 42, tiers },
    },
  };
}
