// Runs an app's browser tests (`pnpm test:e2e` in apps/staff or apps/selfcheck, on Node 24 through pnpm).
// Finds Chromium (CHROMIUM_PATH, else Debian's /usr/bin/chromium). Without one the tests are skipped with one
// line, except under CI=true where browser tests are required and a missing browser fails the run.
// Gives the run a fresh, empty data folder for the API server (HARBOUR_E2E_DATA_DIR, which the app's
// playwright.config.ts passes on as DATA_DIR) and removes it when the run ends.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ci = process.env.CI === 'true';

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

if (!isExecutable(chromium)) {
  const fix = 'install it with `apt-get install -y chromium` or set CHROMIUM_PATH';
  if (!ci) {
    console.log(`browser tests skipped: no Chromium at ${chromium}; ${fix}`);
    process.exit(0);
  }
  console.error(`browser tests failed: no Chromium at ${chromium}, and CI=true requires them; ${fix}`);
  process.exit(1);
}

const dataDir = mkdtempSync(join(tmpdir(), 'harbour-e2e-'));
const removeDataDir = (): void => rmSync(dataDir, { recursive: true, force: true });

// Never `playwright install`: the tests drive the system Chromium.
const child = spawn('pnpm', ['exec', 'playwright', 'test', ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: 'inherit',
  env: { ...process.env, CHROMIUM_PATH: chromium, HARBOUR_E2E_DATA_DIR: dataDir },
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}

child.on('error', (error) => {
  console.error(`browser tests failed: could not run playwright (${error.message})`);
  removeDataDir();
  process.exit(1);
});

child.on('exit', (code, signal) => {
  removeDataDir();
  process.exit(code ?? (signal ? 1 : 0));
});
