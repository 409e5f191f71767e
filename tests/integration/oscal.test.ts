import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFrameworkPacks } from '../../src/modules/frameworks/catalog.js';
import { engines } from '../support/engines.js';
import { buildOrg, type TestOrg } from '../support/factories.js';
import { bearer, startTestApp, type TestApp } from '../support/harness.js';
import { oscalDir, oscalProblems, oscalSchemasAbsent, SKIP_MESSAGE, type OscalModel } from '../support/oscal.js';
import { multipart } from './route-table.js';

type Json = Record<string, unknown>;
type Finding = { title: string; target: { 'target-id': string; status: { state: string } }; props: { name: string; value: string }[] };

const packs = loadFrameworkPacks();
const example = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(oscalDir, 'examples', name), 'utf8'));
const expectValid = (model: OscalModel, doc: unknown) => {
  expect(oscalProblems(model, doc)).toEqual([]);
  expect(oscalProblems('complete', doc)).toEqual([]);
};
/** The document without its `last-modified`, the one thing allowed to differ between two exports. */
const withoutTimestamp = (body: string): string => body.replace(/"last-modified":"[^"]*"/g, '"last-modified":"…"');

if (oscalSchemasAbsent) {
  describe.skip(SKIP_MESSAGE, () => {
    it('validates the OSCAL exports against the NIST schemas', () => undefined);
  });
} else {
  describe('the OSCAL validator', () => {
    it('accepts the NIST examples', () => {
      expect(oscalProblems('catalog', example('basic-catalog.json'))).toEqual([]);
      expect(oscalProblems('profile', example('NIST_SP-800-53_rev5_LOW-baseline_profile.json'))).toEqual([]);
      expect(oscalProblems('assessment-results', example('ifa_assessment-results-example.json'))).toEqual([]);
      expect(oscalProblems('plan-of-action-and-milestones', example('ifa_plan-of-action-and-milestones.json'))).toEqual([]);
    });

    it('rejects broken documents', () => {
      const good = example('basic-catalog.json') as { catalog: Json & { metadata: Json } };
      const { metadata: _m, ...noMetadata } = good.catalog;
      expect(oscalProblems('catalog', { catalog: noMetadata }).join('\n')).toMatch(/metadata/);
      expect(oscalProblems('catalog', { catalog: { ...good.catalog, uuid: 'not-a-uuid' } }).join('\n')).toMatch(/uuid.*pattern/);
      const dateOnly = { catalog: { ...good.catalog, metadata: { ...good.catalog.metadata, 'last-modified': '2024-02-01' } } };
      expect(oscalProblems('catalog', dateOnly).join('\n')).toMatch(/last-modified/);
      expect(
        oscalProblems('catalog', { catalog: { ...good.catalog, controls: [{ id: '4.1', title: 'Starts with a digit' }] } }),
      ).not.toEqual([]);
    });
  });

  describe.each(engines)('OSCAL exports on %s', (engine) => {
    let t: TestApp;
    let org: TestOrg;
    let other: TestOrg;
    let owner: Record<string, string>;
    let assessmentId: string;
    const base = '/api/v1/orgs/oscal';
    const get = (url: string, headers = owner) => t.app.inject({ method: 'GET', url, headers });
    const send = async (method: 'POST' | 'PATCH', url: string, payload: object, expected: number) => {
      const res = await t.app.inject({ method, url: `${base}${url}`, headers: owner, payload });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(expected);
      return res.json<{ id: string }>();
    };

    beforeAll(async () => {
      t = await startTestApp(engine);
      org = await buildOrg(t.database.db, 'oscal');
      other = await buildOrg(t.database.db, 'elsewhere');
      owner = bearer(org.tokens.owner);
      assessmentId = (await send('POST', '/assessments', { framework: 'iso-iec-42001-2023', title: 'ISO 42001 readiness' }, 201)).id;
      const item = (requirement: string, changes: object) =>
        send('PATCH', `/assessments/${assessmentId}/items/${requirement}`, changes, 200);
      await item('4.1', { status: 'met', notes: 'Context analysis approved by the board', maturity: 3 });
      await item('4.2', { status: 'gap', gapDescription: 'Interested parties are not listed' });
      await item('A.2.2', { status: 'partially_met', notes: 'Policy drafted, not yet approved' });
      await item('A.10.4', { status: 'not_applicable', justification: 'No customers use our AI systems' });
      const evidence = await send(
        'POST',
        '/evidence',
        { kind: 'link', title: 'Context analysis', url: 'https://intranet.example/context' },
        201,
      );
      await send('POST', `/evidence/${evidence.id}/links`, { targetType: 'requirement', targetKey: 'iso-iec-42001-2023:4.1' }, 200);
      await send('POST', `/assessments/${assessmentId}/items/4.2/actions`, { dueDate: '2027-03-31' }, 201);
    });
    afterAll(async () => t?.close());

    it('exports every built-in framework as a valid catalog, identical on re-export but for last-modified', async () => {
      for (const pack of packs) {
        const res = await get(`${base}/oscal/catalog/${pack.id}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(res.headers['content-disposition']).toBe(`attachment; filename="${pack.id}.oscal-catalog.json"`);
        const doc = res.json<{ catalog: { metadata: Json } }>();
        expectValid('catalog', doc);
        expect(doc.catalog.metadata['oscal-version']).toBe('1.1.3');
        // every requirement is there, under its label
        const labels = [...res.body.matchAll(/\{"name":"label","value":"((?:[^"\\]|\\.)*)"\}/g)].map(
          (m) => JSON.parse(`"${m[1]}"`) as string,
        );
        expect(labels.sort()).toEqual(pack.requirements.map((r) => r.id).sort());
        const again = await get(`${base}/oscal/catalog/${pack.id}`);
        expect(withoutTimestamp(again.body)).toBe(withoutTimestamp(res.body));
      }
    });

    it('exports an assessment as valid assessment-results with a finding per concluded requirement', async () => {
      const res = await get(`${base}/oscal/assessment-results/${assessmentId}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="assessment-results-${assessmentId}.oscal.json"`);
      const doc = res.json<{
        'assessment-results': { 'import-ap': { href: string }; results: { findings: Finding[]; observations: Json[] }[] };
      }>();
      expectValid('assessment-results', doc);
      const [result] = doc['assessment-results'].results;
      const findings: Record<string, string[]> = Object.fromEntries(
        result!.findings.map((f): [string, string[]] => [
          f.props.find((p) => p.name === 'label')?.value ?? '',
          [f.target['target-id'], f.target.status.state],
        ]),
      );
      expect(findings).toEqual({
        '4.1': ['req-4.1_obj', 'satisfied'],
        '4.2': ['req-4.2_obj', 'not-satisfied'],
        'A.2.2': ['A.2.2_obj', 'not-satisfied'],
        'A.10.4': ['A.10.4_obj', 'satisfied'],
      });
      expect(res.body).toContain('https://intranet.example/context');
      expect(res.body).toContain('Interested parties are not listed');
      // the required import-ap points at a back-matter resource in the same document
      expect(res.body).toContain(`"uuid":"${doc['assessment-results']['import-ap'].href.slice(1)}"`);
      expect(withoutTimestamp((await get(`${base}/oscal/assessment-results/${assessmentId}`)).body)).toBe(withoutTimestamp(res.body));
    });

    it('exports remediation actions as a valid plan of action and milestones', async () => {
      const res = await get(`${base}/oscal/poam?framework=iso-iec-42001-2023`);
      expect(res.statusCode, res.body).toBe(200);
      const doc = res.json<{ 'plan-of-action-and-milestones': { 'poam-items': Json[]; risks: Json[] } }>();
      expectValid('plan-of-action-and-milestones', doc);
      const poam = doc['plan-of-action-and-milestones'];
      expect(poam['poam-items']).toHaveLength(1);
      expect(poam.risks).toHaveLength(1);
      expect(poam.risks[0]).toMatchObject({ status: 'open', deadline: '2027-03-31T23:59:59Z' });
      expect(JSON.stringify(poam['poam-items'][0])).toContain('"name":"due-date","ns":"urn:openaims:oscal","value":"2027-03-31"');
      // a framework without actions still gives a valid plan, with one item that says so
      const empty = await get(`${base}/oscal/poam?framework=hk-pdpo-dpp`);
      expectValid('plan-of-action-and-milestones', empty.json());
      expect(empty.body).toContain('No remediation actions');
    });

    it("exports a custom framework's catalog, odd ids included", async () => {
      const csv =
        'id,parent,title,description\n1 Governance,,Governance,\nArt. 5(1),1 Governance,Prohibited uses,Do not deploy banned uses\n4.1,1 Governance,Context,\n';
      const upload = multipart('odd.csv', csv);
      const imported = await t.app.inject({
        method: 'POST',
        url: `${base}/frameworks/import?id=odd-ids&title=Odd%20ids`,
        headers: { ...owner, ...upload.headers },
        payload: upload.payload,
      });
      expect(imported.statusCode, imported.body).toBe(201);
      const res = await get(`${base}/oscal/catalog/odd-ids`);
      expectValid('catalog', res.json());
      expect(res.body).toContain('"id":"req-1-Governance"');
      expect(res.body).toContain('"id":"Art.-5_1"');
    });

    it("answers 404 for another organisation's assessment and framework", async () => {
      const foreign = bearer(other.tokens.owner);
      expect((await get(`/api/v1/orgs/elsewhere/oscal/assessment-results/${assessmentId}`, foreign)).statusCode).toBe(404);
      expect((await get(`/api/v1/orgs/elsewhere/oscal/catalog/odd-ids`, foreign)).statusCode).toBe(404);
      expect((await get(`/api/v1/orgs/elsewhere/oscal/poam?framework=odd-ids`, foreign)).statusCode).toBe(404);
      expect((await get(`${base}/oscal/catalog/no-such-framework`)).statusCode).toBe(404);
    });
  });
}
