// One browser journey through the web app, against a real server on a fresh data directory:
// sign in → switch language → register a system → import a spreadsheet (dry run with an error, then a clean
// import) → find the imported system → see its creation in the audit trail.
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers } from '../../src/demo/harbour-point.js';
import { CHROMIUM, hasChromium, signInAs, startBrowserSession, type BrowserSession } from './browser.js';

const governanceLead = demoUsers.find((u) => u.role === 'governance_lead');
if (!governanceLead) throw new Error('the demo has no governance lead');

/** A systems spreadsheet with the importer's English headers. */
async function systemsWorkbook(file: string, rows: string[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('AI systems');
  sheet.addRow(['Name', 'Purpose and intended use', 'Type', 'Hosting', 'Decision role', 'Human oversight', 'Lifecycle stage']);
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}

/** Picks an option of a Mantine Select (the dropdown renders in a portal, so options are found by role). */
async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe.skipIf(!hasChromium)(`browser journey (skipped without ${CHROMIUM}: apt-get install -y chromium)`, () => {
  let session: BrowserSession;
  let page: Page;
  let tmp = '';
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    session = await startBrowserSession('aims-e2e-');
    page = session.page;
    tmp = session.tmp;
  }, 120_000);
  afterAll(async () => session?.close());

  it('signs in, registers a system, imports a spreadsheet and finds it in the audit trail', async () => {
    // Sign in (an unauthenticated visit lands on the sign-in page).
    await signInAs(session, governanceLead.email, DEMO_PASSWORD);
    expect(page.url()).toMatch(/\/o\/harbour-point\/systems$/);
    await expect.poll(() => page.getByTestId('system-row').count()).toBeGreaterThan(0);

    // Language: Traditional Chinese and back; <html lang> follows.
    await page.getByTestId('language-zh-HK').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('人工智能系統');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-HK');
    expect(await page.getByTestId('nav-auditTrail').textContent()).toContain('審計記錄');
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('AI systems');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // Register a system through the form; an empty submit shows field-level messages first.
    const manualName = `E2E triage assistant ${stamp}`;
    await page.getByTestId('new-system').click();
    await page.getByTestId('system-form-submit').click();
    await expect.poll(() => page.getByTestId('system-form').textContent()).toContain('This field is required');
    expect(page.url()).toMatch(/\/systems\/new$/);
    await page.getByTestId('field-name').fill(manualName);
    await page.getByTestId('field-purpose').fill('Sorts incoming client requests by urgency for the service desk.');
    await choose(page, 'field-type', 'Agent');
    await choose(page, 'field-hosting', 'Cloud');
    await choose(page, 'field-decisionRole', 'Recommends a decision');
    await choose(page, 'field-humanOversight', 'Human-in-the-loop');
    await page.getByTestId('system-form-submit').click();
    await page.waitForURL(/\/o\/harbour-point\/systems\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(manualName);
    expect(await page.getByTestId('detail-type').textContent()).toBe('Agent');

    // Import: a dry run of a file with one bad row reports that row and column, and writes nothing.
    const goodName = `E2E imported scoring model ${stamp}`;
    const fixableName = `E2E imported chatbot ${stamp}`;
    const badFile = path.join(tmp, 'systems-bad.xlsx');
    await systemsWorkbook(badFile, [
      [
        goodName,
        'Scores loan applications for manual review.',
        'In-house model',
        'Cloud',
        'Recommends a decision',
        'Human-in-the-loop',
        'Development',
      ],
      [
        fixableName,
        'Answers staff questions about HR policy.',
        'Quantum oracle',
        'Vendor-hosted',
        'Informs a human decision',
        'Human-on-the-loop',
        'Proposed',
      ],
    ]);
    await page.getByTestId('nav-importExport').click();
    await page.getByTestId('import-dry-run').waitFor();
    await page.locator('input[type=file]').setInputFiles(badFile);
    await page.getByTestId('import-dry-run').click();
    await page.locator('[data-testid=import-result][data-state=done], [data-testid=import-result][data-state=failed]').waitFor();
    const errorRows = page.getByTestId('import-error-row');
    expect(await errorRows.count()).toBe(1);
    expect(await errorRows.first().getAttribute('data-row')).toBe('3');
    expect(await errorRows.first().getByTestId('import-error-column').textContent()).toBe('Type');
    expect(await page.getByTestId('import-errors-title').textContent()).toContain('nothing was written');

    // The corrected file imports both rows.
    const goodFile = path.join(tmp, 'systems-fixed.xlsx');
    await systemsWorkbook(goodFile, [
      [
        goodName,
        'Scores loan applications for manual review.',
        'In-house model',
        'Cloud',
        'Recommends a decision',
        'Human-in-the-loop',
        'Development',
      ],
      [
        fixableName,
        'Answers staff questions about HR policy.',
        'Agent',
        'Vendor-hosted',
        'Informs a human decision',
        'Human-on-the-loop',
        'Proposed',
      ],
    ]);
    await page.locator('input[type=file]').setInputFiles(goodFile);
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor();
    expect(await page.getByTestId('import-created').getAttribute('data-created')).toBe('2');
    expect(await page.getByTestId('import-error-row').count()).toBe(0);

    // Find the imported system in the register by searching.
    await page.getByTestId('import-open-list').click();
    await page.getByTestId('filter-q').fill(fixableName);
    await expect.poll(() => page.getByTestId('system-row').count()).toBe(1);
    const row = page.getByTestId('system-row').first();
    expect(await row.getByTestId('system-row-name').textContent()).toBe(fixableName);
    const importedId = await row.getAttribute('data-system-id');
    expect(importedId).toMatch(/^[0-9a-f-]{36}$/);

    // The audit trail shows its creation by the signed-in user; the entry expands to the recorded values.
    await page.getByTestId('nav-auditTrail').click();
    const entry = page.locator(`[data-testid=audit-row][data-entity-id="${importedId}"]`);
    await entry.waitFor();
    expect(await entry.getAttribute('data-action')).toBe('system.create');
    expect(await entry.getByTestId('audit-actor').textContent()).toBe(governanceLead.email);
    await entry.click();
    expect(await page.getByTestId('audit-after').first().textContent()).toContain(fixableName);
  }, 60_000);
});
