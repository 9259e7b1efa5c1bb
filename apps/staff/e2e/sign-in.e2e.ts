import { expect, test } from '@playwright/test';
import { devCode, enterPassphrase, freshCode, separatePage, sessionCookie, signIn } from './helpers.ts';
import { DEMO_PASSPHRASE, staff } from './servers.ts';

const REFUSED = 'The email address or passphrase is not right.';
const WRONG_CODE = 'That code is not right, or it has already been used. Try the next code.';

test.describe('signing in', () => {
  test('with a passphrase and an authenticator code: a new session cookie at each step, then the caseload', async ({
    page,
  }) => {
    // A page of the portal first sends the person to sign in, and back there afterwards.
    const first = await page.goto('/caseload?sort=last_contact');
    expect(first?.url()).toMatch(/\/sign-in\?next=%2Fcaseload%3Fsort%3Dlast_contact$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in to Harbour');
    expect(await sessionCookie(page)).toBeUndefined();

    await enterPassphrase(page, staff.priya);
    await expect(page).toHaveURL(/\/sign-in\/code\?next=/);
    const halfway = await sessionCookie(page);
    expect(halfway).toMatchObject({
      name: '__Host-harbour-staff',
      domain: '127.0.0.1',
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
    });

    await page.getByLabel('Code', { exact: true }).fill(await freshCode(page.request, staff.priya));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/caseload\?sort=last_contact$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toContainText('Caseload');
    await expect(page.getByRole('banner')).toContainText('Priya Shah');

    const signedIn = await sessionCookie(page);
    expect(signedIn).toMatchObject({
      name: '__Host-harbour-staff',
      httpOnly: true,
      secure: true,
      sameSite: 'Lax',
    });
    // The token changed between the two steps: the half-finished session is worth nothing now.
    expect(signedIn?.value).toBeTruthy();
    expect(signedIn?.value).not.toBe(halfway?.value);
  });

  test('a wrong code is refused, and the person stays on the code page', async ({ page }) => {
    await page.goto('/sign-in');
    await enterPassphrase(page, staff.okafor);
    await expect(page).toHaveURL(/\/sign-in\/code/);
    const { code } = await devCode(page.request, staff.okafor);
    const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
    await page.getByLabel('Code', { exact: true }).fill(wrong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText(WRONG_CODE);
    await expect(page).toHaveURL(/\/sign-in\/code/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Enter the code from your authenticator app',
    );
    await expect(page).toHaveTitle(/^Error: /);

    // The right code still works.
    await page.getByLabel('Code', { exact: true }).fill(await freshCode(page.request, staff.okafor));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/caseload$/);
  });

  test('a wrong passphrase gets the same answer as an unknown email address', async ({ page }) => {
    await page.goto('/sign-in');
    await enterPassphrase(page, staff.jo, 'not-the-passphrase-at-all');
    await expect(page.getByRole('alert')).toContainText(REFUSED);
    const wrongPassphrase = await page.getByRole('alert').innerText();
    // The email address is kept; the passphrase is not.
    await expect(page.getByLabel('Email address')).toHaveValue(staff.jo);
    await expect(page.getByLabel('Passphrase')).toHaveValue('');

    await page.goto('/sign-in');
    await enterPassphrase(page, 'nobody@northshire-recovery-partnership.example', DEMO_PASSPHRASE);
    await expect(page.getByRole('alert')).toContainText(REFUSED);
    expect(await page.getByRole('alert').innerText()).toBe(wrongPassphrase);
    expect(await sessionCookie(page)).toBeUndefined();
  });

  test('after 5 wrong passphrases for an account, even the right one must wait', async ({ page }) => {
    // Keyworker 4 (Harbourside team) is used by this test only: the account is held back for a while.
    await page.goto('/sign-in');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await enterPassphrase(page, staff.keyworker4, `wrong-passphrase-${attempt}`);
      await expect(page.getByRole('alert')).toContainText(REFUSED);
    }
    await enterPassphrase(page, staff.keyworker4, DEMO_PASSPHRASE);
    await expect(page.getByRole('alert')).toContainText(
      /Too many attempts\. Wait \d+ seconds, then try again\./,
    );
    await expect(page).toHaveURL(/\/sign-in$/);
    expect(await sessionCookie(page)).toBeUndefined();
  });

  test('a role with no caseload, alerts or accounts starts on what it can do', async ({ page }) => {
    await signIn(page, staff.alex);
    // A service manager starts on naloxone coverage for every team (counts only); My tasks holds what escalates to them.
    await expect(page).toHaveURL(/\/team$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Naloxone coverage');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveText([
      'My tasks',
      'Naloxone coverage',
      'Reductions reported',
      'Overdose protocol',
      'Your account',
    ]);
    // Pages for other roles answer 403 with an explanation.
    const alerts = await page.goto('/alerts');
    expect(alerts?.status()).toBe(403);
    await expect(page.locator('main')).toContainText('Only the Caldicott guardian reviews emergency access');
    const accounts = await page.goto('/admin/accounts');
    expect(accounts?.status()).toBe(403);
  });
});

test.describe('signing in without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('works end to end through plain forms', async ({ page, browser }) => {
    await page.goto('/people/not-an-id');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fpeople%2Fnot-an-id$/);
    await enterPassphrase(page, staff.keyworker5);
    await expect(page).toHaveURL(/\/sign-in\/code/);
    await page.getByLabel('Code', { exact: true }).fill(await freshCode(page.request, staff.keyworker5));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/people\/not-an-id$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await page.getByRole('link', { name: 'Go to the caseload' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Caseload' })).toBeVisible();

    // A half-finished sign-in in another browser, without JavaScript too: the code page needs its cookie.
    const other = await separatePage(browser, { javaScriptEnabled: false });
    await other.goto('/sign-in/code');
    await expect(other).toHaveURL(/\/sign-in$/);
    await other.context().close();
  });
});
