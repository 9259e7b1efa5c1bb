import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

// The pharmacy-day benchmark (docs/performance.md "A day at the pharmacy"): the browser tests' servers, set up
// the same way, except that the demo organisation is loaded first with 30 current plans at each demo pharmacy.
// Run it with `pnpm --filter @harbour/staff bench:pharmacy-day` after `pnpm --filter @harbour/staff build`.
const [api, portal] = Array.isArray(base.webServer) ? base.webServer : [];
if (api === undefined || portal === undefined) throw new Error('playwright.config.ts names two web servers');

export default defineConfig({
  ...base,
  testDir: 'bench',
  testMatch: '**/*.bench.ts',
  // A benchmark reports its figures; it sets no time limit of its own beyond this safety net.
  timeout: 600_000,
  webServer: [
    {
      ...api,
      command:
        'pnpm --filter @harbour/db demo:load --plans-per-pharmacy=30 && pnpm --filter @harbour/server start',
      timeout: 300_000,
    },
    portal,
  ],
});
