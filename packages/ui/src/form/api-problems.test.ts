import { describe, expect, it } from 'vitest';
import { problemsFromApi } from './api-problems.ts';

describe('problemsFromApi', () => {
  const fallback = { field: null, message: 'The request is not valid' };

  it("puts each of the API's problems by the form's field that holds that input", () => {
    expect(
      problemsFromApi(
        [
          { path: ['next'], message: 'Use at least 12 characters' },
          { path: ['current'], message: 'Your current passphrase is not right.' },
        ],
        { current: 'current', next: 'new' },
        fallback,
      ),
    ).toEqual([
      { field: 'new', message: 'Use at least 12 characters' },
      { field: 'current', message: 'Your current passphrase is not right.' },
    ]);
  });

  it('takes a list of names when the API and the form name their fields alike', () => {
    expect(
      problemsFromApi([{ path: ['username', 0], message: 'Taken' }], ['username', 'passphrase'], fallback),
    ).toEqual([{ field: 'username', message: 'Taken' }]);
  });

  it('puts an issue naming no field of the form on the fallback field, and gives the fallback for none', () => {
    const onCode = { field: 'code', message: 'That code is not right.' };
    expect(
      problemsFromApi(
        [
          { path: ['other'], message: 'Odd' },
          { path: [], message: 'Odder' },
          // Not a field of the form, however the map was made.
          { path: ['constructor'], message: 'Oddest' },
        ],
        { code: 'code' },
        onCode,
      ),
    ).toEqual([{ field: 'code', message: 'Odd' }]);
    expect(problemsFromApi([], { code: 'code' }, onCode)).toEqual([onCode]);
  });

  it('keeps one message per field, and each message for the form as a whole once', () => {
    expect(
      problemsFromApi(
        [
          { path: ['email'], message: 'First' },
          { path: ['email'], message: 'Second' },
          { path: ['x'], message: 'Whole' },
          { path: ['y'], message: 'Whole' },
          { path: ['z'], message: 'Also whole' },
        ],
        ['email'],
        fallback,
      ),
    ).toEqual([
      { field: 'email', message: 'First' },
      { field: null, message: 'Whole' },
      { field: null, message: 'Also whole' },
    ]);
  });
});
