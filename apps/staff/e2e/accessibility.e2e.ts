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

test.describe('accessibility', () => {
  test('the caseload meets WCAG 2.2 AA (axe) and has one h1, a caption and a skip link', async ({ page }) => {
    await page.goto('/caseload');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('table caption')).toHaveCount(1);
    await expect(page.locator('thead th[scope="col"]')).toHaveCount(6);
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toHaveAttribute('href', '#main-content');
    await expect(page.locator('#main-content')).toHaveCount(1);
    await expectNoViolations(page);
  });

  test('the skip link is the first stop for the keyboard and moves focus to the content', async ({
    page,
  }) => {
    await page.goto('/caseload');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main-content')).toBeFocused();
  });

  test('a record and the error pages meet WCAG 2.2 AA (axe)', async ({ page }) => {
    await page.goto('/caseload?sort=name&dir=desc&size=100');
    await page.getByRole('link', { name: 'Walsh, Dean' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Dean Walsh');
    await expectNoViolations(page);

    await page.goto('/caseload?sort=bogus');
    await expectNoViolations(page);

    await page.goto(`/people/${crypto.randomUUID()}`);
    await expectNoViolations(page);
  });
});
