import { addWorkingDays } from '@harbour/domain/calendar/working-days';
import { addDays } from '@harbour/domain/dates';
import { expect, test, type Page } from '@playwright/test';
import { caseloadRows, hydrated, londonToday, signedInAs } from './helpers.ts';
import { SAM } from './servers.ts';

// Tasks (issue 9), as Sam uses them: an overdose he records opens its follow-up by itself, due in working days;
// it shows in his tasks, overdue in red with how long; a forged outcome is refused and nothing changes; he
// completes it and it leaves his open tasks and the overdue count on the caseload row.

test.beforeEach(async ({ page }) => {
  await signedInAs(page, SAM);
});

/** "4 Dec 2026" for a `YYYY-MM-DD`, as the portal writes dates. */
function shown(iso: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${months[m - 1] ?? ''} ${y}`;
}

/** The caseload's overdue-task count for the person named `name` (0 when it says "None"). */
async function overdueOnCaseload(page: Page, name: string): Promise<number> {
  await page.goto('/caseload?sort=name&size=100');
  const row = caseloadRows(page).filter({ has: page.getByRole('link', { name, exact: true }) });
  const text = (await row.locator(':scope > :nth-child(4)').innerText()).trim();
  return text === 'None' ? 0 : Number(/^\d+/.exec(text)?.[0] ?? 'NaN');
}

test('an overdose opens the follow-up in Sam’s tasks, due in working days; completing it clears it', async ({
  page,
}) => {
  // Someone on Sam's own caseload at low risk (no recent overdose, so no follow-up already open).
  await page.goto('/caseload?tier=low&size=100');
  await hydrated(page);
  await page.getByRole('checkbox', { name: 'Only people I am keyworker for' }).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  // Sam's own (his name in the keyworker column), so that the follow-up is his.
  const link = caseloadRows(page).filter({ hasText: 'Sam Carter' }).first().getByRole('link');
  const name = (await link.innerText()).trim();
  const before = await overdueOnCaseload(page, name);

  // An overdose a week ago, told by the ambulance service: the follow-up was due the next working day.
  const happened = addDays(londonToday(), -7);
  await page.goto('/caseload?sort=name&size=100');
  await caseloadRows(page).getByRole('link', { name, exact: true }).click();
  await page.getByText('Record something new').click();
  await page.getByRole('link', { name: 'Non-fatal overdose' }).click();
  await page.getByLabel('Date of the overdose').fill(happened);
  await page.getByRole('radio', { name: 'Ambulance service' }).check();
  await page.getByRole('group', { name: 'Was naloxone given?' }).getByRole('radio', { name: 'Yes' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}\?saved=entry$/);
  // The person's record lists it among their open tasks.
  const onRecord = page.locator('.open-tasks article', { hasText: 'Follow-up after an overdose' });
  await expect(onRecord).toHaveCount(1);

  // In Sam's tasks: overdue, in red, with how long, and the due date in working days.
  const due = addWorkingDays(happened, 1);
  await page.goto('/tasks');
  const task = page.locator('article', { hasText: 'Follow-up after an overdose' }).filter({ hasText: name });
  await expect(task).toHaveCount(1);
  await expect(task).toHaveClass(/task--overdue/);
  await expect(task.locator('.overdue')).toHaveText(/working days? overdue|Overdue: due/);
  await expect(task).toContainText(`(due ${shown(due)})`);
  expect(await overdueOnCaseload(page, name)).toBeGreaterThan(before);
  const withIt = await overdueOnCaseload(page, name);

  // A forged outcome (one the kind does not allow) is refused with a clear error, and nothing changes.
  await page.goto('/tasks');
  await hydrated(page);
  const again = page.locator('article', { hasText: 'Follow-up after an overdose' }).filter({ hasText: name });
  const first = again.getByRole('radio').first();
  await first.evaluate((radio) => {
    (radio as HTMLInputElement).value = 'naloxone_supplied';
  });
  await first.check();
  await again.getByRole('button', { name: /^Complete/ }).click();
  await expect(page.getByRole('alert').first()).toContainText(
    'is completed as "Contacted" or "Tried and could not reach", not "Naloxone supplied"',
  );
  await page.goto('/tasks');
  await expect(again).toHaveCount(1);
  expect(await overdueOnCaseload(page, name)).toBe(withIt);

  // Completed as contacted: it leaves Sam's open tasks and the caseload's overdue count.
  await page.goto('/tasks');
  await again.getByRole('radio', { name: 'Contacted' }).check();
  await again.getByRole('button', { name: /^Complete/ }).click();
  await expect(page).toHaveURL(/\/tasks\?done=completed$/);
  await expect(page.getByRole('status')).toContainText('The task is done');
  await expect(again).toHaveCount(0);
  expect(await overdueOnCaseload(page, name)).toBe(withIt - 1);
});
