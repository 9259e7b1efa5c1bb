import { expect, test, type Page } from '@playwright/test';
import { signedInAs } from './helpers.ts';
import {
  expectNoViolations,
  fillMethadoneStart,
  personWithoutPlan,
  saveAnsweringWarnings,
} from './ost-plans.ts';
import { staff } from './servers.ts';

// Switching medicine (issue 10), as Dr Okafor does from the change form: methadone to buprenorphine, a new version
// that is an induction of buprenorphine. A switch too soon after the last methadone dose is refused with the
// rule's words in the error summary and nothing is stored; one within the rules is saved as version 2. The
// person is found as in ost-start.e2e.ts (someone with no plan whom no other browser test names), taking the
// second such person from the end of the caseload, so as not to reach for the one ost-injection.e2e.ts takes;
// this test first starts their methadone plan. From methadone, the switch to the injection is not offered: the
// page says to switch to sublingual buprenorphine first.

test.describe.configure({ mode: 'serial' });

let personId = '';

test('Dr Okafor starts someone on methadone, then opens the switch from the change form', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signedInAs(page, staff.okafor);
  personId = await personWithoutPlan(page, 'ost-switch.e2e.ts', { dir: 'desc', nth: 2 });
  expect(personId, 'a second person on the caseload with an open episode and no plan').not.toBe('');
  await page.goto(`/people/${personId}/ost/start`);
  await fillMethadoneStart(page, '20');
  await saveAnsweringWarnings(page);
  await expect(page.getByRole('heading', { name: 'Current plan (version 1)' })).toBeVisible();
  await page.getByRole('link', { name: 'Change the plan' }).click();
  await page.getByRole('link', { name: 'switch medicine' }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost/change/switch$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Switch medicine');
  await expect(page.getByRole('radio', { name: 'Methadone', exact: true })).toHaveCount(0);
  await expectNoViolations(page);
});

test('from methadone, the switch to the injection says to go to sublingual buprenorphine first', async ({
  page,
}) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/change/switch`);
  await page.getByRole('link', { name: 'switch to the injection' }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost/change/switch/injection$`));
  await expect(page.locator('main')).toContainText('Switch from methadone to sublingual buprenorphine first');
  await expect(page.getByRole('button', { name: 'Check and save' })).toHaveCount(0);
  await expectNoViolations(page);
  await page.getByRole('link', { name: 'Switch to sublingual buprenorphine' }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost/change/switch$`));
});

/** Fills in a switch to buprenorphine 4 mg today, the last methadone dose `hours` ago. */
async function fillSwitch(page: Page, hours: string): Promise<void> {
  await page.getByRole('radio', { name: 'Buprenorphine', exact: true }).check();
  await page.getByLabel('Daily dose').fill('4');
  await page.getByLabel('COWS score').fill('14');
  await page.getByRole('radio', { name: 'Not used recently' }).check();
  await page.getByLabel('Last methadone dose, if transferring from methadone').fill('20');
  await page.getByLabel('Hours since that methadone dose').fill(hours);
  await page
    .getByLabel('Why you are switching medicine')
    .fill('Switching to buprenorphine at their request.');
}

test('a switch too soon after the last methadone dose is refused in the rule’s words, nothing stored', async ({
  page,
}) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/change/switch`);
  await fillSwitch(page, '12');
  await page.getByRole('button', { name: 'Check and save' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toContainText('Last methadone 12 hours ago: wait at least 24 hours.');
  await expect(page.locator('.concern--refused')).toContainText('OST-BUP-FIRST-DOSE-FROM-METHADONE-INTERVAL');
  await expectNoViolations(page);
  await page.goto(`/people/${personId}/ost`);
  await expect(page.getByRole('heading', { name: 'Current plan (version 1)' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Methadone 20 mg a day');
  await expect(page.locator('ol.versions > li')).toHaveCount(1);
});

test('a switch within the rules is saved as version 2: buprenorphine, a new induction', async ({ page }) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/change/switch`);
  await fillSwitch(page, '30');
  await saveAnsweringWarnings(page);
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost\\?saved=1$`));
  await expect(page.getByRole('heading', { name: 'Current plan (version 2)' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Buprenorphine 4 mg a day');
  await expect(page.locator('ol.versions > li')).toHaveCount(2);
});
