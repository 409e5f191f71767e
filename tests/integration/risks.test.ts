import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import { defaultRiskSettings } from '../../src/modules/risks/matrix.js';
import type {
  AcceptSuggestionsResult,
  RiskHeatmap,
  RiskPage,
  RiskSettingsView,
  RiskSuggestionList,
  RiskSummary,
  RiskView,
} from '../../src/modules/risks/schema.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, PASSWORD, type TestOrg } from '../support/factories.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/harness.js';

type ErrorBody = { error: { code: string; message: string; details?: { issues?: { path: string; message: string }[]; count?: number } } };

describe.each(engines)('AI risk register on %s', (engine) => {
  let t: TestApp;
  let acme: TestOrg;
  let other: TestOrg;
  let owner: Record<string, string>;
  let systemId: string;
  let plainSystemId: string;
  let controlId: string;
  const base = '/api/v1/orgs/acme';

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object, headers = owner) =>
    t.app.inject({ method, url: url.startsWith('/api') ? url : `${base}${url}`, headers, ...(payload ? { payload } : {}) });
  const body = <T>(res: LightMyRequestResponse): T => res.json<T>();
  const issues = (res: LightMyRequestResponse) => (body<ErrorBody>(res).error.details?.issues ?? []).map((i) => i.path);
  const auditHead = async () => body<AuditPage>(await call('GET', '/audit-log?limit=1')).items[0]?.seq;
  const create = async (payload: object): Promise<RiskView> => {
    const res = await call('POST', '/risks', payload);
    if (res.statusCode !== 201) throw new Error(`create risk: ${res.statusCode} ${res.body}`);
    return body<RiskView>(res);
  };
  const riskCount = async () => body<RiskPage>(await call('GET', '/risks?archived=include')).total;

  beforeAll(async () => {
    t = await startTestApp(engine);
    acme = await buildOrg(t.database.db, 'acme');
    other = await buildOrg(t.database.db, 'other');
    owner = bearer(acme.tokens.owner);
    const post = async (path: string, payload: object) => {
      const res = await call('POST', path, payload);
      if (res.statusCode !== 201) throw new Error(`${path}: ${res.body}`);
      return res.json<{ id: string }>().id;
    };
    systemId = await post(
      '/systems',
      buildSystem({
        name: 'Loan scorer',
        type: 'in_house_model',
        hosting: 'cloud',
        dataCategories: ['personal', 'financial'],
        decisionRole: 'decides_automatically',
        humanOversight: 'human_out_of_the_loop',
        affectedPersons: ['customers'],
        outputRegions: ['mainland_china'],
      }),
    );
    plainSystemId = await post(
      '/systems',
      buildSystem({
        name: 'Log summariser',
        type: 'in_house_model',
        hosting: 'on_premises',
        dataCategories: ['none'],
        affectedPersons: ['employees'],
        decisionRole: 'informs',
      }),
    );
    controlId = await post('/controls', { name: 'Bias testing before release' });
  });
  afterAll(async () => t?.close());

  describe('settings', () => {
    it('answers the 5×5 defaults with bilingual labels, criteria and review cadence while none are saved', async () => {
      const s = body<RiskSettingsView>(await call('GET', '/risk-settings'));
      expect(s.isDefault).toBe(true);
      expect(s.version).toBe(0);
      expect(s.maxScore).toBe(25);
      expect(s.matrix.likelihood[4]!.label).toEqual({ en: 'Almost certain', 'zh-HK': '幾乎肯定' });
      expect(s.matrix.impact[0]!.label).toEqual({ en: 'Negligible', 'zh-HK': '輕微' });
      expect(s.matrix.bands.map((b) => b.key)).toEqual(['low', 'medium', 'high', 'critical']);
      expect(s.criteria).toMatchObject({ acceptableMaxScore: 8, aboveMaximum: 'with_note' });
      expect(s.reviewCadence).toEqual({ prohibited: 1, high: 6, limited: 12, minimal: 24, out_of_scope: 24 });
      expect(s.can.configure).toBe(true);
    });

    it('saves with a version check, audits, and answers 409 to a stale version', async () => {
      const head = await auditHead();
      const next = { ...structuredClone(defaultRiskSettings), version: 0 };
      next.criteria.statement = 'Acme accepts low risks only';
      const saved = await call('PUT', '/risk-settings', next);
      expect(saved.statusCode).toBe(200);
      expect(body<RiskSettingsView>(saved)).toMatchObject({
        version: 1,
        isDefault: false,
        criteria: { statement: 'Acme accepts low risks only' },
      });
      expect(await auditHead()).toBe((head ?? 0) + 1);
      const stale = await call('PUT', '/risk-settings', next);
      expect(stale.statusCode).toBe(409);
      expect(body<ErrorBody>(stale).error.code).toBe('conflict');
    });

    it('refuses bands that do not fit a smaller matrix (400) and a cadence out of range', async () => {
      const s = structuredClone(defaultRiskSettings);
      s.matrix.likelihood = s.matrix.likelihood.slice(0, 3);
      s.matrix.impact = s.matrix.impact.slice(0, 3);
      const res = await call('PUT', '/risk-settings', s);
      expect(res.statusCode).toBe(400);
      expect(issues(res)).toEqual(['matrix.bands.2.minScore', 'matrix.bands.3.minScore']);
      const cadence = await call('PUT', '/risk-settings', {
        ...defaultRiskSettings,
        reviewCadence: { ...defaultRiskSettings.reviewCadence, high: 0 },
      });
      expect(issues(cadence)).toEqual(['reviewCadence.high']);
    });

    it('refuses to shrink the matrix below existing risks, saying how many (422), and allows it once they fit', async () => {
      const big = await create({ title: 'Shrink blocker', likelihood: 5, impact: 2 });
      const s = structuredClone(defaultRiskSettings);
      s.matrix.likelihood = s.matrix.likelihood.slice(0, 4);
      s.matrix.bands[3]!.minScore = 16;
      const before = body<RiskSettingsView>(await call('GET', '/risk-settings')).version;
      const res = await call('PUT', '/risk-settings', s);
      expect(res.statusCode).toBe(422);
      expect(body<ErrorBody>(res).error.details?.count).toBe(1);
      expect(body<ErrorBody>(res).error.message).toMatch(/1 risk\(s\) have a likelihood or impact above the new 4×5 matrix/);
      expect(body<RiskSettingsView>(await call('GET', '/risk-settings')).version).toBe(before);
      // archived risks still count: restoring one must not bring back an impossible value
      await call('POST', `/risks/${big.id}/archive`);
      expect((await call('PUT', '/risk-settings', s)).statusCode).toBe(422);
      expect((await call('PATCH', `/risks/${big.id}`, { likelihood: 4 })).statusCode).toBe(409);
      await call('POST', `/risks/${big.id}/restore`);
      expect((await call('PATCH', `/risks/${big.id}`, { likelihood: 4 })).statusCode).toBe(200);
      const shrunk = await call('PUT', '/risk-settings', s);
      expect(shrunk.statusCode).toBe(200);
      expect(body<RiskSettingsView>(shrunk).maxScore).toBe(20);
      // now likelihood 5 is outside the matrix
      const out = await call('POST', '/risks', { title: 'Too likely', likelihood: 5, impact: 1 });
      expect(out.statusCode).toBe(422);
      expect(issues(out)).toEqual(['likelihood']);
      expect((await call('PUT', '/risk-settings', defaultRiskSettings)).statusCode).toBe(200);
      await call('POST', `/risks/${big.id}/archive`);
    });
  });

  describe('risks', () => {
    it('creates, reads and lists a risk with scores, bands, system and owner', async () => {
      const r = await create({
        systemId,
        title: 'Credit decisions discriminate by district',
        description: 'Postcode acts as a proxy',
        riskSource: 'C.3.4',
        objective: 'C.2.5',
        likelihood: 4,
        impact: 5,
        ownerId: acme.users.governance_lead.id,
        reviewDate: '2027-01-31',
      });
      expect(r).toMatchObject({
        status: 'identified',
        inherentScore: 20,
        inherentBand: 'critical',
        residualScore: null,
        residualBand: null,
        system: { id: systemId, name: 'Loan scorer' },
        owner: { id: acme.users.governance_lead.id, name: 'governance_lead of acme' },
        controls: [],
        acceptance: null,
        version: 1,
        nextStatuses: ['assessed', 'treated', 'closed'],
      });
      const got = body<RiskView>(await call('GET', `/risks/${r.id}`));
      expect(got.description).toBe('Postcode acts as a proxy');
      const page = body<RiskPage>(await call('GET', `/risks?system=${systemId}`));
      expect(page.items.map((i) => i.id)).toContain(r.id);
      expect(page.items.find((i) => i.id === r.id)).toMatchObject({
        inherentScore: 20,
        controlCount: 0,
        owner: { name: 'governance_lead of acme' },
      });
    });

    it('links and unlinks live controls of the organisation only', async () => {
      const r = await create({ title: 'Model drift', likelihood: 3, impact: 3 });
      const linked = await call('POST', `/risks/${r.id}/controls`, { controlIds: [controlId, controlId] });
      expect(linked.statusCode).toBe(200);
      expect(body<RiskView>(linked).controls).toEqual([{ id: controlId, name: 'Bias testing before release', status: 'planned' }]);
      expect(body<RiskPage>(await call('GET', '/risks?q=Model%20drift')).items[0]!.controlCount).toBe(1);
      const foreign = await call('POST', '/api/v1/orgs/other/controls', { name: 'Other org control' }, bearer(other.tokens.owner));
      const otherControl = foreign.json<{ id: string }>().id;
      const refused = await call('POST', `/risks/${r.id}/controls`, { controlIds: [otherControl] });
      expect(refused.statusCode).toBe(422);
      expect(issues(refused)).toEqual(['controlIds.0']);
      const unlinked = await call('DELETE', `/risks/${r.id}/controls/${controlId}`);
      expect(body<RiskView>(unlinked).controls).toEqual([]);
      expect((await call('DELETE', `/risks/${r.id}/controls/${controlId}`)).statusCode).toBe(200);
    });

    it('answers 409 to a stale version and changes nothing', async () => {
      const r = await create({ title: 'Stale edit', likelihood: 2, impact: 2 });
      expect((await call('PATCH', `/risks/${r.id}`, { description: 'first', version: 1 })).statusCode).toBe(200);
      const stale = await call('PATCH', `/risks/${r.id}`, { description: 'second', version: 1 });
      expect(stale.statusCode).toBe(409);
      expect(body<RiskView>(await call('GET', `/risks/${r.id}`))).toMatchObject({ description: 'first', version: 2 });
    });

    it('refuses invalid risks with the field issues and writes nothing', async () => {
      const head = await auditHead();
      const count = await riskCount();
      const cases: [object, string[], number][] = [
        [{ title: 'Out of matrix', likelihood: 6, impact: 2 }, ['likelihood'], 422],
        [{ title: 'Beyond any matrix', likelihood: 7, impact: 2 }, ['likelihood'], 400],
        [{ title: 'No reason', likelihood: 3, impact: 3, treatment: 'transfer' }, ['treatmentJustification'], 422],
        [{ title: 'No reason', likelihood: 3, impact: 3, treatment: 'accept' }, ['treatmentJustification'], 422],
        [{ title: 'No reason', likelihood: 3, impact: 3, treatment: 'avoid' }, ['treatmentJustification'], 422],
        [
          { title: 'Residual up', likelihood: 3, impact: 3, treatment: 'mitigate', residualLikelihood: 4, residualImpact: 3 },
          ['residualLikelihood'],
          422,
        ],
        [{ title: 'Residual untreated', likelihood: 3, impact: 3, residualLikelihood: 2, residualImpact: 2 }, ['treatment'], 422],
        [{ title: 'Bad source', likelihood: 3, impact: 3, riskSource: 'C.2.7', objective: 'C.3.1' }, ['riskSource', 'objective'], 422],
        [{ title: 'Stranger', likelihood: 3, impact: 3, ownerId: other.users.owner.id }, ['ownerId'], 422],
        [{ title: 'Other system', likelihood: 3, impact: 3, systemId: '00000000-0000-4000-8000-000000000001' }, ['systemId'], 422],
        [{ title: 'Treated without treatment', likelihood: 3, impact: 3, status: 'treated' }, ['treatment'], 422],
        [{ title: 'Straight to accepted', likelihood: 3, impact: 3, status: 'accepted' }, ['status'], 400],
      ];
      for (const [payload, paths, status] of cases) {
        const res = await call('POST', '/risks', payload);
        expect(`${res.statusCode} ${issues(res).join(',')}`, JSON.stringify(payload)).toBe(`${status} ${paths.join(',')}`);
      }
      const r = await create({ title: 'Valid', likelihood: 3, impact: 3, treatment: 'mitigate', residualLikelihood: 2, residualImpact: 2 });
      const patch = await call('PATCH', `/risks/${r.id}`, { likelihood: 1 });
      expect(patch.statusCode).toBe(422);
      expect(issues(patch)).toEqual(['residualLikelihood']);
      expect(body<RiskView>(await call('GET', `/risks/${r.id}`))).toMatchObject({ likelihood: 3, version: 1 });
      expect(await riskCount()).toBe(count + 1);
      expect(await auditHead()).toBe((head ?? 0) + 1);
    });

    it('enforces the status transitions', async () => {
      const r = await create({ title: 'Lifecycle', likelihood: 2, impact: 2, treatment: 'mitigate', status: 'treated' });
      const back = await call('PATCH', `/risks/${r.id}`, { status: 'identified' });
      expect(back.statusCode).toBe(422);
      expect(body<ErrorBody>(back).error.details?.issues?.[0]?.message).toBe('A treated risk can move to: assessed, closed');
      expect(body<RiskView>(await call('PATCH', `/risks/${r.id}`, { status: 'closed' })).status).toBe('closed');
      expect(body<RiskView>(await call('PATCH', `/risks/${r.id}`, { status: 'identified' })).status).toBe('identified');
    });

    it('archives and restores; an archived risk leaves the default list and cannot be edited', async () => {
      const r = await create({ title: 'Archivable', likelihood: 1, impact: 1 });
      expect(body<RiskView>(await call('POST', `/risks/${r.id}/archive`)).archivedAt).not.toBeNull();
      expect(body<RiskPage>(await call('GET', '/risks?q=Archivable')).total).toBe(0);
      expect(body<RiskPage>(await call('GET', '/risks?q=Archivable&archived=only')).total).toBe(1);
      expect((await call('PATCH', `/risks/${r.id}`, { title: 'x' })).statusCode).toBe(409);
      expect(body<RiskView>(await call('POST', `/risks/${r.id}/restore`)).archivedAt).toBeNull();
    });
  });

  describe('acceptance', () => {
    it('accepts a risk within the criteria, records who and when, and audits it', async () => {
      const r = await create({ title: 'Small risk', likelihood: 2, impact: 4, treatment: 'mitigate', status: 'treated' });
      const session = await signIn(t.app, acme.users.governance_lead.email, PASSWORD);
      const res = await call('POST', `/risks/${r.id}/accept`, {}, session);
      expect(res.statusCode).toBe(200);
      const v = body<RiskView>(res);
      expect(v.status).toBe('accepted');
      expect(v.acceptance).toMatchObject({ byId: acme.users.governance_lead.id, byName: 'governance_lead of acme', note: null });
      // an API token accepts in its own name
      const again = body<RiskView>(await call('POST', `/risks/${r.id}/accept`, {}, bearer(acme.tokens.governance_lead)));
      expect(again.acceptance).toMatchObject({ byId: null, byName: 'token:governance_lead token' });
      const audit = body<AuditPage>(await call('GET', '/audit-log?limit=1')).items[0]!;
      expect(audit).toMatchObject({ action: 'risk.accept', entityId: r.id });
    });

    it('requires a note above the acceptable maximum, and says so', async () => {
      const r = await create({
        title: 'Big risk',
        likelihood: 4,
        impact: 4,
        treatment: 'mitigate',
        residualLikelihood: 3,
        residualImpact: 3,
        status: 'treated',
      });
      const refused = await call('POST', `/risks/${r.id}/accept`, {});
      expect(refused.statusCode).toBe(422);
      expect(body<ErrorBody>(refused).error.message).toBe(
        'The risk scores 9, above the acceptable maximum of 8: a note explaining the acceptance is required',
      );
      expect(issues(refused)).toEqual(['note']);
      expect(body<RiskView>(await call('GET', `/risks/${r.id}`)).status).toBe('treated');
      const ok = await call('POST', `/risks/${r.id}/accept`, { note: 'Board accepted until the vendor fix lands' });
      expect(body<RiskView>(ok).acceptance?.note).toBe('Board accepted until the vendor fix lands');
    });

    it('refuses above the maximum when the criteria let nobody accept', async () => {
      const settings = body<RiskSettingsView>(await call('GET', '/risk-settings'));
      const strict = structuredClone(defaultRiskSettings);
      strict.criteria.aboveMaximum = 'nobody';
      expect((await call('PUT', '/risk-settings', { ...strict, version: settings.version })).statusCode).toBe(200);
      const r = await create({ title: 'Unacceptable', likelihood: 5, impact: 5 });
      await call('PATCH', `/risks/${r.id}`, { status: 'assessed' });
      const res = await call('POST', `/risks/${r.id}/accept`, { note: 'Please' });
      expect(res.statusCode).toBe(422);
      expect(body<ErrorBody>(res).error.message).toMatch(/allow nobody to accept it/);
      expect((await call('PUT', '/risk-settings', defaultRiskSettings)).statusCode).toBe(200);
    });

    it('refuses to accept an identified risk (assess it first)', async () => {
      const r = await create({ title: 'Fresh', likelihood: 1, impact: 1 });
      expect((await call('POST', `/risks/${r.id}/accept`, {})).statusCode).toBe(409);
    });

    it('clears the acceptance when what was accepted changes, audited; other edits keep it', async () => {
      const r = await create({ title: 'Accepted then changed', likelihood: 2, impact: 3, treatment: 'mitigate', status: 'treated' });
      await call('POST', `/risks/${r.id}/accept`, { note: 'fine' });
      const kept = body<RiskView>(await call('PATCH', `/risks/${r.id}`, { description: 'More detail', reviewDate: '2027-03-01' }));
      expect(kept.status).toBe('accepted');
      expect(kept.acceptance).not.toBeNull();
      const same = body<RiskView>(await call('PATCH', `/risks/${r.id}`, { likelihood: 2 }));
      expect(same.status).toBe('accepted');
      const changed = body<RiskView>(await call('PATCH', `/risks/${r.id}`, { impact: 4 }));
      expect(changed.status).toBe('treated');
      expect(changed.acceptance).toBeNull();
      const entries = body<AuditPage>(await call('GET', '/audit-log?limit=2')).items;
      expect(entries.map((e) => e.action)).toEqual(['risk.acceptance_clear', 'risk.update']);
      // without a treatment it falls back to assessed
      const bare = await create({ title: 'Accepted untreated', likelihood: 2, impact: 2, status: 'assessed' });
      await call('POST', `/risks/${bare.id}/accept`, {});
      expect(body<RiskView>(await call('PATCH', `/risks/${bare.id}`, { likelihood: 1 })).status).toBe('assessed');
    });

    it('lets a contributor manage risks but not accept them; a viewer only reads', async () => {
      const contributor = bearer(acme.tokens.contributor);
      const viewer = bearer(acme.tokens.viewer);
      const r = await call('POST', '/risks', { title: 'Contributor risk', likelihood: 2, impact: 2, status: 'assessed' }, contributor);
      expect(r.statusCode).toBe(201);
      const id = r.json<{ id: string }>().id;
      expect((await call('POST', `/risks/${id}/accept`, {}, contributor)).statusCode).toBe(403);
      expect((await call('PUT', '/risk-settings', defaultRiskSettings, contributor)).statusCode).toBe(403);
      expect((await call('GET', `/risks/${id}`, undefined, viewer)).statusCode).toBe(200);
      for (const [method, url, payload] of [
        ['POST', '/risks', { title: 'x', likelihood: 1, impact: 1 }],
        ['PATCH', `/risks/${id}`, { title: 'x' }],
        ['POST', `/risks/${id}/archive`, undefined],
        ['POST', `/risks/${id}/accept`, {}],
        ['POST', `/systems/${systemId}/risk-suggestions/accept`, { keys: ['oversight-out-of-loop'] }],
      ] as const) {
        expect((await call(method, url, payload, viewer)).statusCode, `${method} ${url}`).toBe(403);
      }
    });
  });

  describe('suggestions', () => {
    it('suggests risks from the register attributes, with Annex C ids and the triggering facts', async () => {
      const list = body<RiskSuggestionList>(await call('GET', `/systems/${systemId}/risk-suggestions`));
      expect(list.items.map((s) => s.key)).toEqual([
        'privacy-automated-decisions',
        'fairness-automated-decisions',
        'cross-border-transfer',
        'oversight-out-of-loop',
        'transparency-affected-persons',
      ]);
      expect(list.items[0]).toMatchObject({
        riskSource: 'C.3.3',
        objective: 'C.2.7',
        facts: [
          { field: 'dataCategories', value: 'personal' },
          { field: 'dataCategories', value: 'financial' },
          { field: 'decisionRole', value: 'decides_automatically' },
        ],
      });
      expect(body<RiskSuggestionList>(await call('GET', `/systems/${plainSystemId}/risk-suggestions`)).items).toEqual([]);
    });

    it('adds chosen suggestions once: accepting twice creates no duplicates', async () => {
      const keys = ['privacy-automated-decisions', 'oversight-out-of-loop'];
      const first = body<AcceptSuggestionsResult>(
        await call('POST', `/systems/${systemId}/risk-suggestions/accept`, { keys, lang: 'zh-HK' }),
      );
      expect(first.created.map((c) => [c.suggestionKey, c.title, c.status, c.system?.name])).toEqual([
        ['privacy-automated-decisions', '人工智能輔助決策中不當使用個人資料', 'identified', 'Loan scorer'],
        ['oversight-out-of-loop', '缺乏人為監督以致錯誤未被察覺', 'identified', 'Loan scorer'],
      ]);
      expect(first.skipped).toEqual([]);
      const count = await riskCount();
      const second = body<AcceptSuggestionsResult>(await call('POST', `/systems/${systemId}/risk-suggestions/accept`, { keys }));
      expect(second).toEqual({ created: [], skipped: keys });
      expect(await riskCount()).toBe(count);
      const left = body<RiskSuggestionList>(await call('GET', `/systems/${systemId}/risk-suggestions`));
      expect(left.items.map((s) => s.key)).not.toContain('privacy-automated-decisions');
      expect(left.alreadyAdded.sort()).toEqual([...keys].sort());
    });

    it('refuses a suggestion that does not apply to the system, and unknown keys', async () => {
      const res = await call('POST', `/systems/${plainSystemId}/risk-suggestions/accept`, { keys: ['oversight-out-of-loop'] });
      expect(res.statusCode).toBe(422);
      expect((await call('POST', `/systems/${plainSystemId}/risk-suggestions/accept`, { keys: ['made-up'] })).statusCode).toBe(400);
    });
  });

  describe('heatmap and summary', () => {
    it('counts open risks per cell: inherent for all, residual only where recorded', async () => {
      const created = await call('POST', '/systems', buildSystem({ name: 'Heatmap system' }));
      const sys = created.json<{ id: string }>().id;
      const add = (p: object) => create({ systemId: sys, ...p });
      await add({ title: 'H1', likelihood: 5, impact: 5 });
      await add({
        title: 'H2',
        likelihood: 5,
        impact: 5,
        treatment: 'mitigate',
        residualLikelihood: 2,
        residualImpact: 2,
        status: 'treated',
      });
      await add({
        title: 'H3',
        likelihood: 3,
        impact: 2,
        treatment: 'mitigate',
        residualLikelihood: 3,
        residualImpact: 1,
        status: 'treated',
        reviewDate: '2020-01-01',
      });
      await add({ title: 'H4', likelihood: 1, impact: 1, status: 'closed' });
      const hr = await call('GET', `/risk-heatmap?system=${sys}`);
      expect(hr.statusCode, hr.body).toBe(200);
      const h = body<RiskHeatmap>(hr);
      const cell = (cells: RiskHeatmap['inherent']['cells'], l: number, i: number) =>
        cells.find((c) => c.likelihood === l && c.impact === i)!.count;
      expect(cell(h.inherent.cells, 5, 5)).toBe(2);
      expect(cell(h.inherent.cells, 3, 2)).toBe(1);
      expect(cell(h.inherent.cells, 1, 1)).toBe(0);
      expect(cell(h.residual.cells, 2, 2)).toBe(1);
      expect(cell(h.residual.cells, 3, 1)).toBe(1);
      expect(h.inherent).toMatchObject({ total: 3, byBand: { low: 0, medium: 1, high: 0, critical: 2 } });
      expect(h.residual).toMatchObject({ total: 2, withoutResidual: 1, byBand: { low: 2, medium: 0, high: 0, critical: 0 } });
      expect(h.closed).toBe(1);
      const s = body<RiskSummary>(await call('GET', `/risk-summary?system=${sys}`));
      expect(s).toMatchObject({
        total: 4,
        byStatus: { identified: 1, assessed: 0, treated: 2, accepted: 0, closed: 1 },
        byInherentBand: { low: 0, medium: 1, high: 0, critical: 2 },
        byCurrentBand: { low: 2, medium: 0, high: 0, critical: 1 },
        aboveAcceptable: 1,
        overdueReviews: 1,
        withoutOwner: 3,
      });
    });

    it('filters the list by band, residual band, treatment, status and sorts by scores', async () => {
      const critical = body<RiskPage>(await call('GET', '/risks?band=critical&limit=200'));
      expect(critical.total).toBeGreaterThan(0);
      expect(critical.items.every((i) => i.inherentScore >= 17)).toBe(true);
      const low = body<RiskPage>(await call('GET', '/risks?residualBand=low&limit=200'));
      expect(low.items.every((i) => i.residualScore !== null && i.residualScore <= 4)).toBe(true);
      const untreated = body<RiskPage>(await call('GET', '/risks?treatment=none&limit=200'));
      expect(untreated.items.every((i) => i.treatment === null)).toBe(true);
      const sorted = body<RiskPage>(await call('GET', '/risks?limit=200'));
      const scores = sorted.items.map((i) => i.inherentScore);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const residual = body<RiskPage>(await call('GET', '/risks?sort=residualScore&order=asc&limit=200')).items.map((i) => i.residualScore);
      const firstNull = residual.indexOf(null);
      expect(residual.slice(firstNull).every((v) => v === null)).toBe(true);
      expect(residual.slice(0, firstNull)).toEqual([...residual.slice(0, firstNull)].sort((a, b) => a! - b!));
      const org = body<RiskPage>(await call('GET', '/risks?system=organisation&limit=200'));
      expect(org.items.every((i) => i.system === null)).toBe(true);
      // a text search counts every match, also past the last page
      const searched = body<RiskPage>(await call('GET', '/risks?q=accepted%20&limit=1'));
      expect(searched.total).toBe(2);
      expect(searched.items[0]!.title).toMatch(/^Accepted /);
      expect(body<RiskPage>(await call('GET', '/risks?q=accepted%20&offset=5'))).toMatchObject({ total: 2, items: [] });
      const page = body<RiskPage>(await call('GET', '/risks?limit=2&offset=1&sort=title'));
      expect(page).toMatchObject({ limit: 2, offset: 1 });
      expect(page.items).toHaveLength(2);
    });
  });

  it("answers 404 for another organisation's risks and systems", async () => {
    const r = await create({ title: 'Private', likelihood: 1, impact: 1 });
    const o = bearer(other.tokens.owner);
    expect((await call('GET', `/api/v1/orgs/other/risks/${r.id}`, undefined, o)).statusCode).toBe(404);
    expect((await call('PATCH', `/api/v1/orgs/other/risks/${r.id}`, { title: 'x' }, o)).statusCode).toBe(404);
    expect((await call('POST', `/api/v1/orgs/other/risks/${r.id}/accept`, {}, o)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/orgs/other/systems/${systemId}/risk-suggestions`, undefined, o)).statusCode).toBe(404);
    expect((await call('GET', '/risks', undefined, o)).statusCode).toBe(404);
    expect(body<RiskPage>(await call('GET', '/api/v1/orgs/other/risks', undefined, o)).total).toBe(0);
  });
});
