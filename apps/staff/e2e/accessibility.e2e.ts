import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import {
  createAccount,
  enterPassphrase,
  newAccountEmail,
  personOnCaseloadOf,
  separatePage,
  signedInAs,
} from './helpers.ts';
import { OTHER_TEAM_KEYWORKER, SAM, staff } from './servers.ts';
import { totpCode } from './totp.ts';

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
    await signedInAs(page, SAM);
    await page.goto('/caseload');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('table caption')).toHaveCount(1);
    await expect(page.locator('thead th[scope="col"]')).toHaveCount(7);
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toHaveAttribute('href', '#main-content');
    await expect(page.locator('#main-content')).toHaveCount(1);
    await expectNoViolations(page);
  });

  test('the skip link is the first stop for the keyboard and moves focus to the content', async ({
    page,
  }) => {
    await signedInAs(page, SAM);
    await page.goto('/caseload');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main-content')).toBeFocused();
  });

  test('the record forms, an entry, a fact and finding a person meet WCAG 2.2 AA (axe)', async ({
    page,
    browser,
  }) => {
    const dean = await personOnCaseloadOf(browser, SAM, 'Walsh, Dean');
    await signedInAs(page, SAM);
    await page.goto(`/people/${dean.personId}/record/naloxone_supply`);
    await expectNoViolations(page);
    // With every problem shown: the error summary and each field's message.
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page);
    await page.goto(`/people/${dean.personId}/facts/co_prescriptions`);
    await expectNoViolations(page);
    await page.goto(`/people/${dean.personId}`);
    await page.locator('table.history tbody tr a').first().click();
    await expect(page.getByRole('heading', { level: 2, name: 'Every version' })).toBeVisible();
    await expectNoViolations(page);
    await page.goto('/find');
    await page.getByLabel('Name, reference or date of birth').fill('Walsh');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Results' })).toBeVisible();
    await expectNoViolations(page);
    await page.goto('/caseload?rising=1&new=1');
    await expectNoViolations(page);
  });

  test('my tasks and team tasks, with a refused completion, meet WCAG 2.2 AA (axe), and fit 320 px', async ({
    page,
  }) => {
    // Two long lists of forms, each checked by axe twice: more than the usual 30 seconds on a busy machine.
    test.slow();
    await signedInAs(page, staff.jo);
    await page.goto('/tasks');
    await expect(page.locator('h1')).toHaveText('My tasks');
    await expectNoViolations(page);
    await page.goto('/team-tasks');
    await expect(page.locator('h1')).toContainText('Team tasks');
    await expectNoViolations(page);
    // A task's form sent with no outcome chosen: its problem in the summary and beside the question.
    // (The demo's tasks come from replaying the rules over its events: the team always has some open.)
    await page
      .getByRole('button', { name: /^Complete/ })
      .first()
      .click();
    await expect(page.getByRole('alert').first()).toBeVisible();
    await expectNoViolations(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto('/team-tasks');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
  });

  test("the naloxone coverage page and the record's Naloxone panel meet WCAG 2.2 AA (axe) at 320 px", async ({
    page,
    browser,
  }) => {
    test.slow();
    await signedInAs(page, staff.jo);
    await page.goto('/team');
    await expect(page.locator('h1')).toHaveText('Naloxone coverage');
    await expectNoViolations(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto('/team');
    await expectNoViolations(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    // A record with its Naloxone panel (kits, or none), at 320 px; the panel itself never wider than the screen.
    await page
      .getByRole('list', { name: /people without an in-date kit/ })
      .getByRole('link')
      .first()
      .click();
    const panel = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Naloxone' }) });
    await expect(panel).toBeVisible();
    await expectNoViolations(page);
    expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // The service manager's view: every team's counts.
    const manager = await separatePage(browser);
    try {
      await signedInAs(manager, staff.alex);
      await manager.setViewportSize({ width: 320, height: 800 });
      await manager.goto('/team');
      await expect(manager.locator('caption', { hasText: 'Coverage in every team' })).toBeAttached();
      await expectNoViolations(manager);
      expect(await manager.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(
        false,
      );
    } finally {
      await manager.context().close();
    }
  });

  test('a record and the error pages meet WCAG 2.2 AA (axe)', async ({ page }) => {
    await signedInAs(page, SAM);
    await page.goto('/caseload?sort=name&dir=desc&size=100');
    await page.getByRole('link', { name: 'Walsh, Dean' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Dean Walsh');
    await expectNoViolations(page);

    await page.goto('/caseload?sort=bogus');
    await expectNoViolations(page);

    await page.goto(`/people/${crypto.randomUUID()}`);
    await expectNoViolations(page);
  });

  test('the sign-in and code pages, with and without problems, meet WCAG 2.2 AA (axe)', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByLabel('Email address')).toHaveAttribute('autocomplete', 'username');
    await expect(page.getByLabel('Passphrase')).toHaveAttribute('autocomplete', 'current-password');
    await expectNoViolations(page);

    // Nothing entered: an error summary whose links lead to the fields.
    await page.getByRole('button', { name: 'Continue' }).click();
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('There is a problem');
    await expect(page).toHaveTitle(/^Error: Sign in/);
    await summary.getByRole('link', { name: 'Enter your email address' }).click();
    await expect(page.getByLabel('Email address')).toBeFocused();
    await expectNoViolations(page);

    await enterPassphrase(page, staff.jo);
    await expect(page).toHaveURL(/\/sign-in\/code/);
    const code = page.getByLabel('Code', { exact: true });
    await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
    await expect(code).toHaveAttribute('inputmode', 'numeric');
    await expectNoViolations(page);

    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter the 6-digit code from your authenticator app');
    await expectNoViolations(page);

    await page.getByRole('link', { name: 'Use a recovery code instead' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter a recovery code');
    await expectNoViolations(page);
  });

  test('first sign-in: setting up the authenticator and the recovery codes meet WCAG 2.2 AA (axe)', async ({
    page,
    browser,
  }) => {
    // Creating the account needs the administrator to confirm it is them: a code may mean waiting for the next.
    test.setTimeout(90_000);
    await signedInAs(page, staff.admin);
    const email = newAccountEmail('axe');
    const passphrase = await createAccount(
      page,
      { displayName: 'Avery Axe', email, role: 'Nurse' },
      staff.admin,
    );

    const newcomer = await separatePage(browser);
    await newcomer.goto('/sign-in');
    await enterPassphrase(newcomer, email, passphrase);
    await expect(newcomer).toHaveURL(/\/sign-in\/set-up/);
    await expect(newcomer.getByRole('img', { name: /^QR code/ })).toBeVisible();
    await expectNoViolations(newcomer);

    const secret = await newcomer.locator('#secret').innerText();
    await newcomer.getByLabel('Code', { exact: true }).fill(totpCode(secret));
    await newcomer.getByRole('button', { name: 'Finish setting up' }).click();
    await expect(newcomer.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible();
    await expectNoViolations(newcomer);
    await newcomer.context().close();
  });

  test('your account page meets WCAG 2.2 AA (axe)', async ({ page }) => {
    await signedInAs(page, SAM);
    await page.goto('/account');
    await expect(page.getByLabel('New passphrase', { exact: true })).toHaveAttribute(
      'autocomplete',
      'new-password',
    );
    await expectNoViolations(page);
    await page.getByRole('button', { name: 'Change passphrase' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter your current passphrase');
    await expectNoViolations(page);
  });

  test("the Caldicott guardian's alerts and the accounts page meet WCAG 2.2 AA (axe)", async ({ page }) => {
    await signedInAs(page, staff.caldicott);
    await page.goto('/alerts');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Emergency access alerts');
    await expectNoViolations(page);
    await page.goto('/alerts?status=closed');
    await expectNoViolations(page);

    await page.context().clearCookies();
    await signedInAs(page, staff.admin);
    await page.goto('/admin/accounts');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff accounts');
    await expectNoViolations(page);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter their full name');
    await expectNoViolations(page);
  });

  test('the page refusing a record, with its break-glass form, meets WCAG 2.2 AA (axe)', async ({
    page,
    browser,
  }) => {
    const stranger = await personOnCaseloadOf(browser, OTHER_TEAM_KEYWORKER);
    await signedInAs(page, SAM);
    await page.goto(`/people/${stranger.personId}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'You do not have a care relationship with this person.',
    );
    await expectNoViolations(page);
    await page.getByRole('button', { name: 'Open the record in an emergency' }).click();
    await expect(page.getByRole('alert')).toContainText('Choose why you need to open this record');
    await expectNoViolations(page);
  });
});
