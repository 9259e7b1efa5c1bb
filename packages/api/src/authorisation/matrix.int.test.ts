/**
 * The authorisation matrix (issue 4; security.md promise 1), generated from the router: every staff procedure ×
 * every role × every target (own caseload, own team, other team, other organisation), with and without a
 * break-glass grant, against the expected allow or deny from the domain policy. Every procedure must be
 * classified below, or this file fails: a new procedure cannot ship without its row in the matrix.
 *
 * For calls that name a person it also checks that exactly one audit row is written (allowed or denied) and
 * that a refusal carries none of the person's data.
 */
import {
  canEnrolForSelfCheck,
  canPrescribe,
  canReadPerson,
  canReadTeamCaseload,
  canWritePerson,
  hasPermission,
  type Actor,
  type Permission,
  type Relationship,
} from '@harbour/domain/access/policy';
import { addDays, londonDate } from '@harbour/domain/dates';
import { staffRoles, type StaffRole } from '@harbour/domain/staff';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import { auditEvent } from '@harbour/db/schema/audit';
import {
  breakGlassGrant,
  caldicottAlert,
  refusalThrottle,
  signInThrottle,
  staffCredential,
} from '@harbour/db/schema/identity';
import { clinicalEvent } from '@harbour/db/schema/clinical-event';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { person } from '@harbour/db/schema/person';
import { ostPlan, pharmacy, pharmacyMembership } from '@harbour/db/schema/ost';
import { personFact } from '@harbour/db/schema/person-fact';
import { task } from '@harbour/db/schema/task';
import { booking, healthEntry } from '@harbour/db/schema/booking';
import { seedClinicSession } from '@harbour/db/testing/booking';
import { staff } from '@harbour/db/schema/staff';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { TRPCError } from '@trpc/server';
import { and, count, desc, eq, ne } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassphrase } from '../identity/passphrase.ts';
import { newTotpSecret, stepAt, totpCode } from '../identity/totp.ts';
import { appRouter } from '../root.ts';
import { callerFor } from '../testing/callers.ts';
import type { Meta } from '../trpc.ts';

const targets = ['own_caseload', 'own_team', 'other_team', 'other_organisation'] as const;
type Target = (typeof targets)[number];
type Outcome = 'allowed' | TRPCError['code'];

const PASSPHRASE = 'matrix-test-passphrase-2026';

interface World {
  handle: DatabaseHandle;
  a: DemoOrganisation;
  b: DemoOrganisation;
  /** The member of staff whose role the matrix varies: a keyworker in the first team of organisation A. */
  me: { id: string; teamIds: string[] };
  people: Record<Target, { person: PersonRow; relationship: Relationship }>;
  teams: Record<Target, string>;
  /** A member of staff in each organisation, for the account procedures. */
  colleague: { own: string; other: string };
  /** Organisation A's pharmacist Tom, the pharmacy he works at, and the one he does not (the demo's two). */
  pharmacies: { pharmacist: string; his: string; another: string };
  secret: string;
  clock: () => Date;
  /** The clock's time, without moving it on. */
  peek: () => Date;
}

/** Each kind of procedure: how to call it for a target, and what the policy says should happen. */
type Spec =
  | { kind: 'no_target'; input?: (world: World) => unknown; whenPermitted?: Outcome }
  | {
      kind: 'person';
      input: (personId: string, world: World) => unknown;
      decide: (actor: Actor, rel: Relationship, glass: boolean) => Outcome;
    }
  | { kind: 'team'; input: (teamId: string) => unknown; mayBeEmpty?: true }
  | { kind: 'staff_member'; input: (staffId: string) => unknown }
  | { kind: 'alert' }
  | { kind: 'not_staff'; why: string };

const specs: Record<string, Spec> = {
  'auth.signIn': { kind: 'not_staff', why: 'public: the first step of signing in' },
  'auth.verifySecondFactor': { kind: 'not_staff', why: 'a half-finished sign-in only' },
  'auth.beginEnrolment': { kind: 'not_staff', why: 'a half-finished sign-in only' },
  'auth.completeEnrolment': { kind: 'not_staff', why: 'a half-finished sign-in only' },
  'auth.signOut': { kind: 'not_staff', why: "ends the caller's own session" },
  'selfcheck.activate': { kind: 'not_staff', why: 'public: an activation code' },
  'selfcheck.signIn': { kind: 'not_staff', why: 'public: the first step of signing in' },
  'selfcheck.beginEnrolment': { kind: 'not_staff', why: 'a half-finished sign-in only' },
  'selfcheck.completeEnrolment': { kind: 'not_staff', why: 'a half-finished sign-in only' },
  'selfcheck.verifySecondFactor': { kind: 'not_staff', why: 'a half-finished sign-in only' },
  'selfcheck.me': { kind: 'not_staff', why: "a service user's own record, named by their session" },
  'selfcheck.whoLooked': { kind: 'not_staff', why: "a service user's own record, named by their session" },
  'selfcheck.myPlan': { kind: 'not_staff', why: "a service user's own record, named by their session" },
  'selfcheck.assessmentDraft': {
    kind: 'not_staff',
    why: "a service user's own record, named by their session",
  },
  'selfcheck.saveDraft': { kind: 'not_staff', why: "a service user's own record, named by their session" },
  'selfcheck.submitAssessment': {
    kind: 'not_staff',
    why: "a service user's own record, named by their session",
  },
  'selfcheck.assessment': { kind: 'not_staff', why: "a service user's own record, named by their session" },
  'selfcheck.healthChecks': { kind: 'not_staff', why: "a service user's own record, named by their session" },
  'selfcheck.slotsForCheck': {
    kind: 'not_staff',
    why: "a service user's own record, named by their session",
  },
  'selfcheck.bookCheck': { kind: 'not_staff', why: "a service user's own record, named by their session" },
  'selfcheck.rescheduleCheck': {
    kind: 'not_staff',
    why: "a service user's own record, named by their session",
  },
  'selfcheck.cancelCheck': { kind: 'not_staff', why: "a service user's own record, named by their session" },
  'selfcheck.booking': { kind: 'not_staff', why: "a service user's own record, named by their session" },
  'selfcheck.requestContact': { kind: 'not_staff', why: 'public: the anonymous check\'s "contact me"' },
  'caseload.myTeams': { kind: 'no_target' },
  'caseload.me': { kind: 'no_target' },
  'caseload.list': { kind: 'team', input: (teamId) => ({ teamId }) },
  'caseload.contactRequests': { kind: 'no_target' },
  // A team's review queue may well be empty: nobody in the team has been high for long enough.
  'reviews.queue': { kind: 'team', input: (teamId) => ({ teamId }), mayBeEmpty: true },
  'reviews.draft': {
    kind: 'person',
    input: (personId) => ({ personId }),
    decide: (actor, rel, glass) => (canReadPerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'reviews.record': {
    kind: 'person',
    input: (personId, world) => ({
      personId,
      idempotencyKey: randomUUID(),
      reviewedOn: londonDate(world.peek()),
      tier: 'very_high',
      factors: [],
      mitigations: [],
      actions: [],
    }),
    // The member of staff holds no risk assessment competency (the demo gives Sam none): whoever may write to
    // the record reaches the sign-off rule, and is refused.
    decide: (actor, rel, glass) =>
      canWritePerson(actor, rel, glass).allowed ? 'UNPROCESSABLE_CONTENT' : 'FORBIDDEN',
  },
  'competencies.list': { kind: 'no_target' },
  'competencies.history': { kind: 'staff_member', input: (staffId) => ({ staffId }) },
  'protocol.inForce': { kind: 'no_target' },
  'protocol.page': { kind: 'no_target' },
  // Only a service manager publishes; the one permitted call writes the organisation's first version.
  'protocol.publish': {
    kind: 'no_target',
    input: (world) => ({
      // The organisation's first version: the matrix publishes once, as the one role allowed to.
      basedOn: 0,
      effectiveFrom: londonDate(world.peek()),
      changeNote: 'The matrix test’s version',
      checklists: [{ situation: 'ost_exit', items: [{ id: 'gp', text: 'GP informed' }] }],
    }),
  },
  'competencies.record': {
    kind: 'staff_member',
    input: (staffId) => ({
      competency: { staffId, kind: 'overdose_response', achievedOn: '2026-01-05', expiresOn: null },
      replacesId: null,
    }),
  },
  'person.summary': {
    kind: 'person',
    input: (personId) => ({ personId }),
    decide: (actor, rel, glass) => (canReadPerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'person.breakGlass': {
    kind: 'person',
    input: (personId, world) => ({
      personId,
      reasonCode: 'urgent_clinical_care',
      reasonText: 'Overdose reported out of hours; duty worker needs the plan',
      passphrase: PASSPHRASE,
      code: totpCode(world.secret, stepAt(world.clock().getTime())),
    }),
    decide: (actor, rel) => (canReadPerson(actor, rel, false).allowed ? 'BAD_REQUEST' : 'allowed'),
  },
  'person.issueActivationCode': {
    kind: 'person',
    input: (personId) => ({ personId, identityChecked: true }),
    decide: (actor, rel) => (canEnrolForSelfCheck(actor, rel).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'person.eventVersions': {
    kind: 'person',
    input: async (personId, world) => ({ personId, eventId: (await latestEvent(world, personId)).id }),
    decide: (actor, rel, glass) => (canReadPerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'person.selfAssessments': {
    kind: 'person',
    input: (personId) => ({ personId }),
    decide: (actor, rel, glass) => (canReadPerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'person.factVersions': {
    kind: 'person',
    input: (personId) => ({ personId, kind: 'drug_use' }),
    decide: (actor, rel, glass) => (canReadPerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'people.search': { kind: 'no_target', input: () => ({ query: 'Walsh' }) },
  'clinics.list': { kind: 'no_target' },
  'clinics.createClinic': {
    kind: 'no_target',
    input: () => ({ name: 'Matrix clinic', place: 'Harbour Clinic, Mill Road' }),
  },
  'clinics.createSession': {
    kind: 'no_target',
    // No such clinic in the caller's organisation: whoever may set up sessions reaches that check.
    input: (world) => ({
      clinicId: randomUUID(),
      date: londonDate(addDaysTo(world.peek(), 7)),
      startTime: '09:00',
      endTime: '10:00',
      slotMinutes: 20,
      capacity: 1,
      checks: ['hcv_antibody_test'],
      staffIds: [world.me.id],
    }),
    whenPermitted: 'BAD_REQUEST',
  },
  'clinics.recordAttendance': {
    kind: 'person',
    input: async (personId, world) => ({
      personId,
      ...(await endedBooking(world, personId)),
      outcome: 'attended',
    }),
    decide: (actor, rel, glass) => (canWritePerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'health.forPerson': {
    kind: 'person',
    input: (personId) => ({ personId }),
    decide: (actor, rel, glass) => (canReadPerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'health.strikeOutEntry': {
    kind: 'person',
    input: async (personId, world) => ({
      personId,
      ...(await freshHealthEntry(world, personId)),
      reason: 'Recorded on the wrong person',
    }),
    decide: (actor, rel, glass) => (canWritePerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'health.recordEntry': {
    kind: 'person',
    input: (personId, world) => ({
      personId,
      entry: { need: 'dental_check', kind: 'done', on: londonDate(world.peek()), result: null, note: null },
    }),
    decide: (actor, rel, glass) => (canWritePerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'record.recordEvent': {
    kind: 'person',
    input: (personId, world) => ({
      personId,
      idempotencyKey: randomUUID(),
      occurredOn: world.clock().toISOString().slice(0, 10),
      event: { type: 'contact', details: { mode: 'phone', attended: true } },
    }),
    decide: (actor, rel, glass) => (canWritePerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'record.amendEvent': {
    kind: 'person',
    input: async (personId, world) => {
      const event = await latestEvent(world, personId);
      return {
        personId,
        eventId: event.id,
        expectedVersion: event.version,
        occurredOn: event.occurredOn,
        event: { type: event.type, details: event.details },
        reason: 'Corrected by the matrix test',
      };
    },
    decide: (actor, rel, glass) => (canWritePerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'record.strikeOutEvent': {
    kind: 'person',
    input: async (personId, world) => {
      const event = await latestEvent(world, personId);
      return {
        personId,
        eventId: event.id,
        expectedVersion: event.version,
        reason: 'Entered on the wrong record',
      };
    },
    decide: (actor, rel, glass) => (canWritePerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'record.setFact': {
    kind: 'person',
    input: async (personId, world) => {
      const [current] = await world.handle.db
        .select({ version: personFact.version })
        .from(personFact)
        .where(and(eq(personFact.personId, personId), eq(personFact.kind, 'housing')));
      return {
        personId,
        expectedVersion: current?.version ?? null,
        recordedOn: world.clock().toISOString().slice(0, 10),
        fact: { kind: 'housing', details: { status: 'settled' } },
        reason: current ? 'Checked again by the matrix test' : null,
      };
    },
    decide: (actor, rel, glass) => (canWritePerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'account.me': { kind: 'no_target' },
  'account.competencies': { kind: 'no_target' },
  'account.stepUp': {
    kind: 'no_target',
    input: (world) => ({
      passphrase: PASSPHRASE,
      code: totpCode(world.secret, stepAt(world.clock().getTime())),
    }),
  },
  'account.changePassphrase': {
    kind: 'no_target',
    input: () => ({ current: 'not-my-passphrase', next: 'another-long-passphrase-1' }),
    // Only ever the caller's own account; a wrong current passphrase is refused as bad input.
    whenPermitted: 'BAD_REQUEST',
  },
  'accounts.list': { kind: 'no_target' },
  'accounts.teams': { kind: 'no_target' },
  'accounts.create': {
    kind: 'no_target',
    input: () => ({
      displayName: 'Matrix Test',
      email: `matrix-${randomUUID()}@harbour.test`,
      role: 'nurse',
      teamIds: [],
    }),
  },
  'accounts.update': {
    kind: 'staff_member',
    input: (staffId) => ({ staffId, role: 'nurse', teamIds: [] }),
  },
  'accounts.disable': { kind: 'staff_member', input: (staffId) => ({ staffId }) },
  'accounts.enable': { kind: 'staff_member', input: (staffId) => ({ staffId }) },
  'accounts.reset': { kind: 'staff_member', input: (staffId) => ({ staffId }) },
  'pharmacies.list': { kind: 'no_target' },
  'pharmacies.add': {
    kind: 'no_target',
    input: () => ({ name: `Matrix Pharmacy ${randomUUID()}`, address: '1 Matrix Road' }),
  },
  // The pharmacy as it is: the one permitted call changes nothing, and no other call's pharmacy moves.
  'pharmacies.update': {
    kind: 'no_target',
    input: (world) => ({
      pharmacyId: world.pharmacies.his,
      name: 'Quayside Pharmacy',
      address: '12 Quay Street, Northshire',
    }),
  },
  'pharmacies.place': {
    kind: 'no_target',
    input: (world) => ({ pharmacyId: world.pharmacies.another, staffId: world.pharmacies.pharmacist }),
  },
  'pharmacies.remove': {
    kind: 'no_target',
    input: (world) => ({ pharmacyId: world.pharmacies.his, staffId: world.pharmacies.pharmacist }),
  },
  'alerts.list': { kind: 'no_target', input: () => ({ status: 'open' }) },
  'alerts.close': { kind: 'alert' },
  'audit.administration': { kind: 'no_target' },
  'tasks.mine': { kind: 'no_target' },
  'tasks.team': { kind: 'team', input: (teamId) => ({ teamId }) },
  'tasks.forPerson': {
    kind: 'person',
    input: (personId) => ({ personId }),
    decide: (actor, rel, glass) => (canReadPerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'tasks.complete': {
    kind: 'person',
    input: async (personId, world) => ({
      personId,
      ...(await freshTask(world, personId)),
      outcome: 'contacted',
    }),
    decide: (actor, rel, glass) => (canWritePerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'tasks.completeDuty': {
    kind: 'no_target',
    // A task id that is no duty task of the caller's teams: whoever may record is told it is not found.
    input: () => ({ taskId: randomUUID(), expectedVersion: 1, outcome: 'contacted' }),
    whenPermitted: 'NOT_FOUND',
  },
  'tasks.cancel': {
    kind: 'person',
    input: async (personId, world) => ({
      personId,
      ...(await freshTask(world, personId)),
      reason: 'duplicate',
    }),
    decide: (actor, rel, glass) => (canWritePerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'tasks.reassign': {
    kind: 'person',
    input: async (personId, world) => ({
      personId,
      ...(await freshTask(world, personId)),
      assignee: { kind: 'team' },
    }),
    decide: (actor, rel, glass) => (canWritePerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'naloxone.kits': {
    kind: 'person',
    input: (personId) => ({ personId }),
    decide: (actor, rel, glass) => (canReadPerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'naloxone.coverage': { kind: 'no_target' },
  'ost.plan.get': {
    kind: 'person',
    input: (personId) => ({ personId }),
    decide: (actor, rel, glass) => (canReadPerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'ost.plan.history': {
    kind: 'person',
    input: (personId) => ({ personId }),
    decide: (actor, rel, glass) => (canReadPerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'ost.plan.propose': {
    kind: 'person',
    input: async (personId, world) => planChange(world, personId, 20),
    decide: (actor, rel, glass) => (canPrescribe(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'ost.plan.save': {
    kind: 'person',
    // A start at 50 mg breaks the methadone start rule: whoever may prescribe reaches the rule, and is refused.
    input: async (personId, world) => planChange(world, personId, 50),
    decide: (actor, rel, glass) =>
      canPrescribe(actor, rel, glass).allowed ? 'UNPROCESSABLE_CONTENT' : 'FORBIDDEN',
  },
  'ost.pharmacy.today': { kind: 'no_target' },
  'ost.pharmacy.record': {
    kind: 'person',
    input: (personId, world) => ({
      personId,
      day: londonDate(world.peek()),
      outcome: { kind: 'missed' },
    }),
    // The member of staff works at no pharmacy: as a pharmacist, nobody is theirs, and nobody is found.
    decide: () => 'NOT_FOUND',
  },
  'ost.reductions.reported': { kind: 'no_target' },
  'ost.exit.cascade': {
    kind: 'person',
    input: (personId) => ({ personId }),
    decide: (actor, rel, glass) => (canReadPerson(actor, rel, glass).allowed ? 'allowed' : 'FORBIDDEN'),
  },
  'ost.exit.dischargeForNonAttendance': {
    kind: 'person',
    input: (personId) => ({ personId }),
    // A team lead of the person's team reaches the rule (no cascade done in the matrix's world) and is refused.
    decide: (actor, rel) =>
      hasPermission(actor, 'episode:discharge') && canWritePerson(actor, rel, false).allowed
        ? 'UNPROCESSABLE_CONTENT'
        : 'FORBIDDEN',
  },
  'ost.alerts.mine': { kind: 'no_target' },
  'ost.alerts.close': {
    kind: 'no_target',
    input: () => ({ alertId: randomUUID() }),
    whenPermitted: 'NOT_FOUND',
  },
};

/** A new open follow-up task for the person, written directly (each call closes or changes one). */
async function freshTask(world: World, personId: string) {
  const [found] = await world.handle.db
    .select({ organisationId: person.organisationId })
    .from(person)
    .where(eq(person.id, personId));
  if (!found) throw new Error('no such person');
  const [episode] = await world.handle.db
    .select({ teamId: treatmentEpisode.teamId })
    .from(treatmentEpisode)
    .where(and(eq(treatmentEpisode.personId, personId), ne(treatmentEpisode.status, 'discharged')));
  const on = world.peek().toISOString().slice(0, 10);
  const [row] = await world.handle.db
    .insert(task)
    .values({
      organisationId: found.organisationId,
      personId,
      kind: 'overdose_follow_up',
      why: 'Overdose: follow up (matrix test)',
      dueOn: on,
      sameDay: false,
      priority: 'urgent',
      assigneeKind: 'keyworker',
      // On the team's list: those a refused caller could not change stay open for the team rows below.
      teamId: episode?.teamId ?? null,
      sourceEventOn: on,
      ruleId: 'TSK-OVERDOSE-FOLLOW-UP',
      openedOn: on,
    })
    .returning({ id: task.id, version: task.version });
  if (!row) throw new Error('no task written');
  return { taskId: row.id, expectedVersion: row.version };
}

const addDaysTo = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

/** An open booking of the person's whose slot ended an hour ago, written directly (each call closes one). */
async function endedBooking(world: World, personId: string) {
  const [found] = await world.handle.db
    .select({ organisationId: person.organisationId })
    .from(person)
    .where(eq(person.id, personId));
  if (!found) throw new Error('no such person');
  const staffId = world.me.id;
  // One open booking per person and check: an earlier call's booking (left open by a refusal) is cancelled.
  await world.handle.db
    .update(booking)
    .set({ status: 'cancelled', place: null })
    .where(and(eq(booking.personId, personId), eq(booking.status, 'booked')));
  const { slotIds } = await seedClinicSession(world.handle.db, found.organisationId, staffId, {
    startsAt: new Date(world.peek().getTime() - 75 * 60_000),
  });
  const [row] = await world.handle.db
    .insert(booking)
    .values({
      organisationId: found.organisationId,
      personId,
      slotId: slotIds[0] ?? '',
      need: 'hcv_antibody_test',
      place: 1,
    })
    .returning({ id: booking.id, version: booking.version });
  if (!row) throw new Error('no booking written');
  return { bookingId: row.id, expectedVersion: row.version };
}

/** A new health entry of the person's, written directly (each strike-out call changes one). */
async function freshHealthEntry(world: World, personId: string) {
  const [found] = await world.handle.db
    .select({ organisationId: person.organisationId })
    .from(person)
    .where(eq(person.id, personId));
  if (!found) throw new Error('no such person');
  const [row] = await world.handle.db
    .insert(healthEntry)
    .values({
      organisationId: found.organisationId,
      personId,
      need: 'dental_check',
      kind: 'done',
      on: londonDate(world.peek()),
      recordedBy: world.me.id,
    })
    .returning({ id: healthEntry.id, version: healthEntry.version });
  if (!row) throw new Error('no health entry written');
  return { entryId: row.id, expectedVersion: row.version };
}

/** A new methadone course from today at `doseMg`, daily supervised, for the matrix's OST plan procedures. */
async function planChange(world: World, personId: string, doseMg: number) {
  const [current] = await world.handle.db
    .select({ version: ostPlan.version })
    .from(ostPlan)
    .where(eq(ostPlan.personId, personId));
  const today = londonDate(world.peek());
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
  return {
    personId,
    expectedVersion: current?.version ?? null,
    plan: {
      medicine: 'methadone',
      phase: 'induction',
      doseMg,
      productAllowsHigherDose: false,
      courseStartedOn: today,
      effectiveFrom: today,
      supervision: {
        mode: 'daily_supervised',
        supervisedDays: [...days],
        reasons: ['stability'],
        decidedOn: today,
        reviewOn: addDays(today, 7),
      },
      instalments: {
        form: 'FP10MDA',
        pickupDays: [...days],
        daysPerForm: 7,
        wording: [
          'closed_days_dispensed_on_prior_day',
          'missed_collection_does_not_forfeit_rest',
          'consult_prescriber_after_3_missed_days',
          'supervise_on_collection_days',
        ],
      },
      injection: null,
      pharmacyId: randomUUID(),
      lastReviewOn: today,
      reviewOn: addDays(today, 14),
      reason: 'Starting treatment after assessment today.',
    },
    context: { qtProlonging: false, toleranceUncertain: false, buprenorphineFirstDose: null },
    acknowledgements: [],
  };
}

/** A contact of the person's still counting (every demo person in treatment has many), as it stands now. */
async function latestEvent(world: World, personId: string) {
  const [event] = await world.handle.db
    .select()
    .from(clinicalEvent)
    .where(and(eq(clinicalEvent.personId, personId), eq(clinicalEvent.status, 'active')))
    .orderBy(desc(clinicalEvent.occurredOn), desc(clinicalEvent.id))
    .limit(1);
  if (!event) throw new Error('the matrix needs a person with an event');
  return event;
}

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>,
);

describe('the matrix covers the router', () => {
  it.each(procedures)('%s has a row in the matrix', (path) => {
    expect(specs[path], `classify ${path} in authorisation/matrix.int.test.ts`).toBeDefined();
  });
  it('has no row for a procedure that no longer exists', () => {
    expect(Object.keys(specs).sort()).toEqual(procedures.map(([path]) => path).sort());
  });
});

async function call(
  world: World,
  actor: Actor,
  path: string,
  input: unknown,
): Promise<{ outcome: Outcome; value: unknown; error: unknown }> {
  // Each call starts with no sign-in failures or refusals on record: the matrix is about authorisation, not
  // throttling. The session has just stepped up, as administrators' changes need.
  await world.handle.db.delete(signInThrottle);
  await world.handle.db.delete(refusalThrottle);
  const session = {
    id: randomUUID(),
    organisationId: actor.organisationId,
    subjectKind: 'staff' as const,
    subjectId: actor.staffId,
    stage: 'active' as const,
    reauthenticatedAt: world.peek().toISOString(),
  };
  let target: unknown = callerFor(world.handle.db, actor, { now: world.clock, session });
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  try {
    const value = await (target as (input: unknown) => Promise<unknown>)(input);
    return { outcome: 'allowed', value, error: null };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    return { outcome: error.code, value: null, error };
  }
}

describe.each(testDatabases())('the authorisation matrix ($name)', ({ open }) => {
  const world = {} as World;
  let time = Date.now();

  beforeAll(async () => {
    world.handle = await open();
    world.a = await createTestOrganisation(world.handle.db, { people: 60, seed: 141 });
    world.b = await createTestOrganisation(world.handle.db, { people: 10, seed: 142 });
    // Every call moves the clock on by one 30-second step, so each break-glass call has an unused code.
    world.clock = () => new Date((time += 30_000));
    world.peek = () => new Date(time);
    const { a, b } = world;
    const sam = a.structure.staff.find((s) => s.displayName === 'Sam Carter');
    if (!sam) throw new Error('the generator always includes Sam');
    const teamIds = a.structure.memberships.filter((m) => m.staffId === sam.id).map((m) => m.teamId);
    world.me = { id: sam.id, teamIds };
    const episodes = [...a.batches(1000)].flatMap((batch) =>
      batch.episodes
        .filter((e) => e.status !== 'discharged')
        .map((e) => ({ e, p: batch.people.find((p) => p.id === e.personId) })),
    );
    const pick = (test: (e: (typeof episodes)[number]['e']) => boolean) => {
      const found = episodes.find(({ e }) => test(e));
      if (!found?.p) throw new Error('the organisation lacks a person the matrix needs');
      return {
        person: found.p,
        relationship: { teamId: found.e.teamId, keyworkerId: found.e.keyworkerId ?? null },
      };
    };
    const otherPeople = [...b.batches(1000)].flatMap((batch) =>
      batch.episodes.map((e) => ({ e, p: batch.people.find((p) => p.id === e.personId) })),
    );
    const foreign = otherPeople.find(({ e }) => e.status !== 'discharged');
    if (!foreign?.p) throw new Error('organisation B has nobody open');
    world.people = {
      own_caseload: pick((e) => e.keyworkerId === sam.id),
      own_team: pick((e) => teamIds.includes(e.teamId) && e.keyworkerId !== sam.id),
      other_team: pick((e) => !teamIds.includes(e.teamId)),
      other_organisation: {
        person: foreign.p,
        relationship: { teamId: foreign.e.teamId, keyworkerId: foreign.e.keyworkerId ?? null },
      },
    };
    const ownTeam = teamIds[0] ?? '';
    world.teams = {
      own_caseload: ownTeam,
      own_team: ownTeam,
      other_team: world.people.other_team.relationship.teamId ?? '',
      other_organisation: b.structure.teams[0]?.id ?? '',
    };
    const colleague = (org: DemoOrganisation) =>
      org.structure.staff.find((s) => s.role === 'nurse')?.id ?? '';
    world.colleague = { own: colleague(a), other: colleague(b) };
    const tom = a.structure.staff.find((s) => s.displayName === 'Tom Hughes')?.id ?? '';
    const places = await world.handle.db
      .select({ id: pharmacy.id, name: pharmacy.name })
      .from(pharmacy)
      .where(eq(pharmacy.organisationId, a.structure.organisation.id));
    const [his] = await world.handle.db
      .select({ pharmacyId: pharmacyMembership.pharmacyId })
      .from(pharmacyMembership)
      .where(eq(pharmacyMembership.staffId, tom));
    world.pharmacies = {
      pharmacist: tom,
      his: his?.pharmacyId ?? '',
      another: places.find((p) => p.id !== his?.pharmacyId)?.id ?? '',
    };
    world.secret = newTotpSecret();
    await world.handle.db.insert(staffCredential).values({
      staffId: sam.id,
      organisationId: a.structure.organisation.id,
      passphraseHash: await hashPassphrase(PASSPHRASE),
      totpSecret: world.secret,
      totpEnrolledAt: new Date().toISOString(),
    });
  });
  afterAll(() => world.handle.close());

  const actorAs = (role: StaffRole): Actor => ({
    staffId: world.me.id,
    organisationId: world.a.structure.organisation.id,
    role,
    teamIds: world.me.teamIds,
  });

  const auditCount = async (personId: string) =>
    (
      await world.handle.db.select({ n: count() }).from(auditEvent).where(eq(auditEvent.personId, personId))
    )[0]?.n ?? 0;

  /** Grants (or withdraws) break-glass access to a person for the member of staff, directly. */
  async function setGlass(personId: string, on: boolean) {
    const db = world.handle.db;
    await db
      .delete(caldicottAlert)
      .where(eq(caldicottAlert.organisationId, world.a.structure.organisation.id));
    await db.delete(breakGlassGrant).where(eq(breakGlassGrant.staffId, world.me.id));
    if (!on) return;
    const now = Date.now() + 0;
    await db.insert(breakGlassGrant).values({
      organisationId: world.a.structure.organisation.id,
      staffId: world.me.id,
      personId,
      reasonCode: 'duty_worker',
      reasonText: 'granted by the matrix test',
      grantedAt: new Date(now).toISOString(),
      expiresAt: new Date(time + 3_600_000 * 24).toISOString(),
    });
  }

  const permissionOf = (path: string) =>
    (appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>)[path]?._def.meta
      ?.permission as Permission;

  const byKind = <K extends Spec['kind']>(kind: K) =>
    Object.entries(specs).filter(
      (entry): entry is [string, Extract<Spec, { kind: K }>] => entry[1].kind === kind,
    );

  describe.each(byKind('person'))('%s', (path, spec) => {
    it.each(
      staffRoles.flatMap((role) =>
        targets.flatMap((target) => [false, true].map((glass) => [role, target, glass] as const)),
      ),
    )('as %s on a person in %s, break-glass %s', async (role, target, glass) => {
      const actor = actorAs(role);
      const { person, relationship } = world.people[target];
      await setGlass(person.id, glass);
      const expected: Outcome = !hasPermission(actor, permissionOf(path))
        ? 'FORBIDDEN'
        : target === 'other_organisation'
          ? 'NOT_FOUND'
          : spec.decide(actor, relationship, glass);
      const before = await auditCount(person.id);
      const result = await call(world, actor, path, await spec.input(person.id, world));
      expect(result.outcome).toBe(expected);
      // Exactly one audit row for the call, allowed or refused.
      expect(await auditCount(person.id)).toBe(before + 1);
      const [row] = await world.handle.db
        .select()
        .from(auditEvent)
        .where(and(eq(auditEvent.personId, person.id), eq(auditEvent.actorId, world.me.id)))
        .orderBy(auditEvent.seq)
        .limit(1)
        .offset(before);
      expect(row?.outcome).toBe(expected === 'allowed' ? 'allowed' : 'denied');
      if (expected !== 'allowed') {
        const text = JSON.stringify({ message: (result.error as Error).message, error: result.error });
        for (const secret of [person.givenName, person.familyName, person.reference])
          expect(text).not.toContain(secret);
      } else if (path === 'person.summary') {
        expect((result.value as { id: string; access: { basis: string } }).id).toBe(person.id);
        expect((result.value as { access: { basis: string } }).access.basis).toBe(row?.accessBasis);
      }
    });
  });

  describe.each(byKind('team'))('%s', (path, spec) => {
    it.each(
      staffRoles.flatMap((role) =>
        targets.flatMap((target) => [false, true].map((glass) => [role, target, glass] as const)),
      ),
    )(
      "as %s on the team of %s, break-glass %s (a grant opens one person, never a team's caseload)",
      async (role, target, glass) => {
        const actor = actorAs(role);
        await setGlass(world.people[target].person.id, glass);
        const teamId = world.teams[target];
        const expected: Outcome = !hasPermission(actor, permissionOf(path))
          ? 'FORBIDDEN'
          : canReadTeamCaseload(actor, teamId).allowed
            ? 'allowed'
            : 'FORBIDDEN';
        const result = await call(world, actor, path, spec.input(teamId));
        expect(result.outcome).toBe(expected);
        if (expected === 'allowed' && spec.mayBeEmpty)
          expect((result.value as { rows: unknown[] }).rows).toBeInstanceOf(Array);
        else if (expected === 'allowed')
          expect((result.value as { rows: unknown[] }).rows.length).toBeGreaterThan(0);
        else expect(result.value).toBeNull();
      },
    );
  });

  describe.each(byKind('no_target'))('%s', (path, spec) => {
    it.each(staffRoles)('as %s', async (role) => {
      const actor = actorAs(role);
      const expected = hasPermission(actor, permissionOf(path))
        ? (spec.whenPermitted ?? 'allowed')
        : 'FORBIDDEN';
      expect((await call(world, actor, path, spec.input?.(world))).outcome).toBe(expected);
    });
  });

  describe.each(byKind('staff_member'))('%s', (path, spec) => {
    it.each(staffRoles.flatMap((role) => (['own', 'other'] as const).map((whose) => [role, whose] as const)))(
      'as %s on a member of staff in the %s organisation',
      async (role, whose) => {
        const actor = actorAs(role);
        const staffId = world.colleague[whose];
        const expected: Outcome = !hasPermission(actor, permissionOf(path))
          ? 'FORBIDDEN'
          : whose === 'other'
            ? 'NOT_FOUND'
            : 'allowed';
        const [before] = await world.handle.db.select().from(staff).where(eq(staff.id, staffId));
        expect((await call(world, actor, path, spec.input(staffId))).outcome).toBe(expected);
        if (expected !== 'allowed') {
          const [after] = await world.handle.db.select().from(staff).where(eq(staff.id, staffId));
          expect(after).toEqual(before);
        }
      },
    );
  });

  describe.each(byKind('alert'))('%s', (path) => {
    async function openAlert(org: DemoOrganisation, staffId: string, personId: string): Promise<string> {
      const db = world.handle.db;
      const [grant] = await db
        .insert(breakGlassGrant)
        .values({
          organisationId: org.structure.organisation.id,
          staffId,
          personId,
          reasonCode: 'safeguarding',
          reasonText: 'an alert for the matrix test',
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        })
        .returning({ id: breakGlassGrant.id });
      const [alert] = await db
        .insert(caldicottAlert)
        .values({
          organisationId: org.structure.organisation.id,
          grantId: grant?.id ?? '',
          subjectStaffId: staffId,
        })
        .returning({ id: caldicottAlert.id });
      return alert?.id ?? '';
    }

    it.each(staffRoles.flatMap((role) => (['own', 'other'] as const).map((whose) => [role, whose] as const)))(
      'as %s on an alert in the %s organisation',
      async (role, whose) => {
        const actor = actorAs(role);
        const alertId =
          whose === 'own'
            ? await openAlert(world.a, world.colleague.own, world.people.other_team.person.id)
            : await openAlert(
                world.b,
                world.b.structure.staff[0]?.id ?? '',
                world.people.other_organisation.person.id,
              );
        // Another organisation's alert is invisible: not found, and unchanged.
        const expected: Outcome = !hasPermission(actor, permissionOf(path))
          ? 'FORBIDDEN'
          : whose === 'other'
            ? 'NOT_FOUND'
            : 'allowed';
        const result = await call(world, actor, path, {
          alertId,
          outcome: 'appropriate',
          note: '',
          version: 1,
        });
        expect(result.outcome).toBe(expected);
        const [after] = await world.handle.db
          .select()
          .from(caldicottAlert)
          .where(eq(caldicottAlert.id, alertId));
        expect(after?.status).toBe(expected === 'allowed' ? 'closed' : 'open');
      },
    );
  });
});
