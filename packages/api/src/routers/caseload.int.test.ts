import { addDays, londonDate } from '@harbour/domain/dates';
import type { Actor } from '@harbour/domain/access/policy';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation } from '@harbour/db/demo/generate';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { TRPCError } from '@trpc/server';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, breakAuditWrites } from '../testing/audit.ts';
import { actorWithRole, callerFor } from '../testing/callers.ts';

describe.each(testDatabases())('caseload.list ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let sam: Actor;
  let teamA: string;
  let teamB: string;
  let openInTeamA: number;

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 60, seed: 42 });
    sam = actorWithRole(org, 'keyworker');
    [teamA = '', teamB = ''] = org.structure.teams.map((t) => t.id);
    openInTeamA = [...org.batches(1000)]
      .flatMap((b) => b.episodes)
      .filter((e) => e.teamId === teamA && e.status !== 'discharged').length;
  });
  afterAll(() => handle.close());

  it("lists a team's open episodes by name, a page at a time, without gaps or repeats", async () => {
    const caller = callerFor(handle.db, sam);
    const first = await caller.caseload.list({ teamId: teamA, pageSize: 10, sort: 'name' });
    const second = await caller.caseload.list({ teamId: teamA, pageSize: 10, page: 2, sort: 'name' });
    expect(first.total).toBe(openInTeamA);
    expect(first.pageCount).toBe(Math.ceil(openInTeamA / 10));
    expect(first.rows).toHaveLength(10);
    const names = [...first.rows, ...second.rows].map((r) => r.displayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || 0));
    const ids = [...first.rows, ...second.rows].map((r) => r.personId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('answers a page past the end with the last page and the true total, never "page 50 of 2"', async () => {
    const caller = callerFor(handle.db, sam);
    const page = await caller.caseload.list({ teamId: teamA, pageSize: 10, page: 50 });
    const pageCount = Math.ceil(openInTeamA / 10);
    expect(page).toMatchObject({ page: pageCount, pageCount, total: openInTeamA });
    const last = await caller.caseload.list({ teamId: teamA, pageSize: 10, page: pageCount });
    expect(page.rows).toEqual(last.rows);
    expect(page.rows.length).toBeGreaterThan(0);
  });

  it('is the register by default: tier then score, highest first, with the reasons beside each name', async () => {
    const page = await callerFor(handle.db, sam).caseload.list({ teamId: teamA, pageSize: 100 });
    const rank = ['low', 'moderate', 'high', 'very_high'];
    const keys = page.rows.map((r) => [rank.indexOf(r.riskTier ?? 'low'), r.riskScore ?? 0] as const);
    const sorted = [...keys].sort((a, b) => b[0] - a[0] || b[1] - a[1]);
    expect(keys).toEqual(sorted);
    expect(page.rows.every((r) => r.riskTier !== null && !r.riskStale)).toBe(true);
    const top = page.rows[0];
    expect(top?.reasons.length).toBeGreaterThan(0);
    expect(top?.reasons.every((reason) => reason.points > 0)).toBe(true);
    const reversed = await callerFor(handle.db, sam).caseload.list({
      teamId: teamA,
      pageSize: 100,
      direction: 'desc',
    });
    expect(reversed.rows.at(-1)?.personId).toBe(top?.personId);
  });

  it('filters by tier, by new to high in the last 7 days, and by rising', async () => {
    const caller = callerFor(handle.db, sam);
    const everyone = (await caller.caseload.list({ teamId: teamA, pageSize: 100 })).rows;
    const high = await caller.caseload.list({ teamId: teamA, tier: 'high', pageSize: 100 });
    expect(high.rows.map((r) => r.personId).sort()).toEqual(
      everyone
        .filter((r) => r.riskTier === 'high')
        .map((r) => r.personId)
        .sort(),
    );
    const cutOff = addDays(londonDate(new Date()), -7);
    const fresh = await caller.caseload.list({ teamId: teamA, newToHigh: true, pageSize: 100 });
    expect(fresh.rows.map((r) => r.personId).sort()).toEqual(
      everyone
        .filter((r) => r.highSince !== null && r.highSince >= cutOff)
        .map((r) => r.personId)
        .sort(),
    );
    // A prison release today puts someone up 20 points: rising, and new to high.
    const target = everyone.find((r) => r.riskTier === 'low' && (r.riskScore ?? 0) < 15);
    if (!target) throw new Error('expected someone at low risk');
    await caller.record.recordEvent({
      personId: target.personId,
      idempotencyKey: randomUUID(),
      occurredOn: londonDate(new Date()),
      event: { type: 'prison_release', details: { establishment: null } },
    });
    const rising = await caller.caseload.list({ teamId: teamA, rising: true, pageSize: 100 });
    expect(rising.rows.map((r) => r.personId)).toContain(target.personId);
    expect(rising.rows.every((r) => everyone.some((e) => e.personId === r.personId))).toBe(true);
    const newToHigh = await caller.caseload.list({ teamId: teamA, newToHigh: true, pageSize: 100 });
    expect(newToHigh.rows.find((r) => r.personId === target.personId)?.reasons[0]).toMatchObject({
      code: 'PRISON_RELEASE',
      points: 20,
      eventOn: londonDate(new Date()),
    });
  });

  it('sorts by last contact, never-seen first, then oldest contact first', async () => {
    const page = await callerFor(handle.db, sam).caseload.list({
      teamId: teamA,
      sort: 'last_contact',
      pageSize: 100,
    });
    const dates = page.rows.map((r) => r.lastContactOn ?? '');
    expect(dates).toEqual([...dates].sort());
    const desc = await callerFor(handle.db, sam).caseload.list({
      teamId: teamA,
      sort: 'last_contact',
      direction: 'desc',
      pageSize: 100,
    });
    expect(desc.rows[0]?.lastContactOn).toBe(dates.at(-1));
  });

  it('filters by keyworker, by OST and by days without contact', async () => {
    const caller = callerFor(handle.db, sam);
    const mine = await caller.caseload.list({ teamId: teamA, keyworkerId: sam.staffId, pageSize: 100 });
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(new Set(mine.rows.map((r) => r.keyworkerName))).toEqual(new Set(['Sam Carter']));
    const on = await caller.caseload.list({ teamId: teamA, ost: 'on', pageSize: 100 });
    const off = await caller.caseload.list({ teamId: teamA, ost: 'off', pageSize: 100 });
    expect(on.total + off.total).toBe(openInTeamA);
    expect(on.rows.every((r) => r.ostMedicine !== null && r.ostDoseMg !== null)).toBe(true);
    expect(off.rows.every((r) => r.ostMedicine === null)).toBe(true);
    // "No contact for 28 days or more", counted from today in London (the service's clock): exactly the people
    // whose last contact is on or before that day, or who have none.
    const cutOff = addDays(londonDate(new Date()), -28);
    const everyone = await caller.caseload.list({ teamId: teamA, pageSize: 100 });
    const expected = everyone.rows
      .filter((r) => r.lastContactOn === null || r.lastContactOn <= cutOff)
      .map((r) => r.personId)
      .sort();
    const lost = await caller.caseload.list({ teamId: teamA, noContactForDays: 28, pageSize: 100 });
    expect(lost.rows.map((r) => r.personId).sort()).toEqual(expected);
    expect(lost.total).toBe(expected.length);
  });

  it('tells the caller who they are, for "only people I keywork", and nothing else', async () => {
    expect(await callerFor(handle.db, sam).caseload.me()).toEqual({
      staffId: sam.staffId,
      role: 'keyworker',
    });
  });

  it("refuses another team's caseload, returns no rows, and audits the refusal", async () => {
    const before = (await auditRows(handle.db, sam.organisationId)).length;
    const error = await callerFor(handle.db, sam)
      .caseload.list({ teamId: teamB })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('FORBIDDEN');
    expect(JSON.stringify(error)).not.toMatch(/HBR-/);
    const rows = await auditRows(handle.db, sam.organisationId);
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      actorId: sam.staffId,
      outcome: 'denied',
      procedure: 'caseload.list',
      personId: null,
    });
  });

  it('writes exactly one audit row per call, with identifiers only', async () => {
    const before = (await auditRows(handle.db, sam.organisationId)).length;
    await callerFor(handle.db, sam).caseload.list({ teamId: teamA });
    const rows = await auditRows(handle.db, sam.organisationId);
    expect(rows).toHaveLength(before + 1);
    const row = rows.at(-1);
    expect(row).toMatchObject({
      actorId: sam.staffId,
      actorRole: 'keyworker',
      action: 'list',
      accessBasis: 'team',
      outcome: 'allowed',
    });
    expect(row?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('returns no one when the audit row cannot be written, and leaves no trace', async () => {
    const before = await auditRows(handle.db, sam.organisationId);
    const restore = await breakAuditWrites(handle.db);
    try {
      const error = await callerFor(handle.db, sam)
        .caseload.list({ teamId: teamA })
        .catch((e: unknown) => e);
      expect((error as TRPCError).code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(error)).not.toMatch(/HBR-/);
    } finally {
      await restore();
    }
    expect(await auditRows(handle.db, sam.organisationId)).toEqual(before);
  });

  it('refuses bad input with the list of problems, and writes nothing', async () => {
    const before = (await auditRows(handle.db, sam.organisationId)).length;
    const error = await callerFor(handle.db, sam)
      .caseload.list({ teamId: teamA, sort: 'family_name' as 'name', pageSize: 7 as 10 })
      .catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
    expect((await auditRows(handle.db, sam.organisationId)).length).toBe(before);
  });

  it('needs a signed-in member of staff in a role that reads caseloads', async () => {
    const anonymous = await callerFor(handle.db, null)
      .caseload.list({ teamId: teamA })
      .catch((e: unknown) => e);
    expect((anonymous as TRPCError).code).toBe('UNAUTHORIZED');
    const pharmacist = await callerFor(handle.db, actorWithRole(org, 'pharmacist'))
      .caseload.list({ teamId: teamA })
      .catch((e: unknown) => e);
    expect((pharmacist as TRPCError).code).toBe('FORBIDDEN');
  });

  it("lists only the caller's own teams", async () => {
    const teams = await callerFor(handle.db, sam).caseload.myTeams();
    expect(teams.map((t) => t.id)).toEqual([teamA]);
  });
});
