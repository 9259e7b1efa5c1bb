import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe-core's WCAG 2.2 A and AA rules on the page and expects no violations. */
export async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const found = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found).toEqual([]);
}

/** The page fits the screen's width: nothing to scroll sideways (a 320 px phone). */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/**
 * The checks every page of the portal must pass: WCAG 2.2 AA as far as axe can tell, no script, one h1,
 * headings in order, every control and link named, and (on a small phone) no sideways scrolling.
 */
export async function expectAccessiblePage(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
  await expect(page.locator('script')).toHaveCount(0);
  await expect(page.locator('h1')).toHaveCount(1);
  // No heading level is skipped from the h1 on. Before it, only the NHS.UK error summary and notification
  // banners, whose titles are h2s by design.
  const all = await page
    .locator('h1, h2, h3, h4, h5, h6')
    .evaluateAll((headings) => headings.map((h) => Number(h.tagName.slice(1))));
  const levels = all.slice(all.indexOf(1));
  for (const before of all.slice(0, all.indexOf(1))) expect(before).toBe(2);
  levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));
  for (const image of await page.locator('img').all()) await expect(image).toHaveAttribute('alt', /\S/);
  for (const control of await page.locator('input:not([type="hidden"]), select, textarea, button').all()) {
    await expect(control).toHaveAccessibleName(/\S/);
  }
  for (const link of await page.locator('a').all()) await expect(link).toHaveAccessibleName(/\S/);
  await expectNoSidewaysScroll(page);
  await expectNoViolations(page);
}

/**
 * The error summary lists each message, each linked to its field; the field shows the same message and is
 * described by it.
 */
export async function expectFieldError(page: Page, field: string, message: string | RegExp): Promise<void> {
  const pattern =
    typeof message === 'string' ? new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : message;
  const summary = page.locator('.nhsuk-error-summary');
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('link', { name: pattern })).toHaveAttribute('href', `#${field}`);
  const input = page.locator(`#${field}`);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAccessibleDescription(pattern);
  await expect(page).toHaveTitle(/^Error: /);
}

/** Signs in through the portal's pages: username and passphrase, then a code. */
export async function signIn(page: Page, login: { username: string; passphrase: string }, code: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(login.username);
  await page.getByLabel('Passphrase').fill(login.passphrase);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/sign-in\/code/);
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Today's date in London as the portal writes it: "12 November 2026". */
export function londonToday(): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date());
}
