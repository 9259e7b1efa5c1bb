import {
  expect,
  type APIRequestContext,
  type Browser,
  type Cookie,
  type Locator,
  type Page,
} from '@playwright/test';
import { apiUrl, DEMO_PASSPHRASE, portalHeaders, portalUrl } from './servers.ts';

export const SESSION_COOKIE = '__Host-harbour-staff';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The current authenticator code of a demo account (the API's development route), and its seconds left. */
export async function devCode(
  request: APIRequestContext,
  email: string,
): Promise<{ code: string; secondsLeft: number }> {
  const response = await request.get(
    `${apiUrl}/dev/second-factor?kind=staff&login=${encodeURIComponent(email)}`,
  );
  expect(response.ok(), `dev/second-factor answered ${response.status()}`).toBe(true);
  return (await response.json()) as { code: string; secondsLeft: number };
}

/** The last code each account used in this worker: the API takes a code once per 30-second step. */
const usedCodes = new Map<string, string>();

/**
 * A code the API will take for this demo account: the current one, unless this worker has used it already, in
 * which case this waits for the next step (up to 30 s: tests that sign an account in twice need a longer
 * timeout).
 */
export async function freshCode(request: APIRequestContext, email: string): Promise<string> {
  for (;;) {
    const { code, secondsLeft } = await devCode(request, email);
    if (usedCodes.get(email) !== code) {
      usedCodes.set(email, code);
      return code;
    }
    await sleep((secondsLeft + 1) * 1000);
  }
}

/** Step one of signing in, through the form: email address and passphrase. */
export async function enterPassphrase(
  page: Page,
  email: string,
  passphrase = DEMO_PASSPHRASE,
): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Continue' }).click();
}

/**
 * Signs a demo member of staff in through the sign-in form and the code page, with the code from the API's
 * development route, and waits for the portal. A code this worker did not know was used (a worker restarted
 * after a failure) is refused: then it waits for the next one and tries again.
 */
export async function signIn(page: Page, email: string, passphrase = DEMO_PASSPHRASE): Promise<void> {
  await page.goto('/sign-in');
  await enterPassphrase(page, email, passphrase);
  await expect(page).toHaveURL(/\/sign-in\/code(\?|$)/);
  const codePage = page.url();
  for (let attempt = 1; ; attempt++) {
    await page.getByLabel('Code', { exact: true }).fill(await freshCode(page.request, email));
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Either the portal (signed in) or the code page again with its error summary (refused).
    const outcome = await Promise.race([
      page
        .waitForURL((url) => !url.pathname.startsWith('/sign-in'), { timeout: 15_000 })
        .then(
          () => 'in',
          () => 'timeout',
        ),
      page
        .getByRole('alert')
        .waitFor({ timeout: 15_000 })
        .then(
          () => 'refused',
          () => 'timeout',
        ),
    ]);
    if (outcome === 'in') return;
    if (outcome === 'timeout' || attempt >= 3)
      throw new Error(`could not sign ${email} in: ${await page.locator('main').innerText()}`);
    await page.goto(codePage);
  }
}

/** Sessions this worker has signed in, by account, to reuse in later tests (signing in costs a code). */
const sessions = new Map<string, Cookie[]>();

/**
 * Makes `page` signed in as a demo member of staff: with this worker's earlier session for the account if it is
 * still live, else by signing in. For tests that only need to be signed in; tests of signing in use `signIn`.
 */
export async function signedInAs(page: Page, email: string): Promise<void> {
  const saved = sessions.get(email);
  if (saved !== undefined) {
    await page.context().addCookies(saved);
    const check = await page.request.get(`${portalUrl}/account`, { maxRedirects: 0 });
    if (check.status() === 200) return;
    await page.context().clearCookies();
  }
  await signIn(page, email);
  sessions.set(
    email,
    (await page.context().cookies()).filter((cookie) => cookie.name === SESSION_COOKIE),
  );
}

/** Forgets this worker's saved session for an account (the test ended it). */
export function forgetSavedSession(email: string): void {
  sessions.delete(email);
}

/** The session cookie of the page's context, if any. */
export async function sessionCookie(page: Page): Promise<Cookie | undefined> {
  return (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
}

/** Waits until the page has hydrated: a click before then would be lost. */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator('html[data-hydrated]')).toBeAttached();
}

/** The caseload table's body rows. */
export function caseloadRows(page: Page): Locator {
  return page.locator('table tbody tr');
}

/** The caseload table's columns, in order (a row's name, with its reference under it, is its `th`). */
const columns = ['risk', 'name', 'why', 'overdueTasks', 'keyworker', 'ost', 'lastContact'] as const;

/** The text of one column in every row of the caseload table; `reference` is the reference under each name. */
export async function columnTexts(
  page: Page,
  column: (typeof columns)[number] | 'reference',
): Promise<string[]> {
  const cells =
    column === 'reference'
      ? caseloadRows(page).locator(':scope > th .reference')
      : caseloadRows(page).locator(`:scope > :nth-child(${columns.indexOf(column) + 1})`);
  return cells.allTextContents().then((texts) => texts.map((text) => text.trim()));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Nov 2026" → "2026-11-12"; "Never" → null. */
export function isoDate(shown: string): string | null {
  if (shown === 'Never') return null;
  const match = /^(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(shown);
  const month = match ? MONTHS.indexOf(match[2] ?? '') + 1 : 0;
  if (!match || month === 0) throw new Error(`not a date as the portal shows it: ${shown}`);
  return `${match[3]}-${String(month).padStart(2, '0')}-${(match[1] ?? '').padStart(2, '0')}`;
}

/** Today's date in Europe/London, `YYYY-MM-DD`. */
export function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

/** A page in a browser context of its own (a second browser: its own cookies), set up like the tests' own. */
export async function separatePage(
  browser: Browser,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext({
    baseURL: portalUrl,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    extraHTTPHeaders: portalHeaders,
    ...options,
  });
  return context.newPage();
}

export interface ListedPerson {
  personId: string;
  /** "Family, Given", as the caseload lists them. */
  displayName: string;
  reference: string;
}

/** A person on a member of staff's team caseload, read from the caseload page as that member of staff sees it. */
export async function personOnCaseloadOf(
  browser: Browser,
  email: string,
  name?: string,
): Promise<ListedPerson> {
  const page = await separatePage(browser);
  try {
    await signedInAs(page, email);
    await page.goto('/caseload?sort=name&dir=desc&size=100');
    const row = name
      ? caseloadRows(page).filter({ has: page.getByRole('link', { name, exact: true }) })
      : caseloadRows(page).first();
    const link = row.getByRole('link');
    const href = (await link.getAttribute('href')) ?? '';
    const personId = /\/people\/([0-9a-f-]{36})$/.exec(href)?.[1];
    if (personId === undefined) throw new Error(`no person link on ${email}'s caseload`);
    return {
      personId,
      displayName: (await link.innerText()).trim(),
      reference: (await row.locator(':scope > th .reference').innerText()).trim(),
    };
  } finally {
    await page.context().close();
  }
}

/** What a new account needs on the administrators' page. */
export interface NewAccount {
  displayName: string;
  email: string;
  /** The role's label, as the select shows it ("Keyworker"). */
  role: string;
  /** The team's name, as its checkbox shows it ("Riverside team"). */
  team?: string;
}

/** An email address for an account a test creates: never a demo one, never the same twice. */
export function newAccountEmail(prefix: string): string {
  return `${prefix}-${crypto.randomUUID().slice(0, 8)}@e2e.harbour.test`;
}

/**
 * On an account page (/admin/accounts…), confirms it is the administrator (passphrase and a fresh code) unless
 * this session has already done so in the last 5 minutes: every change to an account needs it.
 */
export async function confirmItIsYou(page: Page, email: string): Promise<void> {
  const form = page.getByRole('button', { name: 'Confirm it is you' });
  if ((await form.count()) === 0) return;
  await page.getByLabel('Your passphrase').fill(DEMO_PASSPHRASE);
  await page.getByLabel('Code from your authenticator app').fill(await freshCode(page.request, email));
  await form.click();
  await expect(page.getByText('You have confirmed it is you.')).toBeVisible();
}

/**
 * Creates an account through /admin/accounts (the page must be the administrator `adminEmail`'s, who confirms
 * it is them first when needed); returns its passphrase.
 */
export async function createAccount(page: Page, account: NewAccount, adminEmail: string): Promise<string> {
  await page.goto('/admin/accounts');
  await confirmItIsYou(page, adminEmail);
  await page.getByLabel('Full name').fill(account.displayName);
  await page.getByLabel('Work email address').fill(account.email);
  await page.getByLabel('Role').selectOption({ label: account.role });
  if (account.team) await page.getByRole('checkbox', { name: account.team }).check();
  await page.getByRole('button', { name: 'Create account' }).click();
  const shown = page.locator('#temporary-passphrase');
  await expect(shown).toBeVisible();
  return (await shown.innerText()).trim();
}
