import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { confirmItIsYou, createAccount, newAccountEmail, signedInAs } from './helpers.ts';
import { portalUrl, staff } from './servers.ts';

// Administrators' powers (security.md "Administrators"): a change to an account after confirming it is them,
// never to their own role; the Caldicott guardian reads every change in the audit view. And text a database
// cannot store, typed into a form, is refused with the field named rather than failing.

async function expectNoViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test.describe("administrators' powers", () => {
  test("an administrator changes someone's role and teams, never their own; the Caldicott guardian sees it", async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signedInAs(page, staff.admin);
    const email = newAccountEmail('rowan');
    await createAccount(
      page,
      { displayName: 'Rowan Rolechange', email, role: 'Keyworker', team: 'Riverside team' },
      staff.admin,
    );

    const row = page.getByRole('row', { name: /Rowan Rolechange/ });
    await row.getByRole('link', { name: 'Change role or teams for Rowan Rolechange' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Role and teams of Rowan Rolechange');
    await confirmItIsYou(page, staff.admin);
    await expect(page.getByRole('checkbox', { name: 'Riverside team' })).toBeChecked();
    await expectNoViolations(page);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Team lead' });
    await page.getByRole('checkbox', { name: 'Riverside team' }).uncheck();
    await page.getByRole('checkbox', { name: 'Harbourside team' }).check();
    await page.getByRole('button', { name: 'Save role and teams' }).click();
    await expect(page.getByRole('status').first()).toContainText(
      "Rowan Rolechange's role and teams have been changed.",
    );
    await page.goto('/admin/accounts');
    await expect(row.getByRole('cell').nth(1)).toHaveText('Team lead');

    // Their own row offers no such change, and their own page says why.
    const own = page.getByRole('row').filter({ hasText: staff.admin });
    await expect(own.getByRole('link', { name: /Change role or teams/ })).toHaveCount(0);
    const ownId = await own.locator('input[name="staffId"]').first().getAttribute('value');
    await page.goto(`/admin/accounts/${ownId ?? ''}`);
    await expect(page.locator('main')).toContainText('You cannot change your own role or teams.');
    await expect(page.getByRole('button', { name: 'Save role and teams' })).toHaveCount(0);

    await page.context().clearCookies();
    await signedInAs(page, staff.caldicott);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Administrators' actions");
    const change = page
      .getByRole('row')
      .filter({ hasText: 'Changed role or teams' })
      .filter({ hasText: 'Rowan Rolechange' });
    await expect(change.first()).toContainText('Role: Keyworker → Team lead');
    await expect(change.first()).toContainText('Teams added: Harbourside team');
    await expect(change.first()).toContainText('Teams removed: Riverside team');
    const created = page
      .getByRole('row')
      .filter({ hasText: 'Created an account' })
      .filter({ hasText: 'Rowan Rolechange' });
    await expect(created.first()).toContainText('Role: Keyworker');
    await expectNoViolations(page);
  });

  test('a form holding a character the database cannot store is refused with the field named', async ({
    page,
  }) => {
    const answer = await page.request.post(`${portalUrl}/sign-in`, {
      headers: { origin: portalUrl },
      form: { email: 'sam\u0000@northshire-recovery-partnership.example', passphrase: 'anything at all' },
    });
    expect(answer.status()).toBe(400);
    expect(await answer.text()).toContain('Remove the hidden or unusual characters from this text');
  });
});
