import type { Actor } from '@harbour/domain/access/policy';
import { addDays, londonDate } from '@harbour/domain/dates';
import { rowsOf, type DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import { clinicalEvent, clinicalEventVersion } from '@harbour/db/schema/clinical-event';
import { breakGlassGrant } from '@harbour/db/schema/identity';
import { personFact, personFactVersion } from '@harbour/db/schema/person-fact';
import { personState } from '@harbour/db/schema/person-state';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { type TRPCError } from '@trpc/server';
import { and, count, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, breakAuditWrites } from '../testing/audit.ts';
import { actorWithRole, callerFor } from '../testing/callers.ts';
import { refusal } from '../testing/refusal.ts';

const today = (): string => londonDate(new Date());
const release = { type: 'prison_release', details: { establishment: 'HMP Northshire' } } as const;

describe.each(testDatabases())('the clinical record, written ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let sam: Actor;
  let people: PersonRow[];
  let mine: PersonRow[];
  let stranger: PersonRow;

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 60, seed: 31 });
    sam = actorWithRole(org, 'keyworker');
    const batches = [...org.batches(1000)];
    people = batches.flatMap((b) => b.people);
    const episodes = batches.flatMap((b) => b.episodes).filter((e) => e.status !== 'discharged');
    // People Sam may write to, his own caseload first (team members of his team after them).
    const reachable = (p: PersonRow, own: boolean) =>
      episodes.some(
        (e) =>
          e.personId === p.id && sam.teamIds.includes(e.teamId) && (e.keyworkerId === sam.staffId) === own,
      );
    mine = [...people.filter((p) => reachable(p, true)), ...people.filter((p) => reachable(p, false))];
    const otherTeam = episodes.find((e) => !sam.teamIds.includes(e.teamId));
    const found = people.find((p) => p.id === otherTeam?.personId);
    if (!found || mine.length < 8) throw new Error('the organisation lacks the people these tests need');
    stranger = found;
  });
  afterAll(() => handle.close());

  const caller = () => callerFor(handle.db, sam);
  const person = (n: number): PersonRow => {
    const p = mine[n];
    if (!p) throw new Error(`no person ${n}`);
    return p;
  };
  const counts = async (personId: string) => {
    const [events] = await handle.db
      .select({ n: count() })
      .from(clinicalEvent)
      .where(eq(clinicalEvent.personId, personId));
    const [versions] = await handle.db
      .select({ n: count() })
      .from(clinicalEventVersion)
      .where(eq(clinicalEventVersion.personId, personId));
    const [facts] = await handle.db
      .select({ n: count() })
      .from(personFact)
      .where(eq(personFact.personId, personId));
    return { events: events?.n, versions: versions?.n, facts: facts?.n };
  };
  const stateOf = async (personId: string) =>
    (await handle.db.select().from(personState).where(eq(personState.personId, personId)))[0];

  it('records a prison release: the event, its first version, the re-score and one audit row, together', async () => {
    const p = person(0);
    const before = await stateOf(p.id);
    const auditBefore = (await auditRows(handle.db, sam.organisationId)).length;
    const written = await caller().record.recordEvent({
      personId: p.id,
      idempotencyKey: randomUUID(),
      occurredOn: today(),
      event: release,
    });
    expect(written).toMatchObject({ version: 1, repeated: false });
    expect(written.risk.score).toBe((before?.riskScore ?? 0) + 20);
    expect(['high', 'very_high']).toContain(written.risk.tier);
    const after = await stateOf(p.id);
    expect(after).toMatchObject({
      riskScore: written.risk.score,
      riskTier: written.risk.tier,
      riskAsOf: today(),
    });
    const [version] = await handle.db
      .select()
      .from(clinicalEventVersion)
      .where(eq(clinicalEventVersion.eventId, written.id));
    expect(version).toMatchObject({
      version: 1,
      reason: null,
      writtenBy: sam.staffId,
      type: 'prison_release',
    });
    const audit = await auditRows(handle.db, sam.organisationId);
    expect(audit).toHaveLength(auditBefore + 1);
    // The record's risk panel links the factor to the entry it came from.
    const { risk } = await caller().person.summary({ personId: p.id });
    const index = risk?.assessment.factors.findIndex((f) => f.code === 'PRISON_RELEASE') ?? -1;
    expect(risk?.evidence[index]).toEqual({ eventId: written.id });
    const notInOst = risk?.assessment.factors.findIndex((f) => f.code === 'NOT_IN_OST') ?? -1;
    if (notInOst >= 0) expect(risk?.evidence[notInOst]).toEqual({ factKind: 'drug_use' });
    expect(audit.at(-1)).toMatchObject({
      personId: p.id,
      action: 'create',
      procedure: 'record.recordEvent',
      outcome: 'allowed',
      accessBasis: 'caseload',
    });
  });

  it('refuses an impossible entry with every problem named by its field, and writes nothing to the record', async () => {
    const p = person(1);
    const before = await counts(p.id);
    const state = await stateOf(p.id);
    const error = await refusal(
      caller().record.recordEvent({
        personId: p.id,
        idempotencyKey: randomUUID(),
        occurredOn: addDays(today(), 1),
        event: {
          type: 'hospital_discharge',
          details: { admittedOn: addDays(today(), 3), selfDischarged: false },
        },
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    const issues = (error.cause as { issues?: { path: string[] }[] }).issues?.map((i) => i.path.join('.'));
    expect(issues).toEqual(['occurredOn', 'event.details.admittedOn', 'event.details.admittedOn']);
    expect(await counts(p.id)).toEqual(before);
    expect(await stateOf(p.id)).toEqual(state);
    // The record was read to check the entry: the look is audited, as a view with nothing written.
    expect((await auditRows(handle.db, sam.organisationId)).at(-1)).toMatchObject({
      personId: p.id,
      action: 'view',
      outcome: 'allowed',
      reason: 'entry not valid: nothing written',
    });
  });

  it('never counts typing slips as refused requests: the 25th impossible entry is still told why', async () => {
    const p = person(1);
    for (let i = 0; i < 25; i++) {
      const error = await refusal(
        caller().record.recordEvent({
          personId: p.id,
          idempotencyKey: randomUUID(),
          occurredOn: addDays(today(), 2),
          event: release,
        }),
      );
      expect(error.code).toBe('BAD_REQUEST');
    }
  });

  it('refuses text with a NUL character before it reaches the database, naming the field', async () => {
    const p = person(1);
    const before = await counts(p.id);
    const error = await refusal(
      caller().record.recordEvent({
        personId: p.id,
        idempotencyKey: randomUUID(),
        occurredOn: today(),
        event: { type: 'prison_release', details: { establishment: 'HMP\u0000Northshire' } },
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(await counts(p.id)).toEqual(before);
  });

  it('records a submission sent twenty times at once exactly once', async () => {
    const p = person(2);
    const before = await counts(p.id);
    const input = {
      personId: p.id,
      idempotencyKey: randomUUID(),
      occurredOn: today(),
      event: { type: 'contact', details: { mode: 'phone', attended: true } },
    } as const;
    const results = await Promise.all(Array.from({ length: 20 }, () => caller().record.recordEvent(input)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => !r.repeated)).toHaveLength(1);
    const after = await counts(p.id);
    expect(after.events).toBe((before.events ?? 0) + 1);
    expect(after.versions).toBe((before.versions ?? 0) + 1);
  });

  it('amends with a reason into a new version, keeping the old one readable', async () => {
    const p = person(3);
    const first = await caller().record.recordEvent({
      personId: p.id,
      idempotencyKey: randomUUID(),
      occurredOn: addDays(today(), -3),
      event: release,
    });
    const amended = await caller().record.amendEvent({
      personId: p.id,
      eventId: first.id,
      expectedVersion: 1,
      occurredOn: addDays(today(), -5),
      event: { type: 'prison_release', details: { establishment: 'HMP Castle' } },
      reason: 'Wrong prison and date: checked with probation',
    });
    expect(amended.version).toBe(2);
    const { versions } = await caller().person.eventVersions({ personId: p.id, eventId: first.id });
    expect(versions.map((v) => [v.version, v.occurredOn, v.reason])).toEqual([
      [1, addDays(today(), -3), null],
      [2, addDays(today(), -5), 'Wrong prison and date: checked with probation'],
    ]);
    expect(versions[0]?.event).toEqual(release);
    const stale = await refusal(
      caller().record.amendEvent({
        personId: p.id,
        eventId: first.id,
        expectedVersion: 1,
        occurredOn: today(),
        event: release,
        reason: 'A second person working from the old page',
      }),
    );
    expect(stale.code).toBe('CONFLICT');
    const kindChange = await refusal(
      caller().record.amendEvent({
        personId: p.id,
        eventId: first.id,
        expectedVersion: 2,
        occurredOn: today(),
        event: { type: 'contact', details: { mode: 'phone', attended: true } },
        reason: 'Trying to turn it into a contact',
      }),
    );
    expect(kindChange.code).toBe('BAD_REQUEST');
  });

  it('loses no update when several people amend one entry at once: one wins each version, the rest are told', async () => {
    const p = person(4);
    const entry = await caller().record.recordEvent({
      personId: p.id,
      idempotencyKey: randomUUID(),
      occurredOn: today(),
      event: { type: 'contact', details: { mode: 'phone', attended: false } },
    });
    // Ten writers at once, all from version 1: exactly one succeeds, nine get a conflict.
    const racing = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        caller().record.amendEvent({
          personId: p.id,
          eventId: entry.id,
          expectedVersion: 1,
          occurredOn: today(),
          event: { type: 'contact', details: { mode: 'face_to_face', attended: i % 2 === 0 } },
          reason: `Writer ${i} corrects the contact`,
        }),
      ),
    );
    expect(racing.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of racing.filter((x) => x.status === 'rejected'))
      expect(((r as PromiseRejectedResult).reason as TRPCError).code).toBe('CONFLICT');
    // Ten writers who each re-read and retry on a conflict: all ten changes land, one version each.
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        for (;;) {
          const [current] = await handle.db
            .select({ version: clinicalEvent.version })
            .from(clinicalEvent)
            .where(eq(clinicalEvent.id, entry.id));
          try {
            await caller().record.amendEvent({
              personId: p.id,
              eventId: entry.id,
              expectedVersion: current?.version ?? 0,
              occurredOn: today(),
              event: { type: 'contact', details: { mode: 'phone', attended: true } },
              reason: `Retrying writer ${i}`,
            });
            return;
          } catch (error) {
            if ((error as TRPCError).code !== 'CONFLICT') throw error;
          }
        }
      }),
    );
    const versions = await handle.db
      .select({ version: clinicalEventVersion.version, reason: clinicalEventVersion.reason })
      .from(clinicalEventVersion)
      .where(eq(clinicalEventVersion.eventId, entry.id));
    expect(versions.map((v) => v.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    for (let i = 0; i < 10; i++) expect(versions.map((v) => v.reason)).toContain(`Retrying writer ${i}`);
  });

  it('strikes out an entry entered in error: kept in the history, no longer scored, no longer changeable', async () => {
    const p = person(5);
    const entry = await caller().record.recordEvent({
      personId: p.id,
      idempotencyKey: randomUUID(),
      occurredOn: today(),
      event: release,
    });
    const struck = await caller().record.strikeOutEvent({
      personId: p.id,
      eventId: entry.id,
      expectedVersion: 1,
      reason: 'Recorded on the wrong person',
    });
    expect(struck.risk.score).toBe(entry.risk.score - 20);
    const summary = await caller().person.summary({ personId: p.id, types: ['prison_release'] });
    expect(summary.history.entries.find((e) => e.id === entry.id)).toMatchObject({
      status: 'entered_in_error',
      version: 2,
    });
    const again = await refusal(
      caller().record.amendEvent({
        personId: p.id,
        eventId: entry.id,
        expectedVersion: 2,
        occurredOn: today(),
        event: release,
        reason: 'Trying to bring it back',
      }),
    );
    expect(again.code).toBe('UNPROCESSABLE_CONTENT');
  });

  it('records a current fact, refuses a second "first" record, and versions a change with its reason', async () => {
    const p = person(6);
    const [existing] = await handle.db
      .select({ version: personFact.version })
      .from(personFact)
      .where(and(eq(personFact.personId, p.id), eq(personFact.kind, 'injecting')));
    expect(existing).toBeUndefined();
    const first = await caller().record.setFact({
      personId: p.id,
      expectedVersion: null,
      recordedOn: today(),
      fact: { kind: 'injecting', details: { lastInjectedOn: addDays(today(), -2) } },
      reason: null,
    });
    expect(first.version).toBe(1);
    const twice = await refusal(
      caller().record.setFact({
        personId: p.id,
        expectedVersion: null,
        recordedOn: today(),
        fact: { kind: 'injecting', details: { lastInjectedOn: null } },
        reason: null,
      }),
    );
    expect(twice.code).toBe('CONFLICT');
    const noReason = await refusal(
      caller().record.setFact({
        personId: p.id,
        expectedVersion: 1,
        recordedOn: today(),
        fact: { kind: 'injecting', details: { lastInjectedOn: null } },
        reason: null,
      }),
    );
    expect(noReason.code).toBe('BAD_REQUEST');
    const second = await caller().record.setFact({
      personId: p.id,
      expectedVersion: 1,
      recordedOn: today(),
      fact: { kind: 'injecting', details: { lastInjectedOn: null } },
      reason: 'Has never injected: the first entry was a mistake',
    });
    expect(second.version).toBe(2);
    expect(second.risk.score).toBe(first.risk.score - 8); // INJECTING no longer scores
    const { versions } = await caller().person.factVersions({ personId: p.id, kind: 'injecting' });
    expect(versions.map((v) => [v.version, v.reason])).toEqual([
      [1, null],
      [2, 'Has never injected: the first entry was a mistake'],
    ]);
    const [rows] = await handle.db
      .select({ n: count() })
      .from(personFactVersion)
      .where(and(eq(personFactVersion.personId, p.id), eq(personFactVersion.kind, 'injecting')));
    expect(rows?.n).toBe(2);
  });

  it("refuses a write to a person outside the caller's relationships, audited, until break-glass opens it", async () => {
    const before = await counts(stranger.id);
    const input = () => ({
      personId: stranger.id,
      idempotencyKey: randomUUID(),
      occurredOn: today(),
      event: { type: 'contact', details: { mode: 'phone', attended: true } } as const,
    });
    const refused = await refusal(caller().record.recordEvent(input()));
    expect(refused.code).toBe('FORBIDDEN');
    expect(JSON.stringify(refused)).not.toContain(stranger.familyName);
    expect(await counts(stranger.id)).toEqual(before);
    expect((await auditRows(handle.db, sam.organisationId)).at(-1)).toMatchObject({
      personId: stranger.id,
      outcome: 'denied',
      procedure: 'record.recordEvent',
    });
    await handle.db.insert(breakGlassGrant).values({
      organisationId: sam.organisationId,
      staffId: sam.staffId,
      personId: stranger.id,
      reasonCode: 'duty_worker',
      reasonText: 'Duty worker answering a call from the person',
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await caller().record.recordEvent(input());
    expect((await auditRows(handle.db, sam.organisationId)).at(-1)).toMatchObject({
      personId: stranger.id,
      outcome: 'allowed',
      accessBasis: 'break_glass',
    });
  });

  it('refuses a role that may not write to records', async () => {
    const manager = actorWithRole(org, 'service_manager');
    const error = await refusal(
      callerFor(handle.db, manager).record.recordEvent({
        personId: person(7).id,
        idempotencyKey: randomUUID(),
        occurredOn: today(),
        event: release,
      }),
    );
    expect(error.code).toBe('FORBIDDEN');
  });

  it('writes nothing at all when the audit row cannot be written', async () => {
    const p = person(7);
    const before = await counts(p.id);
    const state = await stateOf(p.id);
    const restore = await breakAuditWrites(handle.db);
    try {
      const error = await refusal(
        caller().record.recordEvent({
          personId: p.id,
          idempotencyKey: randomUUID(),
          occurredOn: today(),
          event: release,
        }),
      );
      expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await restore();
    }
    expect(await counts(p.id)).toEqual(before);
    expect(await stateOf(p.id)).toEqual(state);
  });

  it('keeps every version for ever: changing or removing one is refused, even for the owner', async () => {
    for (const statement of [
      sql`update clinical_event_version set reason = 'rewritten'`,
      sql`delete from clinical_event_version`,
      sql`update person_fact_version set reason = 'rewritten'`,
      sql`delete from person_fact_version`,
    ]) {
      const error = await handle.db.execute(statement).catch((e: unknown) => e);
      expect(String((error as Error).cause ?? error)).toMatch(/append-only/);
    }
    const [left] = rowsOf<{ n: number }>(
      await handle.db.execute(
        sql`select count(*)::int as n from clinical_event_version where reason = 'rewritten'`,
      ),
    );
    expect(left?.n).toBe(0);
  });
});
