import { randomBytes } from 'node:crypto';

// The settings both portals' browser tests share (apps/*/playwright.config.ts spread them in), so the runner's
// behaviour and the Chromium flags these machines need stay the same in both.

/**
 * A fresh secret for the API and the portal to share (HARBOUR_PORTAL_SECRET) for one run of the tests, as
 * `npm start` makes one for each start: there is no fixed secret to leak.
 */
export function newPortalSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** How the tests run: one worker, in order, no retries and no `.only` (a focused test fails the run). */
export const e2eRunner = {
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']] as [string][],
};

/** The browser context: British English, London time, a trace kept only when a test fails. */
export const e2eContext = {
  locale: 'en-GB',
  timezoneId: 'Europe/London',
  trace: 'retain-on-failure' as const,
  launchOptions: {
    // Debian's Chromium; never `playwright install` (no downloads on these machines). Without the
    // background-networking flags Chromium keeps trying Google's hosts, which this network refuses.
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};
