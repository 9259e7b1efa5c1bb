import { expect, test } from '@playwright/test';
import { expectNoViolations } from './axe.ts';
import { personOnCaseloadOf, separatePage, signedInAs } from './helpers.ts';
import { SAM, staff } from './servers.ts';

// The service's own overdose-risk protocol (issue 9): Alex, the service manager, publishes a new version with a
// new item after an overdose; Sam, recording an overdose, sees that checklist beside the form. Each run
// adds its own item (a fresh token), in force from today, keeping every other item as it was, so no other test
// depends on what this one wrote. The page meets WCAG 2.2 AA at 320 px, with and without a refusal.

test('the manager publishes a version and a keyworker recording an overdose sees its checklist', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const item = `Phone them again 48 hours later (check ${Date.now().toString(36)})`;
  await page.setViewportSize({ width: 320, height: 800 });
  await signedInAs(page, staff.alex);
  await page.goto('/team');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Overdose protocol' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overdose-risk protocol');
  await expectNoViolations(page);

  // A change with no note is refused, by the field, and nothing is published.
  const versions = page.getByRole('heading', { level: 3, name: /^Version \d+:/ });
  const before = await versions.count();
  const box = page.getByLabel('After an overdose', { exact: true });
  await box.fill(`${await box.inputValue()}\n${item}`);
  await page.getByRole('button', { name: 'Publish the new version' }).click();
  await expect(page.getByRole('alert')).toContainText('Say what changed and why');
  await expect(page.getByLabel('What changed, and why')).toHaveAttribute('aria-invalid', 'true');
  await expect(versions).toHaveCount(before);
  await expectNoViolations(page);

  // The words typed are kept; with a note it is published, in force from today.
  expect(await page.getByLabel('After an overdose', { exact: true }).inputValue()).toContain(`\n${item}`);
  await page.getByLabel('What changed, and why').fill('A second call after 48 hours, agreed at governance');
  await page.getByRole('button', { name: 'Publish the new version' }).click();
  await expect(page).toHaveURL(/\/protocol\?published=\d+$/);
  await expect(page.getByRole('status')).toContainText(/Version \d+ has been published/);
  await expect(versions).toHaveCount(before + 1);
  await expect(versions.first()).toHaveText(/: in force$/);
  const inForce = page.locator('section', { has: page.getByRole('heading', { name: 'In force today' }) });
  await expect(inForce.getByRole('listitem').filter({ hasText: item })).toHaveCount(1);
  await expect(page.getByText('A second call after 48 hours, agreed at governance')).toBeVisible();
  await expectNoViolations(page);

  // Sam recording an overdose sees the service's version, with the new item.
  const person = await personOnCaseloadOf(browser, SAM);
  const sam = await separatePage(browser);
  try {
    await signedInAs(sam, SAM);
    await sam.goto(`/people/${person.personId}/record/non_fatal_overdose`);
    const protocol = sam.locator('section', {
      has: sam.getByRole('heading', { level: 2, name: 'Overdose-risk protocol' }),
    });
    await expect(protocol).toContainText(/Your service’s checklists, version \d+, in force from/);
    await expect(protocol.getByRole('listitem').filter({ hasText: item })).toHaveCount(1);
    // A keyworker reads the protocol page but is offered no form to change it.
    await sam.goto('/protocol');
    await expect(sam.getByRole('heading', { level: 2, name: 'In force today' })).toBeVisible();
    await expect(sam.getByRole('button', { name: 'Publish the new version' })).toHaveCount(0);
  } finally {
    await sam.context().close();
  }
});
