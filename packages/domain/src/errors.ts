/**
 * Harbour's one error taxonomy. Services throw `DomainError`s with a code; `@harbour/api` maps each code to a
 * transport error in one place (`packages/api/src/errors.ts`) and the portals map those to messages. Messages
 * are for staff and logs: they must never contain names, dates of birth or clinical content.
 */
export const domainErrorCodes = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RULE_REFUSED',
  'TOO_MANY_ATTEMPTS',
  'UNAVAILABLE',
] as const;
export type DomainErrorCode = (typeof domainErrorCodes)[number];

/** One problem with an input: where it is (a path into the input) and what is wrong, in plain English. */
export interface Issue {
  path: (string | number)[];
  message: string;
}

/** An expected failure of a use case, with a stable code. Unexpected failures are plain `Error`s. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly issues: Issue[];

  constructor(code: DomainErrorCode, message: string, issues: Issue[] = []) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.issues = issues;
  }
}

/** True when `value` is a `DomainError` (works across bundles, where `instanceof` may not). */
export function isDomainError(value: unknown): value is DomainError {
  return (
    value instanceof DomainError ||
    (value instanceof Error && value.name === 'DomainError' && 'code' in value)
  );
}

/** The record does not exist, or the caller may not know it exists (the two are deliberately indistinguishable). */
export function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} not found`);
}

/** A clinical record was changed by someone else since the caller read it (optimistic concurrency). */
export function conflict(what: string, expectedVersion: number): DomainError {
  return new DomainError(
    'CONFLICT',
    `${what} has changed since version ${expectedVersion}; reload and try again`,
  );
}
