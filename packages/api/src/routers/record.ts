import {
  AmendEventInput,
  RecordEventInput,
  SetFactInput,
  StrikeOutEventInput,
} from '@harbour/domain/record/inputs';
import { amendEvent, strikeOutEvent } from '../services/amend-event.ts';
import { recordEvent } from '../services/record-event.ts';
import { setFact } from '../services/set-fact.ts';
import { authorised, createRouter } from '../trpc.ts';

/**
 * Writing to a person's clinical record: events (a prison release, an overdose, a contact…) and current facts
 * (drug use, housing…). Each write is authorised by the policy (caseload, team or the caller's own break-glass),
 * re-scores the person and is audited, all in one transaction; a change names the version it changes.
 */
export const recordRouter = createRouter({
  /** Records an event. A repeat of the same submission (same idempotency key) records nothing new. */
  recordEvent: authorised('record:write')
    .input(RecordEventInput)
    .mutation(({ ctx, input }) =>
      recordEvent(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Amends an event: a new version with a reason; a stale version is a conflict. */
  amendEvent: authorised('record:write')
    .input(AmendEventInput)
    .mutation(({ ctx, input }) =>
      amendEvent(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Marks an event entered in error (kept, struck out, no longer scored), with a reason. */
  strikeOutEvent: authorised('record:write')
    .input(StrikeOutEventInput)
    .mutation(({ ctx, input }) =>
      strikeOutEvent(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
  /** Records a current fact: the first of its kind, or a new version of it with a reason. */
  setFact: authorised('record:write')
    .input(SetFactInput)
    .mutation(({ ctx, input }) =>
      setFact(ctx.db, ctx.actor, input, { requestId: ctx.requestId, now: ctx.now() }),
    ),
});
