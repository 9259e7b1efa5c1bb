import { expect, test } from '@playwright/test';
import { apiUrl, DEAN, DEMO_PASSPHRASE, portalUrl } from './servers.ts';
import { codeUsed, freshCode } from './api.ts';
import { expectFieldError } from './helpers.ts';

test.describe('signing in', () => {
  test.use({ javaScriptEnabled: false });

  test('a username holding a character the database cannot store is refused, naming the field', async ({
    page,
  }) => {
    const answer = await page.request.post(`${portalUrl}/sign-in`, {
      headers: { origin: portalUrl },
      form: { username: 'dean\u0000demo', passphrase: 'anything at all' },
    });
    expect(answer.status()).toBe(400);
    expect(await answer.text()).toContain('Remove the hidden or unusual characters from this text');
  });

  test('the demo service user: passphrase, then the code from his app; a wrong code is refused', async ({
    page,
  }) => {
    // Straight to a signed-in page: sign in first, then back to it.
    await page.goto('/my/who-looked');
    await expect(page).toHaveURL('/sign-in?next=%2Fmy%2Fwho-looked');
    await expect(page.locator('.nhsuk-notification-banner')).toHaveCount(0);

    await page.getByLabel('Username').fill(DEAN);
    await page.getByLabel('Passphrase').fill('not his passphrase at all');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectFieldError(page, 'username', 'Your username or passphrase is not right.');
    await expect(page.getByLabel('Username')).toHaveValue(DEAN);
    await expect(page.getByLabel('Passphrase')).toHaveValue('');

    await page.getByLabel('Passphrase').fill(DEMO_PASSPHRASE);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL('/sign-in/code?next=%2Fmy%2Fwho-looked');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter your code');

    const code = await freshCode('service_user', DEAN);
    const wrong = String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
    await page.getByLabel('Code').fill(wrong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectFieldError(page, 'code', 'That code is not right, or it has already been used.');

    await page.getByLabel('Code').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
    codeUsed('service_user', DEAN);
    await expect(page).toHaveURL('/my/who-looked');
    await page.getByRole('link', { name: 'Back to your Harbour' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello Dean');

    // Half an hour without using Harbour: the session has ended, and the person is told so, plainly.
    const aged = await fetch(
      `${apiUrl}/dev/age-sessions?${new URLSearchParams({ kind: 'service_user', login: DEAN, minutes: '31' }).toString()}`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
    );
    expect(aged.ok).toBe(true);
    await page.reload();
    await expect(page).toHaveURL('/sign-in?ended=1');
    await expect(page.locator('main')).toContainText(
      'You were signed out because you had not used Harbour for a while. Please sign in again.',
    );
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('__Host-harbour-selfcheck');
  });

  test('the code page needs the first step done first', async ({ page }) => {
    await page.goto('/sign-in/code');
    await expect(page).toHaveURL('/sign-in');
    await page.goto('/set-up');
    await expect(page).toHaveURL('/sign-in');
  });

  test('empty fields are named', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectFieldError(page, 'username', 'Enter your username');
    await expectFieldError(page, 'passphrase', 'Enter your passphrase');
  });

  test('a forged "next" address never leaves the signed-in area', async ({ page }) => {
    await page.goto('/sign-in?next=//evil.example/my');
    await expect(page.locator('input[name="next"]')).toHaveValue('/my');
  });
});
