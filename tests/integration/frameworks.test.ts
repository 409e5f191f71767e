import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameworkDetail, FrameworkSummary } from '../../src/modules/frameworks/schema.js';
import { buildOrg, type TestOrg } from '../support/factories.js';
import { bearer, startTestApp, type TestApp } from '../support/harness.js';

describe('the framework catalogue API', () => {
  let t: TestApp;
  let org: TestOrg;
  beforeAll(async () => {
    t = await startTestApp('pglite');
    org = await buildOrg(t.database.db, 'cat');
  });
  afterAll(async () => t?.close());

  it('lists the packs to any signed-in caller and refuses anonymous ones', async () => {
    expect((await t.app.inject({ url: '/api/v1/frameworks' })).statusCode).toBe(401);
    const res = await t.app.inject({ url: '/api/v1/frameworks', headers: bearer(org.tokens.viewer) });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: FrameworkSummary[] }>().items;
    expect(items.find((f) => f.id === 'iso-iec-42001-2023')).toMatchObject({ title: { 'zh-HK': expect.any(String) as string } });
  });

  it('finds requirements by Chinese or English text and by component', async () => {
    const get = (query: string) =>
      t.app
        .inject({ url: `/api/v1/frameworks/iso-iec-42001-2023?${query}`, headers: bearer(org.tokens.viewer) })
        .then((r) => r.json<FrameworkDetail>());
    const all = await get('');
    const control = all.requirements.find((r) => r.id === 'A.10.3');
    expect(control).toBeDefined();
    const zh = await get(`q=${encodeURIComponent(control!.title['zh-HK'].slice(0, 4))}`);
    expect(zh.requirements.map((r) => r.id)).toContain('A.10.3');
    const thirdParty = await get('component=third_party&assessable=true');
    expect(thirdParty.requirements.length).toBeGreaterThan(0);
    expect(thirdParty.requirements.every((r) => r.components.includes('third_party') && r.assessable)).toBe(true);
    expect((await t.app.inject({ url: '/api/v1/frameworks/no-such-pack', headers: bearer(org.tokens.viewer) })).statusCode).toBe(404);
  });

  it("serves the crosswalks with each link's relation and provenance", async () => {
    const list = await t.app.inject({ url: '/api/v1/crosswalks', headers: bearer(org.tokens.auditor) });
    const items = list.json<{ items: { id: string; linkCount: number }[] }>().items;
    expect(items.length).toBeGreaterThanOrEqual(2);
    const one = await t.app.inject({ url: `/api/v1/crosswalks/${items[0]!.id}`, headers: bearer(org.tokens.auditor) });
    const links = one.json<{ links: { relation: string; provenance: string }[] }>().links;
    expect(links).toHaveLength(items[0]!.linkCount);
    expect(links.every((l) => ['equal', 'subset', 'superset', 'intersects'].includes(l.relation))).toBe(true);
    expect((await t.app.inject({ url: '/api/v1/crosswalks/nope', headers: bearer(org.tokens.auditor) })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/crosswalks' })).statusCode).toBe(401);
  });

  it('shows which PDPO principles the ISO/IEC 42001 crosswalk reaches', async () => {
    const res = await t.app.inject({
      url: '/api/v1/frameworks/hk-pdpo-dpp/coverage?from=iso-iec-42001-2023',
      headers: bearer(org.tokens.viewer),
    });
    expect(res.statusCode).toBe(200);
    const { summary, rows } = res.json<{
      summary: Record<string, number>;
      rows: { requirementId: string; links: { sourceId: string }[] }[];
    }>();
    expect(rows.map((r) => r.requirementId)).toEqual(['DPP1', 'DPP2', 'DPP3', 'DPP4', 'DPP5', 'DPP6']);
    expect((summary.linked ?? 0) + (summary.not_linked ?? 0)).toBe(6);
    expect(rows.find((r) => r.requirementId === 'DPP4')?.links.length).toBeGreaterThan(0);
    expect(
      (await t.app.inject({ url: '/api/v1/frameworks/hk-pdpo-dpp/coverage?from=nope', headers: bearer(org.tokens.viewer) })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/frameworks/hk-pdpo-dpp/coverage', headers: bearer(org.tokens.viewer) })).statusCode).toBe(
      400,
    );
  });

  it('suggests starter controls for a requirement', async () => {
    const res = await t.app.inject({
      url: '/api/v1/starter-controls?framework=iso-iec-42001-2023&requirement=A.10.3',
      headers: bearer(org.tokens.contributor),
    });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { id: string; requirements: { framework: string; id: string }[] }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c.requirements.some((r) => r.id === 'A.10.3'))).toBe(true);
    expect((await t.app.inject({ url: '/api/v1/starter-controls' })).statusCode).toBe(401);
  });
});
