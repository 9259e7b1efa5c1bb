import type { Actor } from '@harbour/domain/access/policy';
import { DomainError } from '@harbour/domain/errors';
import { rowsOf, type Executor } from '@harbour/db/client';
import { caldicottAlert } from '@harbour/db/schema/identity';
import { sql } from 'drizzle-orm';

/**
 * Refused requests are audited (who tried what, on whom), but a member of staff naming made-up ids could write
 * such rows without end. So refusals are counted per member of staff, in PostgreSQL (`refusal_throttle`, like
 * the sign-in throttle): the first 20 in a 10-minute window are audited as usual; the 21st is audited too and
 * raises one alert on the Caldicott guardian's queue; any more in that window are answered 429 and write
 * nothing. Requests that are allowed are never held back. The window starts at the first refusal after the
 * last window ended.
 */
export const REFUSALS_PER_WINDOW = 20;
export const REFUSAL_WINDOW_MINUTES = 10;

/** What a member of staff is told once their refusals are being throttled. */
export function tooManyRefusals(seconds: number): DomainError {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new DomainError(
    'TOO_MANY_ATTEMPTS',
    `Too many of your requests have been refused. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}, then try again.`,
  );
}

/**
 * Counts one refusal for `actor`, in the transaction that audits it; throws 429 when it is past the window's
 * limit (the transaction then rolls back, so the count stays where it was and nothing is written). On the first
 * refusal past the limit, the Caldicott guardian is alerted, once per window.
 */
export async function countRefusal(tx: Executor, actor: Actor): Promise<void> {
  const window = sql.raw(`interval '${REFUSAL_WINDOW_MINUTES} minutes'`);
  const [row] = rowsOf<{ refusals: number; window_started_at: string | Date; seconds_left: number }>(
    await tx.execute(sql`
      insert into refusal_throttle as t (staff_id, organisation_id, refusals, window_started_at)
      values (${actor.staffId}, ${actor.organisationId}, 1, now())
      on conflict (staff_id) do update set
        refusals = case when t.window_started_at <= now() - ${window} then 1 else t.refusals + 1 end,
        window_started_at = case when t.window_started_at <= now() - ${window} then now() else t.window_started_at end
      returning refusals, window_started_at,
        ceil(extract(epoch from (window_started_at + ${window} - now())))::int as seconds_left`),
  );
  if (!row) throw new Error('refusal not counted');
  if (row.refusals <= REFUSALS_PER_WINDOW) return;
  if (row.refusals > REFUSALS_PER_WINDOW + 1) throw tooManyRefusals(row.seconds_left);
  await tx.insert(caldicottAlert).values({
    organisationId: actor.organisationId,
    kind: 'refusal_burst',
    subjectStaffId: actor.staffId,
    refusals: row.refusals,
    windowStartedAt: new Date(row.window_started_at).toISOString(),
  });
}
