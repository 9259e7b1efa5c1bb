import { describe, expect, it } from 'vitest';
import type { ApiProblem } from './api-error.ts';
import { signInStepEnded } from './sign-in-step.ts';

const problem = (status: number, apiMessage: string | null): ApiProblem => ({
  status,
  message: 'x',
  issues: [],
  apiMessage,
});

describe('signInStepEnded', () => {
  it('is true when the half-finished sign-in has gone', () => {
    expect(signInStepEnded(problem(401, 'Sign in to continue'))).toBe(true);
    expect(signInStepEnded(problem(401, null))).toBe(true);
  });

  it('is false for a wrong code, which the page explains', () => {
    const wrong = 'That code is not right, or it has already been used. Try the next code.';
    expect(signInStepEnded(problem(401, wrong))).toBe(false);
    expect(signInStepEnded(problem(429, 'Too many attempts. Wait 30 seconds, then try again.'))).toBe(false);
    expect(signInStepEnded(problem(400, 'Sign in to continue'))).toBe(false);
  });
});
