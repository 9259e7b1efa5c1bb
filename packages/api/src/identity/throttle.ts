import { DomainError } from '@harbour/domain/errors';
import type { Executor } from '@harbour/db/client';
import { signInThrottle } from '@harbour/db/schema/identity';
import { inArray, sql } from 'drizzle-orm';
import { decoyHash, verifyPassphrase } from './passphrase.ts';
import { digest } from './secrets.ts';

/**
 * Slows guessing without letting anyone lock a real user out (issue 4 §1). Failures are counted per account and
 * address together (5 free), and per address alone (100 free: a whole clinic may share one address, and its
 * everyday typing mistakes must not make everyone wait); after that each key must wait, doubling up to 15 minutes. A person
 * signing in from their own address is not held back by someone else guessing at their account from another.
 * Keys are digests: no email or address is stored. Failures older than an hour are forgotten.
 */
export const FREE_FAILURES_PER_ACCOUNT = 5;
export const FREE_FAILURES_PER_ADDRESS = 100;
const FIRST_WAIT_MS = 30_000;
const LONGEST_WAIT_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

export interface ThrottleKeys {
  account: string;
  address: string;
}

export function throttleKeys(kind: 'staff' | 'service_user', login: string, address: string): ThrottleKeys {
  return {
    account: digest(`account:${kind}:${login.trim().toLowerCase()}:${address}`),
    address: digest(`address:${address}`),
  };
}

/**
 * Keys for a step taken once the passphrase is known to be right (the code step, step-up, a passphrase change):
 * the account alone, whatever the address, so guessing six-digit codes cannot be spread over many addresses.
 * Only someone who has the passphrase can make these keys wait.
 */
export function accountKeys(
  kind: 'staff' | 'service_user',
  subjectId: string,
  address: string,
): ThrottleKeys {
  return { account: digest(`second-step:${kind}:${subjectId}`), address: digest(`address:${address}`) };
}

/** Seconds until these keys may try again, or 0. */
export async function secondsToWait(db: Executor, keys: ThrottleKeys, now: Date): Promise<number> {
  const rows = await db
    .select({ blockedUntil: signInThrottle.blockedUntil })
    .from(signInThrottle)
    .where(inArray(signInThrottle.key, [keys.account, keys.address]));
  let wait = 0;
  for (const row of rows) {
    if (row.blockedUntil === null) continue;
    wait = Math.max(wait, Math.ceil((Date.parse(row.blockedUntil) - now.getTime()) / 1000));
  }
  return wait;
}

function waitAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(FIRST_WAIT_MS * 2 ** (failures - free), LONGEST_WAIT_MS);
}

/** Counts one attempt under `key`; past `free` attempts within the hour the key must wait (doubling). */
export async function bump(db: Executor, key: string, free: number, now: Date): Promise<void> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  const nowIso = now.toISOString();
  const [row] = await db
    .insert(signInThrottle)
    .values({ key, failures: 1, lastFailureAt: nowIso })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: sql`case when ${signInThrottle.lastFailureAt} < ${forgetBefore} then 1 else ${signInThrottle.failures} + 1 end`,
        lastFailureAt: nowIso,
      },
    })
    .returning({ failures: signInThrottle.failures });
  const wait = waitAfter(row?.failures ?? 1, free);
  if (wait > 0)
    await db
      .update(signInThrottle)
      .set({ blockedUntil: new Date(now.getTime() + wait).toISOString() })
      .where(inArray(signInThrottle.key, [key]));
}

export async function recordFailure(db: Executor, keys: ThrottleKeys, now: Date): Promise<void> {
  await bump(db, keys.account, FREE_FAILURES_PER_ACCOUNT, now);
  await bump(db, keys.address, FREE_FAILURES_PER_ADDRESS, now);
}

/** A successful sign-in clears its account key (not the address's: that counts everyone's failures). */
export async function recordSuccess(db: Executor, keys: ThrottleKeys): Promise<void> {
  await db.delete(signInThrottle).where(inArray(signInThrottle.key, [keys.account]));
}

/** What a throttled person is told: staff and service users get the same rule in their own words. */
export function tooManyAttempts(kind: 'staff' | 'service_user', seconds: number): DomainError {
  const what = kind === 'staff' ? 'attempts' : 'tries';
  return new DomainError('TOO_MANY_ATTEMPTS', `Too many ${what}. Wait ${seconds} seconds, then try again.`);
}

/**
 * One guarded sign-in step (a passphrase, a code, an activation code): refused at once while its keys must wait;
 * otherwise `attempt` runs, and a null result counts as a failure and is refused with `refusal`, while a success
 * clears the account key.
 */
export async function throttled<T>(
  db: Executor,
  keys: ThrottleKeys,
  kind: 'staff' | 'service_user',
  now: Date,
  attempt: () => Promise<T | null>,
  refusal: () => DomainError,
): Promise<T> {
  const wait = await secondsToWait(db, keys, now);
  if (wait > 0) throw tooManyAttempts(kind, wait);
  const result = await attempt();
  if (result === null) {
    await recordFailure(db, keys, now);
    throw refusal();
  }
  await recordSuccess(db, keys);
  return result;
}

/**
 * The passphrase step: finds the account and checks the passphrase, against a decoy hash when there is no usable
 * account, so an unknown or disabled account is refused after the same argon2id work as a wrong passphrase.
 */
export async function checkPassphrase<T extends { passphraseHash: string }>(
  found: T | null,
  passphrase: string,
): Promise<T | null> {
  const matches = await verifyPassphrase(passphrase, found?.passphraseHash ?? (await decoyHash()));
  return found !== null && matches ? found : null;
}
