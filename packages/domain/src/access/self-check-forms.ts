import { z } from 'zod';
import {
  authenticatorCode,
  newPassphrase,
  SELF_CHECK_USERNAME,
  typedCode,
  typedPassphrase,
  typedTwice,
  USERNAME_RULE,
} from './credentials.ts';
import { singleLine } from '../text.ts';

/**
 * The self-check portal's forms for setting up and signing in (security.md promise 7), in the plain words the
 * portal uses with the people who use the service (workflows.md: Dean), and the staff portal's form that gives
 * a person their activation code.
 */

/** A username as typed: capitals are taken as small letters, so "Dean.Demo" is "dean.demo". */
const Username = singleLine({ min: 1, max: 64, tooShort: 'Choose a username' }).refine(
  (typed) => SELF_CHECK_USERNAME.test(typed.toLowerCase()),
  USERNAME_RULE,
);

/**
 * Activation: the code from the keyworker, a username and a passphrase, typed twice. The portal checks all of
 * these at once; the API then checks the code, that nobody else has the username, and that the passphrase is not
 * a common one.
 */
export const ActivationForm = typedTwice(
  z.strictObject({
    code: typedCode('Enter your activation code'),
    username: Username,
    passphrase: newPassphrase('Choose a passphrase'),
    confirm: typedPassphrase('Type your passphrase again'),
  }),
  'passphrase',
  'confirm',
  'The 2 passphrases are not the same. Type them again.',
);

/** Step one of signing in. */
export const SelfCheckSignInForm = z.strictObject({
  username: singleLine({ min: 1, max: 64, tooShort: 'Enter your username' }),
  passphrase: typedPassphrase('Enter your passphrase'),
});

/** Step two: a code from the app, or one of the printed codes. */
export const SelfCheckCodeForm = z.strictObject({
  code: typedCode('Enter the code from your app, or one of your printed codes'),
});

/** Setting up the app: its first code (the portal checks the set-up address the page sends back itself). */
export const AppSetUpForm = z.strictObject({
  code: authenticatorCode({
    missing: 'Enter the 6-digit code from the app',
    notSixDigits: 'Enter the 6 numbers the app shows, like 123456',
  }),
});

/** A member of staff gives a person an activation code, only after checking who they are, in person. */
export const ActivationCodeRequestForm = z.strictObject({
  identityChecked: z.literal(true, {
    error: "Confirm that you have checked this person's identity in person",
  }),
});

/** The consent a person gives to be phoned, as the /check page shows it: stored with their request. */
export const CONTACT_CONSENT =
  'I agree that someone from the drug and alcohol service can phone me on this number. They will only use it to talk to me about my safety and support.';

/**
 * "Ask someone to contact me" on the anonymous overdose-risk check (/check): a first name or alias, a phone
 * number and the person's consent to be phoned. Nothing else is asked.
 */
export const ContactRequestForm = z.strictObject({
  name: singleLine({ min: 1, max: 60, tooShort: 'Enter a first name, or a name we can call you' }),
  phone: singleLine({ min: 1, max: 24, tooShort: 'Enter a phone number' }),
  consent: z.literal(true, { error: 'Tick the box to say we can phone you' }),
});
