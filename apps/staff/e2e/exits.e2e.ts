import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { signedInAs } from './helpers.ts';
import { staff } from './servers.ts';

// Reductions and exits (issue 10: no forced reductions, no premature discharge), as the demo's people use them:
// Dr Okafor lowers a methadone dose as a planned reduction the person does not agree to, and Harbour refuses it
// until a second clinician (Jo, the team lead) signs it off; Alex, the service manager, then sees it reported;
// Jo's discharge of the same person for not attending is refused with its reason, since the re-engagement
// cascade is not done. Every new page is checked with axe at 320 px.

test.describe.configure({ mode: 'serial' });

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** Fills every reason the rules asked for (warnings on the change itself, not the reduction's sign-off). */
async function answerWarnings(page: Page): Promise<void> {
  const reasons = page.locator('textarea[name^="ack-"]');
  for (let i = 0; i < (await reasons.count()); i++)
    await reasons.nth(i).fill('Discussed at the prescribing review today.');
}

let personId = '';

test('a reduction the person does not agree to is refused until a second clinician signs it off', async ({
  page,
  browser,
}) => {
  // A methadone person at Tom's pharmacy, in Dr Okafor's team (the last, away from the other OST tests).
  const pharmacy = await browser.newPage();
  await signedInAs(pharmacy, staff.tom);
  await pharmacy.goto('/pharmacy');
  const row = pharmacy
    .locator('li.person')
    .filter({ hasText: /Methadone \d+ mg a day/ })
    .filter({ hasNotText: 'without a dose' })
    .last();
  personId = ((await row.getAttribute('id')) ?? '').replace(/^person-/, '');
  expect(personId).not.toBe('');
  await pharmacy.close();

  await signedInAs(page, staff.okafor);
  await page.goto(`/people/${personId}/ost/change`);
  const versionsUrl = `/people/${personId}/ost`;
  const dose = Number(await page.getByLabel('Daily dose').inputValue());
  await page.getByLabel('Daily dose').fill(String(dose - 5));
  await page.getByRole('radio', { name: 'Reduction', exact: true }).check();
  await page.getByRole('radio', { name: 'They do not agree' }).check();
  await page.getByLabel('Why you are making this change').fill('Planned reduction after the liver results.');
  await page.getByRole('button', { name: 'Check and save' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText(
    "needs a second senior clinician's sign-off",
  );
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoViolations(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByLabel("Second clinician's sign-off").selectOption({ label: 'Jo Bennett (Team lead)' });
  await page
    .getByLabel('Why the second clinician signs it off')
    .fill('Reviewed with Jo: the dose is no longer safe with these results.');
  await answerWarnings(page);
  await page.getByRole('button', { name: 'Check and save' }).click();
  await expect(page).toHaveURL(new RegExp(`${versionsUrl}\\?saved=1$`));
  await expect(page.locator('ol.versions > li').first()).toContainText(
    'Planned reduction: they do not agree; signed off by Jo Bennett',
  );
});

test('the service manager sees the reduction reported, with who signed it off, and no names', async ({
  page,
}) => {
  await signedInAs(page, staff.alex);
  await page.goto('/reductions');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reductions reported');
  await expect(page.getByTestId('reductions-headline')).toContainText('1 reduction');
  await expect(page.locator('table')).toContainText('Jo Bennett');
  await expect(page.locator('table')).toContainText('They do not agree');
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoViolations(page);
});

test('a discharge for not attending is refused with its reason while the cascade is not done', async ({
  page,
}) => {
  await signedInAs(page, staff.jo);
  await page.goto(`/people/${personId}/ost`);
  await page.getByRole('link', { name: 'Discharge for not attending' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Discharge for not attending');
  await page.getByRole('button', { name: 'Sign off the discharge' }).click();
  await expect(page.locator('.nhsuk-error-summary')).toContainText('Not discharged');
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoViolations(page);
  // Nothing changed: the plan, in its open episode, is still there.
  await page.goto(`/people/${personId}/ost`);
  await expect(page.getByRole('heading', { name: /Current plan/ })).toBeVisible();
});
