import { expect, test, type Page } from '@playwright/test';
import { londonToday, signedInAs } from './helpers.ts';
import { daysAfterToday, expectNoViolations, personWithoutPlan, saveAnsweringWarnings } from './ost-plans.ts';
import { staff } from './servers.ts';

// Starting a person's FIRST OST plan on the prolonged-release buprenorphine injection (issue 10), as Dr Okafor
// does on the staff portal. A dose that is not a weekly strength (12 mg) is refused with the rule's words in the
// error summary and nothing is stored; a 16 mg weekly first injection is saved, and the plan page says the dose
// in its unit ("16 mg weekly", not "a day"). The person is found as in ost-start.e2e.ts, from the other end of
// the caseload (so the two tests do not reach for the same person), and is named by no other browser test.
// Then the injection is changed from the plan's change form: monthly before 4 weekly injections is refused in the
// rule's words with nothing stored; 24 mg weekly, after the first injection, is saved as version 2.

test.describe.configure({ mode: 'serial' });

let personId = '';

test('Dr Okafor finds someone with no plan and reaches the injection start form', async ({ page }) => {
  test.setTimeout(90_000);
  await signedInAs(page, staff.okafor);
  personId = await personWithoutPlan(page, 'ost-injection.e2e.ts', { dir: 'desc', nth: 1 });
  expect(personId, 'someone on the caseload with an open episode and no plan').not.toBe('');
  await page.getByRole('link', { name: 'Start a plan' }).click();
  await page.getByRole('link', { name: 'the form to start an injection' }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost/start/injection$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    'Start a prolonged-release buprenorphine injection',
  );
  await expectNoViolations(page);
});

/** Fills in a weekly first injection of `doseMg` for a new starter who has had the test dose. */
async function fillInjectionStart(page: Page, doseMg: string): Promise<void> {
  await page.getByRole('radio', { name: 'Weekly', exact: true }).check();
  await page.getByLabel('Dose of one injection').fill(doseMg);
  await page.getByRole('checkbox', { name: /^New starter/ }).check();
  await page.getByRole('checkbox', { name: /test dose has been given/ }).check();
  await page.getByLabel('Date of the first injection').fill(londonToday());
  await page
    .getByRole('group', { name: 'Why the supervision is as it is' })
    .getByRole('checkbox', { name: 'Concerns about diversion' })
    .check();
  await page.getByLabel('Review the supervision by').fill(daysAfterToday(7));
  await page.getByLabel('Next prescribing review').fill(daysAfterToday(7));
  await page
    .getByLabel('Why you are starting this plan')
    .fill('Assessed today: starting the weekly injection.');
}

test('a dose that is not a weekly strength is refused with the rule’s words, and nothing is stored', async ({
  page,
}) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/start/injection`);
  await fillInjectionStart(page, '12');
  await page.getByRole('button', { name: 'Check and save' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toContainText('OST-PRB-DOSE-STRENGTH');
  await expect(summary).toContainText('12 mg is not a weekly strength; weekly doses are 8, 16, 24, 32 mg.');
  await expectNoViolations(page);
  await page.goto(`/people/${personId}/ost`);
  await expect(page.locator('main')).toContainText('No OST plan in this episode yet.');
  await expect(page.locator('ol.versions > li')).toHaveCount(0);
});

test('a 16 mg weekly first injection is saved, and the plan page shows it weekly, not a day', async ({
  page,
}) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/start/injection`);
  await fillInjectionStart(page, '16');
  await saveAnsweringWarnings(page);
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost\\?saved=1$`));
  await expect(page.getByRole('heading', { name: 'Current plan (version 1)' })).toBeVisible();
  const main = page.locator('main');
  await expect(main).toContainText('Prolonged-release buprenorphine injection 16 mg weekly');
  await expect(main).not.toContainText('16 mg a day');
  await expect(page.locator('ol.versions > li')).toHaveCount(1);
  await expectNoViolations(page);
});

/** Fills in the injection change form: `interval`, `doseMg`, the first injection given today, the next due after `days`. */
async function fillInjectionChange(
  page: Page,
  interval: string,
  doseMg: string,
  days: number,
): Promise<void> {
  await page.getByRole('radio', { name: interval }).check();
  await page.getByLabel('Dose of one injection').fill(doseMg);
  await page.getByRole('radio', { name: 'Stabilisation' }).check();
  await page.getByLabel('Last injection given on').fill(londonToday());
  await page.getByLabel('Next injection on').fill(daysAfterToday(days));
  await page.getByLabel('Takes effect from').fill(londonToday());
  await page.getByLabel('Next prescribing review').fill(daysAfterToday(14));
  await page
    .getByLabel('Why you are making this change')
    .fill('First injection given today; adjusting the dose.');
}

test('changing to monthly before 4 weekly injections is refused with the rule’s words, nothing stored', async ({
  page,
}) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost`);
  await page.getByRole('link', { name: 'Change the plan' }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost/change/injection$`));
  await expect(page.locator('main')).toContainText(
    'Prolonged-release buprenorphine injection, now 16 mg weekly',
  );
  await fillInjectionChange(page, 'Monthly (every 28 days)', '64', 28);
  await page.getByRole('button', { name: 'Check and save' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toContainText('OST-PRB-WEEKLY-BEFORE-MONTHLY');
  await expect(summary).toContainText('Only 0 weekly injections given; monthly needs at least 4 weeks');
  await expectNoViolations(page);
  await page.goto(`/people/${personId}/ost`);
  await expect(page.getByRole('heading', { name: 'Current plan (version 1)' })).toBeVisible();
  await expect(page.locator('ol.versions > li')).toHaveCount(1);
});

test('a change to 24 mg weekly after the first injection is saved as version 2, shown weekly', async ({
  page,
}) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/change/injection`);
  await fillInjectionChange(page, 'Weekly', '24', 7);
  await saveAnsweringWarnings(page);
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost\\?saved=1$`));
  await expect(page.getByRole('heading', { name: 'Current plan (version 2)' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Prolonged-release buprenorphine injection 24 mg weekly');
  await expect(page.locator('ol.versions > li')).toHaveCount(2);
});
