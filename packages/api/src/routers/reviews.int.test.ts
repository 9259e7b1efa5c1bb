import type { Actor } from '@harbour/domain/access/policy';
import { addDays, londonDate } from '@harbour/domain/dates';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import { auditEvent } from '@harbour/db/schema/audit';
import { clinicalEvent } from '@harbour/db/schema/clinical-event';
import { staffCompetency } from '@harbour/db/schema/competency';
import { riskScoreHistory } from '@harbour/db/schema/risk-history';
import { task } from '@harbour/db/schema/task';
import { escalateCompetencyRenewals, syncCompetencyRenewals } from '@harbour/db/tasks/competency-renewals';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { and, desc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWithRole, callerFor } from '../testing/callers.ts';
import { refusal } from '../testing/refusal.ts';

const today = (): string => londonDate(new Date());

describe.each(testDatabases())('competencies and case review ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let admin: Actor;
  /** The demo's Jo: an in-date risk assessment competency. */
  let jo: Actor;
  /** Another team lead: the demo's risk assessment competency expired 10 weeks ago. */
  let lapsed: Actor;
  let sam: Actor;
  let joPeople: PersonRow[];
  let used = 0;

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 60, seed: 97 });
    admin = actorWithRole(org, 'administrator');
    jo = actorWithRole(org, 'team_lead');
    sam = actorWithRole(org, 'keyworker');
    const other = org.structure.staff.find((s) => s.role === 'team_lead' && s.id !== jo.staffId);
    if (!other) throw new Error('the organisation needs a second team lead');
    // The lapsed lead works in Jo's team here, so only the competency differs.
    lapsed = { staffId: other.id, organisationId: jo.organisationId, role: 'team_lead', teamIds: jo.teamIds };
    const batches = [...org.batches(1000)];
    const episodes = batches.flatMap((b) => b.episodes).filter((e) => e.status !== 'discharged');
    joPeople = batches
      .flatMap((b) => b.people)
      .filter((p) => episodes.some((e) => e.personId === p.id && e.teamId === jo.teamIds[0]));
    if (joPeople.length < 6) throw new Error('the organisation lacks the people these tests need');
  });
  afterAll(() => handle.close());

  const as = (actor: Actor, steppedUp = false) =>
    callerFor(handle.db, actor, {
      session: {
        id: randomUUID(),
        organisationId: actor.organisationId,
        subjectKind: 'staff',
        subjectId: actor.staffId,
        stage: 'active',
        reauthenticatedAt: steppedUp ? new Date().toISOString() : null,
      },
    });
  const fresh = (): PersonRow => {
    const p = joPeople[used++];
    if (!p) throw new Error('out of people');
    return p;
  };
  /** Puts a person in the very high tier from 10 days ago, with nothing since: due a review from day 7. */
  async function veryHighFor10Days(personId: string) {
    await handle.db.delete(riskScoreHistory).where(eq(riskScoreHistory.personId, personId));
    await handle.db.insert(riskScoreHistory).values({
      organisationId: jo.organisationId,
      personId,
      asOf: addDays(today(), -10),
      score: 45,
      tier: 'very_high',
      modelVersion: '2026.2',
      cause: 'entry',
    });
  }
  const submission = (personId: string, actions: unknown[] = []) => ({
    personId,
    idempotencyKey: randomUUID(),
    reviewedOn: today(),
    tier: 'very_high' as const,
    factors: ['OST_EXIT' as const],
    mitigations: [{ code: 'naloxone' as const, status: 'unmet' as const }],
    actions: actions as never,
  });
  const eventsOf = (personId: string) =>
    handle.db
      .select()
      .from(clinicalEvent)
      .where(and(eq(clinicalEvent.personId, personId), eq(clinicalEvent.type, 'case_review')));
  const tasksOf = (personId: string) =>
    handle.db
      .select()
      .from(task)
      .where(and(eq(task.personId, personId), eq(task.status, 'open')));

  describe('the competency register', () => {
    it('administrators record a competency; the member of staff sees it on their account', async () => {
      const written = await as(admin, true).competencies.record({
        competency: {
          staffId: sam.staffId,
          kind: 'risk_assessment',
          achievedOn: '2026-01-05',
          expiresOn: null,
        },
        replacesId: null,
      });
      // No expiry given: the kind's 24 months.
      expect(written.expiresOn).toBe('2028-01-05');
      const mine = await as(sam).account.competencies();
      expect(mine.find((c) => c.kind === 'risk_assessment')).toMatchObject({
        expiresOn: '2028-01-05',
        recordId: written.id,
      });
      const [audit] = await handle.db
        .select()
        .from(auditEvent)
        .where(eq(auditEvent.procedure, 'competencies.record'))
        .orderBy(desc(auditEvent.seq))
        .limit(1);
      expect(audit).toMatchObject({
        outcome: 'allowed',
        targetStaffId: sam.staffId,
        action: 'competency_record',
      });
    });

    it('a correction replaces a record once; correcting it again is a conflict and writes nothing', async () => {
      // A nurse: the demo records no competency for them, so the correction alone decides.
      const nurseId = org.structure.staff.find((s) => s.role === 'nurse')?.id ?? '';
      const first = await as(admin, true).competencies.record({
        competency: {
          staffId: nurseId,
          kind: 'overdose_response',
          achievedOn: '2026-02-01',
          expiresOn: '2030-02-01',
        },
        replacesId: null,
      });
      await as(admin, true).competencies.record({
        competency: {
          staffId: nurseId,
          kind: 'overdose_response',
          achievedOn: '2026-02-01',
          expiresOn: null,
        },
        replacesId: first.id,
        reason: 'The expiry was typed as 2030',
      });
      const register = await as(admin).competencies.list();
      const line = register.staff
        .find((m) => m.staffId === nurseId)
        ?.competencies.find((c) => c.kind === 'overdose_response');
      expect(line?.expiresOn).toBe('2027-02-01');
      const before = await handle.db
        .select()
        .from(staffCompetency)
        .where(eq(staffCompetency.staffId, nurseId));
      const error = await refusal(
        as(admin, true).competencies.record({
          competency: {
            staffId: nurseId,
            kind: 'overdose_response',
            achievedOn: '2026-02-01',
            expiresOn: null,
          },
          replacesId: first.id,
          reason: 'Corrected again',
        }),
      );
      expect(error.code).toBe('CONFLICT');
      const after = await handle.db
        .select()
        .from(staffCompetency)
        .where(eq(staffCompetency.staffId, nurseId));
      expect(after).toHaveLength(before.length);
    });

    it('a correction needs a reason; the old record is kept in the history, shown with the correction', async () => {
      const prescriber = org.structure.staff.find((s) => s.role === 'prescriber');
      if (!prescriber) throw new Error('the organisation needs a prescriber');
      const first = await as(admin, true).competencies.record({
        competency: {
          staffId: prescriber.id,
          kind: 'naloxone_training',
          achievedOn: '2026-01-10',
          expiresOn: null,
        },
        replacesId: null,
      });
      const count = () =>
        handle.db.select().from(staffCompetency).where(eq(staffCompetency.staffId, prescriber.id));
      const before = (await count()).length;
      const correction = {
        competency: {
          staffId: prescriber.id,
          kind: 'naloxone_training' as const,
          achievedOn: '2025-01-10',
          expiresOn: null,
        },
        replacesId: first.id,
      };
      const noReason = await refusal(as(admin, true).competencies.record(correction));
      expect(noReason.code).toBe('BAD_REQUEST');
      expect(noReason.message).toBe('Say what was entered wrongly in the record you are correcting');
      const reasonAlone = await refusal(
        as(admin, true).competencies.record({ ...correction, replacesId: null, reason: 'Not a correction' }),
      );
      expect(reasonAlone.code).toBe('BAD_REQUEST');
      expect(await count()).toHaveLength(before);

      const fixed = await as(admin, true).competencies.record({
        ...correction,
        reason: 'The course was in January 2025, not 2026',
      });
      expect(fixed.expiresOn).toBe('2027-01-10');
      const history = await as(admin).competencies.history({ staffId: prescriber.id });
      const adminName = org.structure.staff.find((s) => s.id === admin.staffId)?.displayName;
      expect(history.history.filter((h) => h.kind === 'naloxone_training').slice(0, 2)).toMatchObject([
        {
          id: fixed.id,
          achievedOn: '2025-01-10',
          counts: true,
          correctionReason: 'The course was in January 2025, not 2026',
          recordedByName: adminName,
        },
        { id: first.id, achievedOn: '2026-01-10', counts: false, correctedAt: expect.any(String) },
      ]);
      expect(history.competencies.find((c) => c.kind === 'naloxone_training')).toMatchObject({
        recordId: fixed.id,
        expiresOn: '2027-01-10',
      });
      const [audit] = await handle.db
        .select()
        .from(auditEvent)
        .where(
          and(eq(auditEvent.procedure, 'competencies.record'), eq(auditEvent.targetStaffId, prescriber.id)),
        )
        .orderBy(desc(auditEvent.seq))
        .limit(1);
      expect(audit).toMatchObject({
        outcome: 'allowed',
        changes: { competency: { replacesId: first.id, achievedOn: '2025-01-10' } },
      });
      expect((await refusal(as(jo).competencies.history({ staffId: prescriber.id }))).code).toBe('FORBIDDEN');
    });

    it('refuses a date achieved in the future, anyone but an administrator, and an administrator without a step-up', async () => {
      const input = {
        competency: {
          staffId: sam.staffId,
          kind: 'naloxone_training' as const,
          achievedOn: addDays(today(), 1),
          expiresOn: null,
        },
        replacesId: null,
      };
      expect((await refusal(as(admin, true).competencies.record(input))).code).toBe('BAD_REQUEST');
      const now = { ...input, competency: { ...input.competency, achievedOn: today() } };
      expect((await refusal(as(jo, true).competencies.record(now))).code).toBe('FORBIDDEN');
      expect((await refusal(as(admin, false).competencies.record(now))).code).toBe('FORBIDDEN');
    });

    it('an expiring competency opens one renewal task for the member of staff; recording the renewal closes it', async () => {
      const kind = 'naloxone_training';
      const renewals = () =>
        handle.db
          .select()
          .from(task)
          .where(
            and(
              eq(task.kind, 'competency_renewal'),
              eq(task.assigneeStaffId, sam.staffId),
              eq(task.status, 'open'),
            ),
          );
      // The demo's naloxone training of Sam's expires in 30 days: inside the 6 weeks of the reminder.
      await syncCompetencyRenewals(handle.db, sam.organisationId, today(), new Date());
      await syncCompetencyRenewals(handle.db, sam.organisationId, today(), new Date());
      const open = await renewals();
      expect(open).toHaveLength(1);
      expect(open[0]).toMatchObject({
        personId: null,
        sourceCause: `competency:${kind}`,
        assigneeKind: 'staff',
      });
      expect(open[0]?.why).toMatch(/^Naloxone training competency expires on /);
      await as(admin, true).competencies.record({
        competency: { staffId: sam.staffId, kind, achievedOn: today(), expiresOn: null },
        replacesId: null,
      });
      expect(await renewals()).toHaveLength(0);
    });

    it('a renewal not done by the expiry escalates once: a keyworker’s to the team lead, a lead’s to the manager', async () => {
      const keyworker = org.structure.staff.find(
        (s) =>
          s.role === 'keyworker' &&
          s.id !== sam.staffId &&
          org.structure.memberships.some((m) => m.staffId === s.id && m.teamId === jo.teamIds[0]),
      );
      if (!keyworker) throw new Error('the organisation needs a second keyworker in Jo’s team');
      // Overdose response, expired yesterday: the renewal task opens at once, and was not done by the expiry.
      await as(admin, true).competencies.record({
        competency: {
          staffId: keyworker.id,
          kind: 'overdose_response',
          achievedOn: addDays(today(), -400),
          expiresOn: addDays(today(), -1),
        },
        replacesId: null,
      });
      await syncCompetencyRenewals(handle.db, jo.organisationId, today(), new Date());
      const renewalOf = async (staffId: string, kind: string) => {
        const [row] = await handle.db
          .select()
          .from(task)
          .where(
            and(
              eq(task.kind, 'competency_renewal'),
              eq(task.assigneeStaffId, staffId),
              eq(task.sourceCause, `competency:${kind}`),
              eq(task.status, 'open'),
            ),
          );
        return row;
      };
      expect(await renewalOf(keyworker.id, 'overdose_response')).toMatchObject({ escalatedTo: null });

      const first = await escalateCompetencyRenewals(handle.db, jo.organisationId, today(), new Date());
      expect(first).toBeGreaterThanOrEqual(2);
      expect(await escalateCompetencyRenewals(handle.db, jo.organisationId, today(), new Date())).toBe(0);
      expect(await renewalOf(keyworker.id, 'overdose_response')).toMatchObject({
        escalatedTo: 'team_lead',
        escalationReason: 'competency_expired',
        escalatedOn: today(),
      });
      // The other team lead's risk assessment expired 70 days ago (the demo): theirs goes to the manager.
      expect(await renewalOf(lapsed.staffId, 'risk_assessment')).toMatchObject({
        escalatedTo: 'service_manager',
        escalationReason: 'competency_expired',
      });

      // The service manager finds the lead's in their tasks, escalated, with why; Jo does not.
      const manager = actorWithRole(org, 'service_manager');
      const leadsRenewal = await renewalOf(lapsed.staffId, 'risk_assessment');
      expect((await as(manager).tasks.mine()).rows.find((r) => r.id === leadsRenewal?.id)).toMatchObject({
        kind: 'competency_renewal',
        escalation: { to: 'service_manager', reasonLabel: 'A competency expired before it was renewed' },
      });
      expect((await as(jo).tasks.mine()).rows.some((r) => r.id === leadsRenewal?.id)).toBe(false);

      // Jo sees it in her tasks, escalated, with why.
      const joTasks = await as(jo).tasks.mine();
      const renewal = await renewalOf(keyworker.id, 'overdose_response');
      expect(joTasks.rows.find((r) => r.id === renewal?.id)).toMatchObject({
        kind: 'competency_renewal',
        escalation: { to: 'team_lead', reasonLabel: 'A competency expired before it was renewed' },
      });
    });
  });

  describe('case review', () => {
    it('Jo reviews a person from the queue: the case_review event, a task per action, and they leave the queue', async () => {
      const p = fresh();
      await veryHighFor10Days(p.id);
      const before = await as(jo).reviews.queue({ teamId: jo.teamIds[0] ?? '' });
      expect(before.rows.find((r) => r.personId === p.id)).toMatchObject({
        tier: 'very_high',
        overdue: false,
      });
      const draft = await as(jo).reviews.draft({ personId: p.id });
      expect(draft.signOff.allowed).toBe(true);
      const written = await as(jo).reviews.record(
        submission(p.id, [
          { action: 'supply_naloxone', owner: { kind: 'keyworker' }, dueOn: addDays(today(), 7), note: null },
          {
            action: 'other',
            owner: { kind: 'team_lead' },
            dueOn: addDays(today(), 14),
            note: 'Talk to the hostel',
          },
        ]),
      );
      const [event] = await eventsOf(p.id);
      expect(event?.id).toBe(written.id);
      expect(event?.details).toMatchObject({ actionsAgreed: 2, signedOffBy: jo.staffId, templateVersion: 1 });
      const tasks = await tasksOf(p.id);
      const opened = tasks.filter((t) => t.sourceEventId === written.id);
      expect(opened.map((t) => t.kind).sort()).toEqual(['case_review_action', 'naloxone_supply']);
      expect(opened.find((t) => t.kind === 'case_review_action')).toMatchObject({
        assigneeKind: 'team_lead',
        note: 'Talk to the hostel',
      });
      const after = await as(jo).reviews.queue({ teamId: jo.teamIds[0] ?? '' });
      expect(after.rows.some((r) => r.personId === p.id)).toBe(false);
      // One audit row for the write, as for any entry.
      const rows = await handle.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.personId, p.id), eq(auditEvent.procedure, 'record.recordEvent')));
      expect(rows.map((r) => r.outcome)).toEqual(['allowed']);
    });

    it('a reviewer whose risk assessment competency has expired is refused (422, in words) and nothing is written', async () => {
      const p = fresh();
      await veryHighFor10Days(p.id);
      const draft = await as(lapsed).reviews.draft({ personId: p.id });
      expect(draft.signOff.allowed).toBe(false);
      const tasksBefore = await tasksOf(p.id);
      const error = await refusal(
        as(lapsed).reviews.record(
          submission(p.id, [
            {
              action: 'supply_naloxone',
              owner: { kind: 'keyworker' },
              dueOn: addDays(today(), 7),
              note: null,
            },
          ]),
        ),
      );
      expect(error.code).toBe('UNPROCESSABLE_CONTENT');
      expect(error.message).toMatch(
        /^Only staff with an in-date risk assessment competency can sign off a case review\. Yours expired on /,
      );
      expect(await eventsOf(p.id)).toEqual([]);
      expect(await tasksOf(p.id)).toEqual(tasksBefore);
      const [audit] = await handle.db
        .select()
        .from(auditEvent)
        .where(eq(auditEvent.personId, p.id))
        .orderBy(desc(auditEvent.seq))
        .limit(1);
      expect(audit).toMatchObject({
        outcome: 'denied',
        actorId: lapsed.staffId,
        procedure: 'record.recordEvent',
      });
      // Still in the queue.
      const queue = await as(jo).reviews.queue({ teamId: jo.teamIds[0] ?? '' });
      expect(queue.rows.some((r) => r.personId === p.id)).toBe(true);
    });

    it('no competency recorded: refused through the plain record form too, and a review cannot name another signer', async () => {
      const p = fresh();
      const keyworker = { ...sam, staffId: org.structure.staff.find((s) => s.role === 'nurse')?.id ?? '' };
      const plain = (details: Record<string, unknown>, actor: Actor) =>
        as(actor).record.recordEvent({
          personId: p.id,
          idempotencyKey: randomUUID(),
          occurredOn: today(),
          event: { type: 'case_review', details: details as never },
        });
      const error = await refusal(plain({ actionsAgreed: 0 }, { ...keyworker, teamIds: jo.teamIds }));
      expect(error.code).toBe('UNPROCESSABLE_CONTENT');
      expect(error.message).toContain('and none is recorded for you');
      const named = await refusal(plain({ actionsAgreed: 0, signedOffBy: lapsed.staffId }, jo));
      expect(named.code).toBe('BAD_REQUEST');
      expect(await eventsOf(p.id)).toEqual([]);
    });

    it('an action due before the review is refused with its path and nothing is written', async () => {
      const p = fresh();
      const error = await refusal(
        as(jo).reviews.record(
          submission(p.id, [
            { action: 'review_dose', owner: { kind: 'prescriber' }, dueOn: addDays(today(), -1), note: null },
          ]),
        ),
      );
      expect(error.code).toBe('BAD_REQUEST');
      expect(JSON.stringify(error.cause ?? error)).toContain('An action cannot be due before the review');
      expect(await eventsOf(p.id)).toEqual([]);
    });

    it('the queue and completion are for members of the team only', async () => {
      const other = org.structure.teams.find((t) => !jo.teamIds.includes(t.id));
      if (!other) throw new Error('needs another team');
      expect((await refusal(as(jo).reviews.queue({ teamId: other.id }))).code).toBe('FORBIDDEN');
      const mine = await as(jo).reviews.queue({ teamId: jo.teamIds[0] ?? '' });
      expect(mine.completion).toHaveLength(6);
      expect(mine.completion.at(-1)?.targetShare).toBe(0.97);
    });
  });
});
