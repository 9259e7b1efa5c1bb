import { expect, test } from '@playwright/test';
import { freshCode, personOnCaseloadOf, separatePage, signedInAs, signIn } from './helpers.ts';
import { DEMO_PASSPHRASE, SAM, staff } from './servers.ts';

const NO_RELATIONSHIP = 'You do not have a care relationship with this person.';

test.describe('break-glass', () => {
  test("a keyworker on another team opens Dean's record in an emergency; the Caldicott guardian reviews it", async ({
    page,
    browser,
  }) => {
    // The emergency needs a new authenticator code after signing in: up to 30 seconds' wait.
    test.setTimeout(150_000);
    const dean = await personOnCaseloadOf(browser, SAM, 'Walsh, Dean');
    // Keyworker 7 (Castle team) is used by this test only: the grant lasts 4 hours.
    await signIn(page, staff.keyworker7);

    // Refused: no record data at all, not even a name or a reference.
    const refused = await page.goto(`/people/${dean.personId}`);
    expect(refused?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NO_RELATIONSHIP);
    for (const data of ['Walsh', 'Dean', dean.reference, 'Methadone']) {
      await expect(page.locator('body')).not.toContainText(data);
      expect(await page.content()).not.toContain(data);
    }
    await expect(page.getByText('Harbour records that you opened it and why')).toBeVisible();

    // No reason: refused, and still no record.
    const details = `Dean came to the Castle hub after an overdose; the crew need his OST dose. ${crypto.randomUUID().slice(0, 8)}`;
    await page.getByLabel('Details').fill(details);
    await page.getByRole('button', { name: 'Open the record in an emergency' }).click();
    const problem = page.getByRole('alert');
    await expect(problem).toContainText('Choose why you need to open this record');
    await expect(problem).toContainText('Enter your passphrase');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(NO_RELATIONSHIP);
    await expect(page.getByLabel('Details')).toHaveValue(details);
    await expect(page.locator('body')).not.toContainText('Walsh');

    // A reason, details, the passphrase and a new code: the record, with the emergency banner.
    await page
      .getByRole('radio', { name: 'Urgent clinical care (for example, an overdose or a crisis)' })
      .check();
    await page.getByLabel('Your passphrase').fill(DEMO_PASSPHRASE);
    await page
      .getByLabel('Code from your authenticator app')
      .fill(await freshCode(page.request, staff.keyworker7));
    await page.getByRole('button', { name: 'Open the record in an emergency' }).click();
    await expect(page).toHaveURL(new RegExp(`/people/${dean.personId}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Dean Walsh');
    await expect(page.getByRole('status').filter({ hasText: 'Emergency access' })).toHaveText(
      /^Emergency access until \d{2}:\d{2} — recorded and reviewed by the Caldicott guardian$/,
    );
    // Enrolling someone for self-check is planned work, never done under break-glass.
    await expect(page.getByRole('region', { name: /Self-check portal/ })).toHaveCount(0);

    // The Caldicott guardian's queue lists it; two tabs open on the same alert.
    const guardian = await separatePage(browser);
    await signedInAs(guardian, staff.caldicott);
    await guardian.goto('/alerts');
    const stale = await guardian.context().newPage();
    await stale.goto('/alerts');
    const alert = guardian.getByRole('article').filter({ hasText: details });
    await expect(alert).toHaveCount(1);
    await expect(alert).toContainText('Keyworker');
    await expect(alert).toContainText(dean.reference);
    await expect(alert).toContainText('Urgent clinical care (for example, an overdose or a crisis)');
    await expect(alert).toContainText(/Access until \d{2}:\d{2} on /);
    await expect(alert).not.toContainText('Walsh');

    // An outcome is needed.
    await alert.getByRole('button', { name: /^Close alert/ }).click();
    const closing = guardian.getByRole('article').filter({ hasText: details });
    await expect(guardian.getByRole('alert')).toContainText('Choose an outcome');
    await closing.getByRole('radio', { name: 'Appropriate: the reason justified the access' }).check();
    await closing
      .getByLabel('Note (optional)')
      .fill('Checked with the Castle team lead: a genuine emergency.');
    await closing.getByRole('button', { name: /^Close alert/ }).click();
    await expect(guardian.getByRole('status')).toContainText('The alert has been closed');
    await expect(guardian.getByRole('article').filter({ hasText: details })).toHaveCount(0);

    // The other tab still shows the alert open: closing it again is a conflict, not a silent overwrite.
    const staleAlert = stale.getByRole('article').filter({ hasText: details });
    await staleAlert.getByRole('radio', { name: 'Not appropriate: referred for investigation' }).check();
    await staleAlert.getByRole('button', { name: /^Close alert/ }).click();
    await expect(stale.getByRole('alert')).toContainText('Someone else has changed this alert. Reload.');

    await guardian.getByRole('link', { name: 'Closed' }).click();
    await expect(guardian).toHaveURL(/\/alerts\?status=closed$/);
    const closed = guardian.getByRole('article').filter({ hasText: details });
    await expect(closed).toContainText('Appropriate: the reason justified the access');
    await expect(closed).toContainText('Checked with the Castle team lead: a genuine emergency.');
    await expect(closed).toContainText('Ruth Adeyemi');
    await expect(closed.getByRole('button')).toHaveCount(0);
    await guardian.context().close();
  });

  test('a role without break-glass is refused without the form', async ({ page, browser }) => {
    const dean = await personOnCaseloadOf(browser, SAM, 'Walsh, Dean');
    await signedInAs(page, staff.tom);
    const response = await page.goto(`/people/${dean.personId}`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('body')).not.toContainText('Walsh');
    await expect(page.getByRole('button', { name: 'Open the record in an emergency' })).toHaveCount(0);
  });
});
