import { z } from 'zod';
import { singleLine } from '../text.ts';

/**
 * What staff and service users type to prove who they are: passphrases, usernames and codes (security.md
 * promises 1 and 7). The rules the portals check before the API is asked, so that a form shows every problem
 * at once; the API checks them again (and more: the common-passphrase list, who holds a username).
 */

/** A new passphrase has at least this many characters: NCSC's three random words. */
export const PASSPHRASE_MIN = 12;
/** And at most this many. */
export const PASSPHRASE_MAX = 128;
/** The longest text a sign-in field takes at all (an old passphrase may be longer than a new one may be). */
const TYPED_MAX = 256;
/** The longest code field: a 6-digit code, or a recovery or printed code with its dashes and spaces. */
const CODE_MAX = 32;

export const PASSPHRASE_TOO_SHORT = `Use at least ${PASSPHRASE_MIN} characters. Three random words work well.`;
export const PASSPHRASE_TOO_LONG = `Use no more than ${PASSPHRASE_MAX} characters.`;

/**
 * A service user's username: 3 to 30 small letters, numbers or dots, starting with a letter or number (capitals
 * are taken as small letters). Not their name: nothing in it need say who they are.
 */
export const SELF_CHECK_USERNAME = /^[a-z0-9][a-z0-9.]{2,29}$/;
export const USERNAME_RULE = 'Use 3 to 30 letters, numbers or dots, starting with a letter or number.';

/** A passphrase as typed to sign in or to confirm who you are: spaces count, so it is never trimmed. */
export function typedPassphrase(missing: string): z.ZodString {
  return singleLine({ min: 1, max: TYPED_MAX, trim: false, tooShort: missing });
}

/** A new passphrase someone chooses: long enough, not too long. */
export function newPassphrase(missing: string): z.ZodString {
  return singleLine({
    min: 1,
    max: PASSPHRASE_MAX,
    trim: false,
    tooShort: missing,
    tooLong: PASSPHRASE_TOO_LONG,
  }).min(PASSPHRASE_MIN, PASSPHRASE_TOO_SHORT);
}

/** A code as typed: from an authenticator app, or a recovery or printed code (normalised by the portal). */
export function typedCode(missing: string): z.ZodString {
  return singleLine({ min: 1, max: CODE_MAX, tooShort: missing });
}

/**
 * The 6 digits an authenticator app shows, as people type them ("123 456", "123-456" are the same code);
 * refused with `missing` when empty and `notSixDigits` when it is something else.
 */
export function authenticatorCode(messages: { missing: string; notSixDigits: string }) {
  return typedCode(messages.missing)
    .transform((typed) => typed.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, messages.notSixDigits));
}

/**
 * A form with a passphrase typed twice: the second (`again`) must be the same as the first, said on the second
 * field. Checked even while other fields have problems, so that every problem is shown at once; nothing is
 * said while either is empty, since that field has its own message.
 */
export function typedTwice<T extends z.ZodObject>(
  schema: T,
  first: string,
  again: string,
  message: string,
): T {
  return schema.refine(
    (form) => {
      const { [first]: one, [again]: two } = form as Record<string, unknown>;
      return typeof one !== 'string' || typeof two !== 'string' || one === '' || two === '' || one === two;
    },
    { message, path: [again], when: () => true },
  );
}
