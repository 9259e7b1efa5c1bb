import { describe, expect, it } from 'vitest';
import { pageTitle, problemFor, shownList, shownText } from './problems.ts';

describe('problemFor', () => {
  it("finds a field's first problem, and nothing for a field without one", () => {
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

describe('values shown again', () => {
  const values = { email: 'sam@example.org', teams: ['a', 'b'], role: undefined };

  it('gives text as typed and lists as ticked, empty when there is nothing', () => {
    expect(shownText(values, 'email')).toBe('sam@example.org');
    expect(shownText(values, 'teams')).toBe('');
    expect(shownText(values, 'role')).toBe('');
    expect(shownText(undefined, 'email')).toBe('');
    expect(shownList(values, 'teams')).toEqual(['a', 'b']);
    expect(shownList(values, 'email')).toEqual(['sam@example.org']);
    expect(shownList(values, 'missing')).toEqual([]);
  });
});

describe('pageTitle', () => {
  it('starts with "Error: " while there are problems', () => {
    expect(pageTitle('Sign in – Harbour', [{ field: null, message: 'x' }])).toBe('Error: Sign in – Harbour');
    expect(pageTitle('Sign in – Harbour', [])).toBe('Sign in – Harbour');
    expect(pageTitle('Sign in – Harbour', undefined)).toBe('Sign in – Harbour');
  });
});
