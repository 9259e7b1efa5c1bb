import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signedInAs } from './helpers.ts';
import { apiUrl, SAM } from './servers.ts';

// The duty queue (issues 9 and 11): an anonymous "ask someone to contact me" from the self-check arrives as a
// task on the duty team's list (the demo's duty team is Sam's), showing whom to call; Sam records the call back
// and the task leaves the list.

test('a "contact me" request is a task on the duty team’s list, and Sam records the call back', async ({
  page,
}) => {
  const name = 'Robin';
  // What the self-check portal sends for the anonymous check (a public procedure; the demo service's code).
  const sent = await fetch(`${apiUrl}/trpc/selfcheck.requestContact`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ service: 'NRP01', name, phone: '07700 900123', consent: true, urgent: true }),
  });
  expect(sent.status).toBe(200);

  await signedInAs(page, SAM);
  await page.goto('/team-tasks');
  const request = page.locator('article', { hasText: 'Contact request from the self-check' }).filter({
    hasText: name,
  });
  await expect(request).toHaveCount(1);
  await expect(request).toContainText(`Call ${name} on 07700900123`);
  await expect(request).toContainText('with an urgent answer: call back today');
  await expect(request.getByRole('link', { name: '07700900123' })).toHaveAttribute('href', 'tel:07700900123');
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await request.getByRole('radio', { name: 'Contacted' }).check();
  await request.getByRole('button', { name: /^Complete/ }).click();
  await expect(page).toHaveURL(/\/team-tasks\?done=completed/);
  await expect(page.getByRole('status')).toContainText('The task is done');
  await expect(request).toHaveCount(0);
});
