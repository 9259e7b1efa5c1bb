import { expect, test } from '@playwright/test';
import { caseloadRows, columnTexts, hydrated, isoDate, londonToday, signedInAs } from './helpers.ts';
import { SAM } from './servers.ts';

// Sam, a keyworker on the Riverside team, signed in once for the whole file.
test.beforeEach(async ({ page }) => {
  await signedInAs(page, SAM);
});

test.describe('the caseload', () => {
  test("opens on Sam's team and lists its demo people, a page at a time", async ({ page }) => {
    const response = await page.goto('/');
    const headers = response?.headers() ?? {};
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['x-frame-options']).toBe('DENY');
    // Same-origin: another site never learns the address; the portal's own form posts keep their Origin.
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("base-uri 'none'");
    expect(headers['content-security-policy']).toContain("object-src 'none'");
    // Over plain HTTP (these tests) there is no HSTS header: it is sent only over HTTPS.
    expect(headers['strict-transport-security']).toBeUndefined();
    await expect(page).toHaveURL(/\/caseload$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
    await expect(page.getByLabel('Team')).toContainText('Riverside team');
    await expect(page.locator('caption')).toContainText(
      'Riverside team caseload, sorted by risk, highest first',
    );
    await expect(caseloadRows(page)).toHaveCount(25);
    await expect(page.getByText(/^Showing 1 to 25 of \d+\s+people$/)).toBeVisible();
    await expect(page.getByText(/^Page 1 of \d+$/)).toBeVisible();
    // Everyone shown is in treatment, with a reference and a last-contact date (or "Never").
    for (const reference of await columnTexts(page, 'reference'))
      expect(reference).toMatch(/^HBR-\w{4}-\w{2}$/);
    for (const shown of await columnTexts(page, 'lastContact')) isoDate(shown);
  });

  test('shows Dean Walsh, whose keyworker is Sam', async ({ page }) => {
    await page.goto('/caseload?sort=name&dir=desc&size=100');
    const dean = caseloadRows(page).filter({ has: page.getByRole('link', { name: 'Walsh, Dean' }) });
    await expect(dean).toHaveCount(1);
    await expect(dean).toContainText('Sam Carter');
    await expect(dean).toContainText(/Methadone \d+ mg/);
  });

  test('filters through the form: OST "off" shows only people not on OST', async ({ page }) => {
    await page.goto('/caseload');
    await hydrated(page);
    await page.getByRole('radio', { name: 'Not on OST' }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]ost=off(&|$)/);
    await expect(page.getByRole('radio', { name: 'Not on OST' })).toBeChecked();
    await expect(caseloadRows(page).first()).toBeVisible();
    expect(new Set(await columnTexts(page, 'ost'))).toEqual(new Set(['Not on OST']));

    await page.getByRole('radio', { name: 'On OST', exact: true }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]ost=on(&|$)/);
    await expect(caseloadRows(page).first()).toBeVisible();
    for (const ost of await columnTexts(page, 'ost'))
      expect(ost).toMatch(
        /^([A-Z][a-z -]+ \d+(\.\d+)? mg a day|Prolonged-release buprenorphine, \d+ mg (weekly|monthly) injection)$/,
      );
  });

  test('narrows to the people Sam is keyworker for, and back to the whole team', async ({ page }) => {
    await page.goto('/caseload?size=100');
    await hydrated(page);
    const teamTotal = await page.getByText(/^Showing 1 to \d+ of \d+\s+people$/).textContent();
    expect(new Set(await columnTexts(page, 'keyworker')).size).toBeGreaterThan(1);

    await page.getByRole('checkbox', { name: 'Only people I am keyworker for' }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]keyworker=[0-9a-f-]{36}(&|$)/);
    await expect(page.getByRole('checkbox', { name: 'Only people I am keyworker for' })).toBeChecked();
    await expect(caseloadRows(page).first()).toBeVisible();
    expect(new Set(await columnTexts(page, 'keyworker'))).toEqual(new Set(['Sam Carter']));
    await expect(caseloadRows(page).filter({ hasText: 'Walsh, Dean' })).toHaveCount(1);

    await page.getByRole('checkbox', { name: 'Only people I am keyworker for' }).uncheck();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).not.toHaveURL(/keyworker=/);
    await expect(page.getByText(/^Showing 1 to \d+ of \d+\s+people$/)).toHaveText(teamTotal ?? '');
  });

  test('filters to people with no contact for 28 days or more', async ({ page }) => {
    await page.goto('/caseload');
    await hydrated(page);
    await page.getByRole('checkbox', { name: 'No contact for 28 days or more' }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]nocontact=28(&|$)/);
    await expect(caseloadRows(page).first()).toBeVisible();
    const today = Date.parse(londonToday());
    for (const shown of await columnTexts(page, 'lastContact')) {
      const date = isoDate(shown);
      if (date !== null) expect((today - Date.parse(date)) / 86_400_000).toBeGreaterThanOrEqual(28);
    }
  });

  test('sorts by last contact, then the other way', async ({ page }) => {
    await page.goto('/caseload');
    await hydrated(page);
    await page.getByRole('link', { name: /^Last contact/ }).click();
    await expect(page).toHaveURL(/[?&]sort=last_contact(&|$)/);
    await expect(page.locator('caption')).toContainText('by last contact, longest ago first');
    await expect(page.getByRole('columnheader', { name: /Last contact/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    // "Never" (no attended contact) sorts first, then the oldest contact.
    const ascending = (await columnTexts(page, 'lastContact')).map((shown) => isoDate(shown) ?? '');
    expect(ascending).toEqual([...ascending].sort());

    await page.getByRole('link', { name: /^Last contact/ }).click();
    await expect(page).toHaveURL(/[?&]dir=desc(&|$)/);
    await expect(page.getByRole('columnheader', { name: /Last contact/ })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    const descending = (await columnTexts(page, 'lastContact')).map((shown) => isoDate(shown) ?? '');
    expect(descending).toEqual([...descending].sort().reverse());
    expect(descending[0]).not.toBe(ascending[0]);
  });

  test('pages forwards and back', async ({ page }) => {
    await page.goto('/caseload');
    await hydrated(page);
    const firstPage = await columnTexts(page, 'reference');
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/[?&]page=2(&|$)/);
    await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
    await expect(page.getByText(/^Showing 26 to 50 of \d+\s+people$/)).toBeVisible();
    const secondPage = await columnTexts(page, 'reference');
    expect(secondPage.filter((reference) => firstPage.includes(reference))).toEqual([]);

    await page.getByRole('link', { name: 'Previous page' }).click();
    await expect(page.getByText(/^Page 1 of \d+$/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Previous page' })).toHaveCount(0);
    expect(await columnTexts(page, 'reference')).toEqual(firstPage);
  });

  test('answers a page past the end with the last page, never "page 999 of 10"', async ({ page }) => {
    await page.goto('/caseload?page=999');
    const shown = await page.getByText(/^Page \d+ of \d+$/).textContent();
    const [, current, count] = /^Page (\d+) of (\d+)$/.exec(shown ?? '') ?? [];
    expect(current).toBe(count);
    await expect(caseloadRows(page).first()).toBeVisible();
  });

  test('keyworker=me shows the people Sam keyworks, as a shared address would', async ({ page }) => {
    const response = await page.goto('/caseload?keyworker=me&size=100');
    expect(response?.status()).toBe(200);
    await expect(caseloadRows(page).first()).toBeVisible();
    expect(new Set(await columnTexts(page, 'keyworker'))).toEqual(new Set(['Sam Carter']));
  });

  test('explains an address it cannot use, without failing', async ({ page }) => {
    const response = await page.goto('/caseload?sort=bogus&page=0');
    expect(response?.status()).toBe(200);
    const problem = page.getByRole('alert');
    await expect(problem).toContainText("There is a problem with this page's address");
    await expect(problem).toContainText('sort=bogus: Sort by "risk", "name" or "last_contact".');
    await expect(problem).toContainText('page=0: Use a page number from 1.');
    await expect(page.getByRole('table')).toHaveCount(0);
    await problem.getByRole('link', { name: 'Show the caseload with the usual settings' }).click();
    await expect(caseloadRows(page)).toHaveCount(25);

    // A team the member of staff does not belong to is explained the same way (the API is not asked).
    const team = crypto.randomUUID();
    await page.goto(`/caseload?team=${team}`);
    await expect(page.getByRole('alert')).toContainText(`team=${team}: Choose one of your teams.`);
  });
});

test.describe('the caseload without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('still filters, sorts and pages through plain forms and links', async ({ page }) => {
    await page.goto('/caseload');
    await page.getByRole('radio', { name: 'On OST', exact: true }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]ost=on(&|$)/);
    await expect(caseloadRows(page).first()).toBeVisible();
    for (const ost of await columnTexts(page, 'ost')) expect(ost).not.toBe('Not on OST');

    await page.getByRole('link', { name: /^Last contact/ }).click();
    await expect(page).toHaveURL(/ost=on.*sort=last_contact/);
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect(page).toHaveURL(/ost=on.*sort=last_contact.*page=2/);
    await expect(page.getByText(/^Page 2 of \d+$/)).toBeVisible();
  });
});
