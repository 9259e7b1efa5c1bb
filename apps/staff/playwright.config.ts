import { defineConfig, devices } from '@playwright/test';
import { e2eContext, e2eRunner, newPortalSecret } from '../../tooling/scripts/playwright-base.ts';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { API_PORT, apiUrl, PORTAL_PORT, portalHeaders, portalUrl } from './e2e/servers.ts';

// Browser tests of the built staff portal against a real API server on a fresh demo database.
// Run them with `pnpm test:e2e` (tooling/scripts/e2e.ts finds Chromium and makes the data folder).
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = process.env.HARBOUR_E2E_DATA_DIR ?? join(tmpdir(), `harbour-e2e-staff-${Date.now()}`);

// Shared by the API and the portal below, so the API trusts the address the portal names (portal-secret.ts).
const portalSecret = newPortalSecret();

export default defineConfig({
  ...e2eRunner,
  use: {
    ...devices['Desktop Chrome'],
    baseURL: portalUrl,
    ...e2eContext,
    extraHTTPHeaders: portalHeaders,
  },
  webServer: [
    {
      // The API, on an empty embedded database: it loads the demo organisation first (~15–30 s on 2 cores).
      // HARBOUR_DEV_IDENTITY=1 gives the tests the demo accounts' authenticator codes (/dev/second-factor) and
      // lets them age sessions (/dev/age-sessions); the portal itself signs in like any browser.
      command: 'pnpm --filter @harbour/server start',
      cwd: repoRoot,
      url: `${apiUrl}/readyz`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
      env: {
        HOST: '127.0.0.1',
        PORT: String(API_PORT),
        DATA_DIR: dataDir,
        HARBOUR_DEV_IDENTITY: '1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'test',
        HARBOUR_PORTAL_SECRET: portalSecret,
      },
    },
    {
      // The built portal (`pnpm build` first; turbo's test:e2e depends on build).
      command: 'pnpm start',
      url: `${portalUrl}/`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      env: {
        HOST: '127.0.0.1',
        PORT: String(PORTAL_PORT),
        HARBOUR_API_URL: apiUrl,
        HARBOUR_PORTAL_SECRET: portalSecret,
        // adapter-node takes the portal's own origin to be https://<host> unless a header says otherwise (there is
        // no ORIGIN setting since adapter-node 6). These tests use plain HTTP, so the browser names the protocol
        // in a header (`portalHeaders`); SvelteKit's CSRF check compares a form post's Origin with that origin.
        PROTOCOL_HEADER: 'x-forwarded-proto',
      },
    },
  ],
});
