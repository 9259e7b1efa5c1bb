import { defineConfig, devices } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { e2eContext, e2eRunner, newPortalSecret } from '../../tooling/scripts/playwright-base.ts';
import { API_PORT, apiUrl, PORTAL_PORT, portalUrl } from './e2e/servers.ts';

// Browser tests of the built self-check portal against a real API server on a fresh demo database.
// Run them with `pnpm test:e2e` (tooling/scripts/e2e.ts finds Chromium and makes the data folder).
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = process.env.HARBOUR_E2E_DATA_DIR ?? join(tmpdir(), `harbour-e2e-selfcheck-${Date.now()}`);

// Shared by the API and the portal below, so the API trusts the address the portal names (portal-secret.ts).
const portalSecret = newPortalSecret();

export default defineConfig({
  ...e2eRunner,
  use: {
    ...devices['Desktop Chrome'],
    baseURL: portalUrl,
    ...e2eContext,
    // What a TLS proxy in front of the portal would say; here the site is plain http (see the portal's env).
    extraHTTPHeaders: { 'x-forwarded-proto': 'http' },
  },
  webServer: [
    {
      // The API, on an empty embedded database: it loads the demo organisation first (~15–30 s on 2 cores).
      // HARBOUR_DEV_IDENTITY=1 turns on /dev/second-factor, which gives the tests the demo accounts' codes.
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
      // adapter-node takes the site to be https:// unless a proxy's header says otherwise (in production the
      // TLS proxy in front sets X-Forwarded-Proto). Here the browser plays that proxy and says http (see `use`
      // above): otherwise the portal would refuse its own pages' form posts from http://127.0.0.1 as cross-site.
      env: {
        HOST: '127.0.0.1',
        PORT: String(PORTAL_PORT),
        PROTOCOL_HEADER: 'x-forwarded-proto',
        HARBOUR_API_URL: apiUrl,
        HARBOUR_PORTAL_SECRET: portalSecret,
        // The demo organisation answers the anonymous check's "ask someone to contact me".
        HARBOUR_CHECK_SERVICE: 'NRP01',
        HARBOUR_SERVICE_PHONE: '0300 555 0142',
      },
    },
  ],
});
