import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  CONTROL_CHARACTER_MESSAGE,
  emailAddress,
  isMultiLineText,
  isSingleLineText,
  isTypedText,
  multiLine,
  singleLine,
} from './text.ts';

describe('singleLine', () => {
  const name = singleLine({ min: 1, max: 10 });

  it('takes ordinary text, trimmed, including accents and emoji', () => {
    expect(name.parse('  Siân  ')).toBe('Siân');
    expect(name.parse('Zoë 🙂')).toBe('Zoë 🙂');
  });

  it.each([
    ['a NUL', 'a\u0000b'],
    ['a line break', 'a\nb'],
    ['a tab', 'a\tb'],
    ['an escape', 'a\u001bb'],
    ['DEL', 'a\u007fb'],
    ['a C1 control', 'a\u0085b'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', 'a\udc00b'],
    ['a high surrogate at the end', 'ab\ud83d'],
  ])('refuses %s, saying so in words', (_label, value) => {
    const result = name.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(CONTROL_CHARACTER_MESSAGE);
  });

  it('refuses text that is too short or too long, with the bounds in words', () => {
    expect(name.safeParse('   ').error?.issues[0]?.message).toBe('Enter some text');
    expect(name.safeParse('x'.repeat(11)).error?.issues[0]?.message).toBe('Use no more than 10 characters');
    expect(singleLine({ min: 3, max: 5 }).safeParse('ab').error?.issues[0]?.message).toBe(
      'Use at least 3 characters',
    );
  });

  it('uses the messages it is given', () => {
    const schema = singleLine({ min: 2, max: 3, tooShort: 'Too short', tooLong: 'Too long' });
    expect(schema.safeParse('a').error?.issues[0]?.message).toBe('Too short');
    expect(schema.safeParse('abcd').error?.issues[0]?.message).toBe('Too long');
  });

  it('keeps spaces when asked not to trim', () => {
    expect(singleLine({ max: 10, trim: false }).parse(' a ')).toBe(' a ');
  });
});

describe('multiLine', () => {
  const note = multiLine({ max: 50 });

  it('takes line breaks and tabs', () => {
    expect(note.parse('first line\r\nsecond\tline')).toBe('first line\r\nsecond\tline');
  });

  it('refuses other control characters and lone surrogates', () => {
    expect(note.safeParse('a\u0000b').success).toBe(false);
    expect(note.safeParse('a\u000bb').success).toBe(false);
    expect(note.safeParse('a\udfffb').success).toBe(false);
  });
});

describe('the checks as properties', () => {
  it('accept any well-formed text without control characters', () => {
    const printable = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !/[\p{Cc}]/u.test(s));
    fc.assert(fc.property(printable, (s) => isSingleLineText(s) && isMultiLineText(s)));
  });

  it('refuse any text holding a NUL, wherever it is', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string(),
        (a, b) => !isSingleLineText(`${a}\u0000${b}`) && !isMultiLineText(`${a}\u0000${b}`),
      ),
    );
  });
});

describe('emailAddress', () => {
  const email = emailAddress({ invalid: 'Enter an email address' });

  it('takes an address, trimmed', () => {
    expect(email.parse('  sam@example.org ')).toBe('sam@example.org');
  });

  it('says so when the text holds a control character, and otherwise that it is not an address', () => {
    expect(email.safeParse('sam\u0000@example.org').error?.issues.map((i) => i.message)).toEqual([
      CONTROL_CHARACTER_MESSAGE,
    ]);
    expect(email.safeParse('not an address').error?.issues.map((i) => i.message)).toEqual([
      'Enter an email address',
    ]);
    expect(email.safeParse('').error?.issues[0]?.message).toBe('Enter an email address');
  });
});

describe('isTypedText', () => {
  it('knows the schemas made here, and nothing else', () => {
    expect(isTypedText(singleLine({ max: 5 }))).toBe(true);
    expect(isTypedText(multiLine({ max: 5 }))).toBe(true);
    expect(isTypedText(emailAddress({ invalid: 'x' }))).toBe(true);
    expect(isTypedText(z.string().max(5))).toBe(false);
    expect(isTypedText(singleLine({ max: 5 }).max(3))).toBe(false);
    expect(isTypedText(null)).toBe(false);
  });
});
