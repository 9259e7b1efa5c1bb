import { canPrescribe, type Actor } from '@harbour/domain/access/policy';
import { londonDate } from '@harbour/domain/dates';
import { conflict, DomainError } from '@harbour/domain/errors';
import type { CalendarDate } from '@harbour/domain/ids';
import { accountForUnrecordedDays, applyDispensingEvent } from '@harbour/domain/ost/dispensing';
import type { DispensingEvent, DispensingState } from '@harbour/domain/ost/dispensing-types';
import type { OstEffect } from '@harbour/domain/ost/effects';
import { instalmentDirections } from '@harbour/domain/ost/instalment-wording';
import type { Finding } from '@harbour/domain/ost/outcome';
import { dispensingEventsForPlanChange, dispensingForPlan } from '@harbour/domain/ost/pharmacy-day';
import { followUpsOf } from '@harbour/domain/ost/pharmacy-record';
import { OstPlan } from '@harbour/domain/ost/plan';
import {
  checkAcknowledgements,
  type AcknowledgementDecision,
  type RecordedAcknowledgement,
} from '@harbour/domain/ost/plan-acknowledge';
import { checkPlanChange, type PlanChangeCheck } from '@harbour/domain/ost/plan-check';
import { transferInProblem } from '@harbour/domain/ost/transfer-in';
import {
  checkReductionChange,
  isPlannedReduction,
  type PlannedReductionInput,
  type ReductionChangeCheck,
} from '@harbour/domain/ost/reduction-change';
import { startsCourse } from '@harbour/domain/ost/plan-dose';
import { planFactsFromRecord, type PlanChangeInput, type RecordForPlan } from '@harbour/domain/ost/store';
import type { FactDetails } from '@harbour/domain/record/facts';
import type { AssigneeKind } from '@harbour/domain/tasks/assignee';
import { completeTask } from '@harbour/domain/tasks/task';
import type { RiskTier } from '@harbour/domain/risk/codes';
import type { Transaction } from '@harbour/db/client';
import type { Database } from '@harbour/db/client';
import { dispensing, ostAlert, ostPlan, ostPlanVersion, pharmacy } from '@harbour/db/schema/ost';
import { personFact } from '@harbour/db/schema/person-fact';
import { personState } from '@harbour/db/schema/person-state';
import { staff } from '@harbour/db/schema/staff';
import { task } from '@harbour/db/schema/task';
import { openTaskRows } from '@harbour/db/tasks/store';
import { withTenant } from '@harbour/db/tenant';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { auditInsert, writeAudit } from '../audit/write-audit.ts';
import { openOstFollowUps } from './ost-follow-ups.ts';
import { applyClosures } from './tasks.ts';
import { personAccess, type EpisodeView, type PersonRow } from './person-access.ts';
import { rescoreAfterEntry, settle, type Outcome, type WriteContext } from './record-event.ts';

/**
 * OST plans (issue 10): a person's prescription in their open episode, as versions never overwritten. Every
 * change is checked by the domain's rules at write time (plan-check.ts): a refusal says why, in the
 * prescriber's words, and nothing is stored; a warning is saved only with a reason, which is kept with the
 * version. The instalment wording is the domain's, never typed. Saving keeps the pharmacy loop in step and,
 * when dispensing is blocked after missed days, is the prescriber's review that lifts the block.
 */

export type PlanRow = typeof ostPlan.$inferSelect;

export interface PlanVersionView {
  version: number;
  plan: OstPlan;
  wording: string[];
  findings: Finding[];
  acknowledgements: { ruleId: string; reason: string }[];
  reason: string;
  writtenBy: string | null;
  writtenAt: string;
  /** A planned reduction's agreement and any second sign-off (with the signer's name); null otherwise. */
  reduction: {
    agreement: PlannedReductionInput['agreement'];
    signOffReason: string | null;
    signedOffBy: string | null;
  } | null;
}

export interface OstAlertView {
  id: string;
  kind: 'alert' | 'task';
  taskKind: string | null;
  /** An alert's recipient, or the role a task is for (a task nobody holds is on the team's list). */
  recipient: 'prescriber' | 'keyworker' | AssigneeKind;
  recipientName: string | null;
  on: string;
  reason: string;
  ruleId: string;
  open: boolean;
}

export interface PlanView {
  person: { id: string; givenName: string; familyName: string; reference: string };
  /** The open episode the plan belongs to (null: none, so no plan can be made). */
  episodeId: string | null;
  /** The current version, or null when the person has no plan in this episode. */
  plan: (OstPlan & { pharmacyName: string | null; wording: string[] }) | null;
  dispensing: {
    blocked: boolean;
    daysWithoutDose: number;
    nextDoseOn: string;
    recent: { day: string; outcome: string; takeHomeDays: number; note: string | null }[];
  } | null;
  alerts: OstAlertView[];
  pharmacies: { id: string; name: string; address: string }[];
  /** The caller may change the plan (a prescriber with a relationship). */
  mayPrescribe: boolean;
  /**
   * Who may give a reduction's second sign-off (ost.md "Reductions and exits"): the organisation's active
   * prescribers and team leads other than the caller; empty unless the caller may prescribe.
   */
  secondClinicians: { id: string; name: string; role: 'prescriber' | 'team_lead' }[];
}

const PROCEDURE = {
  get: 'ost.plan.get',
  history: 'ost.plan.history',
  propose: 'ost.plan.propose',
  save: 'ost.plan.save',
};

/** The plan of the person's episode, if any. */
export async function planOf(
  tx: Transaction,
  organisationId: string,
  personId: string,
  episodeId: string,
  lock = false,
) {
  const query = tx
    .select()
    .from(ostPlan)
    .where(
      and(
        eq(ostPlan.organisationId, organisationId),
        eq(ostPlan.personId, personId),
        eq(ostPlan.episodeId, episodeId),
      ),
    );
  // A save locks the row: the pharmacy's recordings and other saves take turns with it, so none is lost.
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

async function pharmaciesOf(tx: Transaction, organisationId: string) {
  return tx
    .select({ id: pharmacy.id, name: pharmacy.name, address: pharmacy.address })
    .from(pharmacy)
    .where(eq(pharmacy.organisationId, organisationId))
    .orderBy(asc(pharmacy.name));
}

/** The task kinds the pharmacy loop opens (their tasks are in the task store, with every other task). */
const ostTaskKinds = ['reengagement', 'missed_dose_review', 'supervision_review'] as const;

const assigneeStaff = alias(staff, 'assignee_staff');
const signer = alias(staff, 'reduction_signer');

/**
 * The loop's open alerts (`ost_alert`) and its open tasks (the task store: re-engagement, the review after
 * missed doses, the supervision review) for a person, newest first. Each is stored once: the tasks are the same
 * rows as on "My tasks" and the record's task list.
 */
export async function alertsOf(
  tx: Transaction,
  organisationId: string,
  personId: string,
): Promise<OstAlertView[]> {
  const rows = await tx
    .select({
      id: ostAlert.id,
      kind: ostAlert.kind,
      taskKind: ostAlert.taskKind,
      recipient: ostAlert.recipient,
      recipientName: staff.displayName,
      on: ostAlert.on,
      reason: ostAlert.reason,
      ruleId: ostAlert.ruleId,
      closedAt: ostAlert.closedAt,
      createdAt: ostAlert.createdAt,
    })
    .from(ostAlert)
    .leftJoin(staff, eq(staff.id, ostAlert.recipientStaffId))
    .where(
      and(
        eq(ostAlert.organisationId, organisationId),
        eq(ostAlert.personId, personId),
        isNull(ostAlert.closedAt),
      ),
    )
    .orderBy(desc(ostAlert.createdAt), desc(ostAlert.id))
    .limit(50);
  const tasks = await tx
    .select({
      id: task.id,
      kind: task.kind,
      assigneeKind: task.assigneeKind,
      recipientName: assigneeStaff.displayName,
      on: task.dueOn,
      why: task.why,
      ruleId: task.ruleId,
      createdAt: task.createdAt,
    })
    .from(task)
    .leftJoin(
      assigneeStaff,
      and(eq(assigneeStaff.id, task.assigneeStaffId), eq(assigneeStaff.organisationId, task.organisationId)),
    )
    .where(
      and(
        eq(task.organisationId, organisationId),
        eq(task.personId, personId),
        eq(task.status, 'open'),
        inArray(task.kind, [...ostTaskKinds]),
      ),
    )
    .orderBy(desc(task.createdAt), desc(task.id))
    .limit(50);
  const alerts = rows.map(({ closedAt, ...row }) => ({ ...row, open: closedAt === null }));
  const opened = tasks.map((t) => ({
    id: t.id,
    kind: 'task' as const,
    taskKind: t.kind,
    recipient: t.assigneeKind,
    recipientName: t.recipientName,
    on: t.on,
    reason: t.why,
    ruleId: t.ruleId,
    open: true,
    createdAt: t.createdAt,
  }));
  return [...alerts, ...opened]
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
    .map(({ createdAt: _createdAt, ...view }) => view);
}

function wordingOf(plan: OstPlan): string[] {
  return plan.instalments === null ? [] : instalmentDirections(plan, plan.effectiveFrom).lines;
}

/**
 * The person's current plan, its pharmacy loop and open alerts, for anyone who may open the record. The read
 * is audited.
 */
export async function getPlan(
  db: Database,
  actor: Actor,
  input: { personId: string },
  context: WriteContext,
): Promise<PlanView> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const outcome = await withTenant(db, tenant, async (tx): Promise<Outcome<PlanView>> => {
    const access = await personAccess(tx, {
      actor,
      personId: input.personId,
      mode: 'read',
      action: 'view',
      procedure: PROCEDURE.get,
      requestId: context.requestId,
      now: context.now,
    });
    if (access.kind !== 'allowed') return access;
    const episode = openEpisode(access.episode);
    const row = episode === null ? null : await planOf(tx, actor.organisationId, input.personId, episode.id);
    const pharmacies = await pharmaciesOf(tx, actor.organisationId);
    let plan: PlanView['plan'] = null;
    let loop: PlanView['dispensing'] = null;
    if (row !== null) {
      const stored = OstPlan.parse(row.plan);
      plan = {
        ...stored,
        pharmacyName: pharmacies.find((p) => p.id === stored.pharmacyId)?.name ?? null,
        wording: wordingOf(stored),
      };
      if (row.dispensing !== null) {
        const state = row.dispensing as DispensingState;
        const recent = await tx
          .select({
            day: dispensing.day,
            outcome: dispensing.outcome,
            takeHomeDays: dispensing.takeHomeDays,
            note: dispensing.note,
          })
          .from(dispensing)
          .where(and(eq(dispensing.organisationId, actor.organisationId), eq(dispensing.planId, row.id)))
          .orderBy(desc(dispensing.day))
          .limit(14);
        loop = {
          blocked: state.blocked,
          daysWithoutDose: state.daysWithoutDose,
          nextDoseOn: state.nextDoseOn,
          recent,
        };
      }
    }
    const alerts = await alertsOf(tx, actor.organisationId, input.personId);
    await writeAudit(tx, {
      actor,
      personId: input.personId,
      action: 'view',
      procedure: PROCEDURE.get,
      requestId: context.requestId,
      basis: access.basis,
      outcome: 'allowed',
    });
    const mayPrescribe = canPrescribe(
      actor,
      episode ?? { teamId: null, keyworkerId: null },
      access.basis === 'break_glass',
    ).allowed;
    const secondClinicians = mayPrescribe
      ? (
          await tx
            .select({ id: staff.id, name: staff.displayName, role: staff.role })
            .from(staff)
            .where(
              and(
                eq(staff.organisationId, actor.organisationId),
                eq(staff.active, true),
                inArray(staff.role, ['prescriber', 'team_lead']),
              ),
            )
            .orderBy(asc(staff.displayName))
        )
          .filter((s) => s.id !== actor.staffId)
          .map((s) => ({ ...s, role: s.role as 'prescriber' | 'team_lead' }))
      : [];
    return {
      kind: 'ok',
      value: {
        secondClinicians,
        person: {
          id: access.person.id,
          givenName: access.person.givenName,
          familyName: access.person.familyName,
          reference: access.person.reference,
        },
        episodeId: episode?.id ?? null,
        plan,
        dispensing: loop,
        alerts,
        pharmacies,
        mayPrescribe,
      },
    };
  });
  return settle(outcome);
}

/** Every version of the person's current plan, newest first, with the findings and reasons of each. */
export async function planHistory(
  db: Database,
  actor: Actor,
  input: { personId: string },
  context: WriteContext,
): Promise<PlanVersionView[]> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const outcome = await withTenant(db, tenant, async (tx): Promise<Outcome<PlanVersionView[]>> => {
    const access = await personAccess(tx, {
      actor,
      personId: input.personId,
      mode: 'read',
      action: 'view',
      procedure: PROCEDURE.history,
      requestId: context.requestId,
      now: context.now,
    });
    if (access.kind !== 'allowed') return access;
    const episode = openEpisode(access.episode);
    const row = episode === null ? null : await planOf(tx, actor.organisationId, input.personId, episode.id);
    const versions =
      row === null
        ? []
        : await tx
            .select({
              version: ostPlanVersion.version,
              plan: ostPlanVersion.plan,
              wording: ostPlanVersion.wording,
              findings: ostPlanVersion.findings,
              acknowledgements: ostPlanVersion.acknowledgements,
              reason: ostPlanVersion.reason,
              writtenBy: staff.displayName,
              writtenAt: ostPlanVersion.writtenAt,
              reduction: ostPlanVersion.reduction,
              signedOffBy: signer.displayName,
            })
            .from(ostPlanVersion)
            .leftJoin(staff, eq(staff.id, ostPlanVersion.writtenBy))
            .leftJoin(signer, eq(signer.id, ostPlanVersion.reductionSignedOffBy))
            .where(
              and(eq(ostPlanVersion.organisationId, actor.organisationId), eq(ostPlanVersion.planId, row.id)),
            )
            .orderBy(desc(ostPlanVersion.version));
    await writeAudit(tx, {
      actor,
      personId: input.personId,
      action: 'view',
      procedure: PROCEDURE.history,
      requestId: context.requestId,
      basis: access.basis,
      outcome: 'allowed',
    });
    return {
      kind: 'ok',
      value: versions.map(({ reduction, signedOffBy, ...v }) => ({
        ...v,
        reduction:
          reduction === null
            ? null
            : {
                agreement: (reduction as PlannedReductionInput).agreement,
                signOffReason: (reduction as PlannedReductionInput).secondSignOff?.reason ?? null,
                signedOffBy,
              },
        plan: v.plan as OstPlan,
        wording: v.wording as string[],
        findings: v.findings as Finding[],
        acknowledgements: v.acknowledgements as { ruleId: string; reason: string }[],
        writtenAt: new Date(v.writtenAt).toISOString(),
      })),
    };
  });
  return settle(outcome);
}

function openEpisode(episode: EpisodeView | null): EpisodeView | null {
  return episode !== null && episode.status !== 'discharged' ? episode : null;
}

/** What a proposed change comes to: the domain's check, the acknowledgement decision and the wording. */
export interface PlanProposal {
  check: PlanChangeCheck;
  decision: AcknowledgementDecision;
  /** The instalment directions the domain writes for the proposed version. */
  wording: string[];
  /** The version a save would write. */
  version: number;
}

interface Prepared {
  access: Extract<Awaited<ReturnType<typeof personAccess>>, { kind: 'allowed' }>;
  episode: EpisodeView;
  row: PlanRow | null;
  previous: OstPlan | null;
  proposed: OstPlan;
  proposal: PlanProposal;
  today: CalendarDate;
  /** A planned reduction: what the prescriber recorded and the domain's check of it; null otherwise. */
  reduction: { input: PlannedReductionInput; check: ReductionChangeCheck; signedOffBy: string | null } | null;
}

async function factOf<K extends 'co_prescriptions' | 'alcohol'>(
  tx: Transaction,
  organisationId: string,
  personId: string,
  kind: K,
): Promise<FactDetails<K> | null> {
  const [row] = await tx
    .select({ details: personFact.details })
    .from(personFact)
    .where(
      and(
        eq(personFact.organisationId, organisationId),
        eq(personFact.personId, personId),
        eq(personFact.kind, kind),
      ),
    );
  return (row?.details as FactDetails<K> | undefined) ?? null;
}

/**
 * Access (a prescriber with a relationship), the current version, and the domain's check of the change against
 * the record: its sedatives and alcohol, its risk tier, the dose history of the stored versions and the
 * pharmacy loop. Nothing is written here but a refusal's audit row.
 */
async function prepare(
  tx: Transaction,
  actor: Actor,
  input: PlanChangeInput,
  procedure: string,
  context: WriteContext,
): Promise<Outcome<Prepared> | { kind: 'refused_access' }> {
  const access = await personAccess(tx, {
    actor,
    personId: input.personId,
    mode: 'write',
    action: procedure === PROCEDURE.save ? 'amend' : 'view',
    procedure,
    requestId: context.requestId,
    now: context.now,
  });
  if (access.kind !== 'allowed') return access;
  const episode = openEpisode(access.episode);
  const decision = canPrescribe(
    actor,
    episode ?? { teamId: null, keyworkerId: null },
    access.basis === 'break_glass',
  );
  if (!decision.allowed) {
    await writeAudit(tx, {
      actor,
      personId: input.personId,
      action: procedure === PROCEDURE.save ? 'amend' : 'view',
      procedure,
      requestId: context.requestId,
      basis: null,
      outcome: 'denied',
      reason: decision.reason,
    });
    return { kind: 'denied' };
  }
  if (episode === null) {
    await writeAudit(tx, {
      actor,
      personId: input.personId,
      action: 'view',
      procedure,
      requestId: context.requestId,
      basis: access.basis,
      outcome: 'allowed',
      reason: 'no open episode: nothing written',
    });
    return {
      kind: 'invalid',
      issues: [{ path: ['personId'], message: 'The person has no open episode: an OST plan belongs to one' }],
    };
  }
  const row = await planOf(
    tx,
    actor.organisationId,
    input.personId,
    episode.id,
    procedure === PROCEDURE.save,
  );
  const currentVersion = row?.version ?? null;
  if (currentVersion !== input.expectedVersion) {
    throw currentVersion === null || input.expectedVersion === null
      ? new DomainError('CONFLICT', 'The plan has changed since you opened it; reload and try again')
      : conflict('The plan', input.expectedVersion);
  }
  const previous = row === null ? null : OstPlan.parse(row.plan);
  const proposed = OstPlan.parse({
    ...input.plan,
    personId: input.personId,
    episodeId: episode.id,
    version: (row?.version ?? 0) + 1,
    prescriberId: actor.staffId,
  });
  // A transfer in is refused before anything else is read (transfer-in.ts).
  const transferIn = transferInProblem(previous, proposed, input.context.lastDoseElsewhereOn ?? null);
  if (transferIn !== null) throw new DomainError('INVALID_INPUT', transferIn);
  const today = londonDate(context.now);
  const [state] = await tx
    .select({ tier: personState.riskTier })
    .from(personState)
    .where(
      and(eq(personState.organisationId, actor.organisationId), eq(personState.personId, input.personId)),
    );
  const record: RecordForPlan = {
    coPrescriptions: await factOf(tx, actor.organisationId, input.personId, 'co_prescriptions'),
    alcohol: await factOf(tx, actor.organisationId, input.personId, 'alcohol'),
  };
  const versions =
    row === null
      ? []
      : await tx
          .select({ plan: ostPlanVersion.plan })
          .from(ostPlanVersion)
          .where(
            and(eq(ostPlanVersion.organisationId, actor.organisationId), eq(ostPlanVersion.planId, row.id)),
          )
          .orderBy(asc(ostPlanVersion.version));
  const doseHistory = doseHistoryOf(
    versions.map((v) => v.plan as OstPlan),
    proposed,
  );
  const facts = planFactsFromRecord(record, input.context);
  const check = checkPlanChange(previous, proposed, {
    today,
    author: { id: actor.staffId, role: actor.role },
    doseHistory,
    coMedication: facts.coMedication,
    usesSedativesOrAlcohol: facts.usesSedativesOrAlcohol,
    toleranceUncertain: input.context.toleranceUncertain,
    riskTier: (state?.tier ?? 'low') satisfies RiskTier,
    dispensing: (row?.dispensing as DispensingState | null) ?? null,
    weeklyInjectionsGiven: weeklyInjectionsOf(
      versions.map((v) => v.plan as OstPlan),
      proposed,
    ),
    buprenorphineFirstDose: input.context.buprenorphineFirstDose,
    lastDoseElsewhereOn: input.context.lastDoseElsewhereOn ?? null,
  });
  // A planned reduction records the person's agreement; without it (or at high risk) a second clinician's
  // sign-off, checked at write time like every other rule (reduction-change.ts).
  let reduction: Prepared['reduction'] = null;
  let checked = check;
  if (isPlannedReduction(previous, proposed)) {
    const given = input.reduction ?? null;
    const signOffId = given?.secondSignOff?.by ?? null;
    const [signer] =
      signOffId === null
        ? []
        : await tx
            .select({ role: staff.role })
            .from(staff)
            .where(
              and(
                eq(staff.organisationId, actor.organisationId),
                eq(staff.id, signOffId),
                eq(staff.active, true),
              ),
            );
    const reductionCheck = checkReductionChange(previous as OstPlan, proposed, given, {
      riskTier: (state?.tier ?? 'low') satisfies RiskTier,
      today,
      authorId: actor.staffId,
      signOffRole: signer?.role ?? null,
    });
    checked = {
      ...check,
      outcome: reductionCheck.refusals.length > 0 ? 'refused' : check.outcome,
      findings: [...check.findings, ...reductionCheck.findings],
      refusals: [...check.refusals, ...reductionCheck.refusals],
    };
    if (given !== null)
      reduction = {
        input: given,
        check: reductionCheck,
        signedOffBy: reductionCheck.reportedToManagers ? signOffId : null,
      };
  }
  const ackDecision = checkAcknowledgements(checked, input.acknowledgements);
  return {
    kind: 'ok',
    value: {
      access,
      episode,
      row,
      previous,
      proposed,
      today,
      reduction,
      proposal: {
        check: checked,
        decision: ackDecision,
        wording: wordingOf(proposed),
        version: proposed.version,
      },
    },
  };
}

/** The doses of the stored versions of the same medicine, one per day (the last that day), oldest first. */
function doseHistoryOf(versions: readonly OstPlan[], proposed: OstPlan) {
  const byDay = new Map<string, number>();
  for (const v of versions) if (v.medicine === proposed.medicine) byDay.set(v.effectiveFrom, v.doseMg);
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([on, doseMg]) => ({ on, doseMg }));
}

/** Weekly injections given in the course: distinct "last given" days of weekly versions of this course. */
function weeklyInjectionsOf(versions: readonly OstPlan[], proposed: OstPlan): number {
  const days = new Set<string>();
  for (const v of versions) {
    if (
      v.injection?.interval === 'weekly' &&
      v.injection.lastGivenOn !== null &&
      v.courseStartedOn === proposed.courseStartedOn
    )
      days.add(v.injection.lastGivenOn);
  }
  return days.size;
}

/** Checks a proposed change without storing it: what the prescriber is shown before saving. Audited as a look. */
export async function proposePlan(
  db: Database,
  actor: Actor,
  input: PlanChangeInput,
  context: WriteContext,
): Promise<PlanProposal> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const outcome = await withTenant(db, tenant, async (tx): Promise<Outcome<PlanProposal>> => {
    const prepared = await prepare(tx, actor, input, PROCEDURE.propose, context);
    if (prepared.kind !== 'ok') return prepared as Outcome<PlanProposal>;
    await writeAudit(tx, {
      actor,
      personId: input.personId,
      action: 'view',
      procedure: PROCEDURE.propose,
      requestId: context.requestId,
      basis: prepared.value.access.basis,
      outcome: 'allowed',
      reason: 'plan change checked: nothing written',
    });
    return { kind: 'ok', value: prepared.value.proposal };
  });
  return settle(outcome);
}

/** The words of a refusal: each finding that blocks the change, in the domain's words. */
export function refusalMessage(refusals: readonly Finding[]): string {
  return `The plan was not saved. ${refusals.map((f) => `${f.ruleId}: ${f.message}`).join(' ')}`;
}

export interface PlanSaved {
  version: number;
  acknowledged: RecordedAcknowledgement[];
  /** Dispensing was blocked and this version is the review that lifted the block. */
  unblocked: boolean;
}

/**
 * The pharmacy loop after a saved version: a first plan starts it (a daily medicine), a switch to or from an
 * injection starts or ends it, and a change of a daily plan applies the domain's events for it. While
 * dispensing is blocked the save is the prescriber's review (lifting the block, with this version's dose).
 */
function loopAfterSave(prepared: Prepared): {
  state: DispensingState | null;
  effects: OstEffect[];
  unblocked: boolean;
} {
  const { previous, proposed, row, today } = prepared;
  const daily = proposed.medicine !== 'buprenorphine_prolonged_release';
  const before = (row?.dispensing as DispensingState | null) ?? null;
  if (!daily) return { state: null, effects: [], unblocked: false };
  if (previous === null || before === null || previous.medicine !== proposed.medicine)
    return { state: dispensingForPlan(proposed), effects: [], unblocked: false };
  let state = before;
  const effects: OstEffect[] = [];
  const apply = (event: DispensingEvent) => {
    const step = applyDispensingEvent(state, event);
    state = step.state;
    effects.push(...step.effects);
  };
  const reviewOn = state.lastEventOn !== null && state.lastEventOn > today ? state.lastEventOn : today;
  // Days up to today without a recording count as missed (decision 16): the block may be due now.
  const blockedNow = accountForUnrecordedDays(state, reviewOn).state.blocked;
  let unblocked = false;
  if (blockedNow) {
    apply({
      type: 'prescriber_review',
      on: reviewOn,
      doseMg: proposed.doseMg,
      newInduction: startsCourse(proposed) && proposed.phase === 'induction',
    });
    unblocked = true;
  }
  const lastOn = state.lastEventOn;
  for (const event of dispensingEventsForPlanChange(previous, proposed)) {
    const on = lastOn !== null && event.on < lastOn ? lastOn : event.on;
    if (event.type === 'phase_change' && event.phase === state.phase) continue;
    if (event.type === 'dose_increase' && event.toMg <= state.doseMg) continue;
    if (event.type === 'dose_decrease' && event.toMg >= state.doseMg) continue;
    apply({ ...event, on });
  }
  return { state, effects, unblocked };
}

/**
 * Saves a change as a new version, if the domain allows it with the acknowledgements given. Refused: a
 * RULE_REFUSED error naming each rule in the prescriber's words, one audit row, nothing else written. Saved: the
 * plan's current row (only if nobody saved since the prescriber read it), the version with its findings and
 * reasons, the pharmacy loop, any follow-ups the loop raises, the person's re-score and one audit row, in one
 * transaction.
 */
export async function savePlan(
  db: Database,
  actor: Actor,
  input: PlanChangeInput,
  context: WriteContext,
): Promise<PlanSaved> {
  const tenant = { organisationId: actor.organisationId, actorId: actor.staffId };
  const outcome = await withTenant(
    db,
    tenant,
    async (tx): Promise<Outcome<PlanSaved> | { kind: 'rule_refused'; refusals: Finding[] }> => {
      const prepared = await prepare(tx, actor, input, PROCEDURE.save, context);
      if (prepared.kind !== 'ok') return prepared as Outcome<PlanSaved>;
      const p = prepared.value;
      const audit = {
        actor,
        personId: input.personId,
        action: 'amend',
        procedure: PROCEDURE.save,
        requestId: context.requestId,
        basis: p.access.basis,
      } as const;
      if (!p.proposal.decision.allowed) {
        // Refused by the clinical rules, not for lack of access: recorded as refused, but never counted towards
        // the throttle on refused requests (a prescriber answering warnings one by one is not probing).
        await auditInsert(tx, {
          ...audit,
          outcome: 'denied',
          reason: 'refused by the OST rules: nothing written',
        });
        return { kind: 'rule_refused', refusals: p.proposal.decision.refusals };
      }
      const loop = loopAfterSave(p);
      const values = {
        medicine: p.proposed.medicine,
        phase: p.proposed.phase,
        doseMg: p.proposed.doseMg,
        pharmacyId: p.proposed.pharmacyId,
        effectiveFrom: p.proposed.effectiveFrom,
        reviewOn: p.proposed.reviewOn,
        plan: p.proposed,
        dispensing: loop.state,
        version: p.proposed.version,
        updatedAt: context.now.toISOString(),
      };
      let planId: string;
      if (p.row === null) {
        const inserted = await tx
          .insert(ostPlan)
          .values({
            organisationId: actor.organisationId,
            personId: input.personId,
            episodeId: p.episode.id,
            ...values,
          })
          .onConflictDoNothing({ target: [ostPlan.personId, ostPlan.episodeId] })
          .returning({ id: ostPlan.id });
        const first = inserted[0];
        if (!first)
          throw new DomainError('CONFLICT', 'Someone else made a plan for this person; reload and try again');
        planId = first.id;
      } else {
        const updated = await tx
          .update(ostPlan)
          .set(values)
          .where(and(eq(ostPlan.id, p.row.id), eq(ostPlan.version, p.row.version)))
          .returning({ id: ostPlan.id });
        if (updated.length !== 1) throw conflict('The plan', p.row.version);
        planId = p.row.id;
      }
      await tx.insert(ostPlanVersion).values({
        planId,
        version: p.proposed.version,
        organisationId: actor.organisationId,
        personId: input.personId,
        pharmacyId: p.proposed.pharmacyId,
        plan: p.proposed,
        wording: p.proposal.wording,
        findings: p.proposal.check.findings,
        acknowledgements: p.proposal.decision.acknowledged.map((a) => ({
          ruleId: a.ruleId,
          reason: a.reason,
        })),
        reason: p.proposed.reason,
        writtenBy: actor.staffId,
        writtenAt: context.now.toISOString(),
        reduction: p.reduction === null ? null : p.reduction.input,
        reductionSignedOffBy: p.reduction?.signedOffBy ?? null,
        reductionReported: p.reduction?.check.reportedToManagers ?? false,
      });
      await openOstFollowUps(tx, {
        organisationId: actor.organisationId,
        personId: input.personId,
        planId,
        prescriberId: p.proposed.prescriberId,
        keyworkerId: p.episode.keyworkerId,
        followUps: followUpsOf(loop.effects),
        today: p.today,
      });
      if (loop.unblocked) {
        // The review answers the block: the prescriber's review task is done (with or without a new dose),
        // and the block's alert to them is closed.
        await completeMissedDoseReviews(tx, {
          organisationId: actor.organisationId,
          personId: input.personId,
          outcome:
            p.previous !== null && p.previous.doseMg !== p.proposed.doseMg
              ? 'dose_changed'
              : 'reviewed_no_change',
          staffId: actor.staffId,
          today: p.today,
          now: context.now,
        });
        await tx
          .update(ostAlert)
          .set({ closedAt: context.now.toISOString(), closedBy: actor.staffId })
          .where(
            and(
              eq(ostAlert.organisationId, actor.organisationId),
              eq(ostAlert.planId, planId),
              isNull(ostAlert.closedAt),
              inArray(ostAlert.ruleId, ['OST-DISP-BLOCKED']),
              eq(ostAlert.recipient, 'prescriber'),
            ),
          );
      }
      await rescoreAfterEntry(tx, actor.organisationId, input.personId, context.now);
      await writeAudit(tx, { ...audit, outcome: 'allowed' });
      return {
        kind: 'ok',
        value: {
          version: p.proposed.version,
          acknowledged: p.proposal.decision.acknowledged,
          unblocked: loop.unblocked,
        },
      };
    },
  );
  if (outcome.kind === 'rule_refused')
    throw new DomainError('RULE_REFUSED', refusalMessage(outcome.refusals));
  return settle(outcome);
}

/**
 * A prescriber's review that lifted the block completes the person's open "review after missed doses" tasks
 * (`completeTask`, by them, today): the task asked for exactly this review.
 */
async function completeMissedDoseReviews(
  tx: Transaction,
  input: {
    organisationId: string;
    personId: string;
    outcome: 'dose_changed' | 'reviewed_no_change';
    staffId: string;
    today: CalendarDate;
    now: Date;
  },
): Promise<void> {
  const open = await openTaskRows(tx, input.organisationId, input.personId);
  const closures = open
    .filter((t) => t.kind === 'missed_dose_review')
    .map((t) => ({
      taskId: t.id,
      closure: completeTask({ kind: t.kind, closure: null }, input.outcome, input.today),
    }));
  await applyClosures(tx, input.organisationId, closures, input.staffId, input.now);
}

export type { PersonRow };
