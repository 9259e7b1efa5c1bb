import { describe, expect, it } from 'vitest';
import { afterSignIn, safeNextPath, signInHref } from './sign-in-paths.ts';

describe('safeNextPath', () => {
  it.each([
    ['/caseload', '/caseload'],
    ['/caseload?team=abc&sort=name', '/caseload?team=abc&sort=name'],
    ['/people/0190a1b2-0000-7000-8000-000000000000', '/people/0190a1b2-0000-7000-8000-000000000000'],
    ['/', '/'],
    ['/alerts?status=closed', '/alerts?status=closed'],
  ])('keeps a path on this portal: %s', (value, expected) => {
    expect(safeNextPath(value)).toBe(expected);
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['caseload'],
    ['//evil.example/'],
    ['//evil.example'],
    ['/\\evil.example'],
    ['/\\/evil.example'],
    ['https://evil.example/'],
    ['http:/evil.example'],
    ['javascript:alert(1)'],
    ['/\tevil'],
    ['/caseload\n'],
    ['/%0d%0aSet-Cookie:x'.replace('%0d%0a', '\r\n')],
    ['/sign-in'],
    ['/sign-in/code'],
    ['/sign-in?next=/caseload'],
    ['/sign-out'],
    [`/${'a'.repeat(600)}`],
  ])('refuses anything else: %j', (value) => {
    expect(safeNextPath(value)).toBeNull();
  });

  it.each(['/.//evil.example', '/a/..//evil.example', '/%2e//evil.example', '/././/evil.example/x'])(
    'refuses %s, which dot segments turn into another host',
    (value) => {
      expect(safeNextPath(value)).toBeNull();
    },
  );

  it('normalises dot segments, which cannot leave the portal', () => {
    expect(safeNextPath('/people/../caseload')).toBe('/caseload');
    expect(safeNextPath('/../../etc')).toBe('/etc');
  });
});

describe('signInHref', () => {
  it('is the bare page without flags or with the home page as next', () => {
    expect(signInHref()).toBe('/sign-in');
    expect(signInHref('/sign-in', { next: '/' })).toBe('/sign-in');
  });

  it('carries the flags and a safe next path', () => {
    expect(signInHref('/sign-in', { ended: true, next: '/caseload?team=t' })).toBe(
      '/sign-in?ended=1&next=%2Fcaseload%3Fteam%3Dt',
    );
    expect(signInHref('/sign-in', { signedOut: true })).toBe('/sign-in?signedOut=1');
    expect(signInHref('/sign-in/code', { next: '/alerts' })).toBe('/sign-in/code?next=%2Falerts');
  });

  it('drops an unsafe next path', () => {
    expect(signInHref('/sign-in', { next: '//evil.example' })).toBe('/sign-in');
  });
});

describe('afterSignIn', () => {
  it('goes to the safe next path, else to the home page', () => {
    expect(afterSignIn(new URLSearchParams('next=%2Fcaseload'))).toBe('/caseload');
    expect(afterSignIn(new URLSearchParams('next=https%3A%2F%2Fevil.example'))).toBe('/');
    expect(afterSignIn(new URLSearchParams(''))).toBe('/');
  });
});
