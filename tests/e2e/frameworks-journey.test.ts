// An organisation's own framework in a real browser: the governance lead imports a spreadsheet through the
// Frameworks page (first a refused one, whose problems are listed by row), browses the imported requirements,
// assesses them in an assessment of their own, and deletes an unused imported framework.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers } from '../../src/demo/harbour-point.js';
import type { OrgFrameworkList } from '../../src/modules/custom-frameworks/schema.js';
import { apiGet, CHROMIUM, hasChromium, signInAs, startBrowserSession, type BrowserSession } from './browser.js';

const lead = demoUsers.find((u) => u.role === 'governance_lead');
if (!lead) throw new Error('the demo lacks its governance lead');

const csv = (rows: string[][]) => Buffer.from(['id,parent,title,description', ...rows.map((r) => r.join(','))].join('\n'));

describe.skipIf(!hasChromium)(`frameworks journey (skipped without ${CHROMIUM}: apt-get install -y chromium)`, () => {
  let session: BrowserSession;
  let page: Page;
  const api = <T>(path: string): Promise<T> => apiGet<T>(session, 'harbour-point', path);

  beforeAll(async () => {
    session = await startBrowserSession('aims-e2e-frameworks-');
    page = session.page;
  }, 120_000);
  afterAll(async () => session?.close());

  const importSheet = async (fileName: string, content: Buffer, id: string, title: string) => {
    await page.getByTestId('import-framework').click();
    const modal = page.getByTestId('import-framework-modal');
    await modal.locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: content });
    await modal.getByTestId('import-framework-id').fill(id);
    await modal.getByTestId('import-framework-title').fill(title);
    await modal.getByTestId('import-framework-submit').click();
    return modal;
  };

  it('imports a spreadsheet framework, browses it, assesses it and deletes an unused one', async () => {
    await signInAs(session, lead.email, DEMO_PASSWORD);
    await page.goto(`${session.base}/o/harbour-point/frameworks`);
    await page.getByTestId('framework-card').first().waitFor();

    // a row without a title and a parent that does not exist: both named by row, nothing imported
    const refused = await importSheet(
      'harbour-policy.csv',
      csv([
        ['HP', '', 'Harbour AI policy', ''],
        ['HP.1', 'HP', '', 'Every AI system is registered'],
        ['HP.2', 'XX', 'Vendors', 'Vendors are assessed'],
      ]),
      'harbour-policy',
      'Harbour Point AI policy',
    );
    const problems = refused.getByTestId('import-framework-problems');
    await problems.waitFor();
    expect(await problems.textContent()).toContain('Row 3');
    expect(await problems.textContent()).toContain('Row 4');
    const custom = async () => (await api<OrgFrameworkList>('/frameworks')).items.filter((f) => f.custom).map((f) => f.id);
    expect(await custom()).toEqual([]);
    await refused.getByRole('button', { name: 'Cancel' }).click();

    await importSheet(
      'harbour-policy.csv',
      csv([
        ['HP', '', 'Harbour AI policy', ''],
        ['HP.1', 'HP', 'AI register', 'Every AI system is registered before use'],
        ['HP.2', 'HP', 'Vendor review', 'AI vendors are assessed every year'],
      ]),
      'harbour-policy',
      'Harbour Point AI policy',
    );
    // the new framework opens with its requirements
    await page.waitForURL(/\/frameworks\/harbour-policy$/);
    await expect.poll(() => page.getByText('Every AI system is registered before use').count()).toBeGreaterThan(0);
    // crosswalks link built-in frameworks only: no coverage panel here
    expect(await page.getByTestId('coverage-panel').count()).toBe(0);
    expect(await custom()).toEqual(['harbour-policy']);

    // it can be assessed like a built-in framework
    await page.goto(`${session.base}/o/harbour-point/assessments`);
    await page.getByTestId('new-assessment').click();
    const create = page.getByTestId('new-assessment-modal');
    await create.getByTestId('new-assessment-framework').click();
    await page.getByRole('option', { name: 'Harbour Point AI policy' }).click();
    await create.getByTestId('new-assessment-title').fill('Harbour AI policy check');
    await create.getByTestId('new-assessment-submit').click();
    await page.getByTestId('items-table').waitFor();
    await page.getByTestId('requirement-HP.1').waitFor();
    await page.getByTestId('requirement-HP.2').waitFor();

    // an imported framework no assessment uses can be deleted from its card; this one is in use, so it is refused
    await page.goto(`${session.base}/o/harbour-point/frameworks`);
    await importSheet('spare.csv', csv([['S1', '', 'Spare duty', 'Kept for a while']]), 'spare-framework', 'Spare framework');
    await page.waitForURL(/\/frameworks\/spare-framework$/);
    await page.goto(`${session.base}/o/harbour-point/frameworks`);
    const card = (id: string) => page.locator(`[data-testid="framework-card"][data-framework-id="${id}"]`);
    await card('spare-framework').getByTestId('delete-framework').click();
    await page.getByTestId('confirm-modal').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(custom).toEqual(['harbour-policy']);
    await card('harbour-policy').getByTestId('delete-framework').click();
    const confirm = page.getByTestId('confirm-modal');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => confirm.getByText('This framework is used by 1 assessment').count()).toBe(1);
    expect(await custom()).toEqual(['harbour-policy']);
  }, 120_000);
});
