import { defineConfig, devices } from '@playwright/test';
import { PORTAL_PORT, portalUrl } from './e2e/servers.ts';

// Browser tests of the built self-check portal. Run them with `pnpm test:e2e` (tooling/scripts/e2e.ts finds
// Chromium). The home page needs no API yet, so only the portal is started.
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.e2e.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: portalUrl,
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium; never `playwright install` (no downloads on these machines).
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
  },
  webServer: [
    {
      // The built portal (`pnpm build` first; turbo's test:e2e depends on build).
      command: 'pnpm start',
      url: `${portalUrl}/`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      env: { HOST: '127.0.0.1', PORT: String(PORTAL_PORT) },
    },
  ],
});
