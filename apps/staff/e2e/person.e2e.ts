import { expect, test, type APIRequestContext } from '@playwright/test';
import { hydrated } from './helpers.ts';
import { apiUrl, OTHER_TEAM_KEYWORKER, SAM } from './servers.ts';

/** Calls a tRPC query on the API directly, as a given member of staff (test set-up only). */
async function query<T>(
  request: APIRequestContext,
  actor: string,
  path: string,
  input?: unknown,
): Promise<T> {
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await request.get(`${apiUrl}/trpc/${path}${search}`, {
    headers: { 'x-harbour-dev-actor': actor },
  });
  expect(response.ok(), `${path} answered ${response.status()}`).toBe(true);
  const body = (await response.json()) as { result: { data: T } };
  return body.result.data;
}

test.describe("a person's record", () => {
  test("Dean's record shows his methadone dose, and is not kept by the browser", async ({ page }) => {
    await page.goto('/caseload?sort=name&dir=desc&size=100');
    await hydrated(page);
    await page.getByRole('link', { name: 'Walsh, Dean' }).click();
    await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Dean Walsh');

    const summary = page.locator('dl');
    await expect(summary.locator('dt:text-is("Current OST") + dd')).toHaveText(
      /^Methadone \d+(\.\d+)? mg a day, since \d{1,2} [A-Z][a-z]{2} \d{4}$/,
    );
    await expect(summary.locator('dt:text-is("Keyworker") + dd')).toHaveText('Sam Carter');
    await expect(summary.locator('dt:text-is("Team") + dd')).toHaveText('Riverside team');
    await expect(summary.locator('dt:text-is("Date of birth") + dd')).toHaveText(/\(age 5[23]\)$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Recent events' })).toBeVisible();
    await expect(page.locator('table tbody tr').first()).toBeVisible();

    const response = await page.request.get(page.url());
    expect(response.headers()['cache-control']).toBe('no-store');
  });

  test('a person on another team: "You do not have access to this record", and no data', async ({
    page,
    request,
  }) => {
    const [samTeam] = await query<{ id: string }[]>(request, SAM, 'caseload.myTeams');
    const [otherTeam] = await query<{ id: string }[]>(request, OTHER_TEAM_KEYWORKER, 'caseload.myTeams');
    expect(otherTeam?.id).toBeDefined();
    expect(otherTeam?.id).not.toBe(samTeam?.id);
    const caseload = await query<{ rows: { personId: string; displayName: string }[] }>(
      request,
      OTHER_TEAM_KEYWORKER,
      'caseload.list',
      { teamId: otherTeam?.id, pageSize: 10 },
    );
    const stranger = caseload.rows[0];
    expect(stranger).toBeDefined();

    const response = await page.goto(`/people/${stranger?.personId}`);
    expect(response?.status()).toBe(403);
    expect(response?.headers()['cache-control']).toBe('no-store');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this record');
    const family = stranger?.displayName.split(',')[0] ?? '';
    await expect(page.locator('main')).not.toContainText(family);
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
});
