// The discovery journey on the demo organisation, in a real browser: upload the Squid sample log, watch the scan
// finish, see the unregistered AI services, add one to the inventory and see the AI footprint figure change, then
// link another service to an AI system already registered, and add an own catalogue entry.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers } from '../../src/demo/harbour-point.js';
import type { CatalogueList, FindingList, FootprintView } from '../../src/modules/discovery/schema.js';
import type { SystemPage, SystemView } from '../../src/modules/systems/schema.js';
import { apiGet, CHROMIUM, hasChromium, signInAs, startBrowserSession, type BrowserSession } from './browser.js';

const lead = demoUsers.find((u) => u.role === 'governance_lead');
if (!lead) throw new Error('the demo lacks its governance lead');
const squidLog = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/discovery/squid-access.log');

describe.skipIf(!hasChromium)(`discovery journey (skipped without ${CHROMIUM}: apt-get install -y chromium)`, () => {
  let session: BrowserSession;
  let page: Page;
  const api = <T>(p: string): Promise<T> => apiGet<T>(session, 'harbour-point', p);

  beforeAll(async () => {
    session = await startBrowserSession('aims-e2e-discovery-');
    page = session.page;
  }, 120_000);
  afterAll(async () => session?.close());

  it('scans the Squid log, lists the unregistered services, adds one to the inventory and the footprint changes', async () => {
    await signInAs(session, lead.email, DEMO_PASSWORD);
    await page.getByTestId('nav-discovery').click();
    await page.getByTestId('discovery-scan').waitFor();
    const before = await api<FootprintView>('/discovery/footprint');
    expect(before.unregisteredDiscovered).toBe(0);
    expect(await page.getByTestId('footprint-unregistered').textContent()).toBe('0');

    await page.locator('input[type="file"]').setInputFiles(squidLog);
    await page.getByTestId('discovery-scan').click();
    const result = page.getByTestId('discovery-run-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('20 lines read, 4 rejected; 6 AI services found');

    const kimi = page.getByTestId('finding-moonshot-kimi');
    await kimi.getByTestId('unregistered').waitFor();
    const scanned = await api<FootprintView>('/discovery/footprint');
    const findings = await api<FindingList>('/discovery/findings');
    const unregistered = findings.items.filter((f) => !f.registered).length;
    expect(unregistered).toBeGreaterThan(0);
    expect(scanned).toMatchObject({ registered: before.registered, unregisteredDiscovered: unregistered });
    await expect.poll(() => page.getByTestId('footprint-figure').textContent()).toBe(`× ${scanned.footprint!.toFixed(2)}`);
    // unregistered services come first
    expect(await page.locator('[data-testid="discovery-findings"] tbody tr').first().getByTestId('unregistered').count()).toBe(1);

    await kimi.getByTestId('add-moonshot-kimi').click();
    await expect.poll(() => kimi.getByTestId('unregistered').count()).toBe(0);
    const after = await api<FootprintView>('/discovery/footprint');
    expect(after).toMatchObject({ registered: before.registered + 1, unregisteredDiscovered: unregistered - 1 });
    expect(after.footprint).not.toBe(scanned.footprint);
    await expect.poll(() => page.getByTestId('footprint-figure').textContent()).toBe(`× ${after.footprint!.toFixed(2)}`);

    const added = (await api<FindingList>('/discovery/findings')).items.find((f) => f.catalogId === 'moonshot-kimi');
    const system = await api<SystemView>(`/systems/${added!.system!.id}`);
    expect(system).toMatchObject({ source: 'discovery', registrationStatus: 'draft' });
  }, 120_000);

  it('links another discovered service to an existing demo system and removes the link again', async () => {
    const other = (await api<FindingList>('/discovery/findings')).items.find((f) => !f.registered && f.can.decide);
    if (!other) throw new Error('the scan left no unregistered service to link');
    const target = (await api<SystemPage>('/systems?sort=name&order=asc&limit=200')).items.find((s) => s.source !== 'discovery');
    if (!target) throw new Error('the demo has no AI system');

    const row = page.getByTestId(`finding-${other.catalogId}`);
    await row.getByTestId(`link-${other.catalogId}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('link-system').click();
    await dialog.getByRole('option', { name: target.name, exact: true }).click();
    await dialog.getByTestId('link-confirm').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('unregistered').count()).toBe(0);
    expect(await row.textContent()).toContain(target.name);
    const linked = (await api<FindingList>('/discovery/findings')).items.find((f) => f.catalogId === other.catalogId);
    expect(linked).toMatchObject({ registered: true, system: { id: target.id, name: target.name, match: 'linked' } });

    await row.getByTestId(`link-${other.catalogId}`).click();
    await dialog.getByTestId('link-remove').click();
    await dialog.waitFor({ state: 'hidden' });
    const unlinked = (await api<FindingList>('/discovery/findings')).items.find((f) => f.catalogId === other.catalogId);
    expect(unlinked?.system?.match).not.toBe('linked');
  }, 60_000);

  it("adds an organisation catalogue entry, with the server's refusal shown under the field first", async () => {
    await page.getByTestId('discovery-catalogue-link').click();
    await page.getByTestId('catalogue-add').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByTestId('catalogue-field-id').fill('acme-writer');
    await drawer.getByTestId('catalogue-field-provider').fill('Acme Ltd');
    await drawer.getByTestId('catalogue-field-product').fill('Acme Writer');
    await drawer.getByTestId('catalogue-field-category').click();
    await page.getByRole('option', { name: 'Writing', exact: true }).click();
    await drawer.getByTestId('catalogue-field-providerCountry').fill('GB');
    await drawer.getByTestId('catalogue-field-domains').fill('acme-writer.example');
    await drawer.getByTestId('catalogue-field-domains').press('Enter');
    await drawer.getByTestId('catalogue-field-dataUseNote').fill('Drafts are kept for 30 days.');
    await drawer.getByTestId('catalogue-field-termsUrl').fill('not a web address');
    await drawer.getByTestId('catalogue-save').click();
    await expect.poll(() => drawer.getByTestId('catalogue-field-termsUrl').getAttribute('aria-invalid')).toBe('true');
    expect((await api<CatalogueList>('/discovery/catalogue?origin=organisation')).items).toEqual([]);

    await drawer.getByTestId('catalogue-field-termsUrl').fill('https://acme-writer.example/terms');
    await drawer.getByTestId('catalogue-save').click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('catalogue-acme-writer').waitFor();
    const own = await api<CatalogueList>('/discovery/catalogue?origin=organisation');
    expect(own.items).toEqual([
      expect.objectContaining({
        id: 'acme-writer',
        origin: 'organisation',
        category: 'writing',
        domains: ['acme-writer.example'],
        providerCountry: 'GB',
        termsUrl: 'https://acme-writer.example/terms',
      }),
    ]);
  }, 60_000);
});
