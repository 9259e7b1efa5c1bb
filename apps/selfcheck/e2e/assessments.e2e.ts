import { expect, test, type Page } from '@playwright/test';
import { codeUsed, freshCode, mutate, query, staffToken } from './api.ts';
import { signIn } from './helpers.ts';
import { DEAN, DEMO_PASSPHRASE, SAM } from './servers.ts';

// Self-assessments and the anonymous overdose-risk check (issue 11), with JavaScript off as Dean's old phone
// may have it: plain forms, a page at a time.
interface TeamTask {
  personId: string | null;
  kind: string;
  why: string;
  sameDay: boolean;
  priority: string;
  assigneeName: string | null;
  callBack: { name: string; phone: string } | null;
}

/** The open tasks on the Team tasks pages of every team the member of staff is in (what the page shows). */
async function sameDayTasks(token: string): Promise<TeamTask[]> {
  const teams = await query<{ id: string }[]>('caseload.myTeams', undefined, token);
  const lists = await Promise.all(
    teams.map((t) => query<{ rows: TeamTask[] }>('tasks.team', { teamId: t.id }, token)),
  );
  return lists.flatMap((l) => l.rows);
}

test.describe('self-assessments and the anonymous check', () => {
  test.use({ javaScriptEnabled: false });

  /** Chooses the option labelled `answer` for the question whose legend starts with `number.` */
  async function answer(page: Page, number: number, option: string): Promise<void> {
    const group = page.getByRole('group', { name: new RegExp(`^${number}\\. `) });
    await group.getByLabel(option, { exact: true }).check();
  }

  test('Dean answers a PHQ-9 with question 9 above "Not at all": crisis help at once, his team sees it urgent', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signIn(
      page,
      { username: DEAN, passphrase: DEMO_PASSPHRASE },
      await freshCode('service_user', DEAN),
    );
    codeUsed('service_user', DEAN);
    await expect(page).toHaveURL('/my');
    await page.getByRole('link', { name: 'Check how you are, and your risk of overdose' }).click();
    await page.getByRole('link', { name: 'How you have been feeling' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('How you have been feeling');
    await page.getByRole('link', { name: 'Start' }).click();
    await expect(page).toHaveURL('/my/assessments/phq9/1');

    // Nothing chosen: every question says so, and nothing moves on.
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page.locator('.nhsuk-error-summary li')).toHaveCount(5);
    await expect(page).toHaveTitle(/^Error: /);

    for (const n of [1, 2, 3, 4, 5]) await answer(page, n, n === 1 ? 'Several days' : 'Not at all');
    await page.getByRole('button', { name: 'Save and continue' }).click();
    await expect(page).toHaveURL('/my/assessments/phq9/2');

    // The draft is kept between pages: back to page 1, the answers are still chosen.
    await page.getByRole('link', { name: 'Back' }).click();
    await expect(
      page.getByRole('group', { name: /^1\. / }).getByLabel('Several days', { exact: true }),
    ).toBeChecked();
    await page.getByRole('button', { name: 'Save and continue' }).click();

    for (const n of [6, 7, 8]) await answer(page, n, 'Not at all');
    await answer(page, 9, 'Several days');
    await page.getByRole('button', { name: 'Send my answers' }).click();

    await expect(page).toHaveURL(/\/my\/assessments\/result\/[0-9a-f-]{36}$/);
    const crisis = page.locator('.harbour-crisis');
    await expect(crisis).toBeVisible();
    await expect(crisis.getByRole('link', { name: 'Call Samaritans on 116 123' })).toHaveAttribute(
      'href',
      'tel:116123',
    );
    await expect(crisis.getByRole('link', { name: 'Call 999' })).toHaveAttribute('href', 'tel:999');
    await expect(crisis.getByRole('link', { name: /Call your drug service on 0300 555 0142/ })).toBeVisible();
    await expect(page.locator('main')).toContainText('Your score is 2 out of 27');

    // Sam, his keyworker, sees the submission in Dean's record, marked urgent.
    const sam = await staffToken(SAM);
    const found = await mutate<{ results: { personId: string; displayName: string }[] }>(
      'people.search',
      { query: 'Dean Walsh' },
      sam,
    );
    const dean = found.results[0];
    expect(dean).toBeDefined();
    const submissions = await query<{ instrumentId: string; urgent: boolean; taskPending: boolean }[]>(
      'person.selfAssessments',
      { personId: dean?.personId },
      sam,
    );
    expect(submissions[0]).toMatchObject({ instrumentId: 'phq9', urgent: true, taskPending: false });
    // And his team has the same-day task on its Team tasks page (the page's own query), for Sam, urgent.
    const teamTasks = await sameDayTasks(sam);
    const forDean = teamTasks.filter(
      (t) => t.personId === dean?.personId && t.kind === 'self_assessment_contact',
    );
    expect(forDean).toHaveLength(1);
    expect(forDean[0]).toMatchObject({
      sameDay: true,
      priority: 'urgent',
      assigneeName: 'Sam Carter',
      why: expect.stringContaining('Make contact today'),
    });
  });

  test('the anonymous check gives advice at once and stores nothing; "contact me" reaches the duty queue', async ({
    page,
    context,
  }) => {
    const sam = await staffToken(SAM);
    const queue = () =>
      query<{ name: string; urgent: boolean }[]>('caseload.contactRequests', undefined, sam);
    const before = (await queue()).length;

    await page.goto('/');
    await page.getByRole('link', { name: 'Check your risk of overdose' }).click();
    await expect(page).toHaveURL('/check');
    const otherwise: Record<number, string> = {
      8: 'No, someone is nearly always with me',
      9: 'No, never',
      13: 'Yes',
    };
    for (let n = 1; n <= 14; n++) await answer(page, n, otherwise[n] ?? 'No');
    // Question 9: an overdose in the last 7 days (urgent).
    await answer(page, 9, 'Yes, in the last 7 days');
    await page.getByRole('button', { name: 'Get my tips' }).click();

    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your tips to stay safer');
    await expect(page.locator('.harbour-crisis')).toBeVisible();
    await expect(page.locator('main')).toContainText(/naloxone/i);
    await expect(page.locator('main')).toContainText('We have not kept your answers.');
    // Nothing kept: no cookie, and nothing in the duty queue.
    expect(await context.cookies()).toEqual([]);
    expect((await queue()).length).toBe(before);

    // Asking to be phoned: a bad number is refused plainly; then it reaches the duty queue, urgent.
    await page.getByLabel('Your first name, or a name we can call you').fill('Kay');
    await page.getByLabel('Your phone number').fill('12');
    await page.getByLabel(/I agree that someone/).check();
    await page.getByRole('button', { name: 'Ask someone to contact me' }).click();
    await expect(page.locator('.nhsuk-error-summary')).toContainText('Enter a UK phone number');
    expect((await queue()).length).toBe(before);
    await page.getByLabel('Your phone number').fill('07700 900123');
    await page.getByLabel(/I agree that someone/).check();
    await page.getByRole('button', { name: 'Ask someone to contact me' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('We have your request');
    const after = await queue();
    expect(after.length).toBe(before + 1);
    // Other tests' requests may be on the queue too: Kay's is there, urgent.
    expect(after.find((q) => q.name === 'Kay')).toMatchObject({ name: 'Kay', urgent: true });
    // The duty queue is the duty team's list (Sam's, in the demo): a same-day task about no one, to call Kay.
    const duty = (await sameDayTasks(sam)).filter((t) => t.kind === 'contact_request');
    expect(duty.filter((t) => t.callBack?.name === 'Kay')).toHaveLength(1);
    expect(duty.find((t) => t.callBack?.name === 'Kay')).toMatchObject({
      personId: null,
      sameDay: true,
      priority: 'urgent',
      callBack: { name: 'Kay', phone: '07700900123' },
    });
  });
});
