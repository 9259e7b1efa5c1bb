import { describe, expect, it } from 'vitest';
import { problemFor, problemsFromIssues, rawField, textField } from './form-problems.ts';

describe('form fields', () => {
  const form = new FormData();
  form.set('email', '  sam@example.org ');
  form.set('passphrase', ' with spaces ');
  form.set('file', new Blob(['x']));

  it('trims text, keeps passphrases as typed, and treats files and gaps as empty', () => {
    expect(textField(form, 'email')).toBe('sam@example.org');
    expect(rawField(form, 'passphrase')).toBe(' with spaces ');
    expect(textField(form, 'file')).toBe('');
    expect(textField(form, 'missing')).toBe('');
    expect(rawField(form, 'missing')).toBe('');
  });
});

describe('problemsFromIssues', () => {
  const fields = { current: 'current-passphrase', next: 'new-passphrase' };

  it("ties the API's issues to this form's fields", () => {
    expect(
      problemsFromIssues(
        [
          { path: ['next'], message: 'Use at least 12 characters' },
          { path: ['other'], message: 'Odd' },
        ],
        fields,
        'fallback',
      ),
    ).toEqual([
      { field: 'new-passphrase', message: 'Use at least 12 characters' },
      { field: null, message: 'Odd' },
    ]);
  });

  it('falls back to one problem with the form when there are no issues', () => {
    expect(problemsFromIssues([], fields, 'Your current passphrase is not right.')).toEqual([
      { field: null, message: 'Your current passphrase is not right.' },
    ]);
  });
});

describe('problemFor', () => {
  it("finds a field's first problem", () => {
    const problems = [
      { field: 'a', message: 'first' },
      { field: 'a', message: 'second' },
      { field: null, message: 'form' },
    ];
    expect(problemFor(problems, 'a')).toBe('first');
    expect(problemFor(problems, 'b')).toBeUndefined();
    expect(problemFor(undefined, 'a')).toBeUndefined();
  });
});
