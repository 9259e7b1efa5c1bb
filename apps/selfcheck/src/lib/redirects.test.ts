import { describe, expect, it } from 'vitest';
import { isSignedInArea, safeNext, signInHref, withNext } from './redirects.ts';

describe('safeNext', () => {
  it('goes back to a page of the signed-in area', () => {
    expect(safeNext('/my')).toBe('/my');
    expect(safeNext('/my/who-looked')).toBe('/my/who-looked');
  });

  it('goes to /my for anything else', () => {
    for (const value of [
      null,
      undefined,
      '',
      '/',
      '/sign-in',
      '//evil.example',
      '//evil.example/my',
      '/\\evil.example',
      '/my\\..\\x',
      'https://evil.example/my',
      'javascript:alert(1)',
      '/my/../sign-out',
      '/my/./who-looked',
      '/my?x=1',
      '/my#x',
      '/my/who-looked/',
      '/myevil',
      '/my//evil.example',
      ' /my',
      '/MY',
      `/my/${'a'.repeat(300)}`,
    ]) {
      expect(safeNext(value), String(value)).toBe('/my');
    }
  });
});

describe('isSignedInArea', () => {
  it('is /my and the pages under it, nothing else', () => {
    expect(isSignedInArea('/my')).toBe(true);
    expect(isSignedInArea('/my/who-looked')).toBe(true);
    expect(isSignedInArea('/myself')).toBe(false);
    expect(isSignedInArea('/sign-in')).toBe(false);
    expect(isSignedInArea('/')).toBe(false);
  });
});

describe('signInHref and withNext', () => {
  it('say why and where next only when there is something to say', () => {
    expect(signInHref()).toBe('/sign-in');
    expect(signInHref({ ended: true })).toBe('/sign-in?ended=1');
    expect(signInHref({ ended: true, next: '/my' })).toBe('/sign-in?ended=1');
    expect(signInHref({ next: '/my/who-looked' })).toBe('/sign-in?next=%2Fmy%2Fwho-looked');
    expect(signInHref({ next: '//evil.example' })).toBe('/sign-in');
    expect(withNext('/sign-in/code', '/my')).toBe('/sign-in/code');
    expect(withNext('/sign-in/code', '/my/who-looked')).toBe('/sign-in/code?next=%2Fmy%2Fwho-looked');
    expect(withNext('/sign-in/code', 'https://evil.example')).toBe('/sign-in/code');
  });
});
