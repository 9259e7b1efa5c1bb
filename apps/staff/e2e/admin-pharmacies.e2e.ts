import { expect, test } from '@playwright/test';
import { expectNoViolations } from './axe.ts';
import { confirmItIsYou, createAccount, newAccountEmail, signedInAs } from './helpers.ts';
import { staff } from './servers.ts';

// Pharmacies as places (issue 10): the demo administrator adds a pharmacy and places a pharmacist at it (an
// account this test creates, so the demo pharmacists keep their lists for the other tests); the pharmacy and
// its pharmacist are listed; a blank form shows the error summary and adds nothing; removing the pharmacist
// asks first. Both pages meet WCAG 2.2 AA, with a refusal and the confirmation shown too.

test('an administrator adds a pharmacy, places a pharmacist there, and removes them after confirming', async ({
  page,
}) => {
  test.slow();
  const suffix = crypto.randomUUID().slice(0, 6);
  const pharmacist = `Pat Dispenser ${suffix}`;
  const pharmacyName = `Harbour Lane Pharmacy ${suffix}`;
  await signedInAs(page, staff.admin);
  await createAccount(
    page,
    { displayName: pharmacist, email: newAccountEmail('pharmacist'), role: 'Pharmacist' },
    staff.admin,
  );
  // A new pharmacist's account links to where they are placed.
  await page
    .getByRole('status')
    .getByRole('link', { name: `place ${pharmacist} at a pharmacy` })
    .click();
  await expect(page).toHaveURL(/\/admin\/pharmacies$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pharmacies');
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Pharmacies' })).toBeVisible();
  await confirmItIsYou(page, staff.admin);
  const rows = page.getByRole('table').getByRole('row');
  const before = await rows.count();
  await expectNoViolations(page);

  // A blank form: the error summary, each field marked, and nothing added.
  await page.getByRole('button', { name: 'Add pharmacy' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Enter the pharmacy’s name');
  await expect(summary).toContainText('Enter the pharmacy’s address');
  await expect(page).toHaveTitle(/^Error: /);
  await expect(rows).toHaveCount(before);
  await expectNoViolations(page);

  await page.getByLabel('Name').fill(pharmacyName);
  await page.getByLabel('Address').fill('7 Harbour Lane, Northshire');
  await page.getByRole('button', { name: 'Add pharmacy' }).click();
  await expect(page.getByRole('status')).toContainText(`${pharmacyName} has been added`);
  await expect(rows).toHaveCount(before + 1);
  const row = page.getByRole('row', { name: new RegExp(pharmacyName) });
  await expect(row.getByRole('cell')).toHaveText(['7 Harbour Lane, Northshire', 'None', '0', /Change/]);

  // The same place again: refused beside the name, nothing added.
  await page.getByLabel('Name').fill(pharmacyName.toUpperCase());
  await page.getByLabel('Address').fill('7 Harbour Lane,  Northshire');
  await page.getByRole('button', { name: 'Add pharmacy' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'There is already a pharmacy with this name and address',
  );
  await expect(rows).toHaveCount(before + 1);

  // Placing the pharmacist.
  await page.getByRole('link', { name: `Change or place pharmacists at ${pharmacyName}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(pharmacyName);
  await expect(page.getByText('No pharmacist is placed here yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Place pharmacist' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose a pharmacist');
  await expectNoViolations(page);
  await page.getByLabel('Pharmacist', { exact: true }).selectOption({ label: pharmacist });
  await page.getByRole('button', { name: 'Place pharmacist' }).click();
  await expect(page.getByRole('status')).toContainText('The pharmacist has been placed here');
  const here = page.getByRole('list', { name: 'Pharmacists here' });
  await expect(here).toContainText(pharmacist);
  // Once placed, they are not offered again.
  await expect(
    page.getByLabel('Pharmacist', { exact: true }).getByRole('option', { name: pharmacist }),
  ).toHaveCount(0);

  await page.getByRole('link', { name: 'Back to pharmacies' }).click();
  await expect(
    page
      .getByRole('row', { name: new RegExp(pharmacyName) })
      .getByRole('cell')
      .nth(1),
  ).toHaveText(pharmacist);

  // Removing asks first; "No" keeps them.
  await page.getByRole('link', { name: `Change or place pharmacists at ${pharmacyName}` }).click();
  await page.getByRole('button', { name: `Remove ${pharmacist}` }).click();
  const confirm = page.getByRole('region', { name: `Remove ${pharmacist} from ${pharmacyName}?` });
  await expect(confirm).toBeVisible();
  await expectNoViolations(page);
  await confirm.getByRole('link', { name: 'No, keep them' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(here).toContainText(pharmacist);
  await page.getByRole('button', { name: `Remove ${pharmacist}` }).click();
  await confirm.getByRole('button', { name: `Yes, remove ${pharmacist}` }).click();
  await expect(page.getByRole('status')).toContainText('The pharmacist has been removed');
  await expect(page.getByText('No pharmacist is placed here yet.')).toBeVisible();
});
