// The risk journey on the demo organisation, in a real browser: classify the CV-screening tool through the wizard
// once its output reaches the EU and read why it is high-risk, add a risk and find it on the heatmap, and take
// the knowledge assistant's impact assessment through review and sign-off.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers } from '../../src/demo/harbour-point.js';
import type { ClassificationState } from '../../src/modules/system-classifications/schema.js';
import type { SystemPage } from '../../src/modules/systems/schema.js';
import { apiGet, CHROMIUM, hasChromium, signInAs, startBrowserSession, type BrowserSession } from './browser.js';

const lead = demoUsers.find((u) => u.role === 'governance_lead');
const knowledgeOwner = demoUsers.find((u) => u.key === 'knowledge');
if (!lead || !knowledgeOwner) throw new Error('the demo lacks its governance lead or knowledge manager');

/** Every required section of the impact template, filled in (the journey signs off; the editor is tested elsewhere). */
const completeContent = {
  system: { description: 'Retrieval assistant over engagement files.', intendedUse: 'Advisers research precedents.' },
  misuse: { description: 'Answers pasted into client work unchecked.' },
  affected: { groups: [{ name: 'Clients named in engagement files', vulnerable: false }] },
  benefits: { description: 'Faster, better-sourced research.' },
  harms: Object.fromEntries(
    ['rights', 'fairness', 'safety', 'privacy', 'wellbeing', 'society', 'environment'].map((d) => [
      d,
      { description: `Assessed: ${d}`, severity: 2, likelihood: 2 },
    ]),
  ),
  mitigations: { items: [{ description: 'Retrieval filtered by engagement access rights', dimensions: ['privacy'] }] },
  oversight: { description: 'Advisers check every answer against its sources.' },
  transparency: { description: 'Staff notice and training; answers cite their sources.' },
  dataProtection: Object.fromEntries(['DPP1', 'DPP2', 'DPP3', 'DPP4', 'DPP5', 'DPP6'].map((d) => [d, { how: `Reviewed for ${d}` }])),
  residual: { description: 'Low once retrieval honours access rights.', severity: 2, likelihood: 1 },
  conclusion: { decision: 'proceed_with_conditions', conditions: 'Access filtering live before wider roll-out.' },
};

describe.skipIf(!hasChromium)(`risk journey (skipped without ${CHROMIUM}: apt-get install -y chromium)`, () => {
  let session: BrowserSession;
  let page: Page;
  const api = <T>(path: string): Promise<T> => apiGet<T>(session, 'harbour-point', path);

  beforeAll(async () => {
    session = await startBrowserSession('aims-e2e-risk-');
    page = session.page;
  }, 120_000);
  afterAll(async () => session?.close());

  it('classifies CV screening through the wizard as high-risk once its output is used in the EU, and explains why', async () => {
    await signInAs(session, lead.email, DEMO_PASSWORD);
    const systems = await api<SystemPage>('/systems?q=CV%20screening');
    const cv = systems.items[0];
    if (!cv) throw new Error('the demo has no CV screening system');
    await page.goto(`${session.base}/o/harbour-point/systems/${cv.id}`);
    expect(await page.getByTestId('classification-card-tier').getAttribute('data-tier')).toBe('out_of_scope');
    await page.getByTestId('classify-system').click();
    await page.getByTestId('classify-step-1').waitFor();

    // The wizard starts from the stored answers (Annex III 4(a), profiling); the output now reaches the EU.
    await page.getByTestId('nexus-outputUsedInEu').check();
    for (let step = 2; step <= 9; step++) {
      await page.getByRole('button', { name: 'Next', exact: true }).click();
      await page.getByTestId(`classify-step-${step}`).waitFor();
    }
    expect(await page.getByTestId('annex-iii-4a').count()).toBe(0); // step 5 is behind us
    await expect.poll(() => page.getByTestId('classification-preview-tier').getAttribute('data-tier')).toBe('high');
    const explanation = await page.getByTestId('classification-explanation').textContent();
    expect(explanation).toContain('Annex III 4(a)');
    expect(explanation).toContain('Art. 6(2)');
    expect(explanation).toContain('output used in the EU');

    await page.getByTestId('classification-save').click();
    await page.waitForURL(new RegExp(`/systems/${cv.id}$`));
    await expect.poll(() => page.getByTestId('classification-card-tier').getAttribute('data-tier')).toBe('high');
    const state = await api<ClassificationState>(`/systems/${cv.id}/classification`);
    expect(state.current).toMatchObject({ tier: 'high', eu: { answers: { euNexus: { outputUsedInEu: true } } } });
    expect(state.current?.eu.result.basis).toEqual(expect.arrayContaining(['Art. 6(2)', 'Annex III 4(a)']));
    expect(state.history).toHaveLength(2);
  }, 120_000);

  it('adds a risk and finds it in its heatmap cell', async () => {
    await page.goto(`${session.base}/o/harbour-point/risks`);
    const cell = page.getByTestId('heatmap-cell-4-5');
    await cell.waitFor();
    const before = Number(await cell.getAttribute('data-count'));
    await page.getByTestId('new-risk').click();
    await page.getByTestId('risk-field-title').fill('Applicants screened out on proxies for age');
    await page.getByTestId('risk-field-likelihood').click();
    await page.getByRole('option', { name: '4 · Likely', exact: true }).click();
    await page.getByTestId('risk-field-impact').click();
    await page.getByRole('option', { name: '5 · Severe', exact: true }).click();
    await page.getByTestId('risk-save').click();
    await expect.poll(() => cell.getAttribute('data-count')).toBe(String(before + 1));
    // The new risk stays open in its drawer (and a notification shows): open the register afresh to reach the heatmap.
    await page.goto(`${session.base}/o/harbour-point/risks`);
    await expect.poll(() => cell.getAttribute('data-count')).toBe(String(before + 1));
    await cell.click();
    await page.getByTestId('risk-cell-filter').waitFor();
    await expect.poll(() => page.getByTestId('risks-table').textContent()).toContain('Applicants screened out on proxies for age');
    const rows = await api<{ items: { title: string }[] }>('/risks?likelihood=4&impact=5&limit=200');
    expect(rows.items.map((r) => r.title)).toContain('Applicants screened out on proxies for age');
  }, 60_000);

  it("signs off the knowledge assistant's impact assessment: the governance lead, then the system's owner", async () => {
    const required = await api<{ items: { system: { name: string }; assessmentId: string | null }[] }>('/impact-assessments/required');
    const id = required.items.find((i) => i.system.name === 'Harbour Knowledge Assistant')?.assessmentId;
    if (!id) throw new Error('the demo has no impact assessment of the knowledge assistant');
    const { csrfToken } = (await (await page.request.get(`${session.base}/api/v1/auth/session`)).json()) as { csrfToken: string };
    const filled = await page.request.patch(`${session.base}/api/v1/orgs/harbour-point/impact-assessments/${id}`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { content: completeContent },
    });
    expect(filled.status(), await filled.text()).toBe(200);

    await page.goto(`${session.base}/o/harbour-point/impact-assessments/${id}`);
    await expect.poll(() => page.getByTestId('impact-missing').getAttribute('data-count')).toBe('0');
    await page.getByTestId('impact-submit').click();
    await expect.poll(() => page.getByTestId('impact-status').getAttribute('data-status')).toBe('in_review');
    await page.getByTestId('signoff-governance_lead-approve').click();
    await page.getByTestId('signoff-note').fill('Reviewed with the DPO');
    await page.getByTestId('signoff-confirm').click();
    await expect.poll(() => page.getByTestId('signoff-governance_lead').getAttribute('data-state')).toBe('approved');
    expect(await page.getByTestId('impact-status').getAttribute('data-status')).toBe('in_review');

    // The system-owner step belongs to the knowledge assistant's accountable owner.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-email').waitFor();
    await signInAs(session, knowledgeOwner.email, DEMO_PASSWORD);
    await page.goto(`${session.base}/o/harbour-point/impact-assessments/${id}`);
    await page.getByTestId('signoff-system_owner-approve').click();
    await page.getByTestId('signoff-confirm').click();
    await expect.poll(() => page.getByTestId('impact-status').getAttribute('data-status')).toBe('approved');
  }, 90_000);
});
