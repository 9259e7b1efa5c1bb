import { expect, test, type Page } from '@playwright/test';
import { signedInAs } from './helpers.ts';
import {
  daysAfterToday,
  expectNoViolations,
  fillMethadoneStart,
  personWithoutPlan,
  saveAnsweringWarnings,
} from './ost-plans.ts';
import { staff } from './servers.ts';

// A person who TRANSFERS IN from another service (issue 10), continuing a course begun there, as Dr Okafor
// starts their first plan from the start form's link: methadone 80 mg in maintenance, the course started six
// months ago, the last dose there yesterday. 80 mg would be refused as a start (10–30 mg); continuing, it is
// checked as the same dose and saved as version 1, its reason saying where they came from. A course start in the
// future is refused in the error summary and nothing is stored. The person is found as in ost-start.e2e.ts
// (someone with no plan whom no other browser test names), the second such from the start of the caseload.

test.describe.configure({ mode: 'serial' });

let personId = '';

/** The transfer: methadone 80 mg maintenance, course started `courseStartedOn`, last dose there yesterday. */
async function fillTransfer(page: Page, courseStartedOn: string): Promise<void> {
  await page.getByLabel('The service they are transferring from').fill('Northgate Recovery Service');
  await page.getByLabel('The date their current course started there').fill(courseStartedOn);
  await page.getByRole('radio', { name: 'Maintenance', exact: true }).check();
  await page.getByLabel('The date of their last dose at the previous service').fill(daysAfterToday(-1));
  await page
    .getByRole('checkbox', { name: 'I have confirmed the current prescription with the previous service' })
    .check();
  await fillMethadoneStart(page, '80');
  await page.getByLabel('Why you are starting this plan').fill('Moved into the area; continuing methadone.');
}

test('Dr Okafor opens the transfer form from the start form', async ({ page }) => {
  test.setTimeout(90_000);
  await signedInAs(page, staff.okafor);
  personId = await personWithoutPlan(page, 'ost-transfer.e2e.ts', { dir: 'asc', nth: 2 });
  expect(personId, 'a second person on the caseload with an open episode and no plan').not.toBe('');
  await page.goto(`/people/${personId}/ost/start`);
  await page.getByRole('link', { name: 'Use the transfer form' }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost/start/transfer$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('transferring in');
  await expect(page.getByRole('radio', { name: 'Induction', exact: true })).toHaveCount(0);
  await expectNoViolations(page);
});

test('a course start in the future is refused in the error summary, and nothing is stored', async ({
  page,
}) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/start/transfer`);
  await fillTransfer(page, daysAfterToday(3));
  await page.getByRole('button', { name: 'Check and save' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText(
    'The date their course started cannot be in the future',
  );
  await expectNoViolations(page);
  await page.goto(`/people/${personId}/ost`);
  await expect(page.locator('main')).toContainText('No OST plan in this episode yet.');
  await expect(page.locator('ol.versions > li')).toHaveCount(0);
});

test('80 mg continuing from a course begun 6 months ago is saved as version 1, with no start refusal', async ({
  page,
}) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/start/transfer`);
  await fillTransfer(page, daysAfterToday(-182));
  await saveAnsweringWarnings(page, { noRefusals: true });
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost\\?saved=1$`));
  await expect(page.getByRole('heading', { name: 'Current plan (version 1)' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Methadone 80 mg a day');
  await expect(page.locator('ol.versions > li')).toHaveCount(1);
  await expect(page.locator('ol.versions > li')).toContainText(
    'Transfer in from Northgate Recovery Service, course started',
  );
  await expect(page.locator('main')).not.toContainText('OST-METH-START-RANGE');
});
