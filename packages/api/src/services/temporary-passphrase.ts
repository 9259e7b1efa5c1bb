import { hashPassphrase } from '../identity/passphrase.ts';
import { readableCode } from '../identity/secrets.ts';

/**
 * A new or reset account's temporary passphrase: four groups of four unambiguous characters (about 79 bits),
 * shown once to the administrator to hand over, and its hash. Made before the action's transaction: argon2id
 * takes a while, and must not hold the transaction open.
 */
export async function temporaryPassphrase(): Promise<{ passphrase: string; hash: string }> {
  const passphrase = readableCode(4);
  return { passphrase, hash: await hashPassphrase(passphrase) };
}
