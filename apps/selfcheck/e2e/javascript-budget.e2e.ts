import { expect, test, type Page, type Response } from '@playwright/test';
import { gzipSync } from 'node:zlib';
import { codeUsed, freshCode, mutate, query, staffToken } from './api.ts';
import { signIn } from './helpers.ts';
import { DEAN, DEMO_PASSPHRASE } from './servers.ts';

// The benchmark of the JavaScript each self-check page sends (issue 11: goal 30 KB gzip or less; none is best),
// quoted in docs/performance.md. A real browser loads every page a person sees, booking pages included, and
// every response that is a script (by content type or an inline <script>) is counted and gzipped. Rerun with
// `pnpm --filter @harbour/selfcheck test:e2e e2e/javascript-budget.e2e.ts`; the table is printed.
const BUDGET_GZIP_BYTES = 30 * 1024;

interface Measured {
  path: string;
  files: number;
  bytes: number;
  gzip: number;
}

async function measure(page: Page, path: string): Promise<Measured> {
  const bodies: Buffer[] = [];
  const onResponse = async (response: Response) => {
    const type = response.headers()['content-type'] ?? '';
    if (type.includes('javascript')) bodies.push(await response.body());
  };
  page.on('response', onResponse);
  await page.goto(path, { waitUntil: 'networkidle' });
  page.off('response', onResponse);
  const inline = await page.locator('script').evaluateAll((scripts) => scripts.map((s) => s.textContent));
  for (const text of inline) bodies.push(Buffer.from(text ?? ''));
  const all = Buffer.concat(bodies);
  return {
    path,
    files: bodies.length,
    bytes: all.length,
    gzip: bodies.length === 0 ? 0 : gzipSync(all).length,
  };
}

test('every self-check page sends at most 30 KB of JavaScript (gzip); none is best', async ({ page }) => {
  test.setTimeout(120_000);
  // A session to book, so that the booking pages exist.
  const token = await staffToken('priya@northshire-recovery-partnership.example');
  const me = await query<{ staffId: string }>('caseload.me', undefined, token);
  const { id: clinicId } = await mutate<{ id: string }>(
    'clinics.createClinic',
    { name: 'Budget clinic', place: 'Harbour Clinic, Mill Road' },
    token,
  );
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
    new Date(Date.now() + 9 * 86_400_000),
  );
  await mutate(
    'clinics.createSession',
    {
      clinicId,
      date,
      startTime: '12:00',
      endTime: '13:00',
      slotMinutes: 30,
      capacity: 1,
      checks: ['liver_function_tests'],
      staffIds: [me.staffId],
    },
    token,
  );

  const results: Measured[] = [];
  for (const path of ['/', '/check', '/sign-in', '/activate']) results.push(await measure(page, path));
  await signIn(page, { username: DEAN, passphrase: DEMO_PASSPHRASE }, await freshCode('service_user', DEAN));
  codeUsed('service_user', DEAN);
  await expect(page).toHaveURL('/my');
  for (const path of [
    '/my',
    '/my/assessments',
    '/my/who-looked',
    '/my/health',
    '/my/health/book/liver_function_tests',
  ])
    results.push(await measure(page, path));
  await page
    .getByRole('group', { name: /Choose a time/ })
    .getByRole('radio')
    .first()
    .check();
  await page.getByRole('button', { name: 'Book this time' }).click();
  await expect(page.getByRole('status')).toHaveText('You are booked in');
  const booking = new URL(page.url()).pathname;
  for (const path of [booking, `${booking}/change`, `${booking}/cancel`])
    results.push(await measure(page, path));

  const table = results
    .map((r) => `| ${r.path.replace(/[0-9a-f-]{36}/, '[id]')} | ${r.files} | ${r.bytes} | ${r.gzip} |`)
    .join('\n');
  process.stdout.write(`| page | scripts | bytes | gzip bytes |\n| --- | --- | --- | --- |\n${table}\n`);
  for (const r of results) expect(r.gzip, r.path).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
});
