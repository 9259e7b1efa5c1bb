import { addDays } from '@harbour/domain/dates';
import { expect, test } from '@playwright/test';
import { expectNoViolations } from './axe.ts';
import { confirmItIsYou, createAccount, londonToday, newAccountEmail, signedInAs } from './helpers.ts';
import { staff } from './servers.ts';

// Correcting a mis-entered competency (issue 9): the administrator records a risk assessment with the wrong
// date for a member of staff this test creates, then corrects it with a reason. The correction counts; the
// first record stays in the history, marked as corrected. The page meets WCAG 2.2 AA, with a refusal shown too.

test('an administrator corrects a mis-entered competency; the old record is kept and shown as corrected', async ({
  page,
}) => {
  test.slow();
  const name = `Corrected Keyworker ${crypto.randomUUID().slice(0, 6)}`;
  await signedInAs(page, staff.admin);
  await createAccount(
    page,
    { displayName: name, email: newAccountEmail('correction'), role: 'Keyworker', team: 'Riverside team' },
    staff.admin,
  );

  // Recorded with a mistyped date: a year too late.
  const wrong = addDays(londonToday(), -10);
  await page.goto('/admin/competencies');
  await confirmItIsYou(page, staff.admin);
  await page.getByLabel('Member of staff').selectOption({ label: `${name} (Keyworker)` });
  await page.getByRole('radio', { name: 'Risk assessment' }).check();
  await page.getByLabel('Date achieved').fill(wrong);
  await page.getByRole('button', { name: 'Record the competency' }).click();
  await expect(page.getByRole('status')).toContainText('The competency has been recorded');

  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${name}: competencies`);
  await expectNoViolations(page);

  // No reason: refused beside the field, and nothing is corrected.
  const history = page.getByRole('region', { name: 'Every record' }).getByRole('listitem');
  await expect(history).toHaveCount(1);
  await page.getByRole('radio', { name: /^Risk assessment, achieved/ }).check();
  await page.getByLabel('The right date achieved').fill(addDays(wrong, -365));
  await page.getByRole('button', { name: 'Correct the record' }).click();
  await expect(page.getByRole('alert')).toContainText('Say what was entered wrongly');
  await expect(history).toHaveCount(1);
  await expectNoViolations(page);

  await page.getByRole('radio', { name: /^Risk assessment, achieved/ }).check();
  await page.getByLabel('The right date achieved').fill(addDays(wrong, -365));
  await page.getByLabel('What was entered wrongly').fill('The course year was typed wrongly');
  await page.getByRole('button', { name: 'Correct the record' }).click();
  await expect(page.getByRole('status')).toContainText('The record has been corrected');
  await expect(history).toHaveCount(2);
  await expect(history.first()).toContainText('A correction: The course year was typed wrongly');
  await expect(history.nth(1)).toContainText('this record no longer counts');
  await expectNoViolations(page);
});
