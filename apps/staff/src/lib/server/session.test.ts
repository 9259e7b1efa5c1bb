import { describe, expect, it, vi } from 'vitest';
import {
  clearSessionCookie,
  SESSION_COOKIE,
  SESSION_COOKIE_MAX_AGE_S,
  sessionCookieOptions,
  setSessionCookie,
} from './session.ts';

describe('the session cookie', () => {
  it('is a __Host- cookie: Secure, path /, no Domain; HttpOnly and SameSite=Lax', () => {
    expect(SESSION_COOKIE).toBe('__Host-harbour-staff');
    const options = sessionCookieOptions();
    expect(options).toEqual({
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
      maxAge: SESSION_COOKIE_MAX_AGE_S,
    });
    expect(options).not.toHaveProperty('domain');
  });

  it('lasts no longer than a session may (12 hours)', () => {
    expect(SESSION_COOKIE_MAX_AGE_S).toBe(12 * 60 * 60);
  });

  it('is set with the token and deleted with the same attributes', () => {
    const cookies = { set: vi.fn(), delete: vi.fn() };
    setSessionCookie(cookies, 'tok');
    expect(cookies.set).toHaveBeenCalledWith('__Host-harbour-staff', 'tok', sessionCookieOptions());
    clearSessionCookie(cookies);
    expect(cookies.delete).toHaveBeenCalledWith('__Host-harbour-staff', {
      path: '/',
      httpOnly: true,
      secure: true,
      sameSite: 'lax',
    });
  });
});
