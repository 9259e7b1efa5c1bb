import type { Actor } from '@harbour/domain/access/policy';
import { CONTACT_CONSENT } from '@harbour/domain/access/self-check-forms';
import { answersWithTotal, safestSelfCheckAnswers } from '@harbour/domain/instruments/testing';
import { instruments } from '@harbour/domain/instruments/registry';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import { auditEvent } from '@harbour/db/schema/audit';
import { clinicalEvent, clinicalEventVersion } from '@harbour/db/schema/clinical-event';
import { signInThrottle } from '@harbour/db/schema/identity';
import { organisation, team } from '@harbour/db/schema/organisation';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { task } from '@harbour/db/schema/task';
import { personFact, personFactVersion } from '@harbour/db/schema/person-fact';
import { personState } from '@harbour/db/schema/person-state';
import { contactRequest, selfAssessment } from '@harbour/db/schema/self-assessment';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorWithRole, callerFor } from '../testing/callers.ts';
import { refusal } from '../testing/refusal.ts';

/** The paths of the problems a refusal names (from the service's or zod's issues). */
function pathsOf(error: { cause?: unknown }): string[] {
  const issues = (error.cause as { issues?: { path: PropertyKey[] }[] } | undefined)?.issues ?? [];
  return issues.map((i) => i.path.map(String).join('.'));
}

describe.each(testDatabases())('self-assessments and the anonymous check ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let sam: Actor;
  let people: PersonRow[];
  let ods: string;
  const now = new Date();

  /** The API as the person signed in to the self-check portal (their session names them). */
  const asPerson = (p: PersonRow) =>
    callerFor(handle.db, null, {
      serviceUser: { personId: p.id, organisationId: p.organisationId },
      session: {
        id: randomUUID(),
        organisationId: p.organisationId,
        subjectKind: 'service_user',
        subjectId: p.id,
        stage: 'active',
        reauthenticatedAt: null,
      },
    });
  const anonymous = (clientAddress = '198.51.100.7') => callerFor(handle.db, null, { clientAddress });

  const rowsFor = (p: PersonRow) =>
    handle.db.select().from(selfAssessment).where(eq(selfAssessment.personId, p.id));

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 30, seed: 1111 });
    sam = actorWithRole(org, 'keyworker');
    // Sam's caseload: the people the tests use (one each, so no test sees another's submissions).
    const batches = [...org.batches(1000)];
    const samsPeople = new Set(
      batches
        .flatMap((b) => b.episodes)
        .filter((e) => e.keyworkerId === sam.staffId)
        .map((e) => e.personId),
    );
    people = batches.flatMap((b) => b.people).filter((p) => samsPeople.has(p.id));
    // A code no other organisation in the shared database has, for the anonymous check's service.
    ods = `T${randomUUID().slice(0, 8).toUpperCase()}`;
    await handle.db
      .update(organisation)
      .set({ odsCode: ods })
      .where(eq(organisation.id, org.structure.organisation.id));
  });
  afterAll(() => handle.close());

  const person = (i: number): PersonRow => {
    const p = people[i];
    if (!p) throw new Error(`no person ${i}`);
    return p;
  };

  it('saves a PHQ-9 a page at a time, and question 9 above 0 is urgent: stored, flagged, SUICIDALITY at once', async () => {
    const dean = person(0);
    const api = asPerson(dean);
    expect(await api.selfcheck.assessmentDraft({ instrumentId: 'phq9' })).toBeNull();
    const first = await api.selfcheck.saveDraft({
      instrumentId: 'phq9',
      answers: { phq9_1: 1, phq9_2: 1, phq9_3: 0, phq9_4: 2, phq9_5: 0 },
      expectedVersion: null,
    });
    expect(first.version).toBe(1);
    const draft = await api.selfcheck.assessmentDraft({ instrumentId: 'phq9' });
    expect(draft?.answers).toEqual({ phq9_1: 1, phq9_2: 1, phq9_3: 0, phq9_4: 2, phq9_5: 0 });

    // Submitting before every question is answered is refused, naming the questions; nothing changes.
    const early = await refusal(api.selfcheck.submitAssessment({ instrumentId: 'phq9', expectedVersion: 1 }));
    expect(early.code).toBe('BAD_REQUEST');
    expect(pathsOf(early)).toEqual(['answers.phq9_6', 'answers.phq9_7', 'answers.phq9_8', 'answers.phq9_9']);

    const second = await api.selfcheck.saveDraft({
      instrumentId: 'phq9',
      answers: { phq9_6: 0, phq9_7: 0, phq9_8: 0, phq9_9: 1 },
      expectedVersion: 1,
    });
    expect(second).toEqual({ id: first.id, version: 2 });

    const submitted = await api.selfcheck.submitAssessment({ instrumentId: 'phq9', expectedVersion: 2 });
    expect(submitted.urgent).toBe(true);
    expect(submitted.result.total).toBe(5);
    expect(submitted.result.band?.id).toBe('mild');
    expect(submitted.result.crisisContacts.map((c) => c.phone)).toEqual(['116 123', '111', '999']);

    const [row] = await rowsFor(dean);
    expect(row?.status).toBe('submitted');
    expect(row?.urgent).toBe(true);
    expect(row?.urgentTask).toMatchObject({ kind: 'urgent_contact', dueOn: now.toISOString().slice(0, 10) });
    // The same-day task is opened in the same transaction: for his keyworker, on his team's list.
    expect(row?.urgentTaskOpenedAt).not.toBeNull();
    const [episode] = await handle.db
      .select({ teamId: treatmentEpisode.teamId, keyworkerId: treatmentEpisode.keyworkerId })
      .from(treatmentEpisode)
      .where(
        and(eq(treatmentEpisode.personId, dean.id), inArray(treatmentEpisode.status, ['active', 'referred'])),
      );
    const tasks = await handle.db.select().from(task).where(eq(task.personId, dean.id));
    const urgent = tasks.filter((t) => t.kind === 'self_assessment_contact');
    expect(urgent).toHaveLength(1);
    expect(urgent[0]).toMatchObject({
      status: 'open',
      sameDay: true,
      priority: 'urgent',
      assigneeKind: 'keyworker',
      assigneeStaffId: sam.staffId,
      teamId: episode?.teamId,
      ruleId: 'TSK-FOLLOW-UP-URGENT-CONTACT',
    });
    const teamList = await callerFor(handle.db, sam).tasks.team({ teamId: episode?.teamId ?? '' });
    expect(
      teamList.rows.filter((t) => t.personId === dean.id && t.kind === 'self_assessment_contact'),
    ).toHaveLength(1);

    const events = await handle.db
      .select()
      .from(clinicalEvent)
      .where(and(eq(clinicalEvent.personId, dean.id), eq(clinicalEvent.type, 'suicidality')));
    expect(events.map((e) => [e.details, e.recordedBy])).toEqual([[{ source: 'phq9_item9' }, null]]);
    const versions = await handle.db
      .select()
      .from(clinicalEventVersion)
      .where(eq(clinicalEventVersion.eventId, events[0]?.id ?? ''));
    expect(versions).toHaveLength(1);
    const [state] = await handle.db.select().from(personState).where(eq(personState.personId, dean.id));
    expect(state?.riskReasons?.map((r) => r.code)).toContain('SUICIDALITY');

    // The person's own actions are audited as theirs.
    const audits = await handle.db
      .select({ procedure: auditEvent.procedure, role: auditEvent.actorRole })
      .from(auditEvent)
      .where(and(eq(auditEvent.personId, dean.id), eq(auditEvent.actorRole, 'service_user')));
    expect(audits.map((a) => a.procedure)).toEqual(
      expect.arrayContaining(['selfcheck.saveDraft', 'selfcheck.submitAssessment']),
    );

    // The result page reads it back; a submission is never changed, even by the database's owner.
    const again = await api.selfcheck.assessment({ id: first.id });
    expect(again.result.total).toBe(5);
    await expect(
      handle.db.update(selfAssessment).set({ urgent: false }).where(eq(selfAssessment.id, first.id)),
    ).rejects.toThrow();
    expect((await rowsFor(dean))[0]?.urgent).toBe(true);
  });

  it('refuses bad answers with one clear problem each, and saves nothing', async () => {
    const p = person(1);
    const api = asPerson(p);
    const bad = await refusal(
      api.selfcheck.saveDraft({
        instrumentId: 'gad7',
        answers: { gad7_1: 7, nonsense: 1 },
        expectedVersion: null,
      }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    expect(pathsOf(bad).sort()).toEqual(['answers.gad7_1', 'answers.nonsense']);
    expect(await rowsFor(p)).toEqual([]);

    // TOP is done with the keyworker, never alone.
    const top = await refusal(
      api.selfcheck.saveDraft({ instrumentId: 'top', answers: {}, expectedVersion: null }),
    );
    expect(top.code).toBe('BAD_REQUEST');
    expect(await rowsFor(p)).toEqual([]);
  });

  it('two tabs: the second save on a stale version is a conflict, and the first answers stay', async () => {
    const p = person(2);
    const api = asPerson(p);
    await api.selfcheck.saveDraft({ instrumentId: 'gad7', answers: { gad7_1: 1 }, expectedVersion: null });
    await api.selfcheck.saveDraft({ instrumentId: 'gad7', answers: { gad7_2: 2 }, expectedVersion: 1 });
    const stale = await refusal(
      api.selfcheck.saveDraft({ instrumentId: 'gad7', answers: { gad7_2: 0 }, expectedVersion: 1 }),
    );
    expect(stale.code).toBe('CONFLICT');
    expect((await rowsFor(p))[0]?.answers).toEqual({ gad7_1: 1, gad7_2: 2 });
  });

  it('AUDIT-C of 8 or more becomes the current alcohol screen at once, as a new version', async () => {
    const p = person(3);
    const api = asPerson(p);
    const answers = answersWithTotal(instruments.audit_c, 9);
    await api.selfcheck.saveDraft({ instrumentId: 'audit_c', answers, expectedVersion: null });
    const done = await api.selfcheck.submitAssessment({ instrumentId: 'audit_c', expectedVersion: 1 });
    expect(done.urgent).toBe(false);
    expect(done.result.total).toBe(9);
    const [fact] = await handle.db
      .select()
      .from(personFact)
      .where(and(eq(personFact.personId, p.id), eq(personFact.kind, 'alcohol')));
    expect(fact?.details).toMatchObject({ auditCScore: 9 });
    const versions = await handle.db
      .select()
      .from(personFactVersion)
      .where(eq(personFactVersion.factId, fact?.id ?? ''));
    expect(versions.at(-1)?.reason).toMatch(/self-check portal/);
    const [state] = await handle.db.select().from(personState).where(eq(personState.personId, p.id));
    expect(state?.riskReasons?.map((r) => r.code)).toContain('ALCOHOL');
  });

  it('the overdose-risk self-check: an overdose this week is urgent; its facts wait for the keyworker', async () => {
    const p = person(4);
    const api = asPerson(p);
    const eventsBefore = await handle.db.select().from(clinicalEvent).where(eq(clinicalEvent.personId, p.id));
    const page1 = Object.fromEntries(Object.entries(safestSelfCheckAnswers).slice(0, 7));
    const page2 = {
      ...Object.fromEntries(Object.entries(safestSelfCheckAnswers).slice(7)),
      overdose: 'last_7_days',
    };
    await api.selfcheck.saveDraft({
      instrumentId: 'overdose_self_check',
      answers: page1,
      expectedVersion: null,
    });
    await api.selfcheck.saveDraft({
      instrumentId: 'overdose_self_check',
      answers: page2,
      expectedVersion: 1,
    });
    const done = await api.selfcheck.submitAssessment({
      instrumentId: 'overdose_self_check',
      expectedVersion: 2,
    });
    expect(done.urgent).toBe(true);
    expect(done.result.total).toBeNull();
    expect(done.result.proposedFacts.map((f) => [f.code, f.use])).toEqual([
      ['NON_FATAL_OVERDOSE', 'keyworker_confirms'],
    ]);
    // Nothing entered the record on its own: the keyworker confirms the self-check's facts.
    const eventsAfter = await handle.db.select().from(clinicalEvent).where(eq(clinicalEvent.personId, p.id));
    expect(eventsAfter).toHaveLength(eventsBefore.length);
    expect((await rowsFor(p))[0]?.urgent).toBe(true);
  });

  /** The database refuses every new task, as a failing task store would. */
  async function withTaskStoreRefusing<T>(run: () => Promise<T>): Promise<T> {
    await handle.db.execute(sql`
      create or replace function test_refuse_task() returns trigger language plpgsql as $$
      begin raise exception 'the task store refuses'; end $$`);
    await handle.db.execute(
      sql`create trigger test_refuse_task before insert on task for each row execute function test_refuse_task()`,
    );
    try {
      return await run();
    } finally {
      await handle.db.execute(sql`drop trigger test_refuse_task on task`);
      await handle.db.execute(sql`drop function test_refuse_task()`);
    }
  }

  it('an urgent answer whose same-day task cannot be opened is not accepted: it stays a draft, nothing half-stored', async () => {
    const p = person(1);
    const api = asPerson(p);
    const answers = {
      phq9_1: 0,
      phq9_2: 0,
      phq9_3: 0,
      phq9_4: 0,
      phq9_5: 0,
      phq9_6: 0,
      phq9_7: 0,
      phq9_8: 0,
      phq9_9: 2,
    };
    await api.selfcheck.saveDraft({ instrumentId: 'phq9', answers, expectedVersion: null });
    const tasksBefore = (await handle.db.select().from(task).where(eq(task.personId, p.id))).length;
    const failed = await withTaskStoreRefusing(() =>
      refusal(api.selfcheck.submitAssessment({ instrumentId: 'phq9', expectedVersion: 1 })),
    );
    expect(failed.code).toBe('INTERNAL_SERVER_ERROR');
    const rows = await rowsFor(p);
    expect(rows.map((r) => [r.status, r.urgent, r.urgentTaskOpenedAt])).toEqual([['draft', false, null]]);
    const suicidality = await handle.db
      .select()
      .from(clinicalEvent)
      .where(and(eq(clinicalEvent.personId, p.id), eq(clinicalEvent.type, 'suicidality')));
    expect(suicidality).toEqual([]);
    expect(await handle.db.select().from(task).where(eq(task.personId, p.id))).toHaveLength(tasksBefore);
    // Sending again once the store takes it: accepted, with its task.
    const done = await api.selfcheck.submitAssessment({ instrumentId: 'phq9', expectedVersion: 1 });
    expect(done.urgent).toBe(true);
    const opened = await handle.db
      .select()
      .from(task)
      .where(and(eq(task.personId, p.id), eq(task.kind, 'self_assessment_contact')));
    expect(opened).toHaveLength(1);
  });

  it('a "contact me" whose duty task cannot be opened is not kept: the person is told to phone', async () => {
    const before = await handle.db.select().from(contactRequest);
    const failed = await withTaskStoreRefusing(() =>
      refusal(
        anonymous('198.51.100.40').selfcheck.requestContact({
          service: ods,
          name: 'Lee',
          phone: '07700 900456',
          consent: true,
          urgent: false,
        }),
      ),
    );
    expect(failed.code).toBe('INTERNAL_SERVER_ERROR');
    expect(await handle.db.select().from(contactRequest)).toHaveLength(before.length);
  });

  it("the keyworker sees the person's submissions in their record, audited", async () => {
    const dean = person(0);
    const list = await callerFor(handle.db, sam).person.selfAssessments({ personId: dean.id });
    expect(list.map((s) => [s.instrumentId, s.urgent, s.taskPending])).toEqual([['phq9', true, false]]);
    expect(list[0]?.factsNow).toHaveLength(1);
    const [audit] = await handle.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.personId, dean.id), eq(auditEvent.procedure, 'person.selfAssessments')));
    expect(audit?.actorId).toBe(sam.staffId);
  });

  it('"ask someone to contact me" stores the name, number and consent only, and refuses a bad number', async () => {
    const count = async () =>
      (
        await handle.db
          .select({ n: sql<number>`count(*)::int` })
          .from(contactRequest)
          .where(eq(contactRequest.organisationId, org.structure.organisation.id))
      )[0]?.n ?? 0;
    const caller = anonymous('198.51.100.20');
    const badPhone = await refusal(
      caller.selfcheck.requestContact({
        service: ods,
        name: 'Kay',
        phone: '12',
        consent: true,
        urgent: false,
      }),
    );
    expect(badPhone.code).toBe('BAD_REQUEST');
    expect(pathsOf(badPhone)).toEqual(['phone']);
    const noConsent = await refusal(
      caller.selfcheck.requestContact({
        service: ods,
        name: 'Kay',
        phone: '07700 900123',
        consent: false as true,
        urgent: false,
      }),
    );
    expect(noConsent.code).toBe('BAD_REQUEST');
    expect(await count()).toBe(0);

    await caller.selfcheck.requestContact({
      service: ods.toLowerCase(),
      name: 'Kay',
      phone: '+44 7700 900123',
      consent: true,
      urgent: true,
    });
    const rows = await handle.db
      .select()
      .from(contactRequest)
      .where(eq(contactRequest.organisationId, org.structure.organisation.id));
    expect(rows.map((r) => [r.name, r.phone, r.urgent, r.status, r.consentText])).toEqual([
      ['Kay', '07700900123', true, 'open', CONTACT_CONSENT],
    ]);
    // It reaches the duty queue of that organisation's clinical staff.
    const queue = await callerFor(handle.db, sam).caseload.contactRequests();
    expect(queue.map((q) => [q.name, q.phone, q.urgent])).toEqual([['Kay', '07700900123', true]]);
    // ...as a same-day task about no one on the duty team's list, naming the request (not its name or number).
    expect(rows[0]?.taskOpenedAt).not.toBeNull();
    const [duty] = await handle.db
      .select({ id: team.id })
      .from(team)
      .where(and(eq(team.organisationId, org.structure.organisation.id), eq(team.duty, true)));
    const dutyTasks = await handle.db
      .select()
      .from(task)
      .where(eq(task.contactRequestId, rows[0]?.id ?? ''));
    expect(dutyTasks).toHaveLength(1);
    expect(dutyTasks[0]).toMatchObject({
      personId: null,
      kind: 'contact_request',
      teamId: duty?.id,
      assigneeKind: 'team',
      assigneeStaffId: null,
      sameDay: true,
      priority: 'urgent',
      ruleId: 'TSK-CONTACT-REQUEST-URGENT',
    });
    expect(dutyTasks[0]?.why).not.toContain('Kay');
    expect(dutyTasks[0]?.why).not.toContain('07700');
    // No address is kept anywhere: the throttle holds a digest only.
    const throttle = await handle.db.select().from(signInThrottle);
    expect(JSON.stringify(throttle)).not.toContain('198.51.100.20');

    const unknown = await refusal(
      caller.selfcheck.requestContact({
        service: 'NOPE1',
        name: 'Kay',
        phone: '07700 900123',
        consent: true,
        urgent: false,
      }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
  });

  it('the duty team closes the call back: a member of another team cannot, a forged outcome changes nothing', async () => {
    const [request] = await handle.db
      .select()
      .from(contactRequest)
      .where(
        and(eq(contactRequest.organisationId, org.structure.organisation.id), eq(contactRequest.name, 'Kay')),
      );
    const [duty] = await handle.db
      .select()
      .from(task)
      .where(eq(task.contactRequestId, request?.id ?? ''));
    if (!duty?.teamId) throw new Error('the request has its duty task');
    const member = (inDuty: boolean): Actor => {
      const found = org.structure.staff.find(
        (s) =>
          s.role === 'keyworker' &&
          org.structure.memberships.some((m) => m.staffId === s.id && m.teamId === duty.teamId) === inDuty,
      );
      if (!found) throw new Error('no keyworker');
      const teamIds = org.structure.memberships.filter((m) => m.staffId === found.id).map((m) => m.teamId);
      return { staffId: found.id, organisationId: org.structure.organisation.id, role: 'keyworker', teamIds };
    };
    const onDuty = callerFor(handle.db, member(true));
    const input = { taskId: duty.id, expectedVersion: duty.version };
    // Another team's member is told it is not found; a forged outcome is refused; nothing changes.
    const other = await refusal(
      callerFor(handle.db, member(false)).tasks.completeDuty({ ...input, outcome: 'contacted' }),
    );
    expect(other.code).toBe('NOT_FOUND');
    const forged = await refusal(onDuty.tasks.completeDuty({ ...input, outcome: 'naloxone_supplied' }));
    expect(['BAD_REQUEST', 'UNPROCESSABLE_CONTENT']).toContain(forged.code);
    const [unchanged] = await handle.db.select().from(task).where(eq(task.id, duty.id));
    expect(unchanged).toMatchObject({ status: 'open', version: duty.version });
    // A person's task is not one: it cannot be closed this way.
    const [personal] = await handle.db
      .select()
      .from(task)
      .where(and(eq(task.organisationId, org.structure.organisation.id), eq(task.status, 'open')))
      .limit(50)
      .then((rows) => rows.filter((r) => r.personId !== null));
    if (personal)
      expect(
        (
          await refusal(
            onDuty.tasks.completeDuty({
              taskId: personal.id,
              expectedVersion: personal.version,
              outcome: 'contacted',
            }),
          )
        ).code,
      ).toBe('NOT_FOUND');

    // Done by the duty team: the task is closed by them, the request leaves the duty queue; a second try is told.
    await onDuty.tasks.completeDuty({ ...input, outcome: 'contacted' });
    const [done] = await handle.db.select().from(task).where(eq(task.id, duty.id));
    expect(done).toMatchObject({ status: 'done', outcome: 'contacted', closedBy: member(true).staffId });
    const [answered] = await handle.db
      .select()
      .from(contactRequest)
      .where(eq(contactRequest.id, request?.id ?? ''));
    expect(answered?.status).toBe('done');
    expect((await onDuty.caseload.contactRequests()).map((q) => q.name)).not.toContain('Kay');
    const again = await refusal(onDuty.tasks.completeDuty({ ...input, outcome: 'could_not_reach' }));
    expect(again.code).toBe('CONFLICT');
    const audits = await handle.db
      .select({ outcome: auditEvent.outcome })
      .from(auditEvent)
      .where(eq(auditEvent.procedure, 'tasks.completeDuty'));
    expect(audits.map((a) => a.outcome).sort()).toEqual(
      ['allowed', 'denied', 'denied', 'denied', ...(personal ? ['denied'] : [])].sort(),
    );
  });

  it('"ask someone to contact me" is rate limited per address, without tracking anyone', async () => {
    const caller = anonymous('198.51.100.30');
    const ask = () =>
      caller.selfcheck.requestContact({
        service: ods,
        name: 'Alias',
        phone: '07700 900456',
        consent: true,
        urgent: false,
      });
    await ask();
    await ask();
    await ask();
    const fourth = await refusal(ask());
    expect(fourth.code).toBe('TOO_MANY_REQUESTS');
    // Another address is not held back.
    await anonymous('198.51.100.31').selfcheck.requestContact({
      service: ods,
      name: 'Other',
      phone: '07700 900789',
      consent: true,
      urgent: false,
    });
  });
});
