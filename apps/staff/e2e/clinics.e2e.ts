import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { hydrated, londonToday, personOnCaseloadOf, signedInAs } from './helpers.ts';
import { staff } from './servers.ts';

// Health-check clinics (issue 11): Priya, the nurse, adds a clinic and sets up a session through the pages; the
// clinic list shows its slots; she opens a person's health needs and records a result, which meets the need.
// Plain forms, with JavaScript off; then axe on every new page at 320 px.

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** "2026-12-10": the London day `days` from today. */
function dayAhead(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

test.describe('clinics and health needs', () => {
  test.use({ javaScriptEnabled: false });

  test('Priya adds a clinic, sets up a session, and sees its slots on the clinic list', async ({ page }) => {
    test.setTimeout(90_000);
    await signedInAs(page, staff.priya);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Clinics' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Clinics');

    await page.getByRole('link', { name: 'Add a clinic' }).click();
    await page.getByRole('button', { name: 'Add the clinic' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toContainText('Enter the clinic’s name');
    await page.getByLabel('Name').fill('Castle Street clinic');
    await page.getByLabel('Where it is').fill('Castle Street Health Centre');
    await page.getByRole('button', { name: 'Add the clinic' }).click();
    await expect(page.getByRole('status')).toHaveText('The clinic has been added.');

    await page.getByRole('link', { name: 'Set up a session' }).click();
    await page
      .getByLabel('Clinic')
      .selectOption({ label: 'Castle Street clinic (Castle Street Health Centre)' });
    await page.getByLabel('Day').fill(dayAhead(6));
    await page.getByLabel('Starts at').fill('14:00');
    await page.getByLabel('Ends at').fill('13:00');
    await page.getByLabel('Minutes per slot').fill('30');
    await page.getByRole('button', { name: 'Set up the session' }).click();
    // The end before the start, and no check chosen: both said, nothing set up.
    await expect(page.locator('.nhsuk-error-summary')).toContainText('The end is after the start');
    await expect(page.locator('.nhsuk-error-summary')).toContainText('Choose at least one check');
    await page.getByLabel('Ends at').fill('15:00');
    await page.getByLabel('HIV test').check();
    await page.getByLabel('Dental check').check();
    await page.getByRole('button', { name: 'Set up the session' }).click();
    await expect(page.getByRole('status')).toContainText('The session and its slots have been set up');

    const session = page.locator('section.session', { hasText: 'Castle Street clinic' });
    await expect(session.getByRole('heading')).toContainText('14:00 to 15:00');
    await expect(session).toContainText('Checks: HIV test, Dental check. Run by Priya Shah.');
    await expect(session.locator('tbody tr')).toHaveCount(2);
    await expect(session.locator('tbody tr').first()).toContainText('14:00–14:30');
    await expect(session.locator('tbody tr').first()).toContainText('Free (1 place)');
  });

  test("Priya records a person's dental check, and the need shows as done", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const person = await personOnCaseloadOf(browser, staff.priya);
    await signedInAs(page, staff.priya);
    await page.goto(`/people/${person.personId}`);
    await page.getByRole('link', { name: 'Health needs, checks and bookings' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Health needs');
    const dental = page.locator('tbody tr', { has: page.getByRole('rowheader', { name: 'Dental check' }) });
    await expect(dental).toContainText(/Due|Overdue/);
    await dental.getByRole('link', { name: /^Record an outcome\s*: Dental check$/ }).click();

    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toContainText('Choose what was done');
    await page.getByRole('group', { name: 'What was done' }).getByLabel('Done', { exact: true }).check();
    await page.getByLabel('When').fill(londonToday());
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await expect(page.getByRole('status')).toHaveText('The outcome has been recorded.');
    await expect(dental).toContainText('Done');
    await expect(page.locator('main')).toContainText('Dental check, Done, by Priya Shah');

    // Recorded on the wrong person: struck out with a reason (a new version), and the check is due again.
    await page.getByText('Recorded in error?').click();
    await page.getByRole('button', { name: 'Strike it out' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await page
      .getByText('Recorded in error?')
      .click({ trial: true })
      .catch(() => undefined);
    await page.getByLabel('Why it is wrong').fill('Recorded on the wrong person');
    await page.getByRole('button', { name: 'Strike it out' }).click();
    await expect(page.getByRole('status')).toHaveText(
      'The entry has been struck out. Its first version is kept.',
    );
    await expect(page.locator('main')).not.toContainText('Dental check, Done, by Priya Shah');
    await expect(dental).toContainText(/Due|Overdue/);
  });
});

test.describe('the clinic and health pages on a small screen', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('every new page meets WCAG 2.2 AA as far as axe can tell', async ({ page, browser }) => {
    test.setTimeout(90_000);
    const person = await personOnCaseloadOf(browser, staff.priya);
    await signedInAs(page, staff.priya);
    for (const path of [
      '/clinics',
      '/clinics/new-clinic',
      '/clinics/new-session',
      `/people/${person.personId}/health`,
      `/people/${person.personId}/health/hiv_test`,
    ]) {
      await page.goto(path);
      await expect(page.locator('h1')).toHaveCount(1);
      await expectNoViolations(page);
    }
    // With errors shown.
    await page.goto('/clinics/new-session');
    await hydrated(page);
    await page.getByRole('button', { name: 'Set up the session' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expectNoViolations(page);
    await page.goto(`/people/${person.personId}/health/hiv_test`);
    await hydrated(page);
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expectNoViolations(page);
  });
});
