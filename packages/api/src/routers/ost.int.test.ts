import type { Actor } from '@harbour/domain/access/policy';
import { addDays, londonDate } from '@harbour/domain/dates';
import type { Acknowledgement } from '@harbour/domain/ost/plan-acknowledge';
import type { OstPlan } from '@harbour/domain/ost/plan';
import type { DemoOrganisation } from '@harbour/db/demo/generate';
import type { DatabaseHandle } from '@harbour/db/client';
import { auditEvent } from '@harbour/db/schema/audit';
import { dispensing, ostAlert, ostPlan, ostPlanVersion } from '@harbour/db/schema/ost';
import { personState } from '@harbour/db/schema/person-state';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { task } from '@harbour/db/schema/task';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { TRPCError } from '@trpc/server';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../testing/callers.ts';

/**
 * OST plans and the pharmacy loop through the API (issue 10): a change the rules refuse is refused with the
 * rule's words and stores nothing; warnings are saved only with reasons, which are kept; two prescribers
 * saving at once: one wins; the pharmacist's list and recordings, the third missed day blocking dispensing,
 * raising the alerts and tasks and MISSED_DOSES in the same request; a prescriber's review lifting the block;
 * two recordings of one day: one wins.
 */
describe.each(testDatabases())('OST plans and the pharmacy ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let tom: Actor;
  let okafor: Actor;
  let sam: Actor;
  /** At Tom's pharmacy, with the last two days missed. */
  let missing: string;
  /** At Tom's pharmacy, nothing missed. */
  let steady: string;
  /** At the other pharmacy. */
  let elsewhere: string;
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
    tom = actorOf('Tom Hughes');
    okafor = actorOf('Dr Chidi Okafor');
    sam = actorOf('Sam Carter');
    const plans = await handle.db
      .select({ personId: ostPlan.personId, pharmacyId: ostPlan.pharmacyId, dispensing: ostPlan.dispensing })
      .from(ostPlan)
      .where(eq(ostPlan.organisationId, organisationId));
    const tomsPharmacy = plans.find(
      (p) => (p.dispensing as { daysWithoutDose: number }).daysWithoutDose === 2,
    );
    if (!tomsPharmacy) throw new Error('the demo has one person with two missed days');
    missing = tomsPharmacy.personId;
    const mine = plans.filter((p) => p.pharmacyId === tomsPharmacy.pharmacyId);
    steady = mine.find((p) => p.personId !== missing)?.personId ?? '';
    elsewhere = plans.find((p) => p.pharmacyId !== tomsPharmacy.pharmacyId)?.personId ?? '';
  });
  afterAll(() => handle.close());

  const as = (actor: Actor, at: () => Date = now) => callerFor(handle.db, actor, { now: at });

  async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TRPCError);
    return error as TRPCError;
  }

  /** The current plan as a change: the draft of the next version, with what the prescriber states. */
  async function change(personId: string, edit: (plan: OstPlan) => Partial<OstPlan>) {
    const view = await as(okafor).ost.plan.get({ personId });
    if (!view.plan) throw new Error('no plan');
    const {
      personId: _p,
      episodeId: _e,
      version,
      prescriberId: _by,
      pharmacyName: _n,
      wording: _w,
      ...draft
    } = view.plan;
    return {
      personId,
      expectedVersion: version,
      plan: { ...draft, ...edit(view.plan) },
      context: { qtProlonging: false, toleranceUncertain: false, buprenorphineFirstDose: null },
      acknowledgements: [] as Acknowledgement[],
    };
  }

  /** The same change with a reason for every warning and overridable refusal the rules raise about it. */
  async function acknowledged(input: Awaited<ReturnType<typeof change>>, at: () => Date = now) {
    const proposal = await as(okafor, at).ost.plan.propose(input);
    const rules = [...new Set([...proposal.check.warnings, ...proposal.check.refusals].map((f) => f.ruleId))];
    return {
      ...input,
      acknowledgements: rules.map((ruleId) => ({ ruleId, reason: 'Discussed and agreed with them today.' })),
    };
  }

  const versionsOf = async (personId: string) =>
    (
      await handle.db.select({ n: count() }).from(ostPlanVersion).where(eq(ostPlanVersion.personId, personId))
    )[0]?.n ?? 0;

  it('shows the plan with the instalment wording the domain wrote', async () => {
    const view = await as(okafor).ost.plan.get({ personId: missing });
    expect(view.plan?.pharmacyName).toBe('Quayside Pharmacy');
    expect(view.plan?.wording.join(' ')).toContain('Consult the prescriber after 3');
    expect(view.dispensing?.daysWithoutDose).toBe(2);
    expect(view.mayPrescribe).toBe(true);
    expect((await as(sam).ost.plan.get({ personId: missing })).mayPrescribe).toBe(false);
  });

  it('refuses a change that breaks a rule, with the rule and its words, and stores nothing', async () => {
    const before = await versionsOf(steady);
    const input = await change(steady, (p) => ({
      instalments: p.instalments && { ...p.instalments, daysPerForm: 21 },
      reason: 'Three weeks per form while the pharmacy is short-staffed.',
    }));
    const error = await refusal(as(okafor).ost.plan.save(input));
    expect(error.code).toBe('UNPROCESSABLE_CONTENT');
    expect(error.message).toContain('OST-INST-MAX-DAYS');
    expect(error.message).toContain('14');
    expect(await versionsOf(steady)).toBe(before);
    // Not overridable: no reason lifts it.
    const proposal = await as(okafor).ost.plan.propose(input);
    expect(proposal.decision.allowed).toBe(false);
    expect(proposal.check.refusals.map((f) => [f.ruleId, f.overridable])).toContainEqual([
      'OST-INST-MAX-DAYS',
      false,
    ]);
  });

  it('saves a warning only with a reason, and keeps the reason with the version', async () => {
    const input = await change(steady, (p) => ({
      doseMg: p.doseMg + 20,
      effectiveFrom: today(),
      reason: 'Still using heroin on top: a larger step agreed at review.',
    }));
    const proposal = await as(okafor).ost.plan.propose(input);
    expect(proposal.check.warnings.length).toBeGreaterThan(0);
    expect(proposal.check.refusals.filter((f) => !f.overridable)).toEqual([]);
    const unanswered = await refusal(as(okafor).ost.plan.save(input));
    expect(unanswered.code).toBe('UNPROCESSABLE_CONTENT');
    expect(unanswered.message).toContain('Record a reason');
    const { acknowledgements } = await acknowledged(input);
    const saved = await as(okafor).ost.plan.save({ ...input, acknowledgements });
    expect(saved.version).toBe(input.expectedVersion + 1);
    const [stored] = await handle.db
      .select()
      .from(ostPlanVersion)
      .where(and(eq(ostPlanVersion.personId, steady), eq(ostPlanVersion.version, saved.version)));
    expect(stored?.acknowledgements).toEqual(acknowledgements);
    expect(stored?.reason).toBe(input.plan.reason);
    expect((stored?.wording as string[]).length).toBeGreaterThan(0);
  });

  it('lets only a prescriber change a plan', async () => {
    const input = await change(steady, () => ({ reason: 'Keyworker trying to change the plan.' }));
    expect((await refusal(as(sam).ost.plan.save(input))).code).toBe('FORBIDDEN');
    expect((await refusal(as(tom).ost.plan.save(input))).code).toBe('FORBIDDEN');
  });

  it('of two prescribers saving the same version at once, one wins and the other is told', async () => {
    const input = await acknowledged(
      await change(steady, () => ({ reason: 'Review date moved after the clinic.' })),
    );
    const results = await Promise.allSettled([
      as(okafor).ost.plan.save(input),
      as(okafor).ost.plan.save(input),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected');
    expect((lost as PromiseRejectedResult).reason.code).toBe('CONFLICT');
  });

  it('gives Tom his pharmacy’s list only, with what dispensing needs', async () => {
    const day = await as(tom).ost.pharmacy.today();
    const ids = day.people.map((p) => p.personId);
    expect(ids).toContain(missing);
    expect(ids).not.toContain(elsewhere);
    const entry = day.people.find((p) => p.personId === missing);
    expect(Object.keys(entry ?? {}).sort()).toEqual(
      [
        'dateOfBirth',
        'daysWithoutDose',
        'doseMg',
        'due',
        'familyName',
        'givenName',
        'medicine',
        'personId',
        'pharmacyNotes',
        'pickupDays',
        'recorded',
        'supervisedDays',
      ].sort(),
    );
    // A pharmacist never opens the record.
    expect((await refusal(as(tom).person.summary({ personId: missing }))).code).toBe('FORBIDDEN');
  });

  it('cannot record for a person at another pharmacy: not found, nothing stored', async () => {
    const error = await refusal(
      as(tom).ost.pharmacy.record({ personId: elsewhere, day: today(), outcome: { kind: 'missed' } }),
    );
    expect(error.code).toBe('NOT_FOUND');
    const rows = await handle.db.select().from(dispensing).where(eq(dispensing.personId, elsewhere));
    expect(rows).toEqual([]);
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

  const tasksOf = (personId: string) =>
    handle.db
      .select()
      .from(task)
      .where(and(eq(task.personId, personId), eq(task.status, 'open')));

  it('stores nothing of the third missed day when its tasks cannot be opened: the whole recording fails', async () => {
    const tasksBefore = (await tasksOf(missing)).length;
    const alertsBefore = (await handle.db.select().from(ostAlert).where(eq(ostAlert.personId, missing)))
      .length;
    const error = await withTaskStoreRefusing(() =>
      refusal(as(tom).ost.pharmacy.record({ personId: missing, day: today(), outcome: { kind: 'missed' } })),
    );
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    const doses = await handle.db
      .select()
      .from(dispensing)
      .where(and(eq(dispensing.personId, missing), eq(dispensing.day, today())));
    expect(doses).toEqual([]);
    expect((await handle.db.select().from(ostAlert).where(eq(ostAlert.personId, missing))).length).toBe(
      alertsBefore,
    );
    expect((await tasksOf(missing)).length).toBe(tasksBefore);
    const [plan] = await handle.db
      .select({ dispensing: ostPlan.dispensing })
      .from(ostPlan)
      .where(eq(ostPlan.personId, missing));
    expect(plan?.dispensing).toMatchObject({ daysWithoutDose: 2, blocked: false });
  });

  it('blocks dispensing on the third missed day, with alerts, tasks and MISSED_DOSES in the same request', async () => {
    const recorded = await as(tom).ost.pharmacy.record({
      personId: missing,
      day: today(),
      outcome: { kind: 'missed' },
    });
    expect(recorded).toMatchObject({ blocked: true, consecutiveMissedDays: 3 });
    // Alerts stay on the alerts page (ost_alert)...
    const alerts = await handle.db.select().from(ostAlert).where(eq(ostAlert.personId, missing));
    expect(
      alerts.some(
        (a) => a.kind === 'alert' && a.recipient === 'prescriber' && a.recipientStaffId === okafor.staffId,
      ),
    ).toBe(true);
    expect(alerts.some((a) => a.kind === 'alert' && a.recipient === 'keyworker')).toBe(true);
    expect(alerts.filter((a) => a.kind === 'task')).toEqual([]);
    // ...and the tasks are real tasks, once each: the prescriber's review, the keyworker's re-engagement.
    const [episode] = await handle.db
      .select({ keyworkerId: treatmentEpisode.keyworkerId, teamId: treatmentEpisode.teamId })
      .from(treatmentEpisode)
      .where(
        and(eq(treatmentEpisode.personId, missing), inArray(treatmentEpisode.status, ['active', 'referred'])),
      );
    const opened = await tasksOf(missing);
    const review = opened.filter((t) => t.kind === 'missed_dose_review');
    const reengagement = opened.filter((t) => t.kind === 'reengagement');
    expect(review).toHaveLength(1);
    expect(review[0]).toMatchObject({
      assigneeKind: 'prescriber',
      assigneeStaffId: okafor.staffId,
      ruleId: 'TSK-FOLLOW-UP-MISSED-DOSE-REVIEW',
      sourceCause: 'OST-DISP-BLOCKED',
      priority: 'urgent',
    });
    expect(reengagement).toHaveLength(1);
    expect(reengagement[0]).toMatchObject({
      assigneeKind: 'keyworker',
      assigneeStaffId: episode?.keyworkerId,
      teamId: episode?.teamId,
    });
    const [state] = await handle.db
      .select({ reasons: sql<string>`${personState.riskAssessment}::text` })
      .from(personState)
      .where(eq(personState.personId, missing));
    expect(state?.reasons).toContain('MISSED_DOSES');
    const mine = await as(okafor).ost.alerts.mine();
    expect(mine.some((a) => a.personId === missing && a.ruleId === 'OST-DISP-BLOCKED')).toBe(true);
    const myTasks = await as(okafor).tasks.mine();
    expect(myTasks.rows.some((t) => t.personId === missing && t.kind === 'missed_dose_review')).toBe(true);
    // The plan page lists the alert and the task, each once.
    const view = await as(okafor).ost.plan.get({ personId: missing });
    expect(view.alerts.filter((a) => a.kind === 'task' && a.taskKind === 'missed_dose_review')).toHaveLength(
      1,
    );
    expect(
      view.alerts.filter((a) => a.kind === 'alert' && a.ruleId === 'OST-DISP-BLOCKED').length,
    ).toBeGreaterThan(0);
  });

  it('refuses a second recording of the same day as a conflict', async () => {
    const error = await refusal(
      as(tom).ost.pharmacy.record({
        personId: missing,
        day: today(),
        outcome: { kind: 'supervised_consumed' },
      }),
    );
    expect(error.code).toBe('CONFLICT');
  });

  it('refuses a dose while blocked, until a prescriber reviews', async () => {
    const tomorrow = () => new Date(now().getTime() + 86_400_000);
    const next = londonDate(tomorrow());
    const blocked = await refusal(
      as(tom, tomorrow).ost.pharmacy.record({
        personId: missing,
        day: next,
        outcome: { kind: 'supervised_consumed' },
      }),
    );
    expect(blocked.code).toBe('UNPROCESSABLE_CONTENT');
    expect(blocked.message).toContain('OST-DISP-BLOCKED');
    const input = await change(missing, () => ({
      reason: 'Reviewed after three missed days: seen today, well.',
    }));
    const saved = await as(okafor, tomorrow).ost.plan.save(await acknowledged(input, tomorrow));
    expect(saved.unblocked).toBe(true);
    // The review answers the prescriber's task: done, by him.
    const reviews = await handle.db
      .select()
      .from(task)
      .where(and(eq(task.personId, missing), eq(task.kind, 'missed_dose_review')));
    expect(reviews.map((t) => [t.status, t.outcome, t.closedBy])).toEqual([
      ['done', 'reviewed_no_change', okafor.staffId],
    ]);
    const taken = await as(tom, tomorrow).ost.pharmacy.record({
      personId: missing,
      day: next,
      outcome: { kind: 'supervised_consumed' },
    });
    expect(taken.blocked).toBe(false);
  });

  it('of two recordings of one day at once, one wins and the other is a conflict', async () => {
    const record = () =>
      as(tom).ost.pharmacy.record({
        personId: steady,
        day: today(),
        outcome: { kind: 'supervised_consumed' },
      });
    const results = await Promise.allSettled([record(), record()]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason.code).toBe('CONFLICT');
    const rows = await handle.db
      .select()
      .from(dispensing)
      .where(and(eq(dispensing.personId, steady), eq(dispensing.day, today())));
    expect(rows).toHaveLength(1);
  });

  it('refuses a list left open from another day', async () => {
    const error = await refusal(
      as(tom).ost.pharmacy.record({
        personId: steady,
        day: addDays(today(), -1),
        outcome: { kind: 'missed' },
      }),
    );
    expect(error.code).toBe('UNPROCESSABLE_CONTENT');
    const audit = await handle.db
      .select({ n: count() })
      .from(auditEvent)
      .where(eq(auditEvent.personId, steady));
    expect(audit[0]?.n).toBeGreaterThan(0);
  });

  it('a transfer in: its last dose elsewhere counts, so 5 or more days without one prompts re-induction', async () => {
    const organisationId = org.structure.organisation.id;
    const open = await handle.db
      .select({ personId: treatmentEpisode.personId })
      .from(treatmentEpisode)
      .where(
        and(
          eq(treatmentEpisode.organisationId, organisationId),
          inArray(treatmentEpisode.status, ['active', 'referred']),
          inArray(treatmentEpisode.teamId, okafor.teamIds),
        ),
      );
    let newcomer = '';
    for (const { personId } of open) {
      const view = await as(okafor).ost.plan.get({ personId });
      if (view.plan === null && view.episodeId !== null && view.mayPrescribe) {
        newcomer = personId;
        break;
      }
    }
    expect(newcomer, 'someone Dr Okafor may start a plan for').not.toBe('');
    const template = await change(steady, () => ({}));
    const transfer = (lastDoseElsewhereOn: string) => ({
      ...template,
      personId: newcomer,
      expectedVersion: null,
      plan: {
        ...template.plan,
        medicine: 'methadone' as const,
        phase: 'maintenance' as const,
        doseMg: 80,
        productAllowsHigherDose: false,
        courseStartedOn: addDays(today(), -182),
        effectiveFrom: today(),
        lastReviewOn: today(),
        reason: 'Transfer in from Northgate, continuing methadone.',
      },
      context: { ...template.context, lastDoseElsewhereOn },
    });
    const ruleIds = (p: { check: { findings: { ruleId: string; outcome: string }[] } }) =>
      p.check.findings.filter((f) => f.outcome !== 'ok').map((f) => f.ruleId);
    const continuing = await as(okafor).ost.plan.propose(transfer(addDays(today(), -1)));
    expect(ruleIds(continuing)).not.toContain('OST-METH-START-RANGE');
    expect(ruleIds(continuing)).not.toContain('OST-DISP-REINDUCTION');
    const gap = await as(okafor).ost.plan.propose(transfer(addDays(today(), -6)));
    expect(gap.check.warnings.find((f) => f.ruleId === 'OST-DISP-REINDUCTION')?.prompt).toBe('re_induction');
    // Only a first plan continuing a course has a last dose elsewhere.
    const onAChange = await change(steady, () => ({}));
    const error = await refusal(
      as(okafor).ost.plan.propose({
        ...onAChange,
        context: { ...onAChange.context, lastDoseElsewhereOn: addDays(today(), -1) },
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(await versionsOf(newcomer)).toBe(0);
  });
});
