import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { confirmItIsYou, newAccountEmail, signedInAs } from './helpers.ts';
import { portalUrl, staff } from './servers.ts';

// Forged cross-site posts to the portal's form actions (security.md promise 8). SvelteKit refuses a form post
// whose Origin is not the portal's own before any of the portal's code runs; the session cookie (SameSite=Lax)
// would not be sent by a browser anyway, but these requests carry it, to prove the check does not depend on that.

/** Every simple content type a cross-site form can send without a preflight, each from `origin`. */
async function forgedCreates(page: Page, email: string, origin?: string): Promise<APIResponse[]> {
  const fields = { displayName: 'Mallory Forged', email, role: 'administrator' };
  const url = `${portalUrl}/admin/accounts?/create`;
  const headers: Record<string, string> = origin === undefined ? {} : { origin };
  return [
    await page.request.post(url, { headers, form: fields }),
    await page.request.post(url, {
      headers: { ...headers, 'content-type': 'text/plain' },
      data: new URLSearchParams(fields).toString(),
    }),
    await page.request.post(url, { headers, multipart: fields }),
  ];
}

/** The headers every answer of the portal carries, a refusal made before its own code runs included. */
const refusalHeaders = {
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'content-security-policy':
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

test.describe('cross-site requests', () => {
  test('a forged form post to a portal action is refused with 403 and changes nothing', async ({ page }) => {
    // The own-origin post at the end needs the administrator to confirm it is them (perhaps waiting for a code).
    test.setTimeout(90_000);
    await signedInAs(page, staff.admin);
    const email = newAccountEmail('forged');

    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1.evil.example', undefined]) {
      for (const response of await forgedCreates(page, email, origin)) {
        expect(response.status(), `Origin ${origin}`).toBe(403);
        expect(await response.text()).toContain('Cross-site POST form submissions are forbidden');
        // SvelteKit refuses it before the portal's hooks run; the portal's server still secures the answer.
        expect(response.headers()).toMatchObject(refusalHeaders);
      }
    }
    // Signing someone out is a state change too.
    const signOut = await page.request.post(`${portalUrl}/sign-out`, {
      headers: { origin: 'https://evil.example' },
      form: {},
    });
    expect(signOut.status()).toBe(403);
    expect(signOut.headers()).toMatchObject(refusalHeaders);

    // A method the portal does not serve: 405 with Allow, and the same headers.
    for (const method of ['TRACE', 'PUT', 'DELETE', 'OPTIONS']) {
      const refused = await page.request.fetch(`${portalUrl}/admin/accounts`, { method });
      expect([method, refused.status(), refused.headers().allow]).toEqual([method, 405, 'GET, HEAD, POST']);
      expect(refused.headers()).toMatchObject(refusalHeaders);
    }

    // Nothing changed: no account was made, and the session still works.
    await page.goto('/admin/accounts');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Staff accounts');
    await expect(page.locator('main')).not.toContainText(email);
    await expect(page.locator('main')).not.toContainText('Mallory Forged');

    // The same post from the portal's own origin is a normal form post (here: accepted, and the account made,
    // once the administrator has confirmed it is them).
    await confirmItIsYou(page, staff.admin);
    const own = await page.request.post(`${portalUrl}/admin/accounts?/create`, {
      headers: { origin: portalUrl },
      form: { displayName: 'Olive Own-Origin', email, role: 'nurse' },
    });
    expect(own.status()).toBe(200);
    await page.goto('/admin/accounts');
    await expect(page.getByRole('row', { name: /Olive Own-Origin/ })).toContainText(email);
  });
});
