import { describe, expect, it } from 'vitest';
import { CONTROL_CHARACTER_MESSAGE } from '../text.ts';
import { AlertReviewForm, BreakGlassForm } from './break-glass.ts';

const reason = 'Found at the hub after an overdose; the crew need his dose.';

describe('the break-glass form', () => {
  const good = { reasonCode: 'urgent_clinical_care', reasonText: reason, passphrase: 'p', code: '123456' };

  it('takes a reason over several lines, trimmed', () => {
    expect(BreakGlassForm.parse({ ...good, reasonText: ` ${reason}\r\nCalled 999. ` })).toMatchObject({
      reasonText: `${reason}\r\nCalled 999.`,
    });
  });

  it('names every problem at once', () => {
    const result = BreakGlassForm.safeParse({
      reasonCode: undefined,
      reasonText: ' short ',
      passphrase: '',
      code: '',
    });
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'reasonCode: Choose why you need to open this record',
      'reasonText: Say in a sentence why you need to open this record (at least 10 characters)',
      'passphrase: Enter your passphrase',
      'code: Enter the code from your authenticator app',
    ]);
  });

  it('refuses a reason too long, or holding a control character', () => {
    expect(BreakGlassForm.safeParse({ ...good, reasonText: 'x'.repeat(501) }).error?.issues[0]?.message).toBe(
      'Use no more than 500 characters',
    );
    expect(
      BreakGlassForm.safeParse({ ...good, reasonText: `${reason}\u0000` }).error?.issues[0]?.message,
    ).toBe(CONTROL_CHARACTER_MESSAGE);
  });
});

describe("the Caldicott guardian's review of an alert", () => {
  const good = {
    alertId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    version: 1,
    outcome: 'appropriate',
    note: '',
  };

  it('takes an outcome and a note, which may be empty', () => {
    expect(AlertReviewForm.parse(good)).toEqual(good);
  });

  it('asks for a reload when the hidden alert or version is not what a page sends', () => {
    const result = AlertReviewForm.safeParse({ ...good, alertId: 'x', version: 0 });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'Reload the page and try again.',
      'Reload the page and try again.',
    ]);
  });

  it('says what is missing or too long', () => {
    const result = AlertReviewForm.safeParse({ ...good, outcome: undefined, note: 'x'.repeat(1001) });
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      'Choose an outcome',
      'Use no more than 1,000 characters',
    ]);
  });
});
