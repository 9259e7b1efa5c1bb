import { expect, test } from '@playwright/test';
import { newUsername, personWithActivationCode, personWithPrintedCodes, TEST_PASSPHRASE } from './api.ts';
import { expectAccessiblePage, expectNoViolations, signIn } from './helpers.ts';
import { totp } from './totp.ts';

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

// axe-core runs as a script in the page, so these run with JavaScript on; the pages send none (checked on each),
// and the journeys in the other files run with it off.
test.describe('every page of signing in and of the signed-in area, on a small phone', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('activating, setting up the app and the codes page', async ({ page }) => {
    test.setTimeout(60_000);
    const person = await personWithActivationCode();

    await page.goto('/activate');
    await expectAccessiblePage(page);
    for (const [label, autocomplete] of [
      ['Activation code', 'off'],
      ['Choose a username', 'username'],
      ['Choose a passphrase', 'new-password'],
      ['Type your passphrase again', 'new-password'],
    ] as const) {
      await expect(page.getByLabel(label)).toHaveAttribute('autocomplete', autocomplete);
    }
    // With errors: the summary and the fields.
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expectAccessiblePage(page);

    await page.getByLabel('Activation code').fill(person.code);
    await page.getByLabel('Choose a username').fill(newUsername());
    await page.getByLabel('Choose a passphrase').fill(TEST_PASSPHRASE);
    await page.getByLabel('Type your passphrase again').fill(TEST_PASSPHRASE);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL('/set-up');
    await expectAccessiblePage(page);

    await page.getByRole('button', { name: 'Use an app on your phone' }).click();
    await expect(page.getByLabel('Code from the app')).toHaveAttribute('autocomplete', 'one-time-code');
    await expectAccessiblePage(page);
    // The QR code fits the small screen.
    const qr = await page.getByRole('img', { name: /QR code/ }).boundingBox();
    expect(qr?.width ?? 0).toBeLessThanOrEqual(320);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expectAccessiblePage(page);

    const key = (await page.locator('#setup-key').textContent()) ?? '';
    await page.getByLabel('Code from the app').fill(totp(key));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour is set up');
    await expectAccessiblePage(page);
  });

  test('signing in, the code page, their page, who has looked, and signing out', async ({ page }) => {
    test.setTimeout(60_000);
    const person = await personWithPrintedCodes();

    await page.goto('/sign-in');
    await expect(page.getByLabel('Username')).toHaveAttribute('autocomplete', 'username');
    await expect(page.getByLabel('Passphrase')).toHaveAttribute('autocomplete', 'current-password');
    await expectAccessiblePage(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expectAccessiblePage(page);

    await page.getByLabel('Username').fill(person.username);
    await page.getByLabel('Passphrase').fill(person.passphrase);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL('/sign-in/code');
    await expect(page.getByLabel('Code')).toHaveAttribute('autocomplete', 'one-time-code');
    await expectAccessiblePage(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expectAccessiblePage(page);

    await page.getByLabel('Code').fill(person.codes[0] ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL('/my');
    await expectAccessiblePage(page);

    await page.getByRole('link', { name: 'Who has looked at my record' }).click();
    await expect(page).toHaveURL('/my/who-looked');
    await expectAccessiblePage(page);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL('/sign-in?signedOut=1');
    await expectAccessiblePage(page);

    // After signing out, a signed-in page is out of reach, and the back button shows nothing kept.
    await page.goto('/my/who-looked');
    await expect(page).toHaveURL(/\/sign-in\?next=/);
  });

  test('the self-assessment pages: the list, the start, a page of questions (with errors) and the result', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const person = await personWithPrintedCodes();
    await signIn(page, person, person.codes[0] ?? '');
    await expect(page).toHaveURL('/my');
    await page.goto('/my/assessments');
    await expectAccessiblePage(page);
    // The SDS asks first which drug its questions are about.
    await page.goto('/my/assessments/sds');
    await expectAccessiblePage(page);
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expectAccessiblePage(page);

    await page.goto('/my/assessments/audit_c');
    await expectAccessiblePage(page);
    await page.getByRole('link', { name: 'Start' }).click();
    await expectAccessiblePage(page);
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expectAccessiblePage(page);
    for (const group of await page.getByRole('group').all()) await group.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Send my answers' }).click();
    await expect(page).toHaveURL(/\/my\/assessments\/result\//);
    await expectAccessiblePage(page);

    // An urgent result, with the crisis help first.
    await page.goto('/my/assessments/overdose_self_check');
    await page.getByRole('link', { name: 'Start' }).click();
    for (let p = 0; p < 3; p++) {
      for (const group of await page.getByRole('group').all()) await group.getByRole('radio').first().check();
      await page.getByRole('button', { name: /Save and continue|Send my answers/ }).click();
    }
    await expect(page.locator('.harbour-crisis')).toBeVisible();
    await expectAccessiblePage(page);
  });

  test('the anonymous check: the questions (with errors), the advice, "contact me" (with errors) and sent', async ({
    page,
  }) => {
    await page.goto('/check');
    await expectAccessiblePage(page);
    await page.getByRole('button', { name: 'Get my tips' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expectAccessiblePage(page);
    for (const group of await page.getByRole('group').all()) await group.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Get my tips' }).click();
    await expect(page.locator('.harbour-crisis')).toBeVisible();
    await expectAccessiblePage(page);
    await page.getByRole('button', { name: 'Ask someone to contact me' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toBeVisible();
    await expectAccessiblePage(page);
    await page.getByLabel('Your first name, or a name we can call you').fill('Alias');
    await page.getByLabel('Your phone number').fill('07700 900999');
    await page.getByLabel(/I agree that someone/).check();
    await page.getByRole('button', { name: 'Ask someone to contact me' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('We have your request');
    await expectAccessiblePage(page);
  });

  test('a visible focus on the fields and buttons', async ({ page }) => {
    await page.goto('/sign-in');
    const username = page.getByLabel('Username');
    await username.focus();
    // NHS.UK: a yellow focus with a thick black bottom edge.
    await expect(username).toHaveCSS('outline-style', 'solid');
    const button = page.getByRole('button', { name: 'Continue' });
    await button.focus();
    await expect(button).toHaveCSS('background-color', 'rgb(255, 235, 59)');
    await expectNoViolations(page);
  });
});
