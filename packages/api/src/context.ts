import type { Actor } from '@harbour/domain/access/policy';
import type { Database } from '@harbour/db/client';

/** Everything a procedure may use. Built per request by apps/server. */
export interface Context {
  db: Database;
  /** The authenticated member of staff, or null (then only public procedures run). */
  actor: Actor | null;
  /** Correlates logs and audit rows for one request. */
  requestId: string;
}
