import { expect, test } from '@playwright/test';
import { personWithPrintedCodes } from './api.ts';
import { signIn } from './helpers.ts';
import { portalUrl } from './servers.ts';

test.describe('the self-check home page', () => {
  test('has the NHS.UK header, plain-English headings and the crisis numbers', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle(/Harbour self-check/);
    const header = page.locator('header.nhsuk-header');
    await expect(header).toBeVisible();
    await expect(header).toContainText('Harbour self-check');
    // The NHS.UK styles are loaded: the header is NHS blue (#005eb8).
    await expect(header).toHaveCSS('background-color', 'rgb(0, 94, 184)');

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour self-check');
    for (const heading of ['Get help now', 'Naloxone can save a life', 'What you can do with Harbour']) {
      await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
    }
    await expect(page.getByRole('heading', { level: 2, name: /Call 999 now if someone/ })).toBeVisible();

    await expect(page.getByRole('link', { name: 'Samaritans on 116 123' })).toHaveAttribute(
      'href',
      'tel:116123',
    );
    await expect(page.getByRole('link', { name: 'NHS 111' })).toHaveAttribute('href', 'tel:111');
    await expect(page.getByRole('link', { name: '999', exact: true })).toHaveAttribute('href', 'tel:999');
    await expect(page.locator('main')).toContainText('naloxone kit');
  });

  test('leads to signing in, and to setting up with an activation code', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'I have an activation code' }).click();
    await expect(page).toHaveURL(`${portalUrl}/activate`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up Harbour');
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(`${portalUrl}/sign-in`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  });

  test('sends no JavaScript and loads nothing from any other site', async ({ page }) => {
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('script')).toHaveCount(0);
    expect(requested.filter((url) => !url.startsWith(portalUrl))).toEqual([]);
    const headers = response?.headers() ?? {};
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toContain("base-uri 'none'");
    // Self-check pages will hold a person's answers and plan: never kept by the browser or a proxy.
    expect(headers['cache-control']).toBe('no-store');
    expect(headers['x-frame-options']).toBe('DENY');
    // The address of a page goes to no other site (and a form post still carries this site's Origin).
    expect(headers['referrer-policy']).toBe('same-origin');
    // Plain HTTP here: HSTS is sent only over HTTPS.
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  test('shows a plain-English page for an address that does not exist', async ({ page }) => {
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.locator('main')).toContainText('116 123');
    await page.getByRole('link', { name: 'Go to the Harbour self-check home page' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour self-check');
  });
});

test.describe('the icon of the self-check portal', () => {
  test('every icon a page names is served as an image, and so is /favicon.ico, which browsers ask for', async ({
    page,
  }) => {
    for (const path of ['/', '/activate', '/sign-in', '/no-such/page']) {
      await page.goto(path);
      const icons = await page
        .locator('link[rel="icon"], link[rel="apple-touch-icon"]')
        .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
      expect(icons.length, `icons named on ${path}`).toBeGreaterThan(0);
      for (const icon of [...icons, `${portalUrl}/favicon.ico`]) {
        const response = await page.request.get(icon);
        expect(response.status(), icon).toBe(200);
        expect(response.headers()['content-type'], icon).toMatch(/^image\//);
        expect((await response.body()).length, icon).toBeGreaterThan(100);
      }
    }
  });
});

test.describe('the self-check home page for someone signed in', () => {
  test.use({ javaScriptEnabled: false });

  test('offers their own page instead of signing in again', async ({ page }) => {
    const person = await personWithPrintedCodes();
    await signIn(page, person, person.codes[0] ?? '');
    await expect(page).toHaveURL('/my');

    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'I have an activation code' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Go to your Harbour' }).click();
    await expect(page).toHaveURL('/my');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello ${person.givenName}`);

    // Signed out again: signing in is offered again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'Sign in', exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to your Harbour' })).toHaveCount(0);
  });
});

test.describe('the self-check home page without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('shows everything, with working links', async ({ page }) => {
    await page.goto('/no-such-page');
    await page.getByRole('link', { name: 'Go to the Harbour self-check home page' }).click();
    await expect(page).toHaveURL(`${portalUrl}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Harbour self-check');
    await expect(page.locator('header.nhsuk-header')).toHaveCSS('background-color', 'rgb(0, 94, 184)');
    await expect(page.getByRole('link', { name: 'Samaritans on 116 123' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Naloxone can save a life' })).toBeVisible();
  });
});

test.describe('on a small phone', () => {
  test.use({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });

  test('fits the screen without scrolling sideways', async ({ page }) => {
    await page.goto('/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expect(page.getByRole('link', { name: '999', exact: true })).toBeVisible();
  });
});
