import { addDays } from '@harbour/domain/dates';
import { expect, test, type Page } from '@playwright/test';
import { caseloadRows, hydrated, londonToday, separatePage, signedInAs } from './helpers.ts';
import { staff } from './servers.ts';

// Naloxone through its life (issue 9), as a Riverside keyworker and the service manager see it: a supply shows
// on the record as a kit in date and counts on the coverage page; a kit reported used on the person becomes
// their overdose, with its follow-up task; the manager's counts for the team match the team's own.

const KEYWORKER = staff.keyworker2;
const TEAM = 'Riverside team';

/** "4 Dec 2026" for a `YYYY-MM-DD`, as the portal writes dates. */
function shown(iso: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${months[m - 1] ?? ''} ${y}`;
}

/** The team's headline on the coverage page: "X of Y people hold an in-date kit". */
async function headline(page: Page, team: string): Promise<{ held: number; people: number }> {
  await page.goto('/team');
  const section = page.locator('section', { has: page.getByRole('heading', { level: 2, name: team }) });
  const text = await section.getByTestId('coverage-headline').innerText();
  const match = /^(\d+) of (\d+) (?:person|people) hold/.exec(text.trim());
  if (!match) throw new Error(`no coverage headline for ${team}: ${text}`);
  return { held: Number(match[1]), people: Number(match[2]) };
}

/** The people listed without an in-date kit in the team's section. */
function uncovered(page: Page, team: string) {
  return page.getByRole('list', { name: `${team}: people without an in-date kit` }).getByRole('listitem');
}

/** The record's Naloxone panel. */
const naloxonePanel = (page: Page) =>
  page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Naloxone' }) });

async function recordSupply(page: Page, expiresOn: string): Promise<void> {
  await naloxonePanel(page).getByRole('link', { name: 'Record a naloxone supply' }).click();
  await page.getByLabel('Date supplied').fill(londonToday());
  await page.getByRole('radio', { name: 'Nyxoid (nasal spray)' }).check();
  await page.getByRole('group', { name: 'Given to' }).getByRole('radio', { name: 'The person' }).check();
  await page.getByRole('radio', { name: 'Their first kit' }).check();
  await page.getByRole('group', { name: 'Was training given?' }).getByRole('radio', { name: 'Yes' }).check();
  await page.getByLabel('Expiry date on the kit').fill(expiresOn);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}\?saved=entry$/);
}

test.beforeEach(async ({ page }) => {
  await signedInAs(page, KEYWORKER);
});

test('a supply shows on the record as a kit in date and moves the person into the coverage count', async ({
  page,
}) => {
  const before = await headline(page, TEAM);
  const list = uncovered(page, TEAM);
  // The list is exactly the people the headline does not count.
  await expect(list).toHaveCount(before.people - before.held);
  // The demo always leaves some of the team without a kit (its supplies are random, some long expired).
  expect(before.people).toBeGreaterThan(before.held);
  const first = list.first().getByRole('link');
  const name = (await first.innerText()).trim();
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const expiry = addDays(londonToday(), 730);
  await recordSupply(page, expiry);
  const panel = naloxonePanel(page);
  await expect(panel).toContainText('Holds a kit in date today.');
  const kit = panel.getByRole('listitem').first();
  await expect(kit).toContainText('Nyxoid (nasal spray), supplied');
  await expect(kit).toContainText('In date');
  await expect(kit).toContainText('First kit');

  const after = await headline(page, TEAM);
  expect(after).toEqual({ held: before.held + 1, people: before.people });
  await expect(uncovered(page, TEAM)).toHaveCount(after.people - after.held);
  await expect(uncovered(page, TEAM).getByRole('link', { name, exact: true })).toHaveCount(0);
});

test('a kit reported used on the person becomes their overdose, with its follow-up task', async ({
  page,
}) => {
  // Someone on the keyworker's own caseload at low risk: no recent overdose, so no follow-up already open.
  await page.goto('/caseload?tier=low&size=100');
  await hydrated(page);
  await page.getByRole('checkbox', { name: 'Only people I am keyworker for' }).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await caseloadRows(page).first().getByRole('link').click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  const record = page.url();
  await expect(page.locator('.open-tasks article', { hasText: 'Follow-up after an overdose' })).toHaveCount(
    0,
  );

  await recordSupply(page, addDays(londonToday(), 700));
  await naloxonePanel(page)
    .getByRole('link', { name: 'Report a kit used, lost, expired or confiscated' })
    .click();
  await page.getByLabel('Date reported').fill(londonToday());
  await page
    .getByRole('group', { name: 'Which kit?' })
    .getByRole('radio', { name: `Nyxoid (nasal spray), supplied ${shown(londonToday())}` })
    .first()
    .check();
  await page
    .getByRole('group', { name: 'What happened to it?' })
    .getByRole('radio', { name: 'Used' })
    .check();
  await page.getByRole('radio', { name: 'On this person' }).check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\?saved=entry$/);
  expect(page.url()).toBe(`${record}?saved=entry`);

  // The kit is used; the overdose Harbour recorded from it opened the follow-up (an urgent task, due in working
  // days) and the resupply.
  const panel = naloxonePanel(page);
  await expect(panel.getByRole('listitem').first()).toContainText('Used');
  await expect(panel.getByRole('listitem').first()).toContainText('Reported used on');
  await expect(page.locator('.open-tasks article', { hasText: 'Follow-up after an overdose' })).toHaveCount(
    1,
  );
  await expect(page.locator('.open-tasks')).toContainText('Supply naloxone');
});

test("the service manager sees every team's counts, the same as the team's own, and no names", async ({
  page,
  browser,
}) => {
  const team = await headline(page, TEAM);
  const manager = await separatePage(browser);
  try {
    await signedInAs(manager, staff.alex);
    // The manager's home is the coverage page.
    await manager.goto('/');
    await expect(manager).toHaveURL(/\/team$/);
    await expect(manager.getByRole('heading', { level: 1 })).toHaveText('Naloxone coverage');
    const table = manager.locator('table', {
      has: manager.locator('caption', { hasText: 'Coverage in every team' }),
    });
    const row = table.locator('tbody tr', { has: manager.getByRole('rowheader', { name: TEAM }) });
    await expect(row.locator('td').nth(0)).toHaveText(String(team.held));
    await expect(row.locator('td').nth(1)).toHaveText(String(team.people));
    expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    await expect(manager.locator('main a[href*="/people/"]')).toHaveCount(0);
  } finally {
    await manager.context().close();
  }
});
