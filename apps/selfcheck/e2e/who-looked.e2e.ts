import { expect, test } from '@playwright/test';
import { freshCode, mutate, personWithPrintedCodes, query, staffToken } from './api.ts';
import { londonToday, signIn } from './helpers.ts';
import { DEMO_PASSPHRASE, OTHER_TEAM_KEYWORKER, SAM } from './servers.ts';

test.describe('who has looked at my record', () => {
  test.use({ javaScriptEnabled: false });

  test("the keyworker's look is listed in plain words; an emergency access is marked clearly", async ({
    page,
  }) => {
    // Signing the other team's keyworker in and then opening the record in an emergency takes two codes, a
    // 30-second step apart.
    test.setTimeout(120_000);
    const person = await personWithPrintedCodes();

    // Sam, the keyworker, looks at the person's record.
    await query('person.summary', { personId: person.personId }, await staffToken(SAM));

    await signIn(page, person, person.codes[0] ?? '');
    await expect(page).toHaveURL('/my');
    await page.getByRole('link', { name: 'Who has looked at my record' }).click();
    await expect(page).toHaveURL('/my/who-looked');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Who has looked at my record');

    const entries = page.locator('.harbour-access');
    const samsLook = entries.filter({ hasText: 'looked at your record' }).first();
    await expect(samsLook).toContainText(/^\s*Keyworker, [A-Z][\w ]* team — /);
    await expect(samsLook).toContainText(londonToday());
    await expect(samsLook).not.toContainText('Emergency access');
    // Giving the activation code is on the list too.
    await expect(entries.filter({ hasText: 'added something to your record' }).first()).toContainText(
      'Keyworker',
    );
    await expect(page.locator('.harbour-access--emergency')).toHaveCount(0);
    // No names of staff: role and team only.
    await expect(page.locator('main')).not.toContainText('Sam Carter');
    await expect(page.getByRole('heading', { level: 2, name: 'If something looks wrong' })).toBeVisible();

    // A keyworker from another team opens the record in an emergency (with their passphrase and a new code).
    const other = await staffToken(OTHER_TEAM_KEYWORKER);
    const denied = await query('person.summary', { personId: person.personId }, other).catch(
      (e: unknown) => e,
    );
    expect(denied).toMatchObject({ status: 403 });
    await mutate(
      'person.breakGlass',
      {
        personId: person.personId,
        reasonCode: 'duty_worker',
        reasonText: 'Duty worker: the pharmacy reported three missed doses today.',
        passphrase: DEMO_PASSPHRASE,
        code: await freshCode('staff', OTHER_TEAM_KEYWORKER),
      },
      other,
    );
    await query('person.summary', { personId: person.personId }, other);

    await page.reload();
    const emergency = page.locator('.harbour-access--emergency');
    await expect(emergency.first()).toBeVisible();
    await expect(emergency.first()).toContainText('Emergency access');
    await expect(emergency.first()).toContainText(
      'Someone outside your care team opened your record. Your service checks every emergency access.',
    );
    await expect(emergency.first()).toContainText(londonToday());
    // The newest first: the emergency look is at the top.
    await expect(entries.first()).toHaveClass(/harbour-access--emergency/);
  });
});
