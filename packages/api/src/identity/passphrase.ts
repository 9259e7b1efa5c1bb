import {
  PASSPHRASE_MAX,
  PASSPHRASE_MIN,
  PASSPHRASE_TOO_LONG,
  PASSPHRASE_TOO_SHORT,
} from '@harbour/domain/access/credentials';
import { dictionary } from '@zxcvbn-ts/language-common';
import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

/**
 * Passphrases, hashed with argon2id at the OWASP ASVS 5.0 minimum or above (m = 19 MiB, t = 2, p = 1), stored as
 * PHC strings so the parameters can rise later without breaking old hashes. Node's own `crypto.argon2` (Node
 * 24.7+): no native add-on to build.
 */
const argon2Raw = promisify(argon2);

/**
 * At most this many argon2id computations at once (19 MiB each): a burst of sign-in requests queues here instead
 * of taking the server's memory. Each takes about 50 ms on one core.
 */
export const ARGON2_CONCURRENCY = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function argon2Async(...args: Parameters<typeof argon2Raw>): Promise<Buffer> {
  if (running >= ARGON2_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await argon2Raw(...args);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

export const ARGON2_PARAMETERS = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const;

const common = new Set<string>((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/**
 * Why a passphrase would be refused, in words a person can act on, or null if it is acceptable. Length first
 * (NCSC: three random words; the domain's rule, which the portals check too before they ask, so that a form
 * shows every problem at once), then the bundled list of 49,233 commonly used passwords (zxcvbn-ts), then
 * anything built from the person's own sign-in name or a single repeated character.
 */
export function passphraseProblem(passphrase: string, ownNames: readonly string[] = []): string | null {
  if (passphrase.length < PASSPHRASE_MIN) return PASSPHRASE_TOO_SHORT;
  if (passphrase.length > PASSPHRASE_MAX) return PASSPHRASE_TOO_LONG;
  const folded = passphrase.toLowerCase();
  if (common.has(folded) || common.has(folded.replace(/[^a-z0-9]/g, '')))
    return 'That passphrase is too common. Choose a different one.';
  if (new Set(folded).size <= 2) return 'That passphrase is too easy to guess. Choose a different one.';
  for (const name of ownNames) {
    const part = name.toLowerCase().split('@')[0] ?? '';
    if (part.length >= 3 && folded.includes(part))
      return 'Do not use your name or sign-in name in your passphrase.';
  }
  return null;
}

export async function hashPassphrase(passphrase: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await argon2Async('argon2id', { message: passphrase, nonce: salt, ...ARGON2_PARAMETERS });
  const { memory, passes, parallelism } = ARGON2_PARAMETERS;
  return `$argon2id$v=19$m=${memory},t=${passes},p=${parallelism}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Checks a passphrase against a stored PHC string, in constant time over the derived key. */
export async function verifyPassphrase(passphrase: string, stored: string): Promise<boolean> {
  const match = PHC.exec(stored);
  if (!match) return false;
  const [, memory, passes, parallelism, salt, hash] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const expected = Buffer.from(hash, 'base64url');
  const key = await argon2Async('argon2id', {
    message: passphrase,
    nonce: Buffer.from(salt, 'base64url'),
    memory: Number(memory),
    passes: Number(passes),
    parallelism: Number(parallelism),
    tagLength: expected.length,
  });
  return timingSafeEqual(key, expected);
}

/**
 * A hash of a random passphrase nobody knows, checked when the account does not exist, so an unknown email takes
 * as long to refuse as a wrong passphrase (no account enumeration by timing).
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassphrase(randomBytes(24).toString('base64url'));
  return decoy;
}
