import { z } from 'zod';
import { authenticatorCode, newPassphrase, typedCode, typedPassphrase, typedTwice } from './credentials.ts';
import { singleLine } from '../text.ts';
import { staffRoles } from '../staff.ts';

/**
 * The staff portal's sign-in and account forms (security.md promise 1), as the portal reads them: each field's
 * own words for a person, every problem at once. The API takes the same values and checks them again.
 */

/** Step one of signing in. */
export const StaffSignInForm = z.strictObject({
  email: singleLine({ min: 1, max: 254, tooShort: 'Enter your email address' }),
  passphrase: typedPassphrase('Enter your passphrase'),
});

/** Step two: the code from the authenticator app. */
export const SignInCodeForm = z.strictObject({
  code: typedCode('Enter the 6-digit code from your authenticator app'),
});

/** Step two without the phone: one of the recovery codes given at set-up. */
export const RecoveryCodeForm = z.strictObject({
  code: typedCode('Enter a recovery code'),
});

/**
 * First sign-in: the first code from the newly set-up authenticator app. (The page also sends back the set-up
 * address it showed, so that a wrong code shows the same key; the portal checks that address itself.)
 */
export const AuthenticatorSetUpForm = z.strictObject({
  code: authenticatorCode({
    missing: 'Enter the 6-digit code from your authenticator app',
    notSixDigits: 'Enter the 6 digits your authenticator app shows, for example 123456',
  }),
});

/**
 * Changing one's passphrase: the current one, and the new one twice (the portal compares the two; the API
 * never sees the second). The API also refuses a common passphrase, or one built from the email address.
 */
export const PassphraseChangeForm = typedTwice(
  z.strictObject({
    current: typedPassphrase('Enter your current passphrase'),
    new: newPassphrase('Enter a new passphrase'),
    confirm: typedPassphrase('Enter your new passphrase again'),
  }),
  'new',
  'confirm',
  'The passphrases you entered do not match',
);

/**
 * "Confirm it is you" before an administrator changes accounts (step-up): the passphrase and a fresh
 * authenticator code.
 */
export const StepUpForm = z.strictObject({
  passphrase: typedPassphrase('Enter your passphrase'),
  code: typedCode('Enter the code from your authenticator app'),
});

/** An administrator's change of another member of staff's role and teams. */
export const RoleAndTeamsForm = z.strictObject({
  role: z.enum(staffRoles, { error: 'Choose a role' }),
  teamIds: z.array(z.uuid(), { error: 'Choose only from the teams shown' }).max(50),
});
