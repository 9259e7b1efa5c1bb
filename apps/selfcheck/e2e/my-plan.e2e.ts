import { expect, test } from '@playwright/test';
import { codeUsed, freshCode } from './api.ts';
import { expectAccessiblePage, signIn } from './helpers.ts';
import { DEAN, DEMO_PASSPHRASE } from './servers.ts';

// "My plan" (issue 10 "The person's own view"): Dean reads his own medicine plan on a small phone, in plain
// words: his medicine and dose, where and when, his next review, his naloxone, and that no appointments are
// booked (Harbour has no bookings yet). The page sends no script (expectAccessiblePage checks it, with axe).
test.describe('my plan', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('Dean reads his medicine, pharmacy, review, naloxone and appointments in plain words', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signIn(
      page,
      { username: DEAN, passphrase: DEMO_PASSPHRASE },
      await freshCode('service_user', DEAN),
    );
    codeUsed('service_user', DEAN);
    await expect(page).toHaveURL('/my');
    await page.getByRole('link', { name: 'My plan: my medicine and pharmacy' }).click();
    await expect(page).toHaveURL('/my/plan');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('My plan');

    const section = (name: string) => page.getByRole('region', { name });
    await expect(section('Your medicine')).toContainText(
      /You take \d+(\.\d+)? mg of (methadone|buprenorphine)/,
    );
    await expect(section('Where and when')).toContainText(/Quayside Pharmacy|your pharmacy/);
    await expect(section('Your next review')).toContainText(
      /Your (next )?review (is|was due) on \d+ \w+ \d{4}/,
    );
    await expect(section('Naloxone')).toContainText(/naloxone kit/);
    // Either none, or each check Dean has booked (other tests may leave one), in the same plain words.
    await expect(section('Your appointments')).toHaveText(
      /^Your appointments\s*(You have no appointments booked\.|(You have an? .+ on \d{1,2} [A-Z][a-z]+ \d{4}( at [^,]+)?, at .+\.\s*)+)$/,
    );
    // Plain words: none of the clinic's own.
    await expect(page.locator('main')).not.toContainText(/supervised|instalment|OST/);
    await expectAccessiblePage(page);
  });
});
