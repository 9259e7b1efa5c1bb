import { isDomainError } from './errors.ts';

/**
 * For tests: how `run` fails. The DomainError's code (`INVALID_INPUT`, `RULE_REFUSED`…), `zod` for a schema
 * error, `other` for anything else, or null when it does not throw at all.
 */
export function failureOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (isDomainError(error)) return error.code;
    return error instanceof Error && error.name === 'ZodError' ? 'zod' : 'other';
  }
}

/** For tests: the DomainError's code and message (`RULE_REFUSED: …`), or how else `run` fails. */
export function refusalOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return isDomainError(error) ? `${error.code}: ${error.message}` : 'not a DomainError';
  }
}
