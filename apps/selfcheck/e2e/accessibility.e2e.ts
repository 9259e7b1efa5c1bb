import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Runs axe-core's WCAG 2.2 A and AA rules on the page and expects no violations. */
async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  const found = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  expect(found).toEqual([]);
}

test.describe('accessibility of the home page', () => {
  test('meets WCAG 2.2 AA as far as axe-core can tell', async ({ page }) => {
    await page.goto('/');
    await expectNoViolations(page);
  });

  test('has one h1, a language, headings in order, labelled controls and text for images', async ({
    page,
  }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
    await expect(page.locator('h1')).toHaveCount(1);

    // No heading level is skipped (an h2 may follow the h1, never an h3).
    const levels = await page
      .locator('h1, h2, h3, h4, h5, h6')
      .evaluateAll((headings) => headings.map((h) => Number(h.tagName.slice(1))));
    levels.forEach((level, i) => expect(level - (levels[i - 1] ?? 0)).toBeLessThanOrEqual(1));

    // Every image has alt text (empty for decoration), and every form control has a name.
    for (const image of await page.locator('img').all()) await expect(image).toHaveAttribute('alt', /.*/);
    for (const control of await page.locator('input:not([type="hidden"]), select, textarea, button').all()) {
      await expect(control).toHaveAccessibleName(/\S/);
    }
    // Links say where they go.
    for (const link of await page.locator('a').all()) await expect(link).toHaveAccessibleName(/\S/);
  });

  test('the skip link is the first stop for the keyboard and its target exists', async ({ page }) => {
    await page.goto('/');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toHaveAttribute('href', '#maincontent');
    await expect(page.locator('main#maincontent')).toHaveCount(1);
    await page.keyboard.press('Tab');
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('#maincontent')).toBeFocused();
  });

  test('the not-found page meets WCAG 2.2 AA as far as axe-core can tell', async ({ page }) => {
    await page.goto('/no-such-page');
    await expectNoViolations(page);
  });
});
