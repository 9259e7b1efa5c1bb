import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadavg } from 'node:os';
import { signedInAs } from '../e2e/helpers.ts';
import { staff } from '../e2e/servers.ts';

// A day at the pharmacy, timed (issue 10: "a day can be completed in under a minute for 30 people"). A
// benchmark, not a test with a time limit: it records the whole of a day's list the intended way and reports how
// long that took, how many interactions each person needed, and how long the page took to answer each one.
// The demo organisation is loaded with 30 current plans at each demo pharmacy (playwright.bench.config.ts):
// synthetic people, all due today. Run twice, at the two demo pharmacies so that each starts with nothing
// recorded: Tom at Quayside Pharmacy with JavaScript and a tap (click) per person; James White at the second
// pharmacy with JavaScript off and the keyboard, Enter on the button the page has put the focus on.

const PEOPLE = 30;

type Way = 'tap' | 'keyboard';
type Outcome = 'first button' | 'missed' | 'withheld';

/** What the pharmacist records for the person at `index`: mostly the row's first button, a few misses, one withheld. */
function outcomeFor(index: number): Outcome {
  if (index === 11) return 'withheld';
  return index % 10 === 4 ? 'missed' : 'first button';
}

interface Recording {
  outcome: Outcome;
  /** The row's first button's words, for the figures (what "first button" meant for this person). */
  button: string;
  interactions: number;
  /** From the interaction that submits to the next page's load event: what the pharmacist waits for. */
  responseMs: number;
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

/**
 * Submits with `submit` and waits for the list to come back with this person recorded: a new page loaded without
 * JavaScript; with it, the list redrawn in place (the form is enhanced) and the focus moved on.
 */
async function timed(page: Page, personId: string, submit: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('done') === personId, { waitUntil: 'load' }),
    submit(),
  ]);
  await page.locator(`li#person-${personId}.person--done`).waitFor({ state: 'attached' });
  await page.getByRole('status').waitFor({ state: 'attached' });
  return performance.now() - started;
}

async function recordOne(page: Page, row: Locator, index: number, way: Way): Promise<Recording> {
  const personId = ((await row.getAttribute('id')) ?? '').replace(/^person-/, '');
  const buttons = row.locator('form.actions > button');
  const first = buttons.first();
  const button = ((await first.textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const outcome = outcomeFor(index);
  const canMiss = (await row.getByRole('button', { name: /^(Missed|Did not come):/ }).count()) > 0;
  const canWithhold = (await row.locator('details.withhold').count()) > 0;
  const focused = await first.evaluate((element) => element === document.activeElement);
  if (way === 'keyboard' && index > 0)
    // The page moves the focus to the next person after each recording: Enter is then all it takes.
    expect(focused, `the focus is on person ${index + 1}'s first button`).toBe(true);

  if (outcome === 'withheld' && canWithhold) {
    // Open "Withhold: intoxicated", say what was seen, withhold: three interactions, by design.
    await row.locator('details.withhold summary').click();
    await row.getByLabel('What you saw').fill('Smelt of alcohol and unsteady on his feet.');
    const responseMs = await timed(page, personId, () =>
      row.getByRole('button', { name: /^Withhold the dose:/ }).click(),
    );
    return { outcome, button, interactions: 3, responseMs };
  }
  if (outcome === 'missed' && canMiss) {
    const missed = row.getByRole('button', { name: /^(Missed|Did not come):/ });
    if (way === 'tap' || !focused) {
      const responseMs = await timed(page, personId, () => missed.click());
      return { outcome, button, interactions: 1, responseMs };
    }
    // From the focused first button: Tab to "Missed", then Enter.
    await page.keyboard.press('Tab');
    await expect(missed).toBeFocused();
    const responseMs = await timed(page, personId, () => page.keyboard.press('Enter'));
    return { outcome, button, interactions: 2, responseMs };
  }
  const responseMs =
    way === 'keyboard' && focused
      ? await timed(page, personId, () => page.keyboard.press('Enter'))
      : await timed(page, personId, () => first.click());
  return { outcome: 'first button', button, interactions: 1, responseMs };
}

async function recordTheDay(page: Page, email: string, way: Way, label: string): Promise<void> {
  await signedInAs(page, email);
  await page.goto('/pharmacy');
  const rows = page.locator('li.person');
  await expect(rows).toHaveCount(PEOPLE);
  await expect(page.locator('li.person--done')).toHaveCount(0);
  const ids = await rows.evaluateAll((items) => items.map((item) => item.id));

  const recordings: Recording[] = [];
  const started = performance.now();
  for (const [index, id] of ids.entries())
    recordings.push(await recordOne(page, page.locator(`li#${id}`), index, way));
  const elapsedMs = performance.now() - started;

  // Every person recorded, once: the list shows each as done, and the last answer says so.
  await expect(page.locator('li.person--done')).toHaveCount(PEOPLE);
  await expect(page.getByRole('status')).toContainText('Everyone is recorded for today.');

  const times = recordings.map((r) => r.responseMs).sort((a, b) => a - b);
  const interactions = recordings.map((r) => r.interactions);
  const count = (outcome: Outcome) => recordings.filter((r) => r.outcome === outcome).length;
  const buttons = new Map<string, number>();
  for (const r of recordings.filter((r) => r.outcome === 'first button'))
    buttons.set(r.button, (buttons.get(r.button) ?? 0) + 1);
  const ms = (value: number) => `${Math.round(value)} ms`;
  const lines = [
    `pharmacy day: ${label}`,
    `  people recorded:           ${recordings.length}`,
    `  outcomes:                  ${[...buttons].map(([b, n]) => `${n} × "${b}"`).join(', ')}, ` +
      `${count('missed')} × missed, ${count('withheld')} × withheld (intoxicated)`,
    `  interactions per person:   ${interactions.filter((n) => n === 1).length} people 1, ` +
      `${interactions.filter((n) => n === 2).length} people 2, ${interactions.filter((n) => n === 3).length} people 3; ` +
      `${interactions.reduce((a, b) => a + b, 0)} in all`,
    `  page response per recording (interaction to the next page loaded):`,
    `    median ${ms(quantile(times, 0.5))}, 95th percentile ${ms(quantile(times, 0.95))}, ` +
      `max ${ms(times.at(-1) ?? Number.NaN)}, total ${ms(times.reduce((a, b) => a + b, 0))}`,
    `  wall clock, first interaction to the last answer: ${(elapsedMs / 1000).toFixed(1)} s`,
    `  machine load average (1 min) at the end: ${(loadavg()[0] ?? 0).toFixed(1)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  test.info().annotations.push({ type: 'figures', description: lines.join('\n') });
}

test.describe('with JavaScript, a tap each', () => {
  test('Tom records a whole day for 30 people at Quayside Pharmacy', async ({ page }) => {
    await recordTheDay(page, staff.tom, 'tap', 'JavaScript on, a tap (click) per person');
  });
});

test.describe('without JavaScript, by keyboard', () => {
  test.use({ javaScriptEnabled: false });
  test('James White records a whole day for 30 people at Castle Chemist', async ({ page }) => {
    await recordTheDay(page, staff.james, 'keyboard', 'JavaScript off, Enter on the focused button');
  });
});
