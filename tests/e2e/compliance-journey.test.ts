// The compliance journey on the demo organisation, in a real browser: assess three Annex A controls in the gap
// assessment, attach evidence to one, raise a remediation action from a gap, accept the SoA suggestions and approve
// it, then download the approved SoA as XLSX and check its rows.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentDetail, AssessmentSummary } from '../../src/modules/assessments/schema.js';
import type { PlanView } from '../../src/modules/remediation/schema.js';
import { DEMO_PASSWORD, demoUsers } from '../../src/demo/harbour-point.js';
import { apiGet, CHROMIUM, hasChromium, signInAs, startBrowserSession, type BrowserSession } from './browser.js';

const lead = demoUsers.find((u) => u.role === 'governance_lead');
if (!lead) throw new Error('the demo has no governance lead');

/** Sets one requirement's status (and optionally its gap description) through the item drawer. */
async function assess(page: Page, requirement: string, status: string, gapDescription?: string): Promise<void> {
  await page.getByRole('button', { name: `Edit ${requirement}`, exact: true }).click();
  const drawer = page.getByRole('dialog', { name: `Assess ${requirement}` });
  await drawer.waitFor();
  await drawer.getByLabel('Status', { exact: true }).click();
  await page.getByRole('option', { name: status, exact: true }).click();
  if (gapDescription) await drawer.getByLabel('Gap description').fill(gapDescription);
  await drawer.getByTestId('item-save').click();
  await drawer.waitFor({ state: 'hidden' });
}

describe.skipIf(!hasChromium)(`compliance journey (skipped without ${CHROMIUM}: apt-get install -y chromium)`, () => {
  let session: BrowserSession;
  let page: Page;
  const api = <T>(path: string): Promise<T> => apiGet<T>(session, 'harbour-point', path);

  beforeAll(async () => {
    session = await startBrowserSession('aims-e2e-compliance-');
    page = session.page;
  }, 120_000);
  afterAll(async () => session?.close());

  it('assesses, attaches evidence, raises an action, approves the SoA and downloads it as XLSX', async () => {
    await signInAs(session, lead.email, DEMO_PASSWORD);

    // The demo's gap assessment.
    await page.getByTestId('nav-assessments').click();
    await page.getByTestId('assessments-table').waitFor();
    const [iso] = (await api<{ items: AssessmentSummary[] }>('/assessments')).items;
    if (!iso) throw new Error('the demo has no assessment');
    await page.getByTestId(`assessment-${iso.id}`).getByRole('link').first().click();
    await page.getByTestId('items-table').waitFor();

    // Assess three Annex A controls.
    await assess(page, 'A.3.2', 'Met');
    await assess(page, 'A.3.3', 'Gap', 'Staff have no confidential channel to raise concerns about AI.');
    await assess(page, 'A.8.2', 'Partially met');
    await expect.poll(async () => page.getByTestId('requirement-A.3.3').getAttribute('data-status')).toBe('gap');

    // Attach the approved AI policy to A.3.2.
    await page.getByRole('button', { name: 'Edit A.3.2', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: 'Assess A.3.2' });
    await drawer.getByTestId('attach-evidence').click();
    const modal = page.getByTestId('attach-evidence-modal');
    await modal.getByTestId('attach-pick').click();
    await modal.getByTestId('attach-pick').fill('AI policy');
    await page.getByRole('option', { name: /AI policy v1\.0/ }).click();
    await modal.getByTestId('attach-submit').click();
    await modal.waitFor({ state: 'hidden' });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Raise a remediation action from the gap.
    await page.getByTestId('create-action-A.3.3').click();
    await page.getByText('Remediation action created').waitFor();

    const detail = await api<AssessmentDetail>(`/assessments/${iso.id}`);
    const item = (id: string) => detail.items.find((i) => i.requirementId === id);
    expect([item('A.3.2')?.status, item('A.3.3')?.status, item('A.8.2')?.status]).toEqual(['met', 'gap', 'partially_met']);
    expect(item('A.3.2')).toMatchObject({ statusSource: 'manual', evidenceCount: 1 });
    expect(item('A.3.3')?.gapDescription).toBe('Staff have no confidential channel to raise concerns about AI.');
    const plan = await api<PlanView>('/remediation-actions');
    expect(plan.items.filter((a) => a.requirementId === 'A.3.3')).toHaveLength(1);

    // The Statement of Applicability: accept the suggestions, then approve.
    await page.getByTestId('nav-soa').click();
    await page.getByTestId('soa-accept-suggestions').click();
    await page.getByTestId('soa-approve-blocked').waitFor({ state: 'detached' });
    await page.getByTestId('soa-approve').click();
    await page.getByTestId('approve-note').fill('Approved at the December partners meeting');
    await page.getByTestId('approve-confirm').click();
    await expect
      .poll(async () => (await api<{ items: { versionNo: number }[] }>('/soa/versions')).items.map((v) => v.versionNo))
      .toEqual([1]);

    // Approval opens the frozen version 1; download it as XLSX (English) and read it back.
    await page.waitForURL(/\/o\/harbour-point\/soa\/versions\/1$/);
    await page.getByTestId('soa-export').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('soa-export-xlsx-en').click()]);
    const file = await download.path();
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the SoA workbook has no sheet');
    const cells = (ws: ExcelJS.Worksheet): string[][] => {
      const out: string[][] = [];
      // The SoA writes plain strings, so every cell's text is its value.
      ws.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => (typeof v === 'string' ? v : ''))));
      return out;
    };
    const [header, ...rows] = cells(sheet);
    expect(header?.slice(0, 4)).toEqual(['Control', 'Objective', 'Title', 'Applicable']);
    expect(rows).toHaveLength(38);
    expect(rows.map((r) => r[0])).toContain('A.3.3');
    // Every control was decided before approval; A.2.2 (the AI policy) applies and names its linked control.
    expect(rows.every((r) => r[3] === 'Applicable' || r[3] === 'Not applicable')).toBe(true);
    const a22 = rows.find((r) => r[0] === 'A.2.2');
    expect(a22?.[3]).toBe('Applicable');
    expect(a22?.[7]).toContain('Board-approved AI policy');
    const about = workbook.worksheets[1];
    if (!about) throw new Error('the SoA workbook has no approval sheet');
    expect(cells(about).flat().join('\n')).toContain(`Approved by: ${lead.displayName}`);
  }, 120_000);
});
