import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assuranceRuns, datasets } from '../../src/db/schema.js';
import { evaluateAlerts } from '../../src/modules/alerts/evaluate.js';
import type { AlertPage, AlertRuleView, AlertView } from '../../src/modules/alerts/schema.js';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import type { EvidenceView } from '../../src/modules/evidence/schema.js';
import type { MarkReadResult, NotificationPage } from '../../src/modules/notifications/schema.js';
import { insertRollup } from '../support/alert-fixtures.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, PASSWORD, type TestOrg } from '../support/factories.js';
import { bearer, signIn, startTestApp, type TestApp } from '../support/harness.js';

type ErrorBody = { error: { code: string; details?: { issues?: { path: string }[] } } };

const T = new Date('2026-11-28T03:00:00Z');
const at = (minutes: number) => new Date(T.getTime() + minutes * 60_000);

describe.each(engines)('alert rules, alerts and notifications on %s', (engine) => {
  let t: TestApp;
  let acme: TestOrg;
  let other: TestOrg;
  let owner: Record<string, string>;
  let ownedSystem: string;
  let orphanSystem: string;
  let datasetId: string;
  const sessions: Record<string, Record<string, string>> = {};
  const base = '/api/v1/orgs/acme';

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers = owner) =>
    t.app.inject({ method, url: url.startsWith('/api') ? url : `${base}${url}`, headers, ...(payload ? { payload } : {}) });
  const issues = (res: LightMyRequestResponse) => (res.json<ErrorBody>().error.details?.issues ?? []).map((i) => i.path);
  const evaluate = (minutes: number) => evaluateAlerts(t.database.db, acme.ctx.org.id, { now: at(minutes) });
  const createRule = async (payload: object, headers = owner): Promise<AlertRuleView> => {
    const res = await call('POST', '/alert-rules', payload, headers);
    if (res.statusCode !== 201) throw new Error(`create rule: ${res.statusCode} ${res.body}`);
    return res.json<AlertRuleView>();
  };
  const alertsOf = async (ruleId: string) => (await call('GET', `/alerts?ruleId=${ruleId}`)).json<AlertPage>().items;
  const notifications = async (who: string) => (await call('GET', '/notifications', undefined, sessions[who])).json<NotificationPage>();
  const insertRun = async (systemId: string, kind: 'drift' | 'fairness', score: number | null, results: object, minutes: number) => {
    const [run] = await t.database.db
      .insert(assuranceRuns)
      .values({
        orgId: acme.ctx.org.id,
        systemId,
        kind,
        datasetId,
        parameters: {},
        inputHashes: { dataset: 'a'.repeat(64) },
        libraryVersion: 'test',
        results,
        outcome: kind === 'drift' ? 'drift' : 'fail',
        score,
        createdBy: 'test',
        createdAt: at(minutes),
      })
      .returning();
    return run!.id;
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    acme = await buildOrg(t.database.db, 'acme');
    other = await buildOrg(t.database.db, 'other');
    owner = bearer(acme.tokens.owner);
    for (const role of ['system_owner', 'contributor', 'governance_lead', 'admin', 'owner'] as const)
      sessions[role] = await signIn(t.app, acme.users[role].email, PASSWORD);
    const post = async (payload: object) => {
      const res = await call('POST', '/systems', payload);
      if (res.statusCode !== 201) throw new Error(res.body);
      return res.json<{ id: string }>().id;
    };
    ownedSystem = await post(buildSystem({ name: 'Claims triage', technicalOwnerId: acme.users.system_owner.id }));
    orphanSystem = await post(buildSystem({ name: 'Document classifier' }));
    const [ds] = await t.database.db
      .insert(datasets)
      .values({
        orgId: acme.ctx.org.id,
        systemId: orphanSystem,
        name: 'Scores',
        fileName: 'scores.csv',
        format: 'csv',
        sha256: 'a'.repeat(64),
        size: 10,
        rowCount: 1,
        columns: [],
        uploadedBy: 'test',
      })
      .returning();
    datasetId = ds!.id;
  });
  afterAll(async () => t?.close());

  describe('rules', () => {
    it('validates the metric, its figure and the threshold range, writing nothing on refusal', async () => {
      const ok = { name: 'Errors', systemId: ownedSystem, metric: 'error_rate', comparator: 'above', threshold: 0.05 };
      const before = (await call('GET', '/alert-rules?archived=include')).json<{ total: number }>().total;
      const refuse = async (payload: object, status: number, path: string) => {
        const res = await call('POST', '/alert-rules', payload);
        expect(res.statusCode, res.body).toBe(status);
        expect(issues(res)).toContain(path);
      };
      await refuse({ ...ok, threshold: 1.5 }, 422, 'threshold');
      await refuse({ ...ok, metric: 'fairness_metric' }, 422, 'metricKey');
      await refuse({ ...ok, metricKey: 'demographicParity.ratio' }, 422, 'metricKey');
      await refuse({ ...ok, metric: 'fairness_metric', metricKey: 'accuracy.overall' }, 400, 'metricKey');
      await refuse({ ...ok, metric: 'latency_p95', threshold: -1 }, 422, 'threshold');
      await refuse({ ...ok, systemId: '00000000-0000-4000-8000-000000000000' }, 422, 'systemId');
      await refuse({ ...ok, windowMinutes: 0 }, 400, 'windowMinutes');
      await refuse({ ...ok, comparator: 'equals' }, 400, 'comparator');
      expect((await call('GET', '/alert-rules?archived=include')).json<{ total: number }>().total).toBe(before);
    });

    it('lets a system owner manage rules of their own system only, and organisation-wide ones need the full grant', async () => {
      const so = sessions.system_owner!;
      const mine = await createRule(
        { name: 'Owner latency', systemId: ownedSystem, metric: 'latency_p99', comparator: 'above', threshold: 5000 },
        so,
      );
      expect(mine).toMatchObject({
        systemName: 'Claims triage',
        windowMinutes: 15,
        cooldownMinutes: 60,
        enabled: true,
        can: { update: true },
      });
      const foreign = await call(
        'POST',
        '/alert-rules',
        { name: 'x', systemId: orphanSystem, metric: 'error_rate', comparator: 'above', threshold: 0.1 },
        so,
      );
      expect(foreign.statusCode).toBe(403);
      const wide = await call('POST', '/alert-rules', { name: 'x', metric: 'error_rate', comparator: 'above', threshold: 0.1 }, so);
      expect(wide.statusCode).toBe(403);
      const leadRule = await createRule({ name: 'Org tokens', metric: 'token_spend', comparator: 'above', threshold: 1e9 });
      expect((await call('GET', `/alert-rules/${leadRule.id}`, undefined, so)).json<AlertRuleView>().can.update).toBe(false);
      expect((await call('PATCH', `/alert-rules/${leadRule.id}`, { threshold: 5 }, so)).statusCode).toBe(403);
      // optimistic version
      const changed = await call('PATCH', `/alert-rules/${mine.id}`, { threshold: 4000, version: mine.version }, so);
      expect(changed.json<AlertRuleView>()).toMatchObject({ threshold: 4000, version: 2 });
      expect((await call('PATCH', `/alert-rules/${mine.id}`, { threshold: 3000, version: mine.version }, so)).statusCode).toBe(409);
      // another organisation's rule looks like a missing one
      const otherRule = await t.app.inject({
        method: 'POST',
        url: '/api/v1/orgs/other/alert-rules',
        headers: bearer(other.tokens.owner),
        payload: { name: 'Theirs', metric: 'error_rate', comparator: 'above', threshold: 0.1 },
      });
      expect(otherRule.statusCode).toBe(201);
      const theirs = otherRule.json<AlertRuleView>().id;
      expect((await call('GET', `/alert-rules/${theirs}`)).statusCode).toBe(404);
      expect((await call('PATCH', `/alert-rules/${theirs}`, { threshold: 0.2 })).statusCode).toBe(404);
      expect((await call('POST', `/alert-rules/${theirs}/archive`)).statusCode).toBe(404);
      for (const id of [mine.id, leadRule.id])
        expect((await call('POST', `/alert-rules/${id}/archive`)).json<AlertRuleView>().archivedAt).not.toBeNull();
    });
  });

  describe('evaluation', () => {
    let errorRule: AlertRuleView;
    let firstAlert: AlertView;

    it('fires on the error rate of the rollups, records evidence and tells the system owner', async () => {
      errorRule = await createRule({
        name: 'Claims errors',
        systemId: ownedSystem,
        metric: 'error_rate',
        comparator: 'above',
        threshold: 0.05,
        windowMinutes: 10,
        cooldownMinutes: 60,
      });
      // outside the window: a bad minute 20 minutes ago does not count
      await insertRollup(t.database.db, acme.ctx.org.id, ownedSystem, at(-20), { requests: 10, errors: 10 });
      await insertRollup(t.database.db, acme.ctx.org.id, ownedSystem, at(-3), { requests: 60, errors: 3 });
      await insertRollup(t.database.db, acme.ctx.org.id, ownedSystem, at(-2), { requests: 40, errors: 7 });
      expect(await evaluate(0)).toEqual({ rules: 1, checked: 1, fired: 1 });
      const [alert] = await alertsOf(errorRule.id);
      firstAlert = alert!;
      expect(firstAlert).toMatchObject({
        status: 'open',
        systemId: ownedSystem,
        systemName: 'Claims triage',
        metric: 'error_rate',
        value: 0.1,
        threshold: 0.05,
      });
      expect(firstAlert.firedAt).toBe(T.toISOString());
      expect(firstAlert.evidence).toMatchObject({
        window: { from: at(-10).toISOString(), to: T.toISOString() },
        value: 0.1,
        runId: null,
        figures: { requests: 100, errors: 10 },
        rule: { id: errorRule.id, comparator: 'above', windowMinutes: 10 },
      });

      const evidence = (await call('GET', `/evidence/${firstAlert.evidenceId}`)).json<EvidenceView>();
      expect(evidence.kind).toBe('note');
      expect(evidence.title).toBe('Alert: Claims errors (Claims triage)');
      expect(evidence.links.map((l) => `${l.targetType}:${l.targetKey}`).sort()).toEqual(
        [`requirement:iso-iec-42001-2023:A.6.2.6`, `system:${ownedSystem}`].sort(),
      );
      const audit = (await call('GET', `/audit-log?action=alert.fired&entityId=${firstAlert.id}`)).json<AuditPage>();
      expect(audit.items).toHaveLength(1);
      expect(audit.items[0]!.actorLabel).toBe('alert evaluator');

      const mine = await notifications('system_owner');
      expect(mine.unread).toBe(1);
      expect(mine.items[0]).toMatchObject({
        kind: 'alert.fired',
        alertId: firstAlert.id,
        link: `/o/acme/alerts?alert=${firstAlert.id}`,
        readAt: null,
      });
      expect(mine.items[0]!.body).toContain('error rate 0.1 over the last 10 min is above the threshold 0.05');
      // nobody else was told: the system has an owner
      for (const who of ['contributor', 'governance_lead', 'owner']) expect((await notifications(who)).total).toBe(0);
    });

    it('does not fire again while the alert is open or within the cooldown', async () => {
      expect((await evaluate(1)).fired).toBe(0);
      const so = sessions.system_owner;
      expect((await call('POST', `/alerts/${firstAlert.id}/acknowledge`, undefined, so)).json<AlertView>()).toMatchObject({
        status: 'acknowledged',
        acknowledgedBy: acme.users.system_owner.email,
      });
      expect((await evaluate(2)).fired).toBe(0);
      expect((await call('POST', `/alerts/${firstAlert.id}/resolve`, undefined, so)).json<AlertView>().status).toBe('resolved');
      // resolved, but the 60-minute cooldown since it fired still holds
      await insertRollup(t.database.db, acme.ctx.org.id, ownedSystem, at(55), { requests: 10, errors: 5 });
      expect(await evaluate(59)).toEqual({ rules: 1, checked: 1, fired: 0 });
      expect(await evaluate(60)).toEqual({ rules: 1, checked: 1, fired: 1 });
      expect((await alertsOf(errorRule.id)).map((a) => a.status)).toEqual(['open', 'resolved']);
    });

    it('has no value, and no alert, when the window saw no requests', async () => {
      expect(await evaluate(200)).toEqual({ rules: 1, checked: 0, fired: 0 });
    });

    it('keeps notifications to their member: others can neither see nor mark them', async () => {
      const mine = await notifications('system_owner');
      expect(mine.unread).toBe(2);
      const ids = mine.items.map((n) => n.id);
      const stranger = await call('POST', '/notifications/read', { ids }, sessions.contributor);
      expect(stranger.json<MarkReadResult>()).toEqual({ updated: 0, unread: 0 });
      expect((await notifications('system_owner')).unread).toBe(2);
      expect((await call('POST', '/notifications/read', { ids: [ids[0]] }, sessions.system_owner)).json<MarkReadResult>()).toEqual({
        updated: 1,
        unread: 1,
      });
      const unreadOnly = (await call('GET', '/notifications?unread=true', undefined, sessions.system_owner)).json<NotificationPage>();
      expect(unreadOnly.items.map((n) => n.id)).toEqual([ids[1]]);
      expect((await call('POST', '/notifications/read-all', undefined, sessions.system_owner)).json<MarkReadResult>()).toEqual({
        updated: 1,
        unread: 0,
      });
      // another organisation's member sees nothing of acme's, and acme's path answers 404 to them
      expect((await t.app.inject({ method: 'GET', url: `${base}/notifications`, headers: bearer(other.tokens.owner) })).statusCode).toBe(
        404,
      );
    });

    it('fires on a drift run once per run, telling the governance people when the system has no owner', async () => {
      const rule = await createRule({
        name: 'Drift',
        systemId: orphanSystem,
        metric: 'drift_score',
        comparator: 'above',
        threshold: 0.5,
        cooldownMinutes: 0,
      });
      const first = await insertRun(orphanSystem, 'drift', 0.6, { columns: {}, datasetDrift: { share: 0.6, drift: true } }, 299);
      expect((await evaluate(300)).fired).toBe(1);
      const [alert] = await alertsOf(rule.id);
      expect(alert).toMatchObject({ value: 0.6, systemId: orphanSystem });
      expect(alert!.evidence).toMatchObject({ runId: first, window: null, figures: { share: 0.6, outcome: 'drift' } });
      for (const who of ['owner', 'admin', 'governance_lead']) {
        expect((await notifications(who)).items.map((n) => n.alertId)).toContain(alert!.id);
      }
      expect((await notifications('contributor')).total).toBe(0);
      await call('POST', `/alerts/${alert!.id}/resolve`);
      // no cooldown and resolved, yet the same run does not fire twice
      expect((await evaluate(301)).fired).toBe(0);
      await insertRun(orphanSystem, 'drift', null, { columns: {}, datasetDrift: { share: 0.75, drift: true } }, 302);
      expect((await evaluate(303)).fired).toBe(1);
      expect((await alertsOf(rule.id))[0]).toMatchObject({ value: 0.75, status: 'open' });
    });

    it('fires on a fairness figure of the latest run', async () => {
      const rule = await createRule({
        name: 'Parity',
        systemId: orphanSystem,
        metric: 'fairness_metric',
        metricKey: 'demographicParity.ratio',
        comparator: 'below',
        threshold: 0.8,
      });
      await insertRun(orphanSystem, 'fairness', 0.9, { demographicParity: { difference: 0.05, ratio: 0.9 } }, 400);
      await evaluate(401);
      expect(await alertsOf(rule.id)).toEqual([]);
      await insertRun(orphanSystem, 'fairness', 0.7, { demographicParity: { difference: 0.2, ratio: 0.7 } }, 402);
      await evaluate(403);
      expect((await alertsOf(rule.id)).map((a) => a.value)).toEqual([0.7]);
    });

    it('lists alerts by status and system, and refuses a system owner on alerts of systems they do not own', async () => {
      const active = (await call('GET', `/alerts?status=active&systemId=${orphanSystem}`)).json<AlertPage>();
      expect(active.items.every((a) => a.systemId === orphanSystem && a.status === 'open')).toBe(true);
      expect(active.total).toBe(2);
      const foreignAlert = active.items[0]!;
      expect(foreignAlert.can.manage).toBe(true);
      const so = sessions.system_owner;
      expect((await call('GET', `/alerts/${foreignAlert.id}`, undefined, so)).json<AlertView>().can.manage).toBe(false);
      expect((await call('POST', `/alerts/${foreignAlert.id}/acknowledge`, undefined, so)).statusCode).toBe(403);
      expect((await call('GET', `/alerts/${foreignAlert.id}`, undefined, bearer(acme.tokens.viewer))).statusCode).toBe(200);
      expect((await call('POST', `/alerts/${foreignAlert.id}/resolve`, undefined, bearer(acme.tokens.viewer))).statusCode).toBe(403);
      const otherOrg = await t.app.inject({
        method: 'GET',
        url: `/api/v1/orgs/other/alerts/${foreignAlert.id}`,
        headers: bearer(other.tokens.owner),
      });
      expect(otherOrg.statusCode).toBe(404);
    });

    it('stops evaluating an archived or disabled rule', async () => {
      await call('POST', `/alert-rules/${errorRule.id}/archive`);
      await insertRollup(t.database.db, acme.ctx.org.id, ownedSystem, at(500), { requests: 10, errors: 9 });
      const summary = await evaluate(502);
      expect(summary.fired).toBe(0);
      expect((await alertsOf(errorRule.id)).length).toBe(2);
    });
  });
});
