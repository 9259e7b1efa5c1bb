import { expect, test } from '@playwright/test';
import { separatePage, signedInAs } from './helpers.ts';
import {
  expectNoViolations,
  fillMethadoneStart,
  personWithoutPlan,
  saveAnsweringWarnings,
} from './ost-plans.ts';
import { SAM, staff } from './servers.ts';

// A person's FIRST OST plan (issue 10), as Dr Okafor starts it on the staff portal: from the plan page of someone
// in an open episode without a plan. A start that breaks a rule (a methadone start above 30 mg) is refused with
// the rule's words in the error summary and nothing is stored; a start within the rules is saved as version 1.
// The person is found, not assumed: someone on his team's caseload not on OST whose plan page offers "Start a
// plan", and whom no other browser test names (so no other test's expectations depend on them).

test.describe.configure({ mode: 'serial' });

let personId = '';

test('Dr Okafor finds someone in an open episode with no plan, and may start one', async ({ page }) => {
  test.setTimeout(90_000);
  await signedInAs(page, staff.okafor);
  personId = await personWithoutPlan(page, 'ost-start.e2e.ts', { dir: 'asc', nth: 1 });
  expect(personId, 'someone on the caseload with an open episode and no plan').not.toBe('');
  await expect(page.locator('main')).toContainText('No OST plan in this episode yet.');
  await page.getByRole('link', { name: 'Start a plan' }).click();
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost/start$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Start an OST plan');
  await expectNoViolations(page);
});

test('only a prescriber may start one: Sam, their team’s keyworker, is not offered the form', async ({
  page,
}) => {
  await signedInAs(page, SAM);
  await page.goto(`/people/${personId}/ost`);
  await expect(page.locator('main')).toContainText('No OST plan in this episode yet.');
  await expect(page.getByRole('link', { name: 'Start a plan' })).toHaveCount(0);
  await page.goto(`/people/${personId}/ost/start`);
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost$`));
});

test('a start above the methadone start range is refused with the rule’s words, and nothing is stored', async ({
  page,
}) => {
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/start`);
  await fillMethadoneStart(page, '60');
  await page.getByRole('button', { name: 'Check and save' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toContainText('OST-METH-START-RANGE');
  await expect(summary).toContainText('A methadone start of 60 mg is outside 10–30 mg.');
  await expect(page.locator('.concern--refused')).toContainText('Methadone start dose 10–30 mg');
  await expectNoViolations(page);
  await page.goto(`/people/${personId}/ost`);
  await expect(page.locator('main')).toContainText('No OST plan in this episode yet.');
  await expect(page.locator('ol.versions > li')).toHaveCount(0);
});

test('without JavaScript, a start within the rules is saved: the plan page shows version 1 with the dose', async ({
  browser,
}) => {
  const page = await separatePage(browser, { javaScriptEnabled: false });
  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/start`);
  await fillMethadoneStart(page, '20');
  await saveAnsweringWarnings(page);
  await expect(page).toHaveURL(new RegExp(`/people/${personId}/ost\\?saved=1$`));
  await expect(page.getByRole('heading', { name: 'Current plan (version 1)' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Methadone 20 mg a day');
  await expect(page.locator('main')).toContainText('First dose today: please observe.');
  await expect(page.locator('ol.versions > li')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Start a plan' })).toHaveCount(0);
  await page.context().close();
});
