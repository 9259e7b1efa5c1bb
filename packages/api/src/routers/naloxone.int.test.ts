import type { Actor } from '@harbour/domain/access/policy';
import { addDays, londonDate } from '@harbour/domain/dates';
import { rowsOf, type DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation } from '@harbour/db/demo/generate';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows } from '../testing/audit.ts';
import { actorWithRole, callerFor } from '../testing/callers.ts';
import { refusal } from '../testing/refusal.ts';

const today = (): string => londonDate(new Date());
const supply = (expiresOn: string, supplyType: 'first' | 'repeat' = 'first') =>
  ({
    type: 'naloxone_supply',
    details: {
      product: 'nyxoid',
      recipient: 'person',
      supplyType,
      repeatReason: supplyType === 'repeat' ? 'lost' : null,
      trainingGiven: true,
      expiresOn,
    },
  }) as const;

describe.each(testDatabases())('naloxone kits and coverage ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let sam: Actor;
  let alex: Actor;
  let teamId: string;

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 60, seed: 93 });
    sam = actorWithRole(org, 'keyworker');
    alex = actorWithRole(org, 'service_manager');
    teamId = sam.teamIds[0] ?? '';
  });
  afterAll(() => handle.close());

  const as = (actor: Actor) => callerFor(handle.db, actor);
  const record = (personId: string, event: unknown, occurredOn = today()) =>
    as(sam).record.recordEvent({ personId, idempotencyKey: randomUUID(), occurredOn, event: event as never });

  /** The team's people in treatment in the high and very high tiers, counted straight from the tables. */
  const highTier = async (team: string) =>
    rowsOf<{ person_id: string }>(
      await handle.db.execute(sql`select distinct e.person_id from treatment_episode e
        join person_state s on s.person_id = e.person_id
        where e.team_id = ${team} and e.status in ('active', 'referred') and s.risk_tier in ('high', 'very_high')`),
    ).map((r) => r.person_id);

  it('shows a supplied kit in date, then what a report says happened to it', async () => {
    const [person] = await highTier(teamId);
    if (!person) throw new Error('no high-tier person in the team');
    const written = await record(person, supply(addDays(today(), 400)));
    const shown = await as(sam).naloxone.kits({ personId: person });
    expect(shown.holdsInDate).toBe(true);
    expect(shown.kits[0]).toMatchObject({
      supplyEventId: written.id,
      productLabel: 'Nyxoid (nasal spray)',
      suppliedOn: today(),
      supplyType: 'first',
      status: 'held',
      statusLabel: 'In date',
      daysLeft: 400,
      report: null,
    });
    await record(person, {
      type: 'naloxone_report',
      details: { supplyEventId: written.id, outcome: 'lost' },
    });
    const after = await as(sam).naloxone.kits({ personId: person });
    expect(after.kits[0]).toMatchObject({ status: 'lost', statusLabel: 'Lost', daysLeft: null });
    expect(after.kits[0]?.report).toEqual({ on: today(), outcome: 'lost' });
    // Each read is one audit row on the person's record, naming the procedure.
    const rows = (await auditRows(handle.db, org.structure.organisation.id)).filter(
      (r) => r.personId === person && r.procedure === 'naloxone.kits',
    );
    expect(rows.map((r) => [r.action, r.outcome])).toEqual([
      ['view', 'allowed'],
      ['view', 'allowed'],
    ]);
  });

  it('counts the high and very high tiers per team, and lists the people without an in-date kit', async () => {
    const report = await as(sam).naloxone.coverage();
    const mine = report.teams.filter((t) => t.mine);
    expect(mine.map((t) => t.teamId).sort()).toEqual([...sam.teamIds].sort());
    const team = mine.find((t) => t.teamId === teamId);
    if (!team?.uncovered) throw new Error('no coverage for the team');
    const everyone = await highTier(teamId);
    expect(team.coverage.denominator).toBe(everyone.length);
    expect(team.coverage.numerator).toBe(everyone.length - team.uncovered.length);
    expect(team.coverage.share).toBeCloseTo(team.coverage.numerator / team.coverage.denominator);
    expect(team.coverage.byTier.high.denominator + team.coverage.byTier.very_high.denominator).toBe(
      everyone.length,
    );
    for (const p of team.uncovered) expect(everyone).toContain(p.personId);

    // Someone whose kits are all reported lost moves into the list; a new supply moves them out again.
    const someone = everyone.at(-1);
    if (!someone) throw new Error('nobody in the high tiers');
    const wasCovered = !team.uncovered.some((p) => p.personId === someone);
    for (const kit of (await as(sam).naloxone.kits({ personId: someone })).kits)
      if (kit.status === 'held' || kit.status === 'expiring')
        await record(someone, {
          type: 'naloxone_report',
          details: { supplyEventId: kit.supplyEventId, outcome: 'lost' },
        });
    const lost = (await as(sam).naloxone.coverage()).teams.find((t) => t.teamId === teamId);
    expect(lost?.uncovered?.find((p) => p.personId === someone)?.latestKit?.statusLabel ?? 'none').toMatch(
      /^(Lost|Expired|Used|Confiscated|none)$/,
    );
    expect(lost?.coverage.numerator).toBe(team.coverage.numerator - (wasCovered ? 1 : 0));
    expect(lost?.coverage.denominator).toBe(team.coverage.denominator);
    await record(someone, supply(addDays(today(), 300), 'repeat'));
    const again = (await as(sam).naloxone.coverage()).teams.find((t) => t.teamId === teamId);
    expect(again?.uncovered?.map((p) => p.personId)).not.toContain(someone);
    expect(again?.coverage.numerator).toBe((lost?.coverage.numerator ?? 0) + 1);
  });

  it('gives a service manager every team, counts only; a keyworker only their own teams', async () => {
    const report = await as(alex).naloxone.coverage();
    expect(report.teams.map((t) => t.teamId).sort()).toEqual(org.structure.teams.map((t) => t.id).sort());
    for (const t of report.teams) {
      expect(t.uncovered).toBeNull();
      expect(t.coverage.denominator).toBe((await highTier(t.teamId)).length);
    }
    const keyworker = await as(sam).naloxone.coverage();
    expect(keyworker.teams.every((t) => sam.teamIds.includes(t.teamId) && t.uncovered !== null)).toBe(true);
  });

  it('audits each coverage read as one list row, and refuses roles without coverage', async () => {
    const before = (await auditRows(handle.db, org.structure.organisation.id)).length;
    await as(sam).naloxone.coverage();
    const rows = (await auditRows(handle.db, org.structure.organisation.id)).slice(before);
    expect(rows.map((r) => [r.procedure, r.action, r.personId, r.outcome])).toEqual([
      ['naloxone.coverage', 'list', null, 'allowed'],
    ]);
    const admin = actorWithRole(org, 'administrator');
    expect(await refusal(as(admin).naloxone.coverage())).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses the kits of someone outside the relationship, with no data, and audits the attempt', async () => {
    const other = rowsOf<{ person_id: string }>(
      await handle.db.execute(sql`select e.person_id from treatment_episode e
        where e.organisation_id = ${org.structure.organisation.id} and e.status <> 'discharged'
          and e.team_id not in (${sql.join(
            sam.teamIds.map((t) => sql`${t}`),
            sql`, `,
          )})
        limit 1`),
    )[0];
    if (!other) throw new Error('nobody outside the team');
    expect(await refusal(as(sam).naloxone.kits({ personId: other.person_id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const rows = (await auditRows(handle.db, org.structure.organisation.id)).filter(
      (r) => r.personId === other.person_id && r.procedure === 'naloxone.kits',
    );
    expect(rows.map((r) => r.outcome)).toEqual(['denied']);
  });
});
