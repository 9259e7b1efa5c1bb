import type { Actor } from '@harbour/domain/access/policy';
import { addWorkingDays } from '@harbour/domain/calendar/working-days';
import { addDays, londonDate } from '@harbour/domain/dates';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import { auditEvent } from '@harbour/db/schema/audit';
import { clinicalEvent } from '@harbour/db/schema/clinical-event';
import { task } from '@harbour/db/schema/task';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { and, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../testing/audit.ts';
import { actorWithRole, callerFor } from '../testing/callers.ts';
import { refusal } from '../testing/refusal.ts';

const today = (): string => londonDate(new Date());
const overdose = (source: 'ambulance' | 'self_report' = 'ambulance') =>
  ({ type: 'non_fatal_overdose', details: { source, naloxoneGiven: true } }) as const;
const contact = { type: 'contact', details: { mode: 'phone', attended: true } } as const;

describe.each(testDatabases())('tasks ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let sam: Actor;
  let jo: Actor;
  /** People Sam may write to: his own caseload first. */
  let mine: PersonRow[];
  let used = 0;

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 60, seed: 91 });
    sam = actorWithRole(org, 'keyworker');
    jo = actorWithRole(org, 'team_lead');
    const batches = [...org.batches(1000)];
    const episodes = batches.flatMap((b) => b.episodes).filter((e) => e.status !== 'discharged');
    const people = batches.flatMap((b) => b.people);
    const reachable = (p: PersonRow, own: boolean) =>
      episodes.some(
        (e) =>
          e.personId === p.id && sam.teamIds.includes(e.teamId) && (e.keyworkerId === sam.staffId) === own,
      );
    const withTasks = new Set(
      (await handle.db.select({ personId: task.personId }).from(task).where(eq(task.status, 'open'))).map(
        (r) => r.personId,
      ),
    );
    // Sam's own caseload first, then his team's; people with no open task before the others.
    mine = [true, false].flatMap((own) => [
      ...people.filter((p) => reachable(p, own) && !withTasks.has(p.id)),
      ...people.filter((p) => reachable(p, own) && withTasks.has(p.id)),
    ]);
    if (mine.length < 12 || !jo.teamIds.some((t) => sam.teamIds.includes(t)))
      throw new Error('the organisation lacks the people these tests need');
  });
  afterAll(() => handle.close());

  const as = (actor: Actor) => callerFor(handle.db, actor);
  /** A person Sam may write to, not used by another test (the first is his own, with no open task). */
  const fresh = (): PersonRow => {
    const p = mine[used++];
    if (!p) throw new Error('out of people');
    return p;
  };
  const record = (actor: Actor, personId: string, event: unknown, occurredOn = today()) =>
    as(actor).record.recordEvent({
      personId,
      idempotencyKey: randomUUID(),
      occurredOn,
      event: event as never,
    });
  const tasksOf = (personId: string) =>
    handle.db.select().from(task).where(eq(task.personId, personId)).orderBy(task.dueOn, task.id);

  it('an overdose opens its tasks in the same transaction, assigned from the episode, due in working days', async () => {
    const p = fresh();
    const written = await record(sam, p.id, overdose());
    const rows = await tasksOf(p.id);
    expect(rows.map((r) => r.kind).sort()).toEqual(['dose_review', 'naloxone_supply', 'overdose_follow_up']);
    const followUp = rows.find((r) => r.kind === 'overdose_follow_up');
    expect(followUp).toMatchObject({
      status: 'open',
      assigneeKind: 'keyworker',
      assigneeStaffId: sam.staffId,
      sourceEventId: written.id,
      ruleId: 'TSK-OVERDOSE-FOLLOW-UP',
      dueOn: addWorkingDays(today(), 1),
      openedOn: today(),
      version: 1,
    });
    // In Sam's list and the person's, with its timing.
    const mineNow = await as(sam).tasks.mine();
    expect(mineNow.rows.map((r) => r.id)).toContain(followUp?.id);
    const forPerson = await as(sam).tasks.forPerson({ personId: p.id });
    expect(forPerson.find((r) => r.id === followUp?.id)?.timing.state).toBe('coming');
    expect(forPerson.find((r) => r.id === followUp?.id)?.outcomes.map((o) => o.value)).toEqual([
      'contacted',
      'could_not_reach',
    ]);
  });

  it('a self-reported overdose is followed up the same working day', async () => {
    const p = fresh();
    await record(sam, p.id, overdose('self_report'));
    const followUp = (await tasksOf(p.id)).find((r) => r.kind === 'overdose_follow_up');
    expect(followUp?.ruleId).toBe('TSK-OVERDOSE-FOLLOW-UP-SELF-REPORTED');
    expect(followUp?.dueOn).toBe(addWorkingDays(addDays(today(), -1), 1));
  });

  it('recording the contact closes the follow-up by itself, naming the event', async () => {
    const p = fresh();
    await record(sam, p.id, overdose());
    const seen = await record(sam, p.id, contact);
    const followUp = (await tasksOf(p.id)).find((r) => r.kind === 'overdose_follow_up');
    expect(followUp).toMatchObject({
      status: 'done',
      outcome: 'contacted',
      closedByEventId: seen.id,
      closedBy: null,
      closedOn: today(),
      version: 2,
    });
  });

  it('a second overdose within 90 days opens the team lead review, assigned to the team lead', async () => {
    const p = fresh();
    await record(sam, p.id, overdose(), addDays(today(), -10));
    await record(sam, p.id, overdose());
    const review = (await tasksOf(p.id)).find((r) => r.kind === 'repeat_overdose_review');
    expect(review).toMatchObject({
      status: 'open',
      assigneeKind: 'team_lead',
      ruleId: 'TSK-REPEAT-OVERDOSE',
    });
    expect(review?.assigneeStaffId).not.toBeNull();
  });

  it('a naloxone kit reported used becomes an overdose event, which opens the overdose tasks', async () => {
    const p = fresh();
    await record(sam, p.id, {
      type: 'naloxone_report',
      details: { supplyEventId: null, outcome: 'used', usedFor: 'this_person' },
    });
    const [od] = await handle.db
      .select()
      .from(clinicalEvent)
      .where(and(eq(clinicalEvent.personId, p.id), eq(clinicalEvent.type, 'non_fatal_overdose')));
    expect(od?.details).toEqual({ source: 'naloxone_use_report', naloxoneGiven: true });
    const followUp = (await tasksOf(p.id)).find((r) => r.kind === 'overdose_follow_up');
    expect(followUp?.sourceEventId).toBe(od?.id);
  });

  it('refuses an outcome the kind does not allow, with a clear error, and changes nothing', async () => {
    const p = fresh();
    await record(sam, p.id, overdose());
    const followUp = (await tasksOf(p.id)).find((r) => r.kind === 'overdose_follow_up');
    if (!followUp) throw new Error('no follow-up');
    const auditBefore = (await auditRows(handle.db, sam.organisationId)).length;
    const error = await refusal(
      as(sam).tasks.complete({
        personId: p.id,
        taskId: followUp.id,
        expectedVersion: followUp.version,
        outcome: 'naloxone_supplied',
      }),
    );
    expect(error.code).toBe('UNPROCESSABLE_CONTENT');
    expect(error.message).toContain('"Contacted" or "Tried and could not reach"');
    const [after] = await handle.db.select().from(task).where(eq(task.id, followUp.id));
    expect(after).toEqual(followUp);
    // The attempt is audited, as a look that wrote nothing.
    expect((await auditRows(handle.db, sam.organisationId)).length).toBe(auditBefore + 1);
  });

  it('refuses a task of another person named with this one', async () => {
    const [a, b] = [fresh(), fresh()];
    await record(sam, a.id, overdose());
    const followUp = (await tasksOf(a.id)).find((r) => r.kind === 'overdose_follow_up');
    if (!followUp) throw new Error('no follow-up');
    const error = await refusal(
      as(sam).tasks.complete({
        personId: b.id,
        taskId: followUp.id,
        expectedVersion: 1,
        outcome: 'contacted',
      }),
    );
    expect(error.code).toBe('NOT_FOUND');
    expect((await handle.db.select().from(task).where(eq(task.id, followUp.id)))[0]?.status).toBe('open');
  });

  it('two people completing one task: one wins, the other is told clearly', async () => {
    const p = mine[0];
    if (!p) throw new Error('no person');
    const followUp = (await tasksOf(p.id)).find(
      (r) => r.kind === 'overdose_follow_up' && r.status === 'open',
    );
    if (!followUp) throw new Error('no follow-up');
    const attempt = (actor: Actor, outcome: 'contacted' | 'could_not_reach') =>
      as(actor).tasks.complete({
        personId: p.id,
        taskId: followUp.id,
        expectedVersion: followUp.version,
        outcome,
      });
    const results = await Promise.allSettled([attempt(sam, 'contacted'), attempt(jo, 'could_not_reach')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0]?.reason as { code: string }).code).toBe('CONFLICT');
    expect((lost[0]?.reason as Error).message).toMatch(/Someone else/);
    const [after] = await handle.db.select().from(task).where(eq(task.id, followUp.id));
    expect(after?.status).toBe('done');
    expect(after?.version).toBe(followUp.version + 1);
    // The winner's outcome stands.
    const winner = results[0]?.status === 'fulfilled' ? sam : jo;
    expect(after?.closedBy).toBe(winner.staffId);
  });

  it('reassigns to the team and cancels with a reason; a stale version is a conflict', async () => {
    const p = mine[1];
    if (!p) throw new Error('no person');
    const review = (await tasksOf(p.id)).find((r) => r.kind === 'dose_review' && r.status === 'open');
    if (!review) throw new Error('no review');
    const moved = await as(sam).tasks.reassign({
      personId: p.id,
      taskId: review.id,
      expectedVersion: review.version,
      assignee: { kind: 'team' },
    });
    const [afterMove] = await handle.db.select().from(task).where(eq(task.id, review.id));
    expect(afterMove).toMatchObject({ assigneeKind: 'team', assigneeStaffId: null, version: moved.version });
    const stale = await refusal(
      as(sam).tasks.cancel({
        personId: p.id,
        taskId: review.id,
        expectedVersion: review.version,
        reason: 'duplicate',
      }),
    );
    expect(stale.code).toBe('CONFLICT');
    await as(sam).tasks.cancel({
      personId: p.id,
      taskId: review.id,
      expectedVersion: moved.version,
      reason: 'duplicate',
    });
    const [afterCancel] = await handle.db.select().from(task).where(eq(task.id, review.id));
    expect(afterCancel).toMatchObject({
      status: 'cancelled',
      cancelReason: 'duplicate',
      closedBy: sam.staffId,
    });
  });

  it('the team lead gives a task to a named member of the team: it is in their own tasks, audited', async () => {
    const p = fresh();
    await record(sam, p.id, overdose());
    const review = (await tasksOf(p.id)).find((r) => r.kind === 'dose_review' && r.status === 'open');
    if (!review?.teamId) throw new Error('no review');
    const teamId = review.teamId;
    const inTeam = (staffId: string) =>
      org.structure.memberships.some((m) => m.staffId === staffId && m.teamId === teamId);
    const memberId = org.structure.staff.find(
      (s) => inTeam(s.id) && s.id !== sam.staffId && s.id !== jo.staffId && s.role === 'keyworker',
    )?.id;
    const outsider = org.structure.staff.find((s) => !inTeam(s.id) && s.role === 'keyworker');
    if (!memberId || !outsider) throw new Error('the organisation needs a colleague in and out of the team');
    const member: Actor = {
      staffId: memberId,
      organisationId: sam.organisationId,
      role: 'keyworker',
      teamIds: org.structure.memberships.filter((m) => m.staffId === memberId).map((m) => m.teamId),
    };
    const giveTo = (actor: Actor, staffId: string) =>
      as(actor).tasks.reassign({
        personId: p.id,
        taskId: review.id,
        expectedVersion: review.version,
        assignee: { kind: 'staff', staffId },
      });

    // The team's page offers Jo its members by name; nobody else is offered them.
    const team = await as(jo).tasks.team({ teamId });
    expect(team.members.map((m) => m.staffId)).toContain(memberId);
    expect(team.members.map((m) => m.staffId)).not.toContain(outsider.id);
    expect((await as(sam).tasks.team({ teamId })).members).toEqual([]);

    // Refused: a keyworker naming someone, and Jo naming someone outside the team. Nothing changes.
    const byKeyworker = await refusal(giveTo(sam, memberId));
    expect(byKeyworker.code).toBe('FORBIDDEN');
    expect(byKeyworker.message).toContain("Only the team lead of this task's team");
    const outside = await refusal(giveTo(jo, outsider.id));
    expect(outside.code).toBe('UNPROCESSABLE_CONTENT');
    expect(outside.message).toBe("Choose a member of this task's team: the person you chose is not in it.");
    const [unchanged] = await handle.db.select().from(task).where(eq(task.id, review.id));
    expect(unchanged).toMatchObject({ version: review.version, assigneeKind: review.assigneeKind });

    const moved = await giveTo(jo, memberId);
    const [after] = await handle.db.select().from(task).where(eq(task.id, review.id));
    expect(after).toMatchObject({ assigneeKind: 'staff', assigneeStaffId: memberId, version: moved.version });
    const theirs = await as(member).tasks.mine();
    expect(theirs.rows.find((r) => r.id === review.id)).toMatchObject({
      assigneeLabel: 'A named member of staff',
    });
    const audit = await handle.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.procedure, 'tasks.reassign'), eq(auditEvent.personId, p.id)))
      .orderBy(auditEvent.seq);
    // Each attempt audited on the person's record; the refusals with why nothing changed.
    expect(audit.map((a) => [a.actorId, a.reason])).toEqual([
      [sam.staffId, 'task not changed: forbidden'],
      [jo.staffId, 'task not changed: rule_refused'],
      [jo.staffId, null],
    ]);
    expect(audit.at(-1)?.changes).toEqual({ assignee: { kind: 'staff', staffId: memberId } });
  });

  it('striking out the overdose cancels the tasks it opened that are still open', async () => {
    const p = fresh();
    const written = await record(sam, p.id, overdose());
    await as(sam).record.strikeOutEvent({
      personId: p.id,
      eventId: written.id,
      expectedVersion: written.version,
      reason: 'Entered on the wrong record',
    });
    const rows = await tasksOf(p.id);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r).toMatchObject({ status: 'cancelled', cancelReason: 'opened_in_error' });
  });

  it('an overdue task counts on the caseload row until it is completed', async () => {
    const p = fresh();
    await record(sam, p.id, overdose(), addDays(today(), -7));
    const overdueOf = async () => {
      const page = await as(sam).caseload.list({ teamId: sam.teamIds[0] ?? '', pageSize: 100 });
      return page.rows.find((r) => r.personId === p.id)?.overdueTasks;
    };
    const before = await overdueOf();
    expect(before).toBeGreaterThanOrEqual(1);
    const followUp = (await tasksOf(p.id)).find(
      (r) => r.kind === 'overdose_follow_up' && r.status === 'open',
    );
    if (!followUp) throw new Error('no follow-up');
    await as(sam).tasks.complete({
      personId: p.id,
      taskId: followUp.id,
      expectedVersion: followUp.version,
      outcome: 'could_not_reach',
    });
    expect(await overdueOf()).toBe((before ?? 0) - 1);
  });

  it('refuses the team list to someone outside the team', async () => {
    const other = org.structure.teams.find((t) => !sam.teamIds.includes(t.id));
    if (!other) throw new Error('one team only');
    expect((await refusal(as(sam).tasks.team({ teamId: other.id }))).code).toBe('FORBIDDEN');
    const own = await as(sam).tasks.team({ teamId: sam.teamIds[0] ?? '' });
    expect(own.rows.length).toBeGreaterThan(0);
  });
});
