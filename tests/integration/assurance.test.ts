import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assuranceRuns, evidenceItems, evidenceLinks } from '../../src/db/schema.js';
import type {
  DatasetList,
  DatasetView,
  ProfileList,
  ProfileView,
  RunList,
  RunSeries,
  RunView,
  FairnessResults,
  DriftResults,
  ColumnSuggestion,
} from '../../src/modules/assurance/schema.js';
import { datasetUpload, hiringCsv, hiringFairness } from '../support/assurance-fixtures.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, PASSWORD, type TestOrg } from '../support/factories.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/harness.js';
import { cliOk } from './cli.js';

type ErrorBody = { error: { code: string; message: string } };

describe.each(engines)('technical assurance on %s', (engine) => {
  let t: TestApp;
  let acme: TestOrg;
  let other: TestOrg;
  let owner: Record<string, string>;
  let system: string;
  let ownedSystem: string;
  const tmp: string[] = [];
  const base = '/api/v1/orgs/acme';

  const post = (url: string, payload: object, headers = owner) => t.app.inject({ method: 'POST', url: `${base}${url}`, headers, payload });
  const get = (url: string, headers = owner) => t.app.inject({ method: 'GET', url: `${base}${url}`, headers });
  const upload = (systemId: string, fileName: string, content: string | Buffer, name?: string, headers = owner) => {
    const body = datasetUpload(fileName, content, name);
    return t.app.inject({
      method: 'POST',
      url: `${base}/systems/${systemId}/datasets`,
      headers: { ...headers, ...body.headers },
      payload: body.payload,
    });
  };
  const storedFiles = async () => {
    const files: string[] = [];
    const walk = async (dir: string) => {
      for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (e.isDirectory()) await walk(path.join(dir, e.name));
        else files.push(e.name);
      }
    };
    await walk(path.join(t.evidenceDir, 'datasets'));
    return files.sort();
  };
  async function tempCsv(name: string, content: string): Promise<string> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'aims-assurance-'));
    tmp.push(dir);
    const file = path.join(dir, name);
    await fs.writeFile(file, content);
    return file;
  }

  beforeAll(async () => {
    t = await startTestApp(engine);
    acme = await buildOrg(t.database.db, 'acme');
    other = await buildOrg(t.database.db, 'other');
    owner = bearer(acme.tokens.owner);
    system = (await post('/systems', buildSystem({ name: 'TalentSift' }))).json<{ id: string }>().id;
    ownedSystem = (await post('/systems', buildSystem({ name: 'Owned', technicalOwnerId: acme.users.system_owner.id }))).json<{
      id: string;
    }>().id;
  });
  afterAll(async () => {
    await t?.close();
    for (const d of tmp) await fs.rm(d, { recursive: true, force: true });
  });

  it('profiles an uploaded CSV: rows, column kinds, distinct and empty counts, samples', async () => {
    const csv = hiringCsv(200)
      .replace('\nA1003,', '\nA1003,')
      .replace(/(\nA1005,[^,]*,)[^,]*,/, '$1,');
    const res = await upload(system, 'applicants.csv', csv, 'Applicants 2026 Q3');
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<DatasetView>();
    expect(d).toMatchObject({ name: 'Applicants 2026 Q3', fileName: 'applicants.csv', format: 'csv', rowCount: 200, systemId: system });
    expect(d.columns.map((c) => c.name)).toEqual(['applicant_id', 'sex', 'marital_status', 'race', 'age', 'hired', 'shortlisted', 'score']);
    const col = (n: string) => d.columns.find((c) => c.name === n)!;
    expect(col('sex')).toMatchObject({ kind: 'categorical', distinct: 2, empty: 0, sample: ['F', 'M'] });
    expect(col('marital_status')).toMatchObject({ kind: 'categorical', distinct: 3, empty: 1 });
    expect(col('age').kind).toBe('numeric');
    expect(col('applicant_id')).toMatchObject({ distinct: 200, distinctCapped: false });
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    // the name defaults to the file name without its extension
    const unnamed = await upload(system, 'second batch.csv', hiringCsv(50, 3));
    expect(unnamed.json<DatasetView>().name).toBe('second batch');
    const list = (await get(`/systems/${system}/datasets`)).json<DatasetList>();
    expect(list.items.map((i) => i.name)).toEqual(['second batch', 'Applicants 2026 Q3']);
  });

  it('takes data sets larger than the 25 MB evidence limit', async () => {
    const body = hiringCsv(2000, 41);
    const [header, ...rest] = body.trim().split('\n');
    const block = rest.join('\n');
    const copies = Math.ceil((26 * 1024 * 1024) / block.length);
    const big = `${header}\n${Array.from({ length: copies }, () => block).join('\n')}\n`;
    const res = await upload(system, 'big.csv', big, 'Big');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    expect(res.json<DatasetView>()).toMatchObject({ rowCount: copies * 2000, size: Buffer.byteLength(big) });
    const archived = await post(`/datasets/${res.json<DatasetView>().id}/archive`, {});
    expect(archived.json<DatasetView>().archivedAt).not.toBeNull();
  });

  it('refuses files that are not data sets, and stores nothing', async () => {
    const before = await storedFiles();
    const count = (await get(`/systems/${system}/datasets?archived=include`)).json<DatasetList>().items.length;
    const cases: [string, string, number][] = [
      ['empty.csv', '', 422],
      ['header-only.csv', 'a,b,c\n', 422],
      ['no-header.csv', '1,2,3\n4,5,6\n', 422],
      ['unnamed.csv', 'a,,c\n1,2,3\n', 422],
      ['quote.csv', 'a,b\n"open,1\n2,3\n', 422],
      ['notes.txt', 'a,b\n1,2\n', 415],
      ['broken.parquet', 'PAR1 not really parquet', 422],
    ];
    for (const [name, content, status] of cases) {
      const res = await upload(system, name, content);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      expect(res.json<ErrorBody>().error.message.length).toBeGreaterThan(5);
    }
    expect(await storedFiles()).toEqual(before);
    expect((await get(`/systems/${system}/datasets?archived=include`)).json<DatasetList>().items).toHaveLength(count);
  });

  it('offers the built-in profiles, refuses to edit them, copies them, and versions custom ones', async () => {
    const { items } = (await get('/threshold-profiles')).json<ProfileList>();
    const hk = items.find((p) => p.builtInKey === 'hk_eoc')!;
    const us = items.find((p) => p.builtInKey === 'us_four_fifths')!;
    expect(items[0]!.builtInKey).toBe('hk_eoc');
    expect(hk.name).toBe('Hong Kong (EOC ordinances)');
    expect(hk.sensitiveAttributes).toEqual(['sex', 'marital_status', 'pregnancy', 'disability', 'family_status', 'race']);
    expect(hk.rationale).toMatch(/Cap\. 480.*Cap\. 487.*Cap\. 527.*Cap\. 602/s);
    expect(hk.rationale).toMatch(/no numeric disparity threshold/);
    expect(hk.thresholds).toEqual({
      metrics: { demographicParityRatio: { min: 0.8 }, equalizedOddsDifference: { max: 0.1 } },
      minGroupSize: 30,
    });
    expect(us.rationale).toMatch(/29 CFR 1607\.4\(D\)/);
    expect(hk.can.update).toBe(false);
    // listing again creates nothing more
    expect((await get('/threshold-profiles')).json<ProfileList>().items).toHaveLength(items.length);

    const edit = await t.app.inject({
      method: 'PATCH',
      url: `${base}/threshold-profiles/${hk.id}`,
      headers: owner,
      payload: { rationale: 'x' },
    });
    expect(edit.statusCode).toBe(409);
    const copy = await post(`/threshold-profiles/${hk.id}/copy`, {});
    expect(copy.statusCode, copy.body).toBe(201);
    const mine = copy.json<ProfileView>();
    expect(mine).toMatchObject({ name: 'Hong Kong (EOC ordinances) (copy)', builtInKey: null, thresholds: hk.thresholds, version: 1 });
    const changed = await t.app.inject({
      method: 'PATCH',
      url: `${base}/threshold-profiles/${mine.id}`,
      headers: owner,
      payload: { version: 1, thresholds: { metrics: { demographicParityRatio: { min: 0.9 } }, minGroupSize: 10 } },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<ProfileView>().version).toBe(2);
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `${base}/threshold-profiles/${mine.id}`,
      headers: owner,
      payload: { version: 1, rationale: 'late' },
    });
    expect(stale.statusCode).toBe(409);
    const bad = await post('/threshold-profiles', {
      name: 'Bad',
      rationale: 'x',
      sensitiveAttributes: [],
      thresholds: { metrics: { accuracyRatio: { min: 1 } }, minGroupSize: 1 },
    });
    expect(bad.statusCode).toBe(400);
    const inverted = await post('/threshold-profiles', {
      name: 'Bad',
      rationale: 'x',
      sensitiveAttributes: [],
      thresholds: { metrics: { demographicParityRatio: { min: 1, max: 0.5 } }, minGroupSize: 1 },
    });
    expect(inverted.statusCode).toBe(400);
  });

  it('suggests the sensitive columns a profile pre-selects', async () => {
    const d = (
      await upload(system, 'synonyms.csv', 'Gender,Marital Status,ETHNICITY,age,hired,pred\nF,single,x,30,yes,1\n')
    ).json<DatasetView>();
    const hk = (await get('/threshold-profiles')).json<ProfileList>().items.find((p) => p.builtInKey === 'hk_eoc')!;
    const s = (await get(`/datasets/${d.id}/column-suggestions?profileId=${hk.id}`)).json<ColumnSuggestion>();
    expect(s.groups).toEqual([
      { column: 'Gender', attribute: 'sex' },
      { column: 'Marital Status', attribute: 'marital_status' },
      { column: 'ETHNICITY', attribute: 'race' },
    ]);
    expect(s.unmatched).toEqual(['pregnancy', 'disability', 'family_status']);
    // without a profile: the Hong Kong one
    expect((await get(`/datasets/${d.id}/column-suggestions`)).json<ColumnSuggestion>().profileId).toBe(hk.id);
  });

  it('gives exactly the CLI figures for the same file, checks them against the Hong Kong profile and records evidence', async () => {
    const csv = hiringCsv(400, 11);
    const file = await tempCsv('hiring.csv', csv);
    const dataset = (await upload(system, 'hiring.csv', csv, 'Hiring')).json<DatasetView>();
    const run = await post(`/systems/${system}/assurance-runs`, {
      kind: 'fairness',
      datasetId: dataset.id,
      ...hiringFairness,
      groups: ['sex', 'race'],
      referenceGroup: 'M & Chinese',
      bootstrap: { samples: 50, seed: 7, confidence: 0.9 },
    });
    expect(run.statusCode, run.body).toBe(201);
    const view = run.json<RunView>();
    const results = view.results as FairnessResults;
    const cli = await cliOk(null, [
      'fairness',
      '--input',
      file,
      '--label',
      'hired',
      '--label-positive',
      'yes',
      '--prediction',
      'shortlisted',
      '--prediction-positive',
      '1',
      '--group',
      'sex,race',
      '--reference-group',
      'M & Chinese',
      '--json',
    ]);
    expect(results.report).toEqual(JSON.parse(cli.stdout));
    expect(results.report.rows).toBe(400);

    const hk = (await get('/threshold-profiles')).json<ProfileList>().items.find((p) => p.builtInKey === 'hk_eoc')!;
    expect(view).toMatchObject({ kind: 'fairness', profileId: hk.id, profileName: hk.name, datasetName: 'Hiring' });
    const dp = results.checks.find((c) => c.metric === 'demographicParityRatio')!;
    expect(dp).toMatchObject({
      min: 0.8,
      value: results.report.demographicParity.ratio,
      pass: results.report.demographicParity.ratio! >= 0.8,
    });
    expect(dp.ci!.low).toBeLessThanOrEqual(dp.ci!.high!);
    const eo = results.checks.find((c) => c.metric === 'equalizedOddsDifference')!;
    expect(eo).toMatchObject({ max: 0.1, value: results.report.equalizedOdds.difference });
    expect(view.outcome).toBe(results.checks.some((c) => c.pass === false) ? 'fail' : 'pass');
    expect(view.score).toBe(results.report.demographicParity.ratio);
    // 8 intersectional groups of ~50 rows: the ones under 30 are flagged
    expect(results.smallGroups).toEqual(
      Object.entries(results.report.groups)
        .filter(([, g]) => g.count < 30)
        .map(([group, g]) => ({ group, count: g.count })),
    );
    expect(view.inputHashes.dataset).toBe(dataset.sha256);
    expect(view.inputHashes.profile).toMatch(/^[0-9a-f]{64}$/);
    expect(view.libraryVersion).toMatch(/stats \d+/);
    expect(results.bootstrap).toMatchObject({ seed: 7, replicates: 50, confidence: 0.9 });

    // the evidence note, linked to the system and to A.5.4 and A.6.2.4
    const db = t.database.db;
    const [item] = await db.select().from(evidenceItems).where(eq(evidenceItems.id, view.evidenceId!));
    expect(item!.title).toMatch(/^Fairness test — TalentSift — \d{4}-\d{2}-\d{2}$/);
    expect(item!.note).toContain(dataset.sha256);
    const links = await db.select().from(evidenceLinks).where(eq(evidenceLinks.evidenceId, view.evidenceId!));
    expect(links.map((l) => `${l.targetType}:${l.targetKey}`).sort()).toEqual(
      [`system:${system}`, 'requirement:iso-iec-42001-2023:A.5.4', 'requirement:iso-iec-42001-2023:A.6.2.4'].sort(),
    );

    // same again with the same seed: the same intervals
    const again = await post(`/systems/${system}/assurance-runs`, {
      kind: 'fairness',
      datasetId: dataset.id,
      ...hiringFairness,
      groups: ['sex', 'race'],
      referenceGroup: 'M & Chinese',
      bootstrap: { samples: 50, seed: 7, confidence: 0.9 },
    });
    expect((again.json<RunView>().results as FairnessResults).bootstrap).toEqual(results.bootstrap);

    // the download is the run
    const download = await get(`/assurance-runs/${view.id}/download`);
    expect(download.headers['content-disposition']).toMatch(/attachment; filename="fairness-run-/);
    expect(download.json<RunView>().results).toEqual(view.results);
  });

  it('reads a Parquet file like the same rows in CSV', async () => {
    const csv = hiringCsv(150, 31);
    const rows = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const col = (i: number) => rows.map((r) => r[i]!);
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'applicant_id', data: col(0), type: 'STRING' },
        { name: 'sex', data: col(1), type: 'STRING' },
        { name: 'marital_status', data: col(2), type: 'STRING' },
        { name: 'race', data: col(3), type: 'STRING' },
        { name: 'age', data: col(4).map(Number), type: 'INT32' },
        { name: 'hired', data: col(5), type: 'STRING' },
        { name: 'shortlisted', data: col(6).map(Number), type: 'INT32' },
        { name: 'score', data: col(7).map(Number), type: 'DOUBLE' },
      ],
    });
    const pq = await upload(system, 'hiring.parquet', Buffer.from(buffer), 'Hiring parquet');
    expect(pq.statusCode, pq.body).toBe(201);
    const pqView = pq.json<DatasetView>();
    expect(pqView).toMatchObject({ format: 'parquet', rowCount: 150 });
    expect(pqView.columns.find((c) => c.name === 'age')!.kind).toBe('numeric');
    const csvView = (await upload(system, 'hiring-copy.csv', csv, 'Hiring CSV copy')).json<DatasetView>();
    const params = { kind: 'fairness', ...hiringFairness, groups: ['sex', 'race'] };
    const fromParquet = (await post(`/systems/${system}/assurance-runs`, { ...params, datasetId: pqView.id })).json<RunView>();
    const fromCsv = (await post(`/systems/${system}/assurance-runs`, { ...params, datasetId: csvView.id })).json<RunView>();
    expect((fromParquet.results as FairnessResults).report).toEqual((fromCsv.results as FairnessResults).report);
  });

  it('refuses a fairness run with a wrong column or group, and writes nothing', async () => {
    const dataset = (await get(`/systems/${system}/datasets`)).json<DatasetList>().items.find((d) => d.name === 'Hiring')!;
    const before = (await get(`/systems/${system}/assurance-runs`)).json<RunList>().items.length;
    const bad = [
      { ...hiringFairness, label: 'nope' },
      { ...hiringFairness, referenceGroup: 'X' },
      { ...hiringFairness, groupsFilter: ['Q'] },
    ];
    for (const b of bad) {
      const res = await post(`/systems/${system}/assurance-runs`, { kind: 'fairness', datasetId: dataset.id, ...b });
      expect(res.statusCode, res.body).toBe(422);
    }
    const foreign = await post(`/systems/${ownedSystem}/assurance-runs`, { kind: 'fairness', datasetId: dataset.id, ...hiringFairness });
    expect(foreign.statusCode).toBe(422);
    expect((await get(`/systems/${system}/assurance-runs`)).json<RunList>().items).toHaveLength(before);
  });

  it('checks drift exactly as the CLI does, charts the share over time, and links A.6.2.6', async () => {
    const refCsv = hiringCsv(300, 21);
    const curCsv = hiringCsv(250, 22, 1);
    const [refFile, curFile] = [await tempCsv('ref.csv', refCsv), await tempCsv('cur.csv', curCsv)];
    const ref = (await upload(system, 'ref.csv', refCsv, 'Training')).json<DatasetView>();
    const cur = (await upload(system, 'cur.csv', curCsv, 'Production week 1')).json<DatasetView>();
    const columns = ['sex', 'race', 'age', 'score'];
    const res = await post(`/systems/${system}/assurance-runs`, { kind: 'drift', referenceDatasetId: ref.id, datasetId: cur.id, columns });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json<RunView>();
    const cli = await cliOk(null, ['drift', '--reference', refFile, '--current', curFile, '--column', columns.join(','), '--json']);
    const report = (view.results as DriftResults).report;
    expect(report).toEqual(JSON.parse(cli.stdout));
    expect(report.columns.age!.defaultTest.drift).toBe(true);
    expect(view.outcome).toBe(report.datasetDrift.drift ? 'drift' : 'no_drift');
    expect(view.score).toBe(report.datasetDrift.share);
    expect(view.inputHashes).toEqual({ dataset: cur.sha256, reference: ref.sha256 });
    const links = await t.database.db.select().from(evidenceLinks).where(eq(evidenceLinks.evidenceId, view.evidenceId!));
    expect(links.map((l) => l.targetKey)).toContain('iso-iec-42001-2023:A.6.2.6');

    const same = await post(`/systems/${system}/assurance-runs`, { kind: 'drift', referenceDatasetId: ref.id, datasetId: ref.id, columns });
    expect(same.json<RunView>()).toMatchObject({ outcome: 'no_drift', score: 0 });
    const series = (await get(`/systems/${system}/assurance-runs/series?kind=drift`)).json<RunSeries>();
    expect(series.points.map((p) => p.score)).toEqual([report.datasetDrift.share, 0]);
    const drifts = (await get(`/systems/${system}/assurance-runs?kind=drift`)).json<RunList>();
    expect(drifts.items.map((r) => r.kind)).toEqual(['drift', 'drift']);
  });

  it('keeps runs immutable and refuses a data set whose stored file changed', async () => {
    const db = t.database.db;
    const [run] = await db.select().from(assuranceRuns).limit(1);
    await expect(db.execute(sql`update assurance_runs set outcome = 'pass' where id = ${run!.id}`)).rejects.toThrow();
    const csv = hiringCsv(80, 99);
    const d = (await upload(system, 'tamper.csv', csv)).json<DatasetView>();
    const stored = path.join(t.evidenceDir, 'datasets', 'sha256', d.sha256.slice(0, 2), d.sha256.slice(2, 4), d.sha256);
    await fs.writeFile(stored, csv.replace('yes', 'no!'));
    const res = await post(`/systems/${system}/assurance-runs`, { kind: 'fairness', datasetId: d.id, ...hiringFairness });
    expect(res.statusCode, res.body).toBe(409);
  });

  it("answers 404 for another organisation's data sets and runs, and lets system owners work only on their systems", async () => {
    const runId = (await get(`/systems/${system}/assurance-runs`)).json<RunList>().items[0]!.id;
    const datasetId = (await get(`/systems/${system}/datasets`)).json<DatasetList>().items[0]!.id;
    const stranger = bearer(other.tokens.owner);
    for (const url of [
      `/api/v1/orgs/other/assurance-runs/${runId}`,
      `/api/v1/orgs/other/datasets/${datasetId}`,
      `/api/v1/orgs/other/systems/${system}/datasets`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: stranger });
      expect(res.statusCode, url).toBe(404);
    }
    // 'own' grants follow the signed-in user (a token has no user)
    const so = await signIn(t.app, acme.users.system_owner.email, PASSWORD);
    expect((await upload(ownedSystem, 'mine.csv', hiringCsv(40), undefined, so)).statusCode).toBe(201);
    expect((await upload(system, 'theirs.csv', hiringCsv(40), undefined, so)).statusCode).toBe(403);
    const viewer = bearer(acme.tokens.viewer);
    expect((await get(`/systems/${system}/assurance-runs`, viewer)).statusCode).toBe(200);
    expect((await upload(system, 'viewer.csv', hiringCsv(40), undefined, viewer)).statusCode).toBe(403);
  });
});
