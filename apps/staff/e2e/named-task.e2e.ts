import { expect, test } from '@playwright/test';
import { caseloadRows, hydrated, londonToday, separatePage, signedInAs } from './helpers.ts';
import { staff } from './servers.ts';

// A task given to a named member of the team (issue 9): Jo, the Riverside team lead, records an overdose for a
// person Sam is not keyworker for, which opens the prescriber's dose review; on the team's tasks she gives it to
// Priya, the team's nurse, by name; it is in Priya's own tasks. A keyworker is offered only the roles.

test('the team lead gives a task to a named member of the team, and it is in their tasks', async ({
  page,
  browser,
}) => {
  test.slow();
  await signedInAs(page, staff.jo);
  await page.goto('/caseload?tier=low&size=100');
  const link = caseloadRows(page).filter({ hasNotText: 'Sam Carter' }).last().getByRole('link');
  const name = (await link.innerText()).trim();
  await link.click();
  await page.getByText('Record something new').click();
  await page.getByRole('link', { name: 'Non-fatal overdose' }).click();
  await page.getByLabel('Date of the overdose').fill(londonToday());
  await page.getByRole('radio', { name: 'Ambulance service' }).check();
  await page.getByRole('group', { name: 'Was naloxone given?' }).getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}\?saved=entry$/);

  await page.goto('/team-tasks');
  await hydrated(page);
  const review = page
    .locator('article', { hasText: 'Dose and co-prescription review' })
    .filter({ hasText: name })
    .first();
  const giveTo = review.getByLabel('Give it to');
  const nurse = giveTo.locator('option', { hasText: '(Nurse)' }).first();
  const nurseName = (await nurse.innerText()).replace(/ \(Nurse\)$/, '').trim();
  await giveTo.selectOption({ value: (await nurse.getAttribute('value')) ?? '' });
  await review.getByRole('button', { name: /^Reassign/ }).click();
  await expect(page.getByRole('status')).toContainText('The task has been given to someone else.');
  const moved = page
    .locator('article', { hasText: 'Dose and co-prescription review' })
    .filter({ hasText: name })
    .filter({ hasText: `For: ${nurseName} (a named member of staff)` });
  await expect(moved).toHaveCount(1);

  const priya = await separatePage(browser);
  try {
    await signedInAs(priya, staff.priya);
    await priya.goto('/tasks');
    await expect(
      priya.locator('article', { hasText: 'Dose and co-prescription review' }).filter({ hasText: name }),
    ).toHaveCount(1);
  } finally {
    await priya.context().close();
  }

  // A keyworker on the same team is offered the roles only, never a named colleague.
  const sam = await separatePage(browser);
  try {
    await signedInAs(sam, staff.sam);
    await sam.goto('/team-tasks');
    const options = sam.locator('article').first().getByLabel('Give it to').locator('option');
    await expect(options.filter({ hasText: '(Nurse)' })).toHaveCount(0);
  } finally {
    await sam.context().close();
  }
});
