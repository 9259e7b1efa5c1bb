import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CONTROL_CHARACTER_MESSAGE } from '../text.ts';
import { PASSPHRASE_TOO_LONG, PASSPHRASE_TOO_SHORT, USERNAME_RULE } from './credentials.ts';
import {
  ActivationCodeRequestForm,
  ActivationForm,
  AppSetUpForm,
  SelfCheckCodeForm,
  SelfCheckSignInForm,
} from './self-check-forms.ts';
import {
  AuthenticatorSetUpForm,
  PassphraseChangeForm,
  RecoveryCodeForm,
  SignInCodeForm,
  StaffSignInForm,
} from './staff-forms.ts';

/** Every problem a schema finds, as `field: message` (the first per field, as a form shows them). */
function problems(schema: z.ZodType, input: unknown): string[] {
  const issues = schema.safeParse(input).error?.issues ?? [];
  const firsts = new Map<string, string>();
  for (const issue of issues) {
    const field = issue.path.join('.');
    if (!firsts.has(field)) firsts.set(field, issue.message);
  }
  return [...firsts].map(([field, message]) => `${field}: ${message}`);
}

const GOOD = 'kettle orbit gravel tulip';

describe('signing in to the staff portal', () => {
  it('names each empty field in words for a person', () => {
    expect(problems(StaffSignInForm, { email: '  ', passphrase: '' })).toEqual([
      'email: Enter your email address',
      'passphrase: Enter your passphrase',
    ]);
    expect(problems(SignInCodeForm, { code: '' })).toEqual([
      'code: Enter the 6-digit code from your authenticator app',
    ]);
    expect(problems(RecoveryCodeForm, { code: ' ' })).toEqual(['code: Enter a recovery code']);
  });

  it('keeps a passphrase exactly as typed, spaces and all, and trims the email address', () => {
    expect(StaffSignInForm.parse({ email: ' sam@example.org ', passphrase: ` ${GOOD} ` })).toEqual({
      email: 'sam@example.org',
      passphrase: ` ${GOOD} `,
    });
  });

  it('refuses a control character, naming the field', () => {
    expect(problems(StaffSignInForm, { email: 'sam@example.org\u0000', passphrase: 'a\tb' })).toEqual([
      `email: ${CONTROL_CHARACTER_MESSAGE}`,
      `passphrase: ${CONTROL_CHARACTER_MESSAGE}`,
    ]);
  });
});

describe('the first code from a newly set-up authenticator app', () => {
  it('takes the 6 digits as people type them', () => {
    for (const typed of ['123456', '123 456', ' 123-456 '])
      expect(AuthenticatorSetUpForm.parse({ code: typed }).code).toBe('123456');
    expect(AppSetUpForm.parse({ code: '123 456' }).code).toBe('123456');
  });

  it('says what is missing, or what a code looks like', () => {
    expect(problems(AuthenticatorSetUpForm, { code: '' })).toEqual([
      'code: Enter the 6-digit code from your authenticator app',
    ]);
    expect(problems(AuthenticatorSetUpForm, { code: '12345' })).toEqual([
      'code: Enter the 6 digits your authenticator app shows, for example 123456',
    ]);
    expect(problems(AppSetUpForm, { code: 'ABCDEF' })).toEqual([
      'code: Enter the 6 numbers the app shows, like 123456',
    ]);
  });
});

describe('changing a passphrase', () => {
  it('takes the current passphrase and a new one typed twice', () => {
    expect(PassphraseChangeForm.parse({ current: 'old one', new: GOOD, confirm: GOOD })).toEqual({
      current: 'old one',
      new: GOOD,
      confirm: GOOD,
    });
  });

  it('says every problem at once: missing, too short, not the same twice', () => {
    expect(problems(PassphraseChangeForm, { current: '', new: 'short', confirm: 'shorter' })).toEqual([
      'current: Enter your current passphrase',
      `new: ${PASSPHRASE_TOO_SHORT}`,
      'confirm: The passphrases you entered do not match',
    ]);
    expect(problems(PassphraseChangeForm, { current: 'x', new: '', confirm: '' })).toEqual([
      'new: Enter a new passphrase',
      'confirm: Enter your new passphrase again',
    ]);
    expect(problems(PassphraseChangeForm, { current: 'x', new: 'y'.repeat(129), confirm: 'y' })).toEqual([
      `new: ${PASSPHRASE_TOO_LONG}`,
      'confirm: The passphrases you entered do not match',
    ]);
  });

  it('compares the two only when both are text (anything else has a problem of its own)', () => {
    const issues =
      PassphraseChangeForm.safeParse({ current: 'x', new: GOOD, confirm: 42 }).error?.issues ?? [];
    expect(issues.map((issue) => issue.message)).not.toContain('The passphrases you entered do not match');
    expect(issues).toHaveLength(1);
  });
});

describe('activating the self-check portal', () => {
  const good = { code: 'ABCD-EFGH-JKMN', username: 'dean.demo', passphrase: GOOD, confirm: GOOD };

  it('takes a code, a username (capitals as small letters) and a passphrase typed twice', () => {
    expect(ActivationForm.parse({ ...good, username: ' Dean.Demo ' })).toMatchObject({
      username: 'Dean.Demo',
    });
  });

  it('names every problem at once, not one at a time', () => {
    expect(
      problems(ActivationForm, { code: 'ABCD', username: 'd', passphrase: 'short', confirm: 'other' }),
    ).toEqual([
      `username: ${USERNAME_RULE}`,
      `passphrase: ${PASSPHRASE_TOO_SHORT}`,
      'confirm: The 2 passphrases are not the same. Type them again.',
    ]);
    expect(problems(ActivationForm, { code: '', username: '', passphrase: '', confirm: '' })).toEqual([
      'code: Enter your activation code',
      'username: Choose a username',
      'passphrase: Choose a passphrase',
      'confirm: Type your passphrase again',
    ]);
  });

  it.each(['.dean', 'de', 'dean demo', 'd'.repeat(31), 'dean_demo'])(
    'refuses the username %j',
    (username) => {
      expect(problems(ActivationForm, { ...good, username })).toEqual([`username: ${USERNAME_RULE}`]);
    },
  );
});

describe('signing in to the self-check portal', () => {
  it('names each empty field', () => {
    expect(problems(SelfCheckSignInForm, { username: '', passphrase: '' })).toEqual([
      'username: Enter your username',
      'passphrase: Enter your passphrase',
    ]);
    expect(problems(SelfCheckCodeForm, { code: '' })).toEqual([
      'code: Enter the code from your app, or one of your printed codes',
    ]);
  });
});

describe('giving a person an activation code', () => {
  it('needs the member of staff to confirm they checked who the person is', () => {
    expect(ActivationCodeRequestForm.parse({ identityChecked: true })).toEqual({ identityChecked: true });
    expect(problems(ActivationCodeRequestForm, { identityChecked: false })).toEqual([
      "identityChecked: Confirm that you have checked this person's identity in person",
    ]);
  });
});
