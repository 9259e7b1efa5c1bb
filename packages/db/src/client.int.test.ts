import { isDomainError } from '@harbour/domain/errors';
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, rowsOf } from './client.ts';
import { acquireDataDirLock } from './data-dir-lock.ts';
import { testDatabases } from './testing/databases.ts';
import { loadDemoIfEmpty } from './demo/demo.ts';
import { person } from './schema/person.ts';

const lockModule = new URL('./data-dir-lock.ts', import.meta.url).href;

describe.each(testDatabases())('migrations ($name)', ({ open }) => {
  it('create every table, and applying them again changes nothing', async () => {
    const handle = await open();
    await handle.migrate();
    const tables = rowsOf<{ table_name: string }>(
      await handle.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
      ),
    ).map((r) => r.table_name);
    expect(tables).toEqual([
      'activation_code',
      'audit_event',
      'auth_session',
      'booking',
      'booking_version',
      'break_glass_grant',
      'caldicott_alert',
      'clinic',
      'clinic_session',
      'clinic_slot',
      'clinical_event',
      'clinical_event_version',
      'contact_request',
      'dispensing',
      'health_entry',
      'health_entry_version',
      'organisation',
      'ost_alert',
      'ost_plan',
      'ost_plan_version',
      'overdose_protocol_version',
      'person',
      'person_fact',
      'person_fact_version',
      'person_state',
      'pharmacy',
      'pharmacy_membership',
      'recovery_code',
      'refusal_throttle',
      'reminder_outbox',
      'risk_score_history',
      'self_assessment',
      'service',
      'service_user_account',
      'sign_in_throttle',
      'staff',
      'staff_competency',
      'staff_credential',
      'task',
      'team',
      'team_membership',
      'treatment_episode',
    ]);
    await handle.close();
  });

  it('store the assessment compressed with lz4 where the server has it (PostgreSQL), the default on PGlite', async () => {
    const handle = await open();
    const [column] = rowsOf<{ compression: string }>(
      await handle.db.execute(
        sql`select attcompression::text as compression from pg_attribute
            where attrelid = 'person_state'::regclass and attname = 'risk_assessment'`,
      ),
    );
    expect(column?.compression).toBe(handle.kind === 'postgres' ? 'l' : '');
    await handle.close();
  });

  it('enforce the episode rules in the database too (no discharge without an end date)', async () => {
    const handle = await open();
    const error = await handle.db
      .execute(
        sql`insert into treatment_episode (id, organisation_id, person_id, service_id, team_id, status, referred_on) values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'discharged', '2026-01-01')`,
      )
      .catch((e: unknown) => e);
    // The check constraint runs before the foreign keys are looked at.
    expect(String((error as Error).cause)).toMatch(/episode_discharge_complete/);
    await handle.close();
  });
});

describe('the embedded database (PGlite data folder)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harbour-pglite-'));
  const dataDir = join(dir, 'pglite');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the demo organisation once and keeps it across restarts', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir });
    await first.migrate();
    const loaded = await loadDemoIfEmpty(first.db, '2026-11-23');
    expect(loaded?.people).toBe(1500);
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir });
    await second.migrate();
    expect(await loadDemoIfEmpty(second.db, '2026-11-23')).toBeNull();
    const [count] = await second.db.select({ n: sql<number>`count(*)::int` }).from(person);
    expect(count?.n).toBe(1500);
    await second.close();
  }, 120_000);

  it('refuses a second opener while the folder is in use, and says why', async () => {
    const holder = await openDatabase({ kind: 'pglite', dataDir });
    const error = await openDatabase({ kind: 'pglite', dataDir }).catch((e: unknown) => e);
    expect(isDomainError(error) && error.message).toMatch(
      new RegExp(`in use by another Harbour process \\(pid ${process.pid}\\)`),
    );
    await holder.close();
    expect(existsSync(`${dataDir}.harbour.lock`)).toBe(false);
  });

  it('takes over a lock left by a process that has died', async () => {
    writeFileSync(`${dataDir}.harbour.lock`, String(await deadPid())); // the old, pid-only format
    const handle = await openDatabase({ kind: 'pglite', dataDir });
    expect(lockHolder(dataDir).pid).toBe(process.pid);
    await handle.close();
    expect(existsSync(`${dataDir}.harbour.lock`)).toBe(false);
  });
});

/** The pid of a process that has certainly exited (pid_max can be large, so a made-up pid may be live). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.on('exit', resolve));
  expect(child.pid).toBeGreaterThan(0);
  return child.pid ?? 0;
}

function lockHolder(dataDir: string): { pid: number; start: string | null; token: string } {
  return JSON.parse(readFileSync(`${dataDir}.harbour.lock`, 'utf8')) as never;
}

function staleLock(pid: number, start: string | null = null): string {
  return JSON.stringify({ pid, start, token: randomUUID() });
}

/** Runs `count` processes that each try to take the lock at the same moment; returns what each said. */
async function race(dataDir: string, count: number): Promise<{ pid: number; said: string }[]> {
  const script = `
    const { acquireDataDirLock } = await import(process.env.LOCK_MODULE);
    process.stdin.setEncoding('utf8');
    process.stdin.on('end', () => process.exit(0));
    process.stdin.once('data', () => {
      let said = 'won';
      try { acquireDataDirLock(process.env.LOCK_DATA_DIR); } catch (error) { said = 'lost: ' + error.message; }
      process.stdout.write(said + '\\n');
    });
    process.stdout.write('ready\\n');`;
  const racers = Array.from({ length: count }, () =>
    spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, LOCK_MODULE: lockModule, LOCK_DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'inherit'],
    }),
  );
  const lines = racers.map((racer) => createInterface({ input: racer.stdout })[Symbol.asyncIterator]());
  const nextLine = async (it: AsyncIterator<string>): Promise<string> => {
    const line = await it.next();
    return line.done ? '(exited)' : line.value;
  };
  try {
    expect(await Promise.all(lines.map(nextLine))).toEqual(racers.map(() => 'ready'));
    for (const racer of racers) racer.stdin.write('go\n');
    const said = await Promise.all(lines.map(nextLine));
    return racers.map((racer, i) => ({ pid: racer.pid ?? 0, said: said[i] ?? '' }));
  } finally {
    // The racers exit without releasing: the winner's lock is left behind, stale, for the next round.
    await Promise.all(
      racers.map(async (racer) => {
        const exited = new Promise((resolve) => racer.on('exit', resolve));
        racer.stdin.end();
        await exited;
      }),
    );
  }
}

describe('the data folder lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'harbour-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const leftovers = (name: string): string[] =>
    readdirSync(dir).filter((file) => file.startsWith(`${name}.harbour.lock.`));

  it('lets exactly one of several processes take over a stale lock, every time', async () => {
    const dataDir = join(dir, 'raced');
    mkdirSync(dataDir);
    const rounds = [
      // the old pid-only format
      async () => writeFileSync(`${dataDir}.harbour.lock`, String(await deadPid())),
      // with a takeover claim left by a process that died part-way through taking over
      async () => {
        const stale = staleLock(await deadPid());
        writeFileSync(`${dataDir}.harbour.lock`, stale);
        const digest = createHash('sha256').update(stale).digest('hex').slice(0, 16);
        writeFileSync(`${dataDir}.harbour.lock.takeover-${digest}.0`, staleLock(await deadPid()));
      },
      // the previous round's winner has exited without releasing
      async () => undefined,
      async () => undefined,
      async () => undefined,
    ];
    for (const prepare of rounds) {
      await prepare();
      const results = await race(dataDir, 6);
      const winners = results.filter((r) => r.said === 'won');
      expect(winners, JSON.stringify(results)).toHaveLength(1);
      const winner = winners[0]?.pid;
      expect(lockHolder(dataDir).pid).toBe(winner);
      for (const loser of results.filter((r) => r.said !== 'won'))
        expect(loser.said).toContain(`in use by another Harbour process (pid ${winner})`);
      expect(leftovers('raced')).toEqual([]);
    }
  }, 20_000);

  it('treats a lock naming our own pid as stale unless this process holds it (pids repeat after a restart)', () => {
    const dataDir = join(dir, 'restarted');
    writeFileSync(`${dataDir}.harbour.lock`, staleLock(process.pid));
    const lock = acquireDataDirLock(dataDir);
    expect(lockHolder(dataDir).pid).toBe(process.pid);
    // Now that this process holds it, a second taker in the same process is refused.
    expect(() => acquireDataDirLock(dataDir)).toThrow(
      `in use by another Harbour process (pid ${process.pid})`,
    );
    lock.release();
    writeFileSync(`${dataDir}.harbour.lock`, String(process.pid)); // the old format: never ours
    acquireDataDirLock(dataDir).release();
    expect(existsSync(`${dataDir}.harbour.lock`)).toBe(false);
  });

  it.runIf(existsSync('/proc/self/stat'))('recognises a reused pid by the process start time', () => {
    const dataDir = join(dir, 'reused');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      const pid = other.pid ?? 0;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
      writeFileSync(`${dataDir}.harbour.lock`, staleLock(pid, start));
      expect(() => acquireDataDirLock(dataDir)).toThrow(`in use by another Harbour process (pid ${pid})`);
      // The same pid with another start time is another process: the holder has gone.
      writeFileSync(`${dataDir}.harbour.lock`, staleLock(pid, `${start}0`));
      acquireDataDirLock(dataDir).release();
    } finally {
      other.kill();
    }
  });

  it('refuses, and says why, when the lock file is empty or not a Harbour lock', () => {
    const dataDir = join(dir, 'garbled');
    for (const [content, why] of [
      ['', 'empty'],
      ['not a lock', 'unknown content'],
      ['{"pid":0}', 'unknown content'],
    ]) {
      writeFileSync(`${dataDir}.harbour.lock`, content ?? '');
      expect(() => acquireDataDirLock(dataDir)).toThrow(
        `cannot be read as a Harbour lock (${why}). If no Harbour process is using the folder, delete that file`,
      );
      expect(readFileSync(`${dataDir}.harbour.lock`, 'utf8')).toBe(content);
    }
    expect(leftovers('garbled')).toEqual([]);
  });
});
