import { expect, type Locator, type Page } from '@playwright/test';

/** Waits until the page has hydrated: a click before then would be lost. */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator('html[data-hydrated]')).toBeAttached();
}

/** The caseload table's body rows. */
export function caseloadRows(page: Page): Locator {
  return page.locator('table tbody tr');
}

/** The caseload table's columns, in order (a row's name is its `th`). */
const columns = ['reference', 'name', 'keyworker', 'status', 'ost', 'lastContact'] as const;

/** The text of one column in every row of the caseload table. */
export async function columnTexts(page: Page, column: (typeof columns)[number]): Promise<string[]> {
  const nth = columns.indexOf(column) + 1;
  return caseloadRows(page)
    .locator(`:scope > :nth-child(${nth})`)
    .allTextContents()
    .then((texts) => texts.map((text) => text.trim()));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Nov 2026" → "2026-11-12"; "Never" → null. */
export function isoDate(shown: string): string | null {
  if (shown === 'Never') return null;
  const match = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(shown);
  const month = match ? MONTHS.indexOf(match[2] ?? '') + 1 : 0;
  if (!match || month === 0) throw new Error(`not a date as the portal shows it: ${shown}`);
  return `${match[3]}-${String(month).padStart(2, '0')}-${(match[1] ?? '').padStart(2, '0')}`;
}

/** Today's date in Europe/London, `YYYY-MM-DD`. */
export function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}
