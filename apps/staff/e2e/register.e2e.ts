import { expect, test, type Page } from '@playwright/test';
import { caseloadRows, hydrated, londonToday, personOnCaseloadOf, signedInAs } from './helpers.ts';
import { OTHER_TEAM_KEYWORKER, portalUrl, SAM } from './servers.ts';

// The risk register (issue 8), as Sam, a keyworker on the Riverside team, uses it: the caseload sorted by risk
// with the reasons beside each name, recording a clinical fact and watching the person move up, amending an
// entry, and the forms refusing what cannot be true.

test.beforeEach(async ({ page }) => {
  await signedInAs(page, SAM);
});

/** "6 Dec 2026" for a `YYYY-MM-DD`, as the portal writes dates. */
function shown(iso: string): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${months[m - 1] ?? ''} ${y}`;
}

/** The row of the caseload naming `name` ("Family, Given"). */
function rowOf(page: Page, name: string) {
  return caseloadRows(page).filter({ has: page.getByRole('link', { name, exact: true }) });
}

/** The number of entries the record's history counts. */
async function historyTotal(page: Page): Promise<number> {
  const text = (await page.getByText(/^Showing 1 to \d+ of \d+ entr(y|ies)$/).textContent()) ?? '';
  return Number(/of (\d+)/.exec(text)?.[1] ?? '0');
}

test.describe('the risk register', () => {
  test('opens highest risk first, with the reasons in words: Kayleigh, released from prison 6 days ago', async ({
    page,
  }) => {
    await page.goto('/caseload');
    await expect(page.locator('caption')).toContainText('sorted by risk, highest first');
    const first = caseloadRows(page).first();
    await expect(first.locator('.tier')).toHaveText(/Very high|High/);
    const kayleigh = rowOf(page, 'Price, Kayleigh');
    await expect(kayleigh).toHaveCount(1);
    await expect(kayleigh).toContainText('Very high');
    await expect(kayleigh).toContainText('released from prison 6 days ago');
    await expect(kayleigh).toContainText('not on OST');
    await expect(kayleigh).toContainText('Sam Carter');

    // The tier filter and "new to high" narrow the register, through the form.
    await hydrated(page);
    await page.getByLabel('Risk tier').selectOption({ label: 'Very high' });
    await page.getByRole('checkbox', { name: /New to high or very high/ }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(page).toHaveURL(/[?&]tier=very_high(&|$)/);
    await expect(page).toHaveURL(/[?&]new=1(&|$)/);
    await expect(rowOf(page, 'Price, Kayleigh')).toHaveCount(1);
    for (const tier of await caseloadRows(page).locator('.tier').allTextContents())
      expect(tier).toBe('Very high');
  });

  test('a prison release recorded for someone at low risk moves them up the register, with the reason', async ({
    page,
  }) => {
    await page.goto('/caseload?tier=low&size=100');
    const row = caseloadRows(page).first();
    const name = (await row.getByRole('link').innerText()).trim();
    await row.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 2, name: 'Risk of a drug-related death' })).toBeVisible();
    await expect(page.locator('.risk .tier')).toHaveText('Low');
    const before = await historyTotal(page);

    await page.getByText('Record something new').click();
    await page.getByRole('link', { name: 'Released from prison' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Released from prison');
    await page.getByLabel('Date of release').fill(londonToday());
    await page.getByLabel('Prison or custody (optional)').fill('HMP Northshire');
    await page.getByRole('button', { name: 'Save' }).click();

    await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}\?saved=entry$/);
    await expect(page.getByRole('status')).toContainText(
      'The entry is saved, and the risk score is up to date',
    );
    await expect(page.locator('.risk .tier')).toHaveText(/High|Very high/);
    const factor = page.getByRole('row', { name: /Released from prison or custody/ });
    await expect(factor).toContainText('20');
    await expect(factor.getByRole('link', { name: 'See the entry' })).toBeVisible();
    await expect(page.getByText(/Why the tier is at least high/)).toBeVisible();
    expect(await historyTotal(page)).toBe(before + 1);

    await page.goto('/caseload');
    const moved = rowOf(page, name);
    await expect(moved).toHaveCount(1);
    await expect(moved).toContainText('released from prison today');
    await expect(moved.locator('.tier')).toHaveText(/High|Very high/);
    await expect(moved).toContainText('New');
  });

  test('amending an entry keeps both versions in its history, with the reason', async ({ page }) => {
    await page.goto('/caseload?tier=low&size=100');
    await caseloadRows(page).nth(1).getByRole('link').click();
    await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
    const recordUrl = page.url();
    await page.goto(`${recordUrl}/record/contact`);
    await page.getByLabel('Date').fill(londonToday());
    await page.getByRole('radio', { name: 'Phone' }).check();
    await page.getByRole('radio', { name: 'No', exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page).toHaveURL(/\?saved=entry$/);
    await page.getByRole('link', { name: 'Did not attend' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Did not attend');

    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel('Why are you changing it?').fill('They did answer: the call log was wrong');
    await page.getByRole('button', { name: 'Save the change' }).click();
    await expect(page).toHaveURL(/\?saved=entry$/);
    await page.getByRole('link', { name: 'Contact: phone' }).first().click();
    const versions = page.locator('.versions li');
    await expect(versions).toHaveCount(2);
    await expect(versions.nth(0)).toContainText('Version 1');
    await expect(versions.nth(0)).toContainText('Did not attend');
    await expect(versions.nth(1)).toContainText('Version 2');
    await expect(versions.nth(1)).toContainText('Contact: phone');
    await expect(versions.nth(1)).toContainText('Why it changed: They did answer: the call log was wrong');
    await expect(versions.nth(1)).toContainText('by Sam Carter');
  });

  test('a form with impossible or missing answers names every problem, and records nothing', async ({
    page,
    browser,
  }) => {
    const dean = await personOnCaseloadOf(browser, SAM, 'Walsh, Dean');
    await page.goto(`/people/${dean.personId}`);
    const before = await historyTotal(page);

    await page.goto(`/people/${dean.personId}/record/hospital_discharge`);
    await page.getByRole('button', { name: 'Save' }).click();
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('There is a problem');
    await expect(summary.getByRole('link', { name: 'Enter the date they were discharged' })).toBeVisible();
    await expect(
      summary.getByRole('link', { name: 'Say whether they left against medical advice' }),
    ).toBeVisible();
    expect(await page.title()).toMatch(/^Error: /);

    // A date in the future, and an admission after the discharge: refused by the record's own rules.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Date of discharge').fill(tomorrow);
    await page.getByLabel('Date of admission (optional)').fill(tomorrow);
    await page.getByRole('radio', { name: 'No' }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toContainText('The date cannot be in the future');
    await expect(page.getByLabel('Date of discharge')).toHaveValue(tomorrow);

    await page.goto(`/people/${dean.personId}`);
    expect(await historyTotal(page)).toBe(before);
  });

  test('a forged post is refused, and a post whose hidden fields were tampered with records nothing', async ({
    page,
    browser,
  }) => {
    const dean = await personOnCaseloadOf(browser, SAM, 'Walsh, Dean');
    await page.goto(`/people/${dean.personId}`);
    const before = await historyTotal(page);
    const url = `${portalUrl}/people/${dean.personId}/record/prison_release?/record`;
    const fields = { occurredOn: londonToday(), establishment: '', idempotencyKey: crypto.randomUUID() };
    const forged = await page.request.post(url, {
      headers: { origin: 'https://evil.example' },
      form: fields,
    });
    expect(forged.status()).toBe(403);
    const tampered = await page.request.post(url, {
      headers: { origin: portalUrl },
      form: { ...fields, idempotencyKey: "1' or '1'='1" },
    });
    expect(tampered.status()).toBe(400);
    expect(await tampered.text()).toContain('Reload the page and try again.');
    const noKind = await page.request.post(`${portalUrl}/people/${dean.personId}/record/wedding?/record`, {
      headers: { origin: portalUrl },
      form: fields,
    });
    expect(noKind.status()).toBe(404);
    await page.goto(`/people/${dean.personId}`);
    expect(await historyTotal(page)).toBe(before);
  });

  test('recording housing changes the score at once; the record shows the fact and who changed it', async ({
    page,
    browser,
  }) => {
    const dean = await personOnCaseloadOf(browser, SAM, 'Walsh, Dean');
    await page.goto(`/people/${dean.personId}/facts/housing`);
    await page.getByLabel('Date this was found out').fill(londonToday());
    await page.getByRole('radio', { name: 'Rough sleeping' }).check();
    const reason = page.getByLabel('Why is this changing?');
    if (await reason.count()) await reason.fill('Lost his flat last week');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page).toHaveURL(/\?saved=fact$/);
    await expect(page.getByRole('row', { name: /Rough sleeping or no stable accommodation/ })).toContainText(
      '3',
    );
    const housing = page.locator('.summary-list div').filter({ hasText: 'Housing' });
    await expect(housing).toContainText('Rough sleeping');
    await expect(housing).toContainText(`Recorded ${shown(londonToday())}`);
  });
});

test.describe('find a person', () => {
  test('by name: Dean opens; someone on another team is shown with what break-glass needs, and no more', async ({
    page,
    browser,
  }) => {
    await page.goto('/find');
    await page.getByLabel('Name, reference or date of birth').fill('Walsh');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\/find(\?\/search)?$/);
    expect(page.url()).not.toContain('Walsh');
    await expect(page.getByRole('link', { name: 'Walsh, Dean' })).toBeVisible();

    const stranger = await personOnCaseloadOf(browser, OTHER_TEAM_KEYWORKER);
    await page.getByLabel('Name, reference or date of birth').fill(stranger.reference);
    await page.getByRole('button', { name: 'Search' }).click();
    const row = page.getByRole('row', { name: new RegExp(stranger.reference) });
    await expect(row).toContainText(stranger.displayName);
    await expect(row.getByRole('link', { name: /Ask for emergency access/ })).toBeVisible();
    await expect(row).toContainText('Not your team');
    await row.getByRole('link', { name: /Ask for emergency access/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'You do not have a care relationship with this person.',
    );
  });

  test('refuses a search too short, in words, by the field', async ({ page }) => {
    await page.goto('/find');
    await page.getByLabel('Name, reference or date of birth').fill('W');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'Enter at least 2 characters of a name, a reference or a date of birth',
    );
  });
});
