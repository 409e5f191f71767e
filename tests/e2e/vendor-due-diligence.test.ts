// Vendor due diligence on the demo organisation, in a real browser: LeadLoom AI's residency problem shows on its
// page, the governance lead sends it a questionnaire, the vendor answers through the one-time link without an
// account, the link refuses a second visit, the lead corrects an answer in the app, and the review fixes the score
// and tier.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers } from '../../src/demo/harbour-point.js';
import type { AssessmentList } from '../../src/modules/vendor-assessments/schema.js';
import type { VendorPage } from '../../src/modules/vendors/schema.js';
import { apiGet, CHROMIUM, hasChromium, signInAs, startBrowserSession, type BrowserSession } from './browser.js';

const lead = demoUsers.find((u) => u.role === 'governance_lead');
if (!lead) throw new Error('the demo lacks its governance lead');

describe.skipIf(!hasChromium)(`vendor due diligence (skipped without ${CHROMIUM}: apt-get install -y chromium)`, () => {
  let session: BrowserSession;
  let page: Page;
  const api = <T>(path: string): Promise<T> => apiGet<T>(session, 'harbour-point', path);

  beforeAll(async () => {
    session = await startBrowserSession('aims-e2e-vendor-');
    page = session.page;
  }, 120_000);
  afterAll(async () => session?.close());

  it('sends a questionnaire, lets the vendor answer once through the link and reviews the answers', async () => {
    await signInAs(session, lead.email, DEMO_PASSWORD);
    const vendor = (await api<VendorPage>('/vendors?q=LeadLoom')).items[0];
    if (!vendor) throw new Error('the demo has no LeadLoom AI');
    await page.goto(`${session.base}/o/harbour-point/vendors/${vendor.id}`);
    expect(await page.getByTestId('residency-violations').textContent()).toContain('states no processing region; allowed: HK, SG');

    await page.getByRole('tab', { name: 'AI features' }).click();
    expect(await page.getByTestId('vendor-features').textContent()).toContain('Predictive lead scoring');

    await page.getByRole('tab', { name: 'Due diligence' }).click();
    await page.getByRole('button', { name: 'Start questionnaire' }).click();
    await page.getByTestId('vendor-assessment').waitFor();
    await page.getByRole('button', { name: 'Send link to vendor' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Send link to vendor' }).click();
    const link = (await page.getByTestId('vendor-link').textContent())?.trim() ?? '';
    expect(link).toMatch(/\/vendor-response\/[A-Za-z0-9_-]{43}$/);

    // the vendor, in a page of its own with no session
    const vendorPage = await session.context.newPage();
    await vendorPage.context().clearCookies();
    await vendorPage.goto(link);
    await vendorPage.getByTestId('question-T1').waitFor();
    expect(await vendorPage.getByRole('heading', { level: 2 }).textContent()).toBe(
      'Supplier questionnaire from Harbour Point Advisory (demo)',
    );
    await vendorPage.getByTestId('question-T1').getByLabel('No, never').check();
    await vendorPage.getByTestId('question-I1').getByRole('radio').first().check();
    vendorPage.once('dialog', (d) => void d.accept());
    await vendorPage.getByRole('button', { name: 'Submit answers' }).click();
    await vendorPage.getByTestId('vendor-thanks').waitFor();
    await vendorPage.reload();
    expect(await vendorPage.getByRole('alert').textContent()).toContain('already been used or has expired');
    await vendorPage.close();

    // back with the signed-in lead (the cookies were cleared for the vendor: sign in again)
    await signInAs(session, lead.email, DEMO_PASSWORD);
    await page.goto(`${session.base}/o/harbour-point/vendors/${vendor.id}`);
    await page.getByRole('tab', { name: 'Due diligence' }).click();
    await page.getByText('Answered', { exact: true }).waitFor();
    // the assessor corrects the submitted answers in the app before the review
    await page.getByTestId('edit-answers').click();
    const editor = page.getByRole('dialog');
    await editor.getByTestId('question-T1').getByPlaceholder('Comment (optional)').fill('Confirmed by phone with the vendor');
    await editor.getByTestId('answers-save').click();
    await editor.waitFor({ state: 'hidden' });
    const corrected = (await api<AssessmentList>(`/vendors/${vendor.id}/assessments`)).items[0];
    expect(corrected).toMatchObject({
      status: 'submitted',
      answers: { T1: { value: 'no', comment: 'Confirmed by phone with the vendor' } },
    });
    await page.getByRole('button', { name: 'Review and fix score' }).click();
    await page.getByText('Reviewed', { exact: true }).waitFor();
    const [assessment] = (await api<AssessmentList>(`/vendors/${vendor.id}/assessments`)).items;
    expect(assessment).toMatchObject({
      status: 'reviewed',
      tier: 'critical',
      answers: { T1: { value: 'no', comment: 'Confirmed by phone with the vendor' } },
    });
    expect(assessment?.evidenceId).not.toBeNull();
  }, 180_000);

  it('lists the residency violations, the vendors due and the expiring attestations on the governance page', async () => {
    await page.goto(`${session.base}/o/harbour-point/vendor-governance`);
    const table = page.getByTestId('residency-violation-table');
    await expect.poll(async () => (await table.textContent()) ?? '').toContain('CallSense');
    const text = (await table.textContent()) ?? '';
    for (const name of ['LeadLoom AI', 'DraftWise', 'CallSense']) expect(text).toContain(name);
    await page.getByText('ISO/IEC 42001').first().waitFor();
  }, 60_000);
});
