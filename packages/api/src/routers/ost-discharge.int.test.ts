import type { Actor } from '@harbour/domain/access/policy';
import { londonDate } from '@harbour/domain/dates';
import type { EventDetails } from '@harbour/domain/events';
import type { DemoOrganisation } from '@harbour/db/demo/generate';
import type { DatabaseHandle } from '@harbour/db/client';
import { auditEvent } from '@harbour/db/schema/audit';
import { clinicalEvent, clinicalEventVersion } from '@harbour/db/schema/clinical-event';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { ostPlan } from '@harbour/db/schema/ost';
import { task } from '@harbour/db/schema/task';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { TRPCError } from '@trpc/server';
import { and, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../testing/callers.ts';

/**
 * Discharge for non-attendance through the API (issue 10: no premature discharge): refused with its reasons
 * until the re-engagement cascade is done (every route tried since the re-engagement task opened), by a team
 * lead of the person's team only; then the episode ends as "dropped out" with the OST exit recorded.
 */
describe.each(testDatabases())('discharge for non-attendance ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let jo: Actor;
  let sam: Actor;
  let okafor: Actor;
  /** On an OST plan, in Jo's team, with an open episode. */
  let person: string;
  const now = () => new Date();
  const today = () => londonDate(now());

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 60 });
    const organisationId = org.structure.organisation.id;
    const actorOf = (name: string): Actor => {
      const member = org.structure.staff.find((s) => s.displayName === name);
      if (!member) throw new Error(`no ${name}`);
      return {
        staffId: member.id,
        organisationId,
        role: member.role,
        teamIds: org.structure.memberships.filter((m) => m.staffId === member.id).map((m) => m.teamId),
      };
    };
    jo = actorOf('Jo Bennett');
    sam = actorOf('Sam Carter');
    okafor = actorOf('Dr Chidi Okafor');
    const [found] = await handle.db
      .select({ personId: ostPlan.personId })
      .from(ostPlan)
      .innerJoin(treatmentEpisode, eq(treatmentEpisode.id, ostPlan.episodeId))
      .where(
        and(
          inArray(treatmentEpisode.teamId, [...jo.teamIds]),
          ne(treatmentEpisode.status, 'discharged'),
          // Not already reached today (the demo's record may hold an attended contact today): the cascade
          // this test runs starts today.
          sql`not exists (select 1 from clinical_event c where c.person_id = ${ostPlan.personId}
                and c.type = 'contact' and c.status = 'active' and (c.details->>'attended')::boolean
                and c.occurred_on >= ${today()})`,
        ),
      )
      .limit(1);
    if (!found) throw new Error("the demo has a person on OST in Jo's team");
    person = found.personId;
  });
  afterAll(() => handle.close());

  const as = (actor: Actor) => callerFor(handle.db, actor, { now });

  async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    return error as TRPCError;
  }

  const episodeStatus = async () =>
    (
      await handle.db
        .select({ status: treatmentEpisode.status, reason: treatmentEpisode.dischargeReason })
        .from(treatmentEpisode)
        .where(eq(treatmentEpisode.personId, person))
    ).find((e) => e.status !== 'referred');

  const contact = (mode: EventDetails<'contact'>['mode']) =>
    as(jo).record.recordEvent({
      personId: person,
      idempotencyKey: randomUUID(),
      occurredOn: today(),
      event: { type: 'contact', details: { mode, attended: false } },
    });

  it('lets only a team lead of the person’s team discharge', async () => {
    for (const actor of [sam, okafor])
      expect((await refusal(as(actor).ost.exit.dischargeForNonAttendance({ personId: person }))).code).toBe(
        'FORBIDDEN',
      );
  });

  it('refuses when no re-engagement has started, with the reason, and changes nothing', async () => {
    await handle.db.delete(task).where(and(eq(task.personId, person), eq(task.kind, 'reengagement')));
    const error = await refusal(as(jo).ost.exit.dischargeForNonAttendance({ personId: person }));
    expect(error.code).toBe('UNPROCESSABLE_CONTENT');
    expect(error.message).toContain('no re-engagement has been started');
    expect((await episodeStatus())?.status).toBe('active');
  });

  it('refuses until every route of the cascade is tried or recorded as not possible with why, then discharges', async () => {
    await handle.db.insert(task).values({
      organisationId: org.structure.organisation.id,
      personId: person,
      kind: 'reengagement',
      why: 'Missed doses: start the re-engagement cascade',
      dueOn: today(),
      sameDay: false,
      priority: 'urgent',
      assigneeKind: 'keyworker',
      teamId: jo.teamIds[0] ?? null,
      sourceEventOn: today(),
      ruleId: 'TSK-FOLLOW-UP-RE-ENGAGEMENT',
      openedOn: today(),
    });
    await contact('phone');
    await contact('text');
    const partway = await refusal(as(jo).ost.exit.dischargeForNonAttendance({ personId: person }));
    expect(partway.code).toBe('UNPROCESSABLE_CONTENT');
    expect(partway.message).toContain('still to try pharmacy liaison, home visit and nominated contact');
    expect((await episodeStatus())?.status).toBe('active');

    await contact('pharmacy_liaison');
    await contact('home_visit');

    // The last route does not exist for them: recorded as not possible, with why, it counts as tried. Without
    // why it is refused, and nothing is written.
    const contacts = async () =>
      (
        await handle.db
          .select({ n: count() })
          .from(clinicalEvent)
          .where(and(eq(clinicalEvent.personId, person), eq(clinicalEvent.type, 'contact')))
      )[0]?.n;
    const before = await contacts();
    const notPossible = (why: string) =>
      as(sam).record.recordEvent({
        personId: person,
        idempotencyKey: randomUUID(),
        occurredOn: today(),
        event: { type: 'contact', details: { mode: 'nominated_contact', attended: false, notPossible: why } },
      });
    const bad = await refusal(notPossible(''));
    expect(bad.code).toBe('BAD_REQUEST');
    expect(bad.message).toContain('Say why it was not possible');
    expect(await contacts()).toBe(before);
    const stillToTry = await as(sam).ost.exit.cascade({ personId: person });
    expect(stillToTry.status).toMatchObject({ done: false, remaining: ['nominated_contact'] });

    const recorded = await notPossible('No nominated contact on file: they have never named one.');
    expect(await contacts()).toBe((before ?? 0) + 1);
    const [version] = await handle.db
      .select({ details: clinicalEventVersion.details, writtenBy: clinicalEventVersion.writtenBy })
      .from(clinicalEventVersion)
      .where(eq(clinicalEventVersion.eventId, recorded.id));
    expect(version).toEqual({
      details: {
        mode: 'nominated_contact',
        attended: false,
        notPossible: 'No nominated contact on file: they have never named one.',
      },
      writtenBy: sam.staffId,
    });
    const view = await as(jo).ost.exit.cascade({ personId: person });
    expect(view.startedOn).toBe(today());
    expect(view.status).toMatchObject({ done: true, remaining: [], nothingTried: false });
    expect(view.status?.steps.find((s) => s.step === 'nominated_contact')?.latest).toMatchObject({
      result: 'not_possible',
      why: 'No nominated contact on file: they have never named one.',
    });
    const viewed = await handle.db
      .select({ n: count() })
      .from(auditEvent)
      .where(and(eq(auditEvent.procedure, 'ost.exit.cascade'), eq(auditEvent.personId, person)));
    expect(viewed[0]?.n).toBe(2);

    const done = await as(jo).ost.exit.dischargeForNonAttendance({ personId: person });
    expect(done.endedOn).toBe(today());
    const [ended] = await handle.db
      .select({ status: treatmentEpisode.status, reason: treatmentEpisode.dischargeReason })
      .from(treatmentEpisode)
      .where(eq(treatmentEpisode.id, done.episodeId));
    expect(ended).toEqual({ status: 'discharged', reason: 'dropped_out' });
    const exits = await handle.db
      .select({ details: clinicalEvent.details })
      .from(clinicalEvent)
      .where(and(eq(clinicalEvent.personId, person), eq(clinicalEvent.type, 'ost_exit')));
    expect(exits.map((e) => e.details)).toContainEqual({ reason: 'unplanned' });
    // The exit opens its checklist as any recorded exit does: the contact plan and the GP told, on the team that
    // discharged them (and naloxone, unless an in-date kit is held).
    const opened = await handle.db
      .select({ ruleId: task.ruleId, teamId: task.teamId })
      .from(task)
      .where(and(eq(task.personId, person), eq(task.status, 'open'), eq(task.sourceEventType, 'ost_exit')));
    expect(opened.map((t) => t.ruleId)).toEqual(
      expect.arrayContaining(['TSK-OST-EXIT-CONTACT', 'TSK-OST-EXIT-GP']),
    );
    expect(new Set(opened.map((t) => t.teamId))).toEqual(new Set([jo.teamIds[0]]));
    const audits = await handle.db
      .select({ outcome: auditEvent.outcome, n: count() })
      .from(auditEvent)
      .where(
        and(eq(auditEvent.procedure, 'ost.exit.dischargeForNonAttendance'), eq(auditEvent.personId, person)),
      )
      .groupBy(auditEvent.outcome);
    expect(Object.fromEntries(audits.map((a) => [a.outcome, a.n]))).toMatchObject({ allowed: 1 });
  });
});
