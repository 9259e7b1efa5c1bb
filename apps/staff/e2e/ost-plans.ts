import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { caseloadRows, londonToday } from './helpers.ts';

// What the browser tests of the prescriber's OST plan forms share (ost-start, ost-injection, ost-switch,
// ost-transfer): finding
// a person without a plan whom no other browser test names, the accessibility check, dates from today, and
// saving with a reason for any warning the person's record raises.

export async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** `YYYY-MM-DD`, `days` after London's today. */
export function daysAfterToday(days: number): string {
  const d = new Date(`${londonToday()}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The `nth` person (1 for the first), in the caseload's name order `dir`, in an open episode with no plan (their
 * plan page offers "Start a plan") whom no browser test but `file` names; '' if none. Leaves the page on theirs.
 */
export async function personWithoutPlan(
  page: Page,
  file: string,
  { dir, nth }: { dir: 'asc' | 'desc'; nth: number },
): Promise<string> {
  const otherTests = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('.e2e.ts') && f !== file)
    .map((f) => readFileSync(`${import.meta.dirname}/${f}`, 'utf8'))
    .join('\n');
  await page.goto(`/caseload?ost=off&sort=name&dir=${dir}&size=100`);
  const candidates: string[] = [];
  for (const row of await caseloadRows(page).all()) {
    const link = row.getByRole('link').first();
    const [family = '', given = ''] = (await link.innerText()).split(',').map((s) => s.trim());
    const id = /\/people\/([0-9a-f-]{36})$/.exec((await link.getAttribute('href')) ?? '')?.[1];
    if (id !== undefined && !otherTests.includes(family) && !otherTests.includes(given)) candidates.push(id);
  }
  let found = 0;
  for (const id of candidates) {
    await page.goto(`/people/${id}/ost`);
    if ((await page.getByRole('link', { name: 'Start a plan' }).count()) === 1 && ++found === nth) return id;
  }
  return '';
}

/**
 * Submits the form, answering any warning the person's record raises with a reason. With `noRefusals`, first
 * checks that the rules refused nothing (so no refusal is overridden by the reasons given here).
 */
export async function saveAnsweringWarnings(page: Page, { noRefusals = false } = {}): Promise<void> {
  await page.getByRole('button', { name: 'Check and save' }).click();
  if (noRefusals) await expect(page.locator('.concern--refused')).toHaveCount(0);
  const reasons = page.getByLabel(/Your reason|Why you are overriding this/);
  if (!page.url().includes('saved=1') && (await reasons.count()) > 0) {
    for (const box of await reasons.all()) await box.fill('Discussed with them today and agreed.');
    await page.getByRole('button', { name: 'Check and save' }).click();
  }
}

/** Fills in a methadone start at `doseMg`, supervised Monday to Saturday at Quayside Pharmacy. */
export async function fillMethadoneStart(page: Page, doseMg: string): Promise<void> {
  await fillDailyStart(page, 'Methadone', doseMg);
}

/**
 * Fills in a sublingual buprenorphine start at `doseMg`, as the methadone one, for someone in objective
 * withdrawal (COWS 14) who has not used heroin recently (ost-switch-injection starts from it).
 */
export async function fillBuprenorphineStart(page: Page, doseMg: string): Promise<void> {
  await fillDailyStart(page, 'Buprenorphine', doseMg);
  await page.getByLabel('COWS score').fill('14');
  await page.getByRole('radio', { name: 'Not used recently' }).check();
}

async function fillDailyStart(page: Page, medicine: string, doseMg: string): Promise<void> {
  await page.getByRole('radio', { name: medicine, exact: true }).check();
  await page.getByLabel('Daily dose').fill(doseMg);
  await page.getByLabel('Start date').fill(londonToday());
  await page.getByRole('radio', { name: /^Quayside Pharmacy/ }).check();
  const pickups = page.getByRole('group', { name: 'Collection days' });
  const supervised = page.getByRole('group', { name: 'Supervised days' });
  for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']) {
    await pickups.getByRole('checkbox', { name: day }).check();
    await supervised.getByRole('checkbox', { name: day }).check();
  }
  await page.getByRole('radio', { name: 'Supervised every collection day' }).check();
  await page
    .getByRole('group', { name: 'Why the supervision is as it is' })
    .getByRole('checkbox', { name: 'Concerns about diversion' })
    .check();
  await page.getByLabel('Review the supervision by').fill(daysAfterToday(28));
  await page.getByLabel('Next prescribing review').fill(daysAfterToday(7));
  await page.getByLabel('Notes for the pharmacy (optional)').fill('First dose today: please observe.');
  await page
    .getByLabel('Why you are starting this plan')
    .fill(`Assessed today: starting ${medicine.toLowerCase()} induction.`);
}
