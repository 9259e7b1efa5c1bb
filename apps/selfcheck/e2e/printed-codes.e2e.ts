import { expect, test } from '@playwright/test';
import { newUsername, personWithActivationCode, TEST_PASSPHRASE } from './api.ts';
import { expectFieldError, signIn } from './helpers.ts';
import { portalUrl } from './servers.ts';

test.describe('printed codes, for someone who cannot use an app', () => {
  test.use({ javaScriptEnabled: false });

  test('set up with printed codes, sign out, sign in with one; the same code again is refused', async ({
    page,
  }) => {
    const person = await personWithActivationCode();
    const login = { username: newUsername(), passphrase: TEST_PASSPHRASE };

    await page.goto('/activate');
    await page.getByLabel('Activation code').fill(person.code);
    await page.getByLabel('Choose a username').fill(login.username);
    await page.getByLabel('Choose a passphrase').fill(login.passphrase);
    await page.getByLabel('Type your passphrase again').fill(login.passphrase);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL('/set-up');

    await page.getByRole('button', { name: 'I cannot use an app' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour is set up');
    await expect(page.getByRole('heading', { level: 2, name: 'Your codes' })).toBeVisible();
    const main = page.locator('main');
    await expect(main).toContainText('Write these codes down now, or print this page.');
    await expect(main).toContainText('Each code works once.');
    await expect(main).toContainText('When you have 3 codes left, ask your keyworker for new ones.');
    const codes = (await page.locator('.harbour-codes li').allTextContents()).map((code) => code.trim());
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    // Sent again (a reload, a double tap): they are signed in already, so on to their page; no new codes.
    const cookie = (await page.context().cookies()).find((c) => c.name === '__Host-harbour-selfcheck');
    const again = await page.request.post('/set-up?/printed', {
      headers: {
        origin: portalUrl,
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `${cookie?.name}=${cookie?.value}`,
      },
      data: '',
      maxRedirects: 0,
    });
    expect(again.status()).toBe(303);
    expect(again.headers()['location']).toBe('/my');

    await page.getByRole('link', { name: 'I have written down my codes' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello ${person.givenName}`);
    // 10 codes: no need to ask for more yet.
    await expect(main).not.toContainText('Ask for new codes');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL('/sign-in?signedOut=1');
    await expect(page.getByText('You have signed out.')).toBeVisible();
    await page.goto('/my');
    await expect(page).toHaveURL('/sign-in');

    // A printed code, typed the way people type: small letters and spaces.
    const first = codes[0] ?? '';
    await signIn(page, login, first.toLowerCase().replace(/-/g, ' '));
    await expect(page).toHaveURL('/my');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello ${person.givenName}`);
    await page.getByRole('button', { name: 'Sign out' }).click();

    // The same code again: refused. Another one works.
    await signIn(page, login, first);
    await expect(page).toHaveURL('/sign-in/code');
    await expectFieldError(page, 'code', 'That code is not right, or it has already been used.');
    await page.getByLabel('Code').fill(codes[1] ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL('/my');
  });

  test('with 3 codes or fewer left, their page says to ask the keyworker for new ones', async ({ page }) => {
    // 7 sign-ins, each checking a passphrase (argon2id, on purpose slow).
    test.setTimeout(90_000);
    const person = await personWithActivationCode();
    const login = { username: newUsername(), passphrase: TEST_PASSPHRASE };
    await page.goto('/activate');
    await page.getByLabel('Activation code').fill(person.code);
    await page.getByLabel('Choose a username').fill(login.username);
    await page.getByLabel('Choose a passphrase').fill(login.passphrase);
    await page.getByLabel('Type your passphrase again').fill(login.passphrase);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'I cannot use an app' }).click();
    const codes = (await page.locator('.harbour-codes li').allTextContents()).map((code) => code.trim());

    // Use 7 of the 10 (each sign-in uses one).
    await page.getByRole('link', { name: 'I have written down my codes' }).click();
    for (const code of codes.slice(0, 7)) {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await signIn(page, login, code);
      await expect(page).toHaveURL('/my');
    }
    await expect(page.locator('main')).toContainText('You have 3 printed codes left.');
    await expect(page.getByRole('heading', { level: 2, name: /Ask for new codes/ })).toBeVisible();
    await expect(page.locator('main')).toContainText('Ask your keyworker for new codes');
  });
});
