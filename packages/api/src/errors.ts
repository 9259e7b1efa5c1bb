import { codedCause } from '@harbour/db/errors';
import { isDomainError, type DomainErrorCode } from '@harbour/domain/errors';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/** The one place domain errors become transport errors (HTTP statuses follow tRPC's mapping). */
const transportCodes: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  INVALID_INPUT: 'BAD_REQUEST', // 400
  UNAUTHENTICATED: 'UNAUTHORIZED', // 401
  FORBIDDEN: 'FORBIDDEN', // 403
  NOT_FOUND: 'NOT_FOUND', // 404
  CONFLICT: 'CONFLICT', // 409
  RULE_REFUSED: 'UNPROCESSABLE_CONTENT', // 422
  TOO_MANY_ATTEMPTS: 'TOO_MANY_REQUESTS', // 429
  UNAVAILABLE: 'SERVICE_UNAVAILABLE', // 503
};

/** PostgreSQL / driver failures that mean "the database is not there right now", not a bug. */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '57014', // query_canceled: our statement_timeout (overloaded or stuck), worth a retry
  '08000',
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003',
  '08004', // sqlserver_rejected_establishment_of_sqlconnection
  '08006',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

function isDatabaseUnavailable(error: unknown): boolean {
  return codedCause(error, (code) => unavailableCodes.has(code)) !== undefined;
}

/** What the caller is told when PostgreSQL refuses what they sent: no field is known here, and no detail given. */
export const CANNOT_STORE =
  'Something in this request cannot be stored. Check the text for unusual characters.';
export const CONFLICTS = 'This conflicts with what is already stored. Reload the page and try again.';

/**
 * SQLSTATEs that mean PostgreSQL refused the data it was given, not that Harbour failed: class 22 (a data
 * exception: text it cannot store, such as a NUL, or a value out of range), class 23 (an integrity rule: a
 * duplicate, a reference to nothing) and 54000 (a value too large to index). The schemas at the boundary are
 * meant to refuse such input first, with the field named; this is the net behind them, so that the caller's
 * data is never answered with 500.
 */
function refusedData(error: unknown): 'BAD_REQUEST' | 'CONFLICT' | null {
  const found = codedCause(error, (code) => /^2[23][0-9A-Z]{3}$/.test(code) || code === '54000');
  if (found === undefined) return null;
  return found.code.startsWith('23') ? 'CONFLICT' : 'BAD_REQUEST';
}

/**
 * Converts anything a service throws into a TRPCError. Domain errors keep their message (written to be safe to
 * show); database outages become 503; data PostgreSQL refuses becomes 400 or 409; everything else is a generic
 * 500 with no detail leaked.
 */
export function toTransportError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (isDomainError(error))
    return new TRPCError({ code: transportCodes[error.code], message: error.message, cause: error });
  if (isDatabaseUnavailable(error)) {
    return new TRPCError({
      code: 'SERVICE_UNAVAILABLE',
      message: 'The database is unavailable; try again shortly',
      cause: error as Error,
    });
  }
  const refused = refusedData(error);
  if (refused !== null) {
    return new TRPCError({
      code: refused,
      message: refused === 'CONFLICT' ? CONFLICTS : CANNOT_STORE,
      cause: error as Error,
    });
  }
  return new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Something went wrong',
    cause: error instanceof Error ? error : undefined,
  });
}
