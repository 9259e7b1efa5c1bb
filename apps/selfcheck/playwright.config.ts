import { defineConfig, devices } from '@playwright/test';
import { e2eContext, e2eRunner } from '../../tooling/scripts/playwright-base.ts';
import { PORTAL_PORT, portalUrl } from './e2e/servers.ts';

// Browser tests of the built self-check portal. Run them with `pnpm test:e2e` (tooling/scripts/e2e.ts finds
// Chromium). The home page needs no API yet, so only the portal is started.
export default defineConfig({
  ...e2eRunner,
  use: {
    ...devices['Desktop Chrome'],
    baseURL: portalUrl,
    ...e2eContext,
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
