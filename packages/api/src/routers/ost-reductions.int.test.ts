import type { Actor } from '@harbour/domain/access/policy';
import { londonDate } from '@harbour/domain/dates';
import type { Acknowledgement } from '@harbour/domain/ost/plan-acknowledge';
import type { OstPlan } from '@harbour/domain/ost/plan';
import type { DemoOrganisation } from '@harbour/db/demo/generate';
import type { DatabaseHandle } from '@harbour/db/client';
import { auditEvent } from '@harbour/db/schema/audit';
import { ostPlan, ostPlanVersion } from '@harbour/db/schema/ost';
import { personState } from '@harbour/db/schema/person-state';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { TRPCError } from '@trpc/server';
import { and, count, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor } from '../testing/callers.ts';

/**
 * Planned reductions through the API (issue 10: no forced reductions): the agreement is recorded with the
 * version; a reduction without agreement is refused (422, in words, nothing stored) until a second prescriber
 * or team lead signs off with a reason, and is then listed for service managers, never with names.
 */
describe.each(testDatabases())('planned OST reductions ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let okafor: Actor;
  let sam: Actor;
  let jo: Actor;
  let alex: Actor;
  /** Methadone at low or moderate risk, in Dr Okafor's team. */
  let person: string;
  const now = () => new Date();

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
    okafor = actorOf('Dr Chidi Okafor');
    sam = actorOf('Sam Carter');
    jo = actorOf('Jo Bennett');
    alex = actorOf('Alex Morgan');
    const plans = await handle.db
      .select({ personId: ostPlan.personId, doseMg: ostPlan.doseMg })
      .from(ostPlan)
      .innerJoin(personState, eq(personState.personId, ostPlan.personId))
      .where(
        and(
          eq(ostPlan.organisationId, organisationId),
          eq(ostPlan.medicine, 'methadone'),
          inArray(personState.riskTier, ['low', 'moderate']),
        ),
      );
    for (const p of plans) {
      // Only a person Dr Okafor may open and prescribe for (others are refused: skipped).
      const view = await as(okafor)
        .ost.plan.get({ personId: p.personId })
        .catch(() => null);
      if (view?.mayPrescribe && p.doseMg >= 40) {
        person = p.personId;
        break;
      }
    }
    if (!person) throw new Error('the demo has a methadone plan at low or moderate risk for Dr Okafor');
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

  /** The current plan lowered by 5 mg as a planned reduction, with reasons for any plan-rule warnings. */
  async function reduction(reduction?: unknown) {
    const view = await as(okafor).ost.plan.get({ personId: person });
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
    const input = {
      personId: person,
      expectedVersion: version,
      plan: {
        ...draft,
        phase: 'reduction' as OstPlan['phase'],
        doseMg: view.plan.doseMg - 5,
        effectiveFrom: londonDate(now()),
        reason: 'Planned reduction discussed at review.',
      },
      context: { qtProlonging: false, toleranceUncertain: false, buprenorphineFirstDose: null },
      acknowledgements: [] as Acknowledgement[],
      ...(reduction === undefined ? {} : { reduction }),
    };
    const proposal = await as(okafor).ost.plan.propose(input as never);
    const rules = [
      ...new Set(
        [...proposal.check.warnings, ...proposal.check.refusals]
          .filter((f) => f.overridable)
          .map((f) => f.ruleId),
      ),
    ];
    return {
      ...input,
      acknowledgements: rules.map((ruleId) => ({ ruleId, reason: 'Discussed with them today.' })),
    };
  }

  const versionsOf = async () =>
    (
      await handle.db.select({ n: count() }).from(ostPlanVersion).where(eq(ostPlanVersion.personId, person))
    )[0]?.n ?? 0;

  it('refuses a planned reduction that does not record the agreement, and stores nothing', async () => {
    const before = await versionsOf();
    const error = await refusal(as(okafor).ost.plan.save((await reduction()) as never));
    expect(error.code).toBe('UNPROCESSABLE_CONTENT');
    expect(error.message).toContain('record whether the person agrees');
    expect(await versionsOf()).toBe(before);
  });

  it('saves an agreed reduction with the agreement, not reported to managers', async () => {
    const saved = await as(okafor).ost.plan.save(
      (await reduction({ agreement: 'asked_for_it', secondSignOff: null })) as never,
    );
    const [stored] = await handle.db
      .select()
      .from(ostPlanVersion)
      .where(and(eq(ostPlanVersion.personId, person), eq(ostPlanVersion.version, saved.version)));
    expect(stored?.reduction).toEqual({ agreement: 'asked_for_it', secondSignOff: null });
    expect(stored?.reductionReported).toBe(false);
  });

  it('refuses a reduction without agreement until a second clinician signs off, then reports it', async () => {
    const before = await versionsOf();
    const unsigned = await refusal(
      as(okafor).ost.plan.save((await reduction({ agreement: 'not_agreed', secondSignOff: null })) as never),
    );
    expect(unsigned.code).toBe('UNPROCESSABLE_CONTENT');
    expect(unsigned.message).toContain("needs a second senior clinician's sign-off");

    const reason = 'Reviewed with Dr Okafor: the dose is no longer safe with their liver results.';
    const byKeyworker = await refusal(
      as(okafor).ost.plan.save(
        (await reduction({ agreement: 'not_agreed', secondSignOff: { by: sam.staffId, reason } })) as never,
      ),
    );
    expect(byKeyworker.code).toBe('UNPROCESSABLE_CONTENT');
    expect(byKeyworker.message).toContain('a keyworker is not a senior clinician');

    const bySelf = await refusal(
      as(okafor).ost.plan.save(
        (await reduction({
          agreement: 'not_agreed',
          secondSignOff: { by: okafor.staffId, reason },
        })) as never,
      ),
    );
    expect(bySelf.message).toContain('must come from a second clinician');
    expect(await versionsOf()).toBe(before);

    const saved = await as(okafor).ost.plan.save(
      (await reduction({ agreement: 'not_agreed', secondSignOff: { by: jo.staffId, reason } })) as never,
    );
    const [stored] = await handle.db
      .select()
      .from(ostPlanVersion)
      .where(and(eq(ostPlanVersion.personId, person), eq(ostPlanVersion.version, saved.version)));
    expect(stored?.reductionReported).toBe(true);
    expect(stored?.reductionSignedOffBy).toBe(jo.staffId);
    const [latest] = await as(okafor).ost.plan.history({ personId: person });
    expect(latest?.reduction).toEqual({
      agreement: 'not_agreed',
      signOffReason: reason,
      signedOffBy: 'Jo Bennett',
    });

    const report = await as(alex).ost.reductions.reported();
    expect(report.count).toBe(1);
    expect(report.withoutAgreement).toBe(1);
    expect(report.reductions[0]).toMatchObject({
      agreement: 'They do not agree',
      prescriberName: 'Dr Chidi Okafor',
      signedOffByName: 'Jo Bennett',
      signOffReason: reason,
    });
    expect(JSON.stringify(report)).not.toContain(person);
    const audits = await handle.db
      .select({ n: count() })
      .from(auditEvent)
      .where(and(eq(auditEvent.procedure, 'ost.reductions.reported'), eq(auditEvent.actorId, alex.staffId)));
    expect(audits[0]?.n).toBe(1);
  });

  it('lets only a service manager see the reported reductions', async () => {
    expect((await refusal(as(okafor).ost.reductions.reported())).code).toBe('FORBIDDEN');
    expect((await refusal(as(jo).ost.reductions.reported())).code).toBe('FORBIDDEN');
  });
});
