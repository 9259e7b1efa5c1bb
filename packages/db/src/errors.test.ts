import { describe, expect, it } from 'vitest';
import { codedCause, codeOf, errorChain } from './errors.ts';

const coded = (message: string, code: string, cause?: unknown): Error =>
  Object.assign(new Error(message, { cause }), { code });

describe('looking through wrapped driver errors', () => {
  const driver = coded('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED');
  const wrapped = new Error('Failed query: select … params: Dean', { cause: driver });

  it('finds the first cause with a code, skipping wrappers without one', () => {
    expect(codedCause(wrapped)).toEqual({ error: driver, code: 'ECONNREFUSED' });
    expect(codeOf(wrapped)).toBeUndefined();
  });

  it('takes only a code that passes the test, looking further down for one', () => {
    const outer = coded('outer', 'INTERNAL', wrapped);
    expect(codedCause(outer)?.code).toBe('INTERNAL');
    expect(codedCause(outer, (code) => code.startsWith('E'))?.code).toBe('ECONNREFUSED');
    expect(codedCause(outer, (code) => code === '57P01')).toBeUndefined();
  });

  it('stops after five levels, so a cycle cannot loop for ever', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(errorChain(a)).toHaveLength(5);
    expect(codedCause(a)).toBeUndefined();
    expect(errorChain('not an error')).toEqual([]);
  });
});
