import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { codeUsed, freshCode, mutate, query, staffToken } from './api.ts';
import { expectAccessiblePage, signIn } from './helpers.ts';
import { DEAN, DEMO_PASSPHRASE } from './servers.ts';

// Booking health checks (issue 11): Dean books a blood test, gets the calendar file, moves it and cancels it,
// with JavaScript off as his old phone may have it. The clinic is set up by Priya (the nurse) through the API:
// the staff portal's own browser test sets one up through its pages. The demo's own clinics offer times too
// (packages/db/src/demo/clinics.ts): this test chooses among its own clinic's, the last one books a demo time.
const PRIYA = 'priya@northshire-recovery-partnership.example';
const TEST = 'Blood test for hepatitis C';
const CLINIC = 'Riverside health clinic';

/** "2026-12-08": the London day `days` from today. */
function londonDayAhead(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

test.beforeAll(async () => {
  const token = await staffToken(PRIYA);
  const me = await query<{ staffId: string }>('caseload.me', undefined, token);
  const { id: clinicId } = await mutate<{ id: string }>(
    'clinics.createClinic',
    { name: CLINIC, place: 'Harbour Clinic, Mill Road' },
    token,
  );
  await mutate(
    'clinics.createSession',
    {
      clinicId,
      date: londonDayAhead(5),
      startTime: '10:00',
      endTime: '11:00',
      slotMinutes: 20,
      capacity: 1,
      checks: ['hcv_antibody_test', 'hbv_test', 'hiv_test'],
      staffIds: [me.staffId],
    },
    token,
  );
});

async function signInAsDean(page: Page): Promise<void> {
  await signIn(page, { username: DEAN, passphrase: DEMO_PASSPHRASE }, await freshCode('service_user', DEAN));
  codeUsed('service_user', DEAN);
  await expect(page).toHaveURL('/my');
}

test.describe('booking a health check', () => {
  test.use({ javaScriptEnabled: false });

  test('Dean books a blood test, downloads the calendar file, changes the time and cancels', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signInAsDean(page);
    await page.getByRole('link', { name: 'Your health checks: see what is due and book a time' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your health checks');
    const card = page.locator('.nhsuk-card', { has: page.getByRole('heading', { name: TEST }) });
    await expect(card).toContainText(/Due now\.|Late\. Please book soon\./);
    await card.getByRole('link', { name: `Book ${TEST}` }).click();

    // Nothing chosen: told beside the list, and nothing is booked.
    await page.getByRole('button', { name: 'Book this time' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    await expect(summary.getByRole('link', { name: 'Choose a time' })).toHaveAttribute('href', '#slotId');
    await expect(page.getByRole('group', { name: /Choose a time/ })).toHaveAccessibleDescription(
      /Choose a time/,
    );
    await expect(page).toHaveTitle(/^Error: /);

    const ours = page.locator('.nhsuk-radios__item', { hasText: CLINIC });
    await expect(ours).toHaveCount(3);
    const first = (await ours.first().locator('.nhsuk-radios__label').textContent()) ?? '';
    expect(first).toMatch(/, 10:00am to 10:20am$/);
    await ours.first().getByRole('radio').check();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await expect(page.getByRole('status')).toHaveText('You are booked in');
    await expect(page.locator('.nhsuk-summary-list')).toContainText('10:00am (until 10:20am)');
    await expect(page.locator('.nhsuk-summary-list')).toContainText('Harbour Clinic, Mill Road');

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: "Add it to your phone's calendar" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('health-check.ics');
    const ics = readFileSync((await download.path()) ?? '', 'utf8');
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain(`SUMMARY:${TEST}`);
    expect(ics).toMatch(/DTSTART:\d{8}T\d{2}0000Z/);

    // Back on his list, the test shows as booked and can no longer be booked twice.
    await page.goto('/my/health');
    await expect(page.getByRole('link', { name: TEST })).toBeVisible();
    await expect(card.getByRole('link', { name: `Book ${TEST}` })).toHaveCount(0);

    await page.getByRole('link', { name: TEST }).click();
    await page.getByRole('link', { name: 'Change the time' }).click();
    const others = page
      .getByRole('group', { name: /Choose a new time/ })
      .locator('.nhsuk-radios__item', { hasText: CLINIC });
    await expect(others).toHaveCount(2);
    await others.first().getByRole('radio').check();
    await page.getByRole('button', { name: 'Change to this time' }).click();
    await expect(page.getByRole('status')).toHaveText('Your time has been changed');
    await expect(page.locator('.nhsuk-summary-list')).toContainText('10:20am (until 10:40am)');

    await page.getByRole('link', { name: 'Cancel this booking' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cancel your booking?');
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect(page.getByRole('status')).toHaveText('Your booking has been cancelled');
    await expect(page.getByRole('link', { name: 'Change the time' })).toHaveCount(0);

    // The check is due again, and bookable.
    await page.goto('/my/health');
    await expect(card.getByRole('link', { name: `Book ${TEST}` })).toBeVisible();
  });

  test("Dean books a time at one of the demo's own clinics, which nobody set up for this test", async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await signInAsDean(page);
    await page.goto('/my/health/book/hcv_antibody_test');
    const demo = page.locator('.nhsuk-radios__item', { hasText: 'Blood-borne virus clinic' });
    // Tuesdays and Thursdays, 10:00 to 12:00 in 20-minute slots, over the coming four weeks.
    await expect(demo.first()).toContainText(/, 10:00am to 10:20am/);
    expect(await demo.count()).toBeGreaterThanOrEqual(6);
    await demo.first().getByRole('radio').check();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await expect(page.getByRole('status')).toHaveText('You are booked in');
    await expect(page.locator('.nhsuk-summary-list')).toContainText('Riverside Recovery Hub, 8 Mill Lane');
    // Given back, so the demo's times are as they were for the tests after this one.
    await page.getByRole('link', { name: 'Cancel this booking' }).click();
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect(page.getByRole('status')).toHaveText('Your booking has been cancelled');
  });
});

// axe-core runs as a script in the page, so this runs with JavaScript on; the pages send none (checked).
test.describe('the booking pages on a small phone', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('every booking page meets WCAG 2.2 AA as far as axe can tell, with no sideways scrolling', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signInAsDean(page);
    await page.goto('/my');
    await expectAccessiblePage(page);
    await page.goto('/my/health');
    await expectAccessiblePage(page);
    await page.goto('/my/health/book/hiv_test');
    await expectAccessiblePage(page);
    await page.getByRole('button', { name: 'Book this time' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expectAccessiblePage(page);
    await page
      .getByRole('group', { name: /Choose a time/ })
      .getByRole('radio')
      .first()
      .check();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await expect(page.getByRole('status')).toHaveText('You are booked in');
    await expectAccessiblePage(page);
    const bookingUrl = page.url().replace(/\?.*$/, '');
    await page.goto(`${bookingUrl}/change`);
    await expectAccessiblePage(page);
    await page.goto(`${bookingUrl}/cancel`);
    await expectAccessiblePage(page);
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect(page.getByRole('status')).toHaveText('Your booking has been cancelled');
    await expectAccessiblePage(page);
  });
});
