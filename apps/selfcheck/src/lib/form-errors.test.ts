import { describe, expect, it } from 'vitest';
import { errorFor, errorsFromIssues, textOf } from './form-errors.ts';

describe('errorsFromIssues', () => {
  const fields = { code: 'code', username: 'username' };
  const fallback = { field: 'code', message: 'That code is not right.' };

  it("puts each of the API's problems by its field", () => {
    expect(
      errorsFromIssues(
        [
          { path: ['username'], message: 'Someone already uses that username.' },
          { path: ['code'], message: 'That code is not right or has expired.' },
        ],
        fields,
        fallback,
      ),
    ).toEqual([
      { field: 'username', message: 'Someone already uses that username.' },
      { field: 'code', message: 'That code is not right or has expired.' },
    ]);
  });

  it('uses the fallback for no issues, and one message per field', () => {
    expect(errorsFromIssues([], fields, fallback)).toEqual([fallback]);
    expect(
      errorsFromIssues(
        [
          { path: ['other'], message: 'First' },
          { path: [], message: 'Second' },
        ],
        fields,
        fallback,
      ),
    ).toEqual([{ field: 'code', message: 'First' }]);
  });
});

describe('errorFor and textOf', () => {
  it('find a field’s message and value', () => {
    expect(errorFor([{ field: 'code', message: 'Enter the code' }], 'code')).toBe('Enter the code');
    expect(errorFor([{ field: null, message: 'Down' }], 'code')).toBeUndefined();
    expect(errorFor(undefined, 'code')).toBeUndefined();
    const form = new FormData();
    form.set('username', 'dean.demo');
    form.set('file', new Blob(['x']));
    expect(textOf(form, 'username')).toBe('dean.demo');
    expect(textOf(form, 'file')).toBe('');
    expect(textOf(form, 'missing')).toBe('');
  });
});
