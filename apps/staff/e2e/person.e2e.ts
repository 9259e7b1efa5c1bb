import { expect, test } from '@playwright/test';
import { hydrated, personOnCaseloadOf, signedInAs } from './helpers.ts';
import { OTHER_TEAM_KEYWORKER, SAM } from './servers.ts';

test.beforeEach(async ({ page }) => {
  await signedInAs(page, SAM);
});

test.describe("a person's record", () => {
  test("Dean's record shows his methadone dose, and is not kept by the browser", async ({ page }) => {
    await page.goto('/caseload?sort=name&dir=desc&size=100');
    await hydrated(page);
    await page.getByRole('link', { name: 'Walsh, Dean' }).click();
    await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Dean Walsh');

    const summary = page.locator('dl');
    const currentOst = summary.locator('dt:text-is("Current OST") + dd');
    await expect(currentOst).toHaveText(
      /^Methadone \d+(\.\d+)? mg a day, since \d{1,2} [A-Z][a-z]{2} \d{4}\s*OST plan and pharmacy$/,
    );
    await expect(currentOst.getByRole('link', { name: 'OST plan and pharmacy' })).toHaveAttribute(
      'href',
      /\/people\/[0-9a-f-]{36}\/ost$/,
    );
    await expect(summary.locator('dt:text-is("Keyworker") + dd')).toHaveText('Sam Carter');
    await expect(summary.locator('dt:text-is("Team") + dd')).toHaveText('Riverside team');
    await expect(summary.locator('dt:text-is("Date of birth") + dd')).toHaveText(/\(age 5[23]\)$/);
    await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
    await expect(page.locator('table.history tbody tr').first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Risk of a drug-related death' })).toBeVisible();
    // Dean's COPD and his drinking are among the reasons, each linked to where it is recorded.
    await expect(page.getByRole('row', { name: /Chronic lung disease/ })).toContainText(
      'See long-term conditions',
    );
    await expect(page.getByRole('img', { name: /Risk score over time/ })).toBeVisible();
    // Sam's own caseload: no emergency banner.
    await expect(page.getByText(/Emergency access until/)).toHaveCount(0);

    const response = await page.request.get(page.url());
    expect(response.headers()['cache-control']).toBe('no-store');
  });

  test('a person on another team: no care relationship, no data, and break-glass offered', async ({
    page,
    browser,
  }) => {
    const stranger = await personOnCaseloadOf(browser, OTHER_TEAM_KEYWORKER);

    const response = await page.goto(`/people/${stranger.personId}`);
    expect(response?.status()).toBe(403);
    expect(response?.headers()['cache-control']).toBe('no-store');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'You do not have a care relationship with this person.',
    );
    const family = stranger.displayName.split(',')[0] ?? '';
    expect(family.length).toBeGreaterThan(1);
    await expect(page.locator('body')).not.toContainText(family);
    await expect(page.locator('body')).not.toContainText(stranger.reference);
    expect(await page.title()).not.toContain(family);
    expect(await page.content()).not.toContain(stranger.reference);
    // A keyworker may break the glass: the form is there, with its warning.
    await expect(page.getByRole('button', { name: 'Open the record in an emergency' })).toBeVisible();
    await expect(page.getByText('the Caldicott guardian reviews every emergency access')).toBeVisible();
  });

  test('an id that matches no one: the not-found page', async ({ page }) => {
    const response = await page.goto(`/people/${crypto.randomUUID()}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.locator('main')).toContainText('We could not find this person.');
    await expect(page.getByRole('link', { name: 'Go to the caseload' })).toBeVisible();
  });

  test('an address that is not an id: the not-found page, without asking the API', async ({ page }) => {
    const response = await page.goto('/people/not-an-id');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  });

  test('a keyworker gives Dean an activation code for the self-check portal, after checking his identity', async ({
    page,
  }) => {
    await page.goto('/caseload?sort=name&dir=desc&size=100');
    await page.getByRole('link', { name: 'Walsh, Dean' }).click();
    const section = page.getByRole('region', { name: 'Self-check portal: give an activation code' });
    await expect(section).toBeVisible();

    // Not without confirming the identity check.
    await section.getByRole('button', { name: 'Give an activation code' }).click();
    await expect(page.getByRole('alert')).toContainText(
      "Confirm that you have checked this person's identity in person",
    );
    await expect(page.locator('#activation-code')).toHaveCount(0);

    await section.getByRole('checkbox', { name: "I have checked this person's identity in person" }).check();
    await section.getByRole('button', { name: 'Give an activation code' }).click();
    await expect(page.locator('#activation-code')).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect(section).toContainText(/It works once, until \d{2}:\d{2} on \d{1,2} [A-Z][a-z]{2} \d{4}\./);
    await expect(section).toContainText('Tell Dean:');

    // Shown once: opening the record again does not show it.
    await page.goto(new URL(page.url()).pathname);
    await expect(page.locator('#activation-code')).toHaveCount(0);
  });
});
