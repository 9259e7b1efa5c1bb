import { expect, test } from '@playwright/test';
import { newUsername, personWithActivationCode, personWithPrintedCodes, TEST_PASSPHRASE } from './api.ts';
import { signIn } from './helpers.ts';
import { portalUrl } from './servers.ts';

const EVIL = 'https://evil.example';

/** The headers every answer of the portal carries. */
const secured = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

test.describe('a forged cross-site form post', () => {
  test('is refused with 403 whatever its content type, and changes nothing', async ({ page, playwright }) => {
    const person = await personWithActivationCode();
    const username = newUsername();
    const fields = { code: person.code, username, passphrase: TEST_PASSPHRASE, confirm: TEST_PASSPHRASE };
    const encoded = new URLSearchParams(fields).toString();

    // As the browser's requests do (playwright.config.ts), so the portal knows its own origin is http://.
    const request = await playwright.request.newContext({
      baseURL: portalUrl,
      extraHTTPHeaders: { 'x-forwarded-proto': 'http' },
    });
    const forged: {
      origin: string;
      headers?: Record<string, string>;
      data?: string;
      multipart?: Record<string, string>;
    }[] = [
      { origin: EVIL, headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: encoded },
      { origin: EVIL, headers: { 'content-type': 'text/plain' }, data: encoded },
      { origin: EVIL, multipart: fields },
      { origin: 'null', headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: encoded },
      { origin: EVIL, headers: { 'content-type': 'application/json' }, data: JSON.stringify(fields) },
      // A sibling site that claims this origin but not the browser's Sec-Fetch-Site.
      {
        origin: portalUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-site' },
        data: encoded,
      },
    ];
    for (const { origin, headers, data, multipart } of forged) {
      const response = await request.post('/activate', {
        headers: { ...headers, origin },
        ...(multipart ? { multipart } : { data }),
        maxRedirects: 0,
      });
      expect(response.status(), `${origin} ${JSON.stringify(headers ?? 'multipart')}`).toBe(403);
      expect(response.headers()['set-cookie']).toBeUndefined();
      // Refused by SvelteKit or by the portal's hook, the answer carries the headers every page does.
      expect(response.headers()).toMatchObject(secured);
    }
    // A method the portal does not serve: 405 with Allow, and the same headers.
    for (const method of ['TRACE', 'PUT', 'DELETE', 'OPTIONS']) {
      const refused = await request.fetch('/activate', { method });
      expect([method, refused.status(), refused.headers().allow]).toEqual([method, 405, 'GET, HEAD, POST']);
      expect(refused.headers()).toMatchObject(secured);
    }
    await request.dispose();

    // Nothing changed: the code was not used and the username was not taken. The person can still set up.
    await page.goto('/activate');
    await page.getByLabel('Activation code').fill(person.code);
    await page.getByLabel('Choose a username').fill(username);
    await page.getByLabel('Choose a passphrase').fill(TEST_PASSPHRASE);
    await page.getByLabel('Type your passphrase again').fill(TEST_PASSPHRASE);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL('/set-up');
  });

  test('cannot sign someone out, or act in their session', async ({ page }) => {
    const person = await personWithPrintedCodes();
    await signIn(page, person, person.codes[0] ?? '');
    await expect(page).toHaveURL('/my');
    const cookie = (await page.context().cookies()).find((c) => c.name === '__Host-harbour-selfcheck');
    expect(cookie).toBeDefined();

    // The browser would send the session cookie with a top-level cross-site post only if it were SameSite=None;
    // here it is sent anyway, to show the portal itself refuses.
    for (const type of [
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await page.request.post(`${portalUrl}/sign-out`, {
        headers: {
          origin: EVIL,
          'content-type': type,
          cookie: `${cookie?.name}=${cookie?.value}`,
          'sec-fetch-site': 'cross-site',
        },
        data: type.startsWith('multipart') ? '--x--\r\n' : '',
        maxRedirects: 0,
      });
      expect(response.status(), type).toBe(403);
    }
    await page.goto('/my');
    await expect(page).toHaveURL('/my');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello ${person.givenName}`);
  });
});
