import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discoveryFindingUsers, discoveryRuns } from '../../src/db/schema.js';
import type { AuditPage } from '../../src/modules/audit-log/schema.js';
import type { CatalogueList, DiscoveryRunPage, DiscoveryRunView, FindingList, FootprintView } from '../../src/modules/discovery/schema.js';
import type { SystemView } from '../../src/modules/systems/schema.js';
import { engines } from '../support/engines.js';
import { buildOrg, buildSystem, type TestOrg } from '../support/factories.js';
import { bearer, startTestApp, type TestApp } from '../support/harness.js';
import { repoRoot } from './cli.js';
import { BOUNDARY } from './route-table.js';

const squid = fs.readFileSync(path.join(repoRoot, 'tests/fixtures/discovery/squid-access.log'));

/** A multipart body: the fields first, then the file. */
function upload(fields: Record<string, string>, fileName: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const parts = Object.entries(fields).map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/plain\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(parts.join('') + head), content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  };
}

type ErrorBody = { error: { code: string; message: string; details?: { issues?: { path: string }[] } } };

describe.each(engines)('shadow-AI discovery on %s', (engine) => {
  let t: TestApp;
  let acme: TestOrg;
  let owner: Record<string, string>;
  const base = '/api/v1/orgs/acme/discovery';

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers = owner) =>
    t.app.inject({ method, url: url.startsWith('/api') ? url : `${base}${url}`, headers, ...(payload ? { payload } : {}) });
  const post = (fields: Record<string, string>, content = squid, headers = owner, url = `${base}/runs`) => {
    const body = upload(fields, 'access.log', content);
    return t.app.inject({ method: 'POST', url, headers: { ...headers, ...body.headers }, payload: body.payload });
  };
  const findings = async () => (await call('GET', '/findings')).json<FindingList>().items;
  const footprint = async () => (await call('GET', '/footprint')).json<FootprintView>();
  const pollDone = async (id: string): Promise<DiscoveryRunView> => {
    for (let i = 0; i < 200; i++) {
      const run = (await call('GET', `/runs/${id}`)).json<DiscoveryRunView>();
      if (run.status !== 'running') return run;
      await delay(25);
    }
    throw new Error('the run did not finish');
  };

  beforeAll(async () => {
    t = await startTestApp(engine);
    acme = await buildOrg(t.database.db, 'acme');
    await buildOrg(t.database.db, 'other');
    owner = bearer(acme.tokens.owner);
  });
  afterAll(async () => t?.close());

  it('scans an uploaded Squid log in the background, counts malformed lines and stores findings with pseudonymised users', async () => {
    const res = await post({ format: 'squid' });
    expect(res.statusCode, res.body).toBe(202);
    const started = res.json<DiscoveryRunView>();
    expect(started).toMatchObject({ format: 'squid', fileName: 'access.log', size: squid.length, createdBy: 'token:owner token' });
    const run = await pollDone(started.id);
    expect(run).toMatchObject({ status: 'done', linesRead: 20, linesRejected: 4, findings: 6, bytesRead: squid.length, error: null });
    expect(run.rejectSamples).toContainEqual({ line: 11, reason: 'the first field is not a Unix time' });
    expect(run.sha256).toMatch(/^[0-9a-f]{64}$/);

    const items = await findings();
    const deepseek = items.find((f) => f.catalogId === 'deepseek-chat');
    expect(deepseek).toMatchObject({
      product: 'DeepSeek Chat',
      category: 'chat_assistant',
      providerCountry: 'CN',
      requests: 2,
      users: 2,
      firstSeen: '2024-11-27T09:33:20.123Z',
      lastSeen: '2024-11-27T09:33:24.100Z',
      registered: false,
      system: null,
      decision: 'unreviewed',
    });
    expect(items.map((f) => f.catalogId).sort()).toEqual(
      ['anthropic-claude', 'deepseek-chat', 'google-gemini', 'moonshot-kimi', 'openai-api', 'openai-chatgpt'].sort(),
    );
    // users are kept as keyed hashes only, never as names
    const stored = await t.database.db.select().from(discoveryFindingUsers);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((u) => /^[0-9a-f]{13}$/.test(u.userHash))).toBe(true);
    expect(JSON.stringify(stored)).not.toContain('alice');
    // the temporary upload is gone
    expect(fs.readdirSync(path.join(t.evidenceDir, 'discovery-uploads'))).toEqual([]);
  });

  it('merges a second run: requests add up, the same users are not counted twice', async () => {
    const res = await post({ format: 'squid' }, squid, owner, `${base}/runs?wait=true`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<DiscoveryRunView>().status).toBe('done');
    const deepseek = (await findings()).find((f) => f.catalogId === 'deepseek-chat');
    expect(deepseek).toMatchObject({ requests: 4, users: 2 });
    const runs = (await call('GET', '/runs')).json<DiscoveryRunPage>();
    expect(runs.total).toBe(2);
    const audit = (await call('GET', '/api/v1/orgs/acme/audit-log?action=discovery.run')).json<AuditPage>();
    expect(audit.items.filter((e) => e.action === 'discovery.run')).toHaveLength(2);
  });

  it('refuses a bad format with 400 and stores nothing', async () => {
    const before = (await t.database.db.select().from(discoveryRuns)).length;
    const res = await post({ format: 'pcap' });
    expect(res.statusCode, res.body).toBe(400);
    expect(JSON.stringify(res.json())).toContain('format');
    const missing = await post({});
    expect(missing.statusCode).toBe(400);
    expect((await t.database.db.select().from(discoveryRuns)).length).toBe(before);
    expect(fs.readdirSync(path.join(t.evidenceDir, 'discovery-uploads'))).toEqual([]);
  });

  it('records a wrong kind of file as a failed run with the reason', async () => {
    const res = await post({ format: 'csv' }, Buffer.from('Transaction Date,Amount\n2024-01-01,10\n'), owner, `${base}/runs?wait=true`);
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json<DiscoveryRunView>();
    expect(run.status).toBe('failed');
    expect(run.error).toContain('Cannot find a domain or url column');
  });

  it('adds a discovered service to the inventory, which changes the footprint', async () => {
    await call('POST', '/api/v1/orgs/acme/systems', buildSystem({ name: 'Payroll assistant' }));
    expect(await footprint()).toEqual({ registered: 1, unregisteredDiscovered: 6, footprint: 7 });

    const res = await call('POST', '/findings/moonshot-kimi/add-to-inventory');
    expect(res.statusCode, res.body).toBe(200);
    const kimi = res.json<FindingList['items'][number]>();
    expect(kimi).toMatchObject({ registered: true, system: { match: 'linked' } });
    const system = (await call('GET', `/api/v1/orgs/acme/systems/${kimi.system!.id}`)).json<SystemView>();
    expect(system).toMatchObject({
      source: 'discovery',
      registrationStatus: 'draft',
      hosting: 'vendor',
      type: 'general_purpose_assistant',
    });
    expect(system.modelProviders).toEqual([kimi.provider]);
    expect(await footprint()).toEqual({ registered: 2, unregisteredDiscovered: 5, footprint: 3.5 });

    // adding again creates nothing
    await call('POST', '/findings/moonshot-kimi/add-to-inventory');
    expect((await footprint()).registered).toBe(2);
    // registered services come last
    expect((await findings()).at(-1)?.catalogId).toBe('moonshot-kimi');
  });

  it('matches a registered system by product name, and links one by hand', async () => {
    await call('POST', '/api/v1/orgs/acme/systems', buildSystem({ name: 'ChatGPT Enterprise' }));
    const chatgpt = (await findings()).find((f) => f.catalogId === 'openai-chatgpt');
    expect(chatgpt?.system).toMatchObject({ name: 'ChatGPT Enterprise', match: 'auto' });

    const payroll = (await call('GET', '/api/v1/orgs/acme/systems?q=Payroll')).json<{ items: SystemView[] }>().items[0]!;
    const linked = await call('POST', '/findings/openai-api/link', { systemId: payroll.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json()).toMatchObject({ system: { id: payroll.id, match: 'linked' } });
    const bad = await call('POST', '/findings/openai-api/link', { systemId: '00000000-0000-4000-8000-000000000000' });
    expect(bad.statusCode).toBe(422);
  });

  it('needs a reason to ignore a service; ignored services leave the footprint', async () => {
    const before = await footprint();
    const noReason = await call('POST', '/findings/google-gemini/decision', { decision: 'ignored' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<ErrorBody>().error.details?.issues?.map((i) => i.path)).toEqual(['reason']);
    const ok = await call('POST', '/findings/google-gemini/decision', { decision: 'ignored', reason: 'Blocked at the firewall since May' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ decision: 'ignored', reason: 'Blocked at the firewall since May', decidedBy: 'token:owner token' });
    expect((await footprint()).unregisteredDiscovered).toBe(before.unregisteredDiscovered - 1);

    const sanctioned = await call('POST', '/findings/deepseek-chat/decision', { decision: 'blocked' });
    expect(sanctioned.json()).toMatchObject({ decision: 'blocked', reason: null });
  });

  it('keeps organisation catalogue entries, validated and merged over the bundled catalogue for scans', async () => {
    const entry = {
      provider: 'Harbour Labs',
      product: 'Harbour GPT',
      category: 'chat_assistant',
      domains: ['harbourgpt.example'],
      oauthAppNames: [],
      merchantNames: [],
      providerCountry: 'HK',
      dataUseNote: 'Internal pilot; prompts stay in Hong Kong.',
      termsUrl: null,
    };
    const put = await call('PUT', '/catalogue/harbour-gpt', entry);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<CatalogueList>().items.map((e) => [e.id, e.origin])).toEqual([['harbour-gpt', 'organisation']]);
    // a domain another entry owns is refused
    const clash = await call('PUT', '/catalogue/clash', { ...entry, domains: ['chatgpt.com'] });
    expect(clash.statusCode).toBe(422);
    const badCountry = await call('PUT', '/catalogue/bad', { ...entry, providerCountry: 'Hong Kong' });
    expect(badCountry.statusCode).toBe(400);

    const log = Buffer.from(
      '1732700100.000 10 10.0.0.9 TCP_TUNNEL/200 100 CONNECT www.harbourgpt.example:443 gina HIER_DIRECT/1.2.3.4 -\n',
    );
    const res = await post({ format: 'squid' }, log, owner, `${base}/runs?wait=true`);
    expect(res.json<DiscoveryRunView>()).toMatchObject({ status: 'done', findings: 1 });
    expect((await findings()).find((f) => f.catalogId === 'harbour-gpt')).toMatchObject({ product: 'Harbour GPT', requests: 1, users: 1 });

    const all = (await call('GET', '/catalogue')).json<CatalogueList>();
    expect(all.items.length).toBeGreaterThan(20);
    const del = await call('DELETE', '/catalogue/harbour-gpt');
    expect(del.json<CatalogueList>().items).toEqual([]);
    // the finding stays, without catalogue details
    expect((await findings()).find((f) => f.catalogId === 'harbour-gpt')).toMatchObject({ product: null, can: { addToInventory: false } });
  });

  it('keeps organisations apart and checks permissions', async () => {
    const other = bearer((await buildOrg(t.database.db, 'third')).tokens.owner);
    const run = (await call('GET', '/runs')).json<DiscoveryRunPage>().items[0]!;
    expect((await call('GET', `/runs/${run.id}`, undefined, other)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/orgs/third/discovery/runs/${run.id}`, undefined, other)).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/orgs/third/discovery/findings/deepseek-chat/add-to-inventory', undefined, other)).statusCode).toBe(
      404,
    );
    expect(
      (await call('POST', '/api/v1/orgs/third/discovery/findings/deepseek-chat/decision', { decision: 'tolerated' }, other)).statusCode,
    ).toBe(404);
    expect((await call('GET', '/api/v1/orgs/third/discovery/findings', undefined, other)).json<FindingList>().items).toEqual([]);

    const viewer = bearer(acme.tokens.viewer);
    expect((await post({ format: 'squid' }, squid, viewer)).statusCode).toBe(403);
    expect((await call('POST', '/findings/deepseek-chat/decision', { decision: 'tolerated' }, viewer)).statusCode).toBe(403);
    expect((await call('GET', '/findings', undefined, viewer)).statusCode).toBe(200);
  });

  it('audits decisions, links and catalogue changes', async () => {
    const audit = (await call('GET', '/api/v1/orgs/acme/audit-log?limit=200')).json<AuditPage>();
    const actions = new Set(audit.items.map((e) => e.action));
    for (const a of [
      'discovery.run',
      'discovery.decide',
      'discovery.link',
      'discovery.catalogue.create',
      'discovery.catalogue.delete',
      'system.create',
    ]) {
      expect(actions, a).toContain(a);
    }
  });

  it('a scan interrupted by a restart is failed at start-up', async () => {
    const { failInterruptedDiscoveryRuns } = await import('../../src/modules/discovery/repo.js');
    const [row] = await t.database.db
      .insert(discoveryRuns)
      .values({
        orgId: acme.ctx.org.id,
        format: 'squid',
        fileName: 'x.log',
        size: 1,
        status: 'running',
        rejectSamples: [],
        createdBy: 'test',
      })
      .returning();
    await failInterruptedDiscoveryRuns(t.database.db);
    const failed = await pollDone(row!.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('restart');
  });
});
