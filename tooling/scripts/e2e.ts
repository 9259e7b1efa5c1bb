// Runs an app's browser tests (`pnpm test:e2e` in apps/staff or apps/selfcheck, on Node 24 through pnpm).
// Finds Chromium (CHROMIUM_PATH, else Debian's /usr/bin/chromium). Without one the tests are skipped with one
// line, except under CI=true where browser tests are required and a missing browser fails the run.
// Gives the run a fresh, empty data folder for the API server (HARBOUR_E2E_DATA_DIR, which the app's
// playwright.config.ts passes on as DATA_DIR) inside a temporary folder that also holds its lock file, and removes
// it when the run ends: only once every process of the run has exited and no live process holds that lock.
// Ctrl-C / SIGTERM / SIGHUP reach playwright itself, as the SIGINT it stops on gracefully (closing its web servers;
// on SIGTERM it would die and leave them running). The run's exit status is playwright's, or 128 + the signal's
// number when a signal stopped the run.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
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

const runDir = mkdtempSync(join(tmpdir(), 'harbour-e2e-'));
const dataDir = join(runDir, 'pglite');
const lockFile = `${dataDir}.harbour.lock`;

/** `/proc/<pid>/stat` fields from the state on (field 3), or null without /proc or that process. */
function procStat(pid: string | number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** True while `pid` is a running process (a zombie has exited: it only waits for its parent). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return procStat(pid)?.[0] !== 'Z';
}

/** True while any process of process group `pgid` is running. */
function groupRunning(pgid: number): boolean {
  if (!existsSync('/proc/self/stat')) {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  }
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .some((pid) => {
      const fields = procStat(pid);
      return fields !== null && fields[0] !== 'Z' && fields[2] === String(pgid);
    });
}

/** The pid named by the API server's lock on the data folder while that process runs, else null. */
function lockHolder(): number | null {
  let text: string;
  try {
    text = readFileSync(lockFile, 'utf8');
  } catch {
    return null;
  }
  const pid = Number(/"pid":\s*(\d+)/.exec(text)?.[1] ?? text.trim());
  return Number.isInteger(pid) && pid > 0 && isRunning(pid) ? pid : null;
}

async function waitUntil(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return true;
}

/** Removes the run's folder, unless a process still uses its database (then says so and leaves it). */
function removeRunDir(): void {
  const holder = lockHolder();
  if (holder !== null) {
    console.error(
      `browser tests: the API server (pid ${holder}) still uses ${dataDir}; leaving ${runDir} in place.`,
    );
    return;
  }
  rmSync(runDir, { recursive: true, force: true });
}

// Never `playwright install`: the tests drive the system Chromium. `pnpm exec` runs playwright through a shell
// shim (pnpm → sh → node), so the child gets a process group of its own and signals go to the whole group: a
// signal to pnpm alone would never reach playwright, which would leave its servers running on the data folder.
const child = spawn('pnpm', ['exec', 'playwright', 'test', ...process.argv.slice(2)], {
  cwd: process.cwd(),
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, CHROMIUM_PATH: chromium, HARBOUR_E2E_DATA_DIR: dataDir },
  detached: true,
});
const group = child.pid;

function signalGroup(signal: NodeJS.Signals): void {
  if (group === undefined) return;
  try {
    process.kill(-group, signal);
  } catch {
    // the group has gone
  }
}

let stoppedBy: NodeJS.Signals | null = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    stoppedBy ??= signal;
    // Playwright stops gracefully on SIGINT (on SIGTERM it dies and leaves its web servers running); a second
    // SIGINT makes it kill them at once.
    signalGroup('SIGINT');
  });
}

child.on('error', (error) => {
  console.error(`browser tests failed: could not run playwright (${error.message})`);
  removeRunDir();
  process.exit(1);
});

child.on('exit', (code, signal) => {
  void (async () => {
    // pnpm may exit before the playwright it started; playwright stops its web servers (up to 10 s) before it exits.
    if (group !== undefined && !(await waitUntil(() => !groupRunning(group), 20_000))) {
      console.error('browser tests: playwright did not exit; killing it.');
      signalGroup('SIGKILL');
      await waitUntil(() => !groupRunning(group), 5_000);
    }
    // Should the API server have outlived playwright, stop it: its lock, in this run's own folder, names it.
    const server = lockHolder();
    if (server !== null && !(await waitUntil(() => lockHolder() === null, 2_000))) {
      console.error(`browser tests: stopping the API server (pid ${server}) that playwright left running.`);
      try {
        process.kill(server, 'SIGTERM');
      } catch {
        // it has just gone
      }
      await waitUntil(() => lockHolder() === null, 15_000);
    }
    removeRunDir();
    const status = (ended: NodeJS.Signals | null): number | null =>
      ended === null ? null : 128 + osConstants.signals[ended];
    process.exit(status(stoppedBy) ?? code ?? status(signal) ?? 1);
  })();
});
