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

/**
 * Converts anything a service throws into a TRPCError. Domain errors keep their message (written to be safe to
 * show); database outages become 503; everything else is a generic 500 with no detail leaked.
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
  return new TRPCError({
    code: 'INTERNAL_SERVER_ERROR',
    message: 'Something went wrong',
    cause: error instanceof Error ? error : undefined,
  });
}
