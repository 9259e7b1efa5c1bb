import type { Actor } from '@harbour/domain/access/policy';
import type { Database } from '@harbour/db/client';
import type { ServiceUserActor, SessionInfo } from './identity/sessions.ts';

/** Everything a procedure may use. Built per request by apps/server from the session token. */
export interface Context {
  db: Database;
  /** The session the request's token names, at whatever stage of signing in (null: none or not live). */
  session: SessionInfo | null;
  /** The signed-in member of staff (an active staff session), or null. */
  actor: Actor | null;
  /** The signed-in service user (an active self-check session), or null. */
  serviceUser: ServiceUserActor | null;
  /** The address the person is connecting from, as the portal saw it: for sign-in throttling only. */
  clientAddress: string;
  /** Correlates logs and audit rows for one request. */
  requestId: string;
  /** The clock (tests move it to check expiry). */
  now: () => Date;
}
