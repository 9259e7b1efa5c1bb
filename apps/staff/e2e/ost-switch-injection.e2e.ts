import { expect, test, type Page } from '@playwright/test';
import { londonToday, signedInAs } from './helpers.ts';
import {
  daysAfterToday,
  expectNoViolations,
  fillBuprenorphineStart,
  personWithoutPlan,
  saveAnsweringWarnings,
} from './ost-plans.ts';
import { staff } from './servers.ts';

// Switching from daily sublingual buprenorphine to the prolonged-release injection (issue 10), as Dr Okafor does
// from the change form. The page shows the conversion table's suggestion for the current dose (16 mg a day:
// 24 mg weekly). A dose other than the table's is held back with the OST-PRB-CONVERSION warning until a reason is
// given, and nothing is stored; the table's dose is saved as version 2, and the plan page says it weekly. The
// person is found as in ost-start.e2e.ts (someone with no plan whom no other browser test names), the third such
// person from the end of the caseload, so as not to reach for those ost-injection.e2e.ts and ost-switch.e2e.ts
// take; this test first starts their sublingual buprenorphine plan through the start form.

test.describe.configure({ mode: 'serial' });

let personId = '';

test('Dr Okafor starts someone on buprenorphine, then opens the switch to the injection', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signedInAs(page, staff.okafor);
  personId = await personWithoutPlan(page, 'ost-switch-injection.e2e.ts', { dir: 'desc', nth: 3 });
  expect(personId, 'a third person on the caseload with an open episode and no plan').not.toBe('');
  await page.goto(`/people/${personId}/ost/start`);
  await fillBuprenorphineStart(page, '16');
  await saveAnsweringWarnings(page);
  await expect(page.getByRole('heading', { name: 'Current plan (version 1)' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Buprenorphine 16 mg a day');
  // The daily switch offers the injection too.
  await page.goto(`/people/${personId}/ost/change/switch`);
  await expect(page.getByRole('link', { name: 'switch to the injection' })).toHaveAttribute(
    'href',
    `/people/${personId}/ost/change/switch/injection`,
  );
  await page.goto(`/people/${personId}/ost`);
  await page.getByRole('link', { name: 'Change the plan' }).click();
  await page.getByRole('link', { name: 'switch to the injection' }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost/change/switch/injection$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    'Switch to the prolonged-release injection',
  );
  const main = page.locator('main');
  await expect(main).toContainText('Buprenorphine, now 16 mg a day');
  await expect(page.getByRole('region', { name: 'The conversion table' })).toContainText(
    'From 16 mg a day the conversion table suggests 24 mg weekly',
  );
  await expectNoViolations(page);
});

/**
 * Fills in a weekly first injection of `doseMg`, a week from today by default: the conversion needs an established
 * sublingual dose (7 days or more), and this person's started today.
 */
async function fillInjectionSwitch(page: Page, doseMg: string, firstOn = daysAfterToday(7)): Promise<void> {
  await page.getByRole('radio', { name: 'Weekly', exact: true }).check();
  await page.getByLabel('Dose of one injection').fill(doseMg);
  await page.getByLabel('Date of the first injection').fill(firstOn);
  await page.getByLabel('Review the supervision by').fill(daysAfterToday(14));
  await page.getByLabel('Next prescribing review').fill(daysAfterToday(14));
  await page
    .getByLabel('Why you are switching to the injection')
    .fill('They asked for the injection, to stop daily collections.');
}

test('a switch before the sublingual dose is established (7 days) is refused in the rule’s words; nothing is stored', async ({
  page,
}) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/change/switch/injection`);
  await fillInjectionSwitch(page, '24', londonToday());
  await page.getByRole('button', { name: 'Check and save' }).click();
  await expect(page.locator('.concern--refused', { hasText: 'OST-PRB-CONVERSION' })).toContainText(
    'Sublingual buprenorphine started today: keep to it for at least 7 days before switching to the injection.',
  );
  await page.goto(`/people/${personId}/ost`);
  await expect(page.getByRole('heading', { name: 'Current plan (version 1)' })).toBeVisible();
});

test('a dose other than the table’s warns (OST-PRB-CONVERSION) and needs a reason; nothing is stored', async ({
  page,
}) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/change/switch/injection`);
  await fillInjectionSwitch(page, '16');
  await page.getByRole('button', { name: 'Check and save' }).click();
  const concern = page.locator('.concern', { hasText: 'OST-PRB-CONVERSION' });
  await expect(concern).toContainText('From 16 mg a day the table gives 24 mg weekly; 16 mg was chosen.');
  await expect(concern.getByLabel('Your reason')).toBeVisible();
  await expect(page.locator('.nhsuk-error-summary')).toContainText(
    'Give a reason for “Conversion from daily sublingual buprenorphine to weekly or monthly injection” (OST-PRB-CONVERSION)',
  );
  await expectNoViolations(page);
  await page.goto(`/people/${personId}/ost`);
  await expect(page.getByRole('heading', { name: 'Current plan (version 1)' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Buprenorphine 16 mg a day');
  await expect(page.locator('ol.versions > li')).toHaveCount(1);
});

test('the table’s dose is saved as version 2: the plan page shows 24 mg weekly', async ({ page }) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/change/switch/injection`);
  await fillInjectionSwitch(page, '24');
  await saveAnsweringWarnings(page);
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost\\?saved=1$`));
  await expect(page.getByRole('heading', { name: 'Current plan (version 2)' })).toBeVisible();
  const main = page.locator('main');
  await expect(main).toContainText('Prolonged-release buprenorphine injection 24 mg weekly');
  await expect(main).not.toContainText('24 mg a day');
  await expect(page.locator('ol.versions > li')).toHaveCount(2);
});
