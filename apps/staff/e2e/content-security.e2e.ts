import { expect, test, type Page } from '@playwright/test';
import {
  createAccount,
  enterPassphrase,
  hydrated,
  newAccountEmail,
  personOnCaseloadOf,
  separatePage,
  signedInAs,
} from './helpers.ts';
import { OTHER_TEAM_KEYWORKER, SAM, staff } from './servers.ts';

// The staff portal's content security policy allows no inline style (vite.config.ts: `style-src 'self'`), so a
// `style=` attribute, a Svelte `style:` directive or a transition in any page would be refused by the browser
// and logged as an error. Each page this file can reach is loaded with JavaScript on (hydrated, as staff use it)
// and must log no such error.

/** Collects every refusal under the content security policy that the page logs from now on. */
function policyRefusals(page: Page): string[] {
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      refusals.push(`${page.url()}: ${message.text()}`);
  });
  return refusals;
}

/** Opens a page, waits until it has hydrated, and expects nothing refused so far. */
async function visit(page: Page, path: string, refusals: readonly string[]): Promise<void> {
  await page.goto(path);
  await hydrated(page);
  expect(refusals).toEqual([]);
}

test.describe('the content security policy', () => {
  test('signing in: no page logs a refused inline style or script', async ({ page }) => {
    const refusals = policyRefusals(page);
    await visit(page, '/sign-in', refusals);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter your email address');
    await hydrated(page);
    await enterPassphrase(page, staff.jo);
    await expect(page).toHaveURL(/\/sign-in\/code/);
    await hydrated(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter the 6-digit code');
    await hydrated(page);
    await page.getByRole('link', { name: 'Use a recovery code instead' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter a recovery code');
    await hydrated(page);
    expect(refusals).toEqual([]);
  });

  test("a keyworker's pages, a refused record and an error page log no refusal", async ({
    page,
    browser,
  }) => {
    const stranger = await personOnCaseloadOf(browser, OTHER_TEAM_KEYWORKER);
    await signedInAs(page, SAM);
    const refusals = policyRefusals(page);
    await visit(page, '/', refusals);
    await visit(page, '/caseload?sort=name&dir=desc&size=100', refusals);
    // A link followed inside the page, as staff move around: the page changes without a new load.
    await page.getByRole('link', { name: 'Walsh, Dean' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Dean Walsh');
    await page.getByRole('button', { name: 'Give an activation code' }).click();
    await expect(page.getByRole('alert')).toContainText(
      "Confirm that you have checked this person's identity",
    );
    await hydrated(page);
    await visit(page, `/people/${stranger.personId}`, refusals);
    await page.getByRole('button', { name: 'Open the record in an emergency' }).click();
    await expect(page.getByRole('alert')).toContainText('Choose why you need to open this record');
    await hydrated(page);
    await visit(page, '/account', refusals);
    await page.getByRole('button', { name: 'Change passphrase' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter your current passphrase');
    await hydrated(page);
    await visit(page, `/people/${crypto.randomUUID()}`, refusals);
    await visit(page, '/caseload?sort=bogus', refusals);
    expect(refusals).toEqual([]);
  });

  test("the Caldicott guardian's and the administrator's pages, and setting up an authenticator, log no refusal", async ({
    page,
    browser,
  }) => {
    await signedInAs(page, staff.caldicott);
    const refusals = policyRefusals(page);
    await visit(page, '/alerts', refusals);
    await visit(page, '/alerts?status=closed', refusals);

    await page.context().clearCookies();
    await signedInAs(page, staff.admin);
    await visit(page, '/admin/accounts', refusals);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByRole('alert')).toContainText('Enter their full name');
    await hydrated(page);
    const email = newAccountEmail('csp');
    const passphrase = await createAccount(
      page,
      { displayName: 'Cass Policy', email, role: 'Nurse' },
      staff.admin,
    );

    const newcomer = await separatePage(browser);
    const newcomerRefusals = policyRefusals(newcomer);
    await newcomer.goto('/sign-in');
    await enterPassphrase(newcomer, email, passphrase);
    await expect(newcomer).toHaveURL(/\/sign-in\/set-up/);
    await hydrated(newcomer);
    expect(newcomerRefusals).toEqual([]);
    await newcomer.context().close();
    expect(refusals).toEqual([]);
  });
});
