// The technical-assurance journey on the demo organisation, in a real browser: open CV screening (TalentSift), upload a
// generated hiring data set, run a fairness test with the Hong Kong (EOC ordinances) profile, and read the chart's
// values — one group's selection rate must be the one computed here from the same rows.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers } from '../../src/demo/harbour-point.js';
import type { RunList, RunView } from '../../src/modules/assurance/schema.js';
import type { SystemPage } from '../../src/modules/systems/schema.js';
import { hiringCsv } from '../support/assurance-fixtures.js';
import { apiGet, CHROMIUM, hasChromium, signInAs, startBrowserSession, type BrowserSession } from './browser.js';

const lead = demoUsers.find((u) => u.role === 'governance_lead');
if (!lead) throw new Error('the demo lacks its governance lead');

/** Picks an option of a Mantine Select by its visible text. */
async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function addTag(page: Page, testId: string, value: string): Promise<void> {
  await page.getByTestId(testId).fill(value);
  await page.getByTestId(testId).press('Enter');
}

describe.skipIf(!hasChromium)(`assurance journey (skipped without ${CHROMIUM}: apt-get install -y chromium)`, () => {
  let session: BrowserSession;
  let page: Page;
  const csv = hiringCsv(300, 5);

  beforeAll(async () => {
    session = await startBrowserSession('aims-e2e-assurance-');
    page = session.page;
  }, 120_000);
  afterAll(async () => session?.close());

  it('uploads a data set to CV screening, runs a fairness test with the Hong Kong profile and reads the chart', async () => {
    await signInAs(session, lead.email, DEMO_PASSWORD);
    const systems = await apiGet<SystemPage>(session, 'harbour-point', '/systems?q=CV%20screening');
    const cv = systems.items[0];
    if (!cv) throw new Error('the demo has no CV screening system');
    await page.goto(`${session.base}/o/harbour-point/systems/${cv.id}`);
    await page.getByTestId('open-assurance').click();
    await page.waitForURL(new RegExp(`/systems/${cv.id}/assurance$`));

    const file = path.join(session.tmp, 'applicants.csv');
    fs.writeFileSync(file, csv);
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByTestId('dataset-name').fill('Applicants journey');
    await page.getByTestId('dataset-upload').click();
    await page.locator('tr[data-dataset="Applicants journey"]').waitFor();
    const profile = page.getByTestId('profile-Applicants journey');
    await expect.poll(() => profile.locator('tbody tr').count()).toBe(8);

    // The newest data set and the Hong Kong profile are chosen; its protected characteristics pre-select the columns.
    await choose(page, 'fairness-dataset', 'Applicants journey');
    expect(await page.getByTestId('fairness-profile').inputValue()).toBe('Hong Kong (EOC ordinances)');
    await choose(page, 'fairness-label', 'hired');
    await addTag(page, 'fairness-label-positive', 'yes');
    await choose(page, 'fairness-prediction', 'shortlisted');
    await addTag(page, 'fairness-prediction-positive', '1');
    const groups = page.getByTestId('fairness-form').locator('.mantine-MultiSelect-pill');
    await expect.poll(() => groups.allTextContents()).toEqual(['sex', 'marital_status', 'race']);
    // keep it to sex and race, so the groups are large enough to read
    await groups.filter({ hasText: 'marital_status' }).locator('button').click();
    await expect.poll(() => groups.allTextContents()).toEqual(['sex', 'race']);
    await page.getByTestId('fairness-run').click();
    const result = page.getByTestId('run-result');
    await result.waitFor({ timeout: 60_000 });

    // The group "F & Chinese": its selection rate computed here from the same rows.
    const rows = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const mine = rows.filter((r) => r[1] === 'F' && r[3] === 'Chinese');
    const expected = mine.filter((r) => r[6] === '1').length / mine.length;
    const cell = page.getByTestId('fairness-chart-values').getByTestId('rate-F & Chinese');
    expect(Number(await cell.getAttribute('data-value'))).toBe(expected);
    expect(await cell.textContent()).toBe(expected.toFixed(4));
    // the chart library loads with the first chart, so the chart may appear a moment after its values
    await expect.poll(() => page.getByRole('img', { name: /Selection rate per group/ }).count()).toBe(1);
    expect(await page.getByTestId('fairness-checks').textContent()).toContain('Demographic parity ratio');

    // The stored run is what the page shows, and it is evidence.
    const runs = await apiGet<RunList>(session, 'harbour-point', `/systems/${cv.id}/assurance-runs?kind=fairness`);
    const run = await apiGet<RunView>(session, 'harbour-point', `/assurance-runs/${runs.items[0]!.id}`);
    expect(run.profileName).toBe('Hong Kong (EOC ordinances)');
    expect(await page.getByTestId('run-outcome').first().getAttribute('data-outcome')).toBe(run.outcome);
    expect(run.evidenceId).not.toBeNull();
  }, 180_000);
});
