import { expect, test, type Page } from '@playwright/test';
import {
  createAccount,
  enterPassphrase,
  forgetSavedSession,
  newAccountEmail,
  separatePage,
  signedInAs,
} from './helpers.ts';
import { staff } from './servers.ts';
import { totpCode, totpStep } from './totp.ts';

/** Sets up the authenticator on the set-up page with codes made from the key it shows; returns the key. */
async function setUpAuthenticator(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await expect(page).toHaveURL(/\/sign-in\/set-up/);
  const secret = await page.locator('#secret').innerText();
  await page.getByLabel('Code', { exact: true }).fill(totpCode(secret));
  await page.getByRole('button', { name: 'Finish setting up' }).click();
  await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeVisible();
  const recoveryCodes = (await page.locator('.recovery-codes li').allInnerTexts()).map((code) => code.trim());
  return { secret, recoveryCodes };
}

test.describe('staff accounts', () => {
  test('an administrator creates an account; at first sign-in its owner sets up an authenticator', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signedInAs(page, staff.admin);
    const email = newAccountEmail('casey');
    const passphrase = await createAccount(
      page,
      { displayName: 'Casey Newcomer', email, role: 'Keyworker', team: 'Riverside team' },
      staff.admin,
    );
    expect(passphrase.length).toBeGreaterThanOrEqual(12);
    const created = page.getByRole('status');
    await expect(created).toContainText('Account created for Casey Newcomer');
    await expect(created).toContainText('This is the only time Harbour shows it.');
    await expect(created).toContainText(
      `They sign in with their email address, ${email}, and this passphrase.`,
    );
    const row = page.getByRole('row', { name: /Casey Newcomer/ });
    await expect(row.getByRole('cell')).toHaveText([email, 'Keyworker', 'Yes', 'No', /Disable/]);
    // Shown once.
    await page.goto('/admin/accounts');
    await expect(page.locator('#temporary-passphrase')).toHaveCount(0);

    await page.getByRole('button', { name: 'Sign out' }).click();
    forgetSavedSession(staff.admin);
    await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);

    // First sign-in: the temporary passphrase, then setting up an authenticator.
    await enterPassphrase(page, email, passphrase);
    await expect(page).toHaveURL(/\/sign-in\/set-up$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up your authenticator app');
    const secret = await page.locator('#secret').innerText();
    expect(secret).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const qr = page.getByRole('img', { name: /^QR code/ });
    await expect(qr).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
    // Drawn, not blocked: the content security policy allows `data:` images.
    await expect
      .poll(() => qr.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0)))
      .toBeGreaterThan(0);

    // A wrong code: refused, and the same key is shown again (the app already holds it).
    const wrong = String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    await page.getByLabel('Code', { exact: true }).fill(wrong);
    await page.getByRole('button', { name: 'Finish setting up' }).click();
    await expect(page.getByRole('alert')).toContainText('That code is not right');
    await expect(page.locator('#secret')).toHaveText(secret);

    const { recoveryCodes } = await setUpAuthenticator(page);
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(page.locator('main')).toContainText('Keep these somewhere safe');
    await expect(page.locator('main')).toContainText('Each works once.');
    await page.getByRole('link', { name: 'Continue to Harbour' }).click();
    await expect(page).toHaveURL(/\/caseload$/);
    await expect(page.getByRole('banner')).toContainText('Casey Newcomer');

    // Without the phone: a recovery code works, once.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await enterPassphrase(page, email, passphrase);
    await page.getByRole('link', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0]?.toLowerCase() ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/caseload$/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await enterPassphrase(page, email, passphrase);
    await page.getByRole('link', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCodes[0] ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'That code is not right, or it has already been used.',
    );
  });

  test('disabling an account ends its sessions; enabling it lets it back; a reset means setting up again', async ({
    page,
    browser,
  }) => {
    test.setTimeout(90_000);
    await signedInAs(page, staff.admin);
    const email = newAccountEmail('dana');
    const passphrase = await createAccount(
      page,
      { displayName: 'Dana Example', email, role: 'Nurse' },
      staff.admin,
    );

    const dana = await separatePage(browser);
    await dana.goto('/sign-in');
    await enterPassphrase(dana, email, passphrase);
    const { secret } = await setUpAuthenticator(dana);
    await dana.goto('/account');
    await expect(dana.getByRole('heading', { level: 1 })).toHaveText('Your account');

    const row = page.getByRole('row', { name: /Dana Example/ });
    await page.goto('/admin/accounts');
    await row.getByRole('button', { name: 'Disable Dana Example' }).click();
    await expect(page.getByRole('status')).toContainText('The account has been disabled.');
    await expect(row.getByRole('cell').nth(2)).toHaveText('No');

    await dana.reload();
    await expect(dana).toHaveURL(/\/sign-in\?ended=1/);
    await enterPassphrase(dana, email, passphrase);
    await expect(dana.getByRole('alert')).toContainText('The email address or passphrase is not right.');

    await row.getByRole('button', { name: 'Enable Dana Example' }).click();
    await expect(page.getByRole('status')).toContainText('The account has been enabled.');
    await enterPassphrase(dana, email, passphrase);
    await expect(dana).toHaveURL(/\/sign-in\/code/);
    // The next step's code: the one used to set up is spent (an app's clock may run a step ahead).
    await dana.getByLabel('Code', { exact: true }).fill(totpCode(secret, totpStep() + 1));
    await dana.getByRole('button', { name: 'Sign in' }).click();
    // Back to the page Dana was on when her session ended.
    await expect(dana).toHaveURL(/\/account$/);

    await row.getByRole('button', { name: "Reset Dana Example's passphrase and authenticator" }).click();
    const reset = page.getByRole('status');
    await expect(reset).toContainText('Passphrase reset for Dana Example');
    const temporary = (await page.locator('#temporary-passphrase').innerText()).trim();
    expect(temporary).not.toBe(passphrase);

    await dana.reload();
    await expect(dana).toHaveURL(/\/sign-in\?ended=1/);
    await enterPassphrase(dana, email, temporary);
    await expect(dana).toHaveURL(/\/sign-in\/set-up\?next=%2Faccount$/);
    await expect(dana.locator('#secret')).not.toHaveText(secret);
    await dana.context().close();
  });
});
