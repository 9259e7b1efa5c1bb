import type { Actor } from '@harbour/domain/access/policy';
import { londonDate } from '@harbour/domain/dates';
import { DomainError } from '@harbour/domain/errors';
import type { EventDetails } from '@harbour/domain/events';
import type { CalendarDate } from '@harbour/domain/ids';
import {
  cascadeStatus,
  mayDischargeForNonAttendance,
  type CascadeStatus,
  type ReEngagementCascade,
} from '@harbour/domain/ost/reengagement';
import {
  cascadeFromContacts,
  type DischargeForNonAttendanceInput,
} from '@harbour/domain/ost/reengagement-contacts';
import type { Database, Transaction } from '@harbour/db/client';
import { withTenant } from '@harbour/db/tenant';
import { clinicalEvent, clinicalEventVersion } from '@harbour/db/schema/clinical-event';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { ostPlan } from '@harbour/db/schema/ost';
import { task } from '@harbour/db/schema/task';
import { and, asc, desc, eq, gte, ne } from 'drizzle-orm';
import { auditInsert, writeAudit } from '../audit/write-audit.ts';
import { personAccess } from './person-access.ts';
import { personWrite, settle } from './person-write.ts';
import { tasksAfterRecording } from './tasks.ts';
import { rescoreAfterEntry, type Outcome, type WriteContext } from './record-event.ts';

const PROCEDURE = 'ost.exit.dischargeForNonAttendance';
const CASCADE_PROCEDURE = 'ost.exit.cascade';

/**
 * The person's re-engagement cascade as the record holds it: from the day their latest re-engagement task opened,
 * each contact recorded since (not entered in error) an attempt (`cascadeFromContacts`); null when no
 * re-engagement has been started.
 */
async function cascadeOf(
  tx: Transaction,
  actor: Actor,
  personId: string,
): Promise<ReEngagementCascade | null> {
  const [started] = await tx
    .select({ createdAt: task.createdAt })
    .from(task)
    .where(
      and(
        eq(task.organisationId, actor.organisationId),
        eq(task.personId, personId),
        eq(task.kind, 'reengagement'),
      ),
    )
    .orderBy(desc(task.createdAt))
    .limit(1);
  if (!started) return null;
  const startedOn = londonDate(new Date(started.createdAt));
  const contacts = await tx
    .select({ on: clinicalEvent.occurredOn, by: clinicalEvent.recordedBy, details: clinicalEvent.details })
    .from(clinicalEvent)
    .where(
      and(
        eq(clinicalEvent.organisationId, actor.organisationId),
        eq(clinicalEvent.personId, personId),
        eq(clinicalEvent.type, 'contact'),
        ne(clinicalEvent.status, 'entered_in_error'),
        gte(clinicalEvent.occurredOn, startedOn),
      ),
    )
    .orderBy(asc(clinicalEvent.occurredOn));
  return cascadeFromContacts(
    startedOn,
    contacts.map((c) => ({
      on: c.on,
      by: c.by ?? actor.staffId,
      details: c.details as EventDetails<'contact'>,
    })),
  );
}

export interface CascadeView {
  /** The day the cascade started (the latest re-engagement task opened), or null when none has. */
  startedOn: CalendarDate | null;
  /** Where it stands: each step's latest attempt, what is left, whether it is done; null before it starts. */
  status: CascadeStatus | null;
}

/**
 * `ost.exit.cascade`: where the person's re-engagement cascade stands (issue 10), for the discharge page and
 * whoever may open the record: each step tried, not possible (and why) or still to try. One audit row.
 */
export async function reEngagementCascade(
  db: Database,
  actor: Actor,
  input: DischargeForNonAttendanceInput,
  context: WriteContext,
): Promise<CascadeView> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const outcome = await withTenant(db, tenant, async (tx): Promise<Outcome<CascadeView>> => {
    const access = await personAccess(tx, {
      actor,
      personId: input.personId,
      mode: 'read',
      action: 'view',
      procedure: CASCADE_PROCEDURE,
      requestId: context.requestId,
      now: context.now,
    });
    if (access.kind !== 'allowed') return access;
    const cascade = await cascadeOf(tx, actor, input.personId);
    await writeAudit(tx, {
      actor,
      personId: input.personId,
      action: 'view',
      procedure: CASCADE_PROCEDURE,
      requestId: context.requestId,
      basis: access.basis,
      outcome: 'allowed',
    });
    return {
      kind: 'ok',
      value: {
        startedOn: cascade?.startedOn ?? null,
        status: cascade === null ? null : cascadeStatus(cascade),
      },
    };
  });
  return settle(outcome);
}

export interface Discharged {
  episodeId: string;
  endedOn: string;
}

/**
 * A discharge for non-attendance (issue 10, ost.md "Reductions and exits": no premature discharge). Never
 * automatic: only this procedure discharges, called by a team lead of the episode's team as their sign-off, and
 * only when the re-engagement cascade is done — every route tried since the person's latest re-engagement task
 * opened, recorded as contacts, without reaching them (`mayDischargeForNonAttendance`). Otherwise refused
 * (RULE_REFUSED, 422) with every reason in words, one audit row, nothing changed. Allowed: the episode is
 * discharged as "dropped out", an OST plan's exit is recorded (`ost_exit`, unplanned: the 4-week OST_EXIT
 * window), the person re-scored and one audit row, in one transaction.
 */
export async function dischargeForNonAttendance(
  db: Database,
  actor: Actor,
  input: DischargeForNonAttendanceInput,
  context: WriteContext,
): Promise<Discharged> {
  return personWrite(
    db,
    actor,
    { personId: input.personId, action: 'amend', procedure: PROCEDURE },
    context,
    async ({
      tx,
      access,
      audit,
    }): Promise<Outcome<Discharged> | { kind: 'rule_refused'; message: string }> => {
      const episode = access.episode;
      // A discharge is a team lead's decision for their own team: never under break-glass.
      if (access.basis === 'break_glass' || episode === null || !actor.teamIds.includes(episode.teamId)) {
        await writeAudit(tx, {
          ...audit,
          basis: null,
          outcome: 'denied',
          reason: 'a discharge is signed off by a team lead of the episode',
        });
        return { kind: 'denied' };
      }
      const refuse = async (message: string) => {
        await auditInsert(tx, { ...audit, outcome: 'denied', reason: 'refused: not discharged' });
        return { kind: 'rule_refused' as const, message };
      };
      const [locked] = await tx
        .select({ id: treatmentEpisode.id, status: treatmentEpisode.status })
        .from(treatmentEpisode)
        .where(
          and(eq(treatmentEpisode.organisationId, actor.organisationId), eq(treatmentEpisode.id, episode.id)),
        )
        .for('update');
      if (!locked || locked.status === 'discharged')
        return refuse('Not discharged: the episode has already ended.');
      const today = londonDate(context.now);
      const cascade = await cascadeOf(tx, actor, input.personId);
      if (cascade === null)
        return refuse(
          'Not discharged: no re-engagement has been started. Missed doses or appointments open a ' +
            're-engagement task; try every route (phone, text, pharmacy, home visit, nominated contact) first.',
        );
      const decision = mayDischargeForNonAttendance(cascade, {
        by: actor.staffId,
        role: actor.role,
        on: today,
      });
      if (!decision.allowed) return refuse(decision.finding.message);

      const [plan] = await tx
        .select({ id: ostPlan.id })
        .from(ostPlan)
        .where(and(eq(ostPlan.organisationId, actor.organisationId), eq(ostPlan.episodeId, episode.id)));
      if (plan) {
        const [event] = await tx
          .insert(clinicalEvent)
          .values({
            organisationId: actor.organisationId,
            personId: input.personId,
            episodeId: episode.id,
            type: decision.event.type,
            occurredOn: today,
            details: decision.event.details,
            recordedBy: actor.staffId,
            recordedAt: context.now.toISOString(),
          })
          .returning({ id: clinicalEvent.id, version: clinicalEvent.version });
        if (!event) throw new DomainError('CONFLICT', 'The exit could not be recorded; try again');
        await tx.insert(clinicalEventVersion).values({
          eventId: event.id,
          version: event.version,
          organisationId: actor.organisationId,
          personId: input.personId,
          type: decision.event.type,
          occurredOn: today,
          details: decision.event.details,
          status: 'active',
          reason: null,
          writtenBy: actor.staffId,
          writtenAt: context.now.toISOString(),
        });
        // The exit opens its tasks as any recorded exit does (ost.md's exit checklist: naloxone, a contact
        // plan, the GP told), in this transaction: an event never stored without its tasks (HAZ-TSK-009).
        await tasksAfterRecording(
          tx,
          actor.organisationId,
          { id: event.id, personId: input.personId, occurredOn: today, payload: decision.event },
          actor.staffId,
          context.now,
        );
      }
      // The episode ends after its exit has opened its tasks, so they go to the team that discharged them.
      await tx
        .update(treatmentEpisode)
        .set({
          status: 'discharged',
          endedOn: today,
          dischargeReason: 'dropped_out',
          version: episode.version + 1,
          updatedAt: context.now.toISOString(),
        })
        .where(eq(treatmentEpisode.id, episode.id));
      await rescoreAfterEntry(tx, actor.organisationId, input.personId, context.now);
      await writeAudit(tx, { ...audit, outcome: 'allowed' });
      return { kind: 'ok', value: { episodeId: episode.id, endedOn: today } };
    },
    (refused) => {
      throw new DomainError('RULE_REFUSED', refused.message);
    },
  );
}
