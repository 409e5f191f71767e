// The alerts page on the demo organisation, in a real browser: the governance lead adds an alert rule through the
// drawer, finds it in the rules table, edits and archives it; the notifications bell sits in the header.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers } from '../../src/demo/harbour-point.js';
import type { AlertRuleList } from '../../src/modules/alerts/schema.js';
import type { NotificationPage } from '../../src/modules/notifications/schema.js';
import { apiGet, CHROMIUM, hasChromium, signInAs, startBrowserSession, type BrowserSession } from './browser.js';

const lead = demoUsers.find((u) => u.role === 'governance_lead');
if (!lead) throw new Error('the demo lacks its governance lead');

describe.skipIf(!hasChromium)(`alerts journey (skipped without ${CHROMIUM}: apt-get install -y chromium)`, () => {
  let session: BrowserSession;
  let page: Page;
  const api = <T>(path: string): Promise<T> => apiGet<T>(session, 'harbour-point', path);

  beforeAll(async () => {
    session = await startBrowserSession('aims-e2e-alerts-');
    page = session.page;
  }, 120_000);
  afterAll(async () => session?.close());

  it('adds an error-rate rule for every system, edits it and archives it', async () => {
    await signInAs(session, lead.email, DEMO_PASSWORD);
    await page.getByTestId('notification-bell').waitFor();
    expect((await api<NotificationPage>('/notifications')).unread).toBe(0);

    // the demo starts with two rules on the knowledge assistant
    const existing = (await api<AlertRuleList>('/alert-rules')).total;
    const mine = async () => (await api<AlertRuleList>('/alert-rules')).items.find((r) => r.name === 'Error rate over 5%');
    await page.goto(`${session.base}/o/harbour-point/alerts`);
    expect(await page.getByTestId('page-title').textContent()).toBe('Alerts');
    await page.getByTestId('new-alert-rule').click();
    const drawer = page.getByRole('dialog');
    await drawer.getByTestId('alert-rule-field-name').fill('Error rate over 5%');
    await drawer.getByTestId('alert-rule-field-threshold').fill('1.5');
    await drawer.getByTestId('alert-rule-save').click();
    // the server refuses a rate above 1 under the field
    await expect.poll(() => drawer.getByText('A rate or share is between 0 and 1').count()).toBe(1);
    await drawer.getByTestId('alert-rule-field-threshold').fill('0.05');
    await drawer.getByTestId('alert-rule-save').click();
    await page.waitForURL(/rule=[0-9a-f-]{36}/);

    await expect.poll(() => page.getByTestId('alert-rule-row').count()).toBe(existing + 1);
    const row = page.getByTestId('alert-rule-row').filter({ hasText: 'Error rate over 5%' });
    expect(await row.textContent()).toContain('Error rate above 0.05');
    expect(await row.textContent()).toContain('Every live system');
    expect(await mine()).toMatchObject({
      name: 'Error rate over 5%',
      metric: 'error_rate',
      threshold: 0.05,
      systemId: null,
      windowMinutes: 15,
    });

    // The form carries the version its draft was read from: edit once the drawer shows the created rule (right after
    // creating, it may still show the new-rule form for a moment).
    await drawer.locator('[data-testid="alert-rule-form"][data-version="1"]').waitFor();
    await drawer.getByTestId('alert-rule-field-cooldownMinutes').fill('30');
    await drawer.getByTestId('alert-rule-save').click();
    await expect.poll(async () => (await mine())?.cooldownMinutes).toBe(30);
    await drawer.locator('[data-testid="alert-rule-form"][data-version="2"]').waitFor();

    // Someone else changes the rule while this drawer holds an unsaved edit: saving is refused with a clear message,
    // nothing is overwritten, and the typed value stays in the field until the user reloads.
    const rule = (await mine())!;
    const { csrfToken } = (await (await page.request.get(`${session.base}/api/v1/auth/session`)).json()) as { csrfToken: string };
    await drawer.getByTestId('alert-rule-field-cooldownMinutes').fill('45');
    const elsewhere = await page.request.patch(`${session.base}/api/v1/orgs/harbour-point/alert-rules/${rule.id}`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { threshold: 0.07, version: rule.version },
    });
    expect(elsewhere.status()).toBe(200);
    await drawer.getByTestId('alert-rule-save').click();
    await expect.poll(() => drawer.getByText('Someone else changed this alert rule since you opened it').count()).toBe(1);
    expect(await drawer.getByTestId('alert-rule-field-cooldownMinutes').inputValue()).toBe('45');
    expect(await mine()).toMatchObject({ threshold: 0.07, cooldownMinutes: 30 });
    // the drawer learns of the newer version (the refused save refreshed it) and offers to reload it
    await drawer.getByTestId('alert-rule-reload').click();
    await drawer.locator('[data-testid="alert-rule-form"][data-version="3"]').waitFor();
    expect(await drawer.getByTestId('alert-rule-field-threshold').inputValue()).toBe('0.07');
    expect(await drawer.getByTestId('alert-rule-field-cooldownMinutes').inputValue()).toBe('30');
    // the "saved" toast sits over the drawer's footer for a few seconds: let it go before clicking under it
    await expect.poll(() => page.locator('.mantine-Notification-root').count(), { timeout: 15_000 }).toBe(0);
    await drawer.getByTestId('alert-rule-archive').click();
    const archived = async () => (await api<AlertRuleList>('/alert-rules')).total === existing;
    await expect.poll(archived, { timeout: 15_000, message: `not archived; the drawer says: ${await drawer.textContent()}` }).toBe(true);
  }, 120_000);
});
