import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyEuAiAct } from '../../src/modules/classification/eu-ai-act/classify.js';
import type { EuAiActInput, EuAiActResult, HongKongInput, HongKongResult } from '../../src/modules/classification/schema.js';
import { JSON_BODY_LIMIT } from '../../src/server/app.js';
import { engines } from '../support/engines.js';
import { buildOrg, type TestOrg } from '../support/factories.js';
import { bearer, startTestApp, type TestApp } from '../support/harness.js';
import { describeRun, runCli } from './cli.js';

/** Inputs that walk every branch: scope exits, each tier, the derogation and its override, GPAI, all roles. */
const inputs: EuAiActInput[] = [
  {},
  { role: 'deployer', euNexus: { outputUsedInEu: true }, annexIII: ['4a'] },
  { role: 'provider', euNexus: { placedOnEuMarket: true }, annexIII: ['5b', '1a'], transparency: { interactsWithNaturalPersons: true } },
  { role: 'deployer', euNexus: { establishedInEu: true }, annexIII: ['5a'], deployerIsPublicBodyOrPublicService: true },
  { role: 'provider', euNexus: { outputUsedInEu: true }, annexIII: ['3b'], derogation: { narrowProceduralTask: true } },
  { euNexus: { outputUsedInEu: true }, annexIII: ['4a'], derogation: { preparatoryTask: true }, profilesNaturalPersons: true },
  {
    role: 'importer',
    euNexus: { placedOnEuMarket: true },
    annexI: { safetyComponentOrProduct: true, thirdPartyConformityAssessment: true },
  },
  { role: 'distributor', euNexus: { placedOnEuMarket: true }, prohibitedPractices: { socialScoring: true }, annexIII: ['5b'] },
  { role: 'provider', euNexus: { placedOnEuMarket: true }, gpai: { isGpaiModel: true, openSource: true } },
  { role: 'provider', euNexus: { placedOnEuMarket: true }, gpai: { isGpaiModel: true, systemicRisk: true } },
  {
    role: 'deployer',
    euNexus: { outputUsedInEu: true },
    transparency: { deepFake: true, publicInterestText: true, humanEditorialControl: true },
  },
  { role: 'deployer', euNexus: { outputUsedInEu: true }, exclusions: { personalNonProfessionalUse: true }, annexIII: ['1c'] },
  {
    euNexus: { outputUsedInEu: true },
    exclusions: { militaryDefenceNationalSecurity: true },
    prohibitedPractices: { untargetedFacialScraping: true },
  },
];

const hkInputs: HongKongInput[] = [
  {},
  { pcpd: { processesPersonalData: true, decisionsAboutIndividuals: true, significantImpactOnRights: true } },
  {
    sfc: { licensedCorporation: true, usesAiLanguageModel: true, investmentAdvice: true },
    hkma: { authorisedInstitution: true, customerFacing: true, generativeAi: true },
  },
];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-classify-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
function file(name: string, content: unknown): string {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

/** `aims classify …` runs offline: no --data-dir, no DATABASE_URL (cli.ts removes both from the environment). */
async function cliJson<T>(args: string[]): Promise<T> {
  const r = await runCli(null, args);
  if (r.code !== 0) throw new Error(describeRun(r));
  return JSON.parse(r.stdout) as T;
}

describe('aims classify (offline)', () => {
  it('prints tier, basis, obligations and explanation for humans, without a database', async () => {
    // A data directory that does not exist: any command that opens the database would create it.
    const dataDir = path.join(tmp, 'never-created');
    const r = await runCli({ dataDir }, ['classify', 'eu-ai-act', '--input', file('one.json', inputs[1])]);
    expect(r.code, describeRun(r)).toBe(0);
    expect(r.stdout).toMatch(/^Tier: +high$/m);
    expect(r.stdout).toMatch(/^Basis: +Art\. 6\(2\), Annex III 4\(a\)$/m);
    expect(r.stdout).toMatch(/^ {2}Art\. 26 +Deployer obligations for high-risk AI systems \(deployer\)$/m);
    expect(r.stdout).toMatch(/^ {2}\d\. \[Annex III 4\(a\)\] listed: /m);
    expect(r.stdout).toMatch(/pending Digital Omnibus on AI .*: 2027-12-02 \(not confirmed\)/);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('refuses bad input with a non-zero exit, naming each item and field', async () => {
    const r = await runCli(null, [
      'classify',
      'eu-ai-act',
      '--input',
      file('bad.json', [{}, { annexIII: ['4z'], gpai: { isGpaiModel: 'yes' } }]),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*bad\.json: some answers are not valid$/m);
    expect(r.stderr).toMatch(/^ {2}1\.annexIII\.0: Unknown Annex III point/m);
    expect(r.stderr).toMatch(/^ {2}1\.gpai\.isGpaiModel: Invalid input: expected boolean, received string$/m);
    expect(r.stdout).toBe('');
    const notJson = await runCli(null, ['classify', 'eu-ai-act', '--input', file('broken.json', '{"role": ')]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/broken\.json is not valid JSON/);
    const missing = await runCli(null, ['classify', 'eu-ai-act', '--input', path.join(tmp, 'absent.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Cannot read .*absent\.json: ENOENT/);
  });
});

describe.each(engines)('the classification API and CLI (%s)', (engine) => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp(engine);
    org = await buildOrg(t.database.db, 'classify');
  });
  afterAll(async () => t?.close());

  const post = (url: string, payload: unknown, token = org.tokens.viewer) =>
    t.app.inject({ method: 'POST', url, payload: payload as object, headers: bearer(token) });

  it('returns the same JSON from the CLI, the single endpoint and the batch endpoint', async () => {
    const fromCli = await cliJson<EuAiActResult[]>(['classify', 'eu-ai-act', '--input', file('all.json', inputs), '--json']);
    const batch = await post('/api/v1/classify/eu-ai-act/batch', { items: inputs });
    expect(batch.statusCode).toBe(200);
    const { results, rulesVersion } = batch.json<{ results: EuAiActResult[]; rulesVersion: string }>();
    expect(results).toEqual(fromCli);
    expect(rulesVersion).toBe(fromCli[0]?.rulesVersion);
    for (const [i, input] of inputs.entries()) {
      const single = await post('/api/v1/classify/eu-ai-act', input);
      expect(single.statusCode).toBe(200);
      expect(single.json()).toEqual(fromCli[i]);
    }
    // One object in the file → one result, the same as the API's.
    const one = await cliJson<EuAiActResult>(['classify', 'eu-ai-act', '--input', file('single.json', inputs[5]), '--json']);
    expect(one).toEqual(fromCli[5]);
    expect(one).toMatchObject({ tier: 'high', basis: ['Art. 6(2)', 'Annex III 4(a)', 'Art. 6(3) third subparagraph'] });
    expect(fromCli.map((r) => r.tier)).toEqual([
      'out_of_scope',
      'high',
      'high',
      'high',
      'minimal',
      'high',
      'high',
      'prohibited',
      'minimal',
      'minimal',
      'limited',
      'out_of_scope',
      'out_of_scope',
    ]);
  });

  it('returns the same Hong Kong view from the CLI and the API', async () => {
    const fromCli = await cliJson<HongKongResult[]>(['classify', 'hong-kong', '--input', file('hk.json', hkInputs), '--json']);
    for (const [i, input] of hkInputs.entries()) {
      const res = await post('/api/v1/classify/hong-kong', input);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(fromCli[i]);
    }
    expect(fromCli.map((r) => [r.pcpd.riskLevel, r.sfc.highRisk, r.hkma.customerFacingGenAi])).toEqual([
      ['low', false, false],
      ['high', false, false],
      ['low', true, true],
    ]);
  });

  it('lists each malformed field: unknown Annex III code, wrong types, unknown keys', async () => {
    const res = await post('/api/v1/classify/eu-ai-act', {
      annexIII: ['4a', '4c'],
      euNexus: { outputUsedInEu: 'yes' },
      role: 'owner',
      deepFake: true,
    });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; details: { issues: { path: string; message: string }[] } } }>();
    expect(body.error.code).toBe('validation_failed');
    const paths = body.error.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['role', 'euNexus.outputUsedInEu', 'annexIII.1']));
    expect(body.error.details.issues.find((i) => i.path === 'annexIII.1')?.message).toMatch(/^Unknown Annex III point; use one of: 1a/);
    expect(body.error.details.issues.some((i) => i.message.includes('deepFake'))).toBe(true);
    const notAnObject = await post('/api/v1/classify/eu-ai-act', [1, 2]);
    expect(notAnObject.statusCode).toBe(400);
  });

  it('names the item index of each bad field in a batch, and classifies nothing', async () => {
    const res = await post('/api/v1/classify/eu-ai-act/batch', {
      items: [{}, {}, { annexIII: ['10a'] }, { prohibitedPractices: { socialScoring: 1 } }],
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ error: { details: { issues: { path: string }[] } } }>().error.details.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['items.2.annexIII.0', 'items.3.prohibitedPractices.socialScoring']));
    expect((await post('/api/v1/classify/eu-ai-act/batch', { items: [] })).statusCode).toBe(400);
    expect((await post('/api/v1/classify/eu-ai-act/batch', { items: Array.from({ length: 10_001 }, () => ({})) })).statusCode).toBe(400);
  });

  it('classifies 10,000 systems in one batch, a body larger than the 1 MB JSON limit', async () => {
    const items = Array.from({ length: 10_000 }, (_, i) => inputs[i % inputs.length]!);
    const payload = JSON.stringify({ items });
    expect(Buffer.byteLength(payload)).toBeGreaterThan(JSON_BODY_LIMIT);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/classify/eu-ai-act/batch',
      payload,
      headers: { ...bearer(org.tokens.auditor), 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(200);
    const { results } = res.json<{ results: EuAiActResult[] }>();
    expect(results).toHaveLength(10_000);
    expect(results[9_999]).toEqual(classifyEuAiAct(inputs[9_999 % inputs.length]));
    // The single endpoint keeps the ordinary limit.
    const big = await t.app.inject({
      method: 'POST',
      url: '/api/v1/classify/eu-ai-act',
      payload: JSON.stringify({ annexIII: Array.from({ length: 300_000 }, () => '4a') }),
      headers: { ...bearer(org.tokens.auditor), 'content-type': 'application/json' },
    });
    expect(big.statusCode).toBe(413);
  });

  it('answers 401 to anonymous callers before reading the body', async () => {
    for (const url of ['/api/v1/classify/eu-ai-act', '/api/v1/classify/eu-ai-act/batch', '/api/v1/classify/hong-kong']) {
      const res = await t.app.inject({ method: 'POST', url, payload: { not: 'valid' } });
      expect(res.statusCode).toBe(401);
    }
  });
});
