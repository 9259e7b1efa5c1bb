import { addDays } from '@harbour/domain/dates';
import { riskStateFromRecord } from '@harbour/domain/record/risk-state';
import { assessRisk } from '@harbour/domain/risk/assess';
import { RISK_MODEL_VERSION } from '@harbour/domain/risk/codes';
import { riskFactsFromRecord } from '@harbour/domain/risk/from-record';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DatabaseHandle } from '../client.ts';
import type { DemoOrganisation } from '../demo/generate.ts';
import { clinicalEvent } from '../schema/clinical-event.ts';
import { withTenant } from '../tenant.ts';
import { openTestApplicationPostgres, testDatabases } from '../testing/databases.ts';
import { createTestOrganisation } from '../testing/factories.ts';
import { loadRecords } from './records.ts';
import { lockStates, rescorePeople, scoreAndWrite } from './rescore.ts';
import { rescoreOrganisation, sweepDueScores } from './sweep.ts';

const AS_OF = '2026-11-23';

interface StateRow {
  person_id: string;
  last_contact_on: string | null;
  ost_medicine: string | null;
  ost_dose_mg: number | null;
  risk_score: number | null;
  risk_tier: string | null;
  risk_as_of: string | null;
  risk_next_change_on: string | null;
  risk_model_version: string | null;
  refreshed_at: string;
}

async function states(handle: DatabaseHandle, organisationId: string): Promise<StateRow[]> {
  return rowsOf<StateRow>(
    await handle.db.execute(sql`select person_id, last_contact_on::text, ost_medicine::text, ost_dose_mg,
      risk_score, risk_tier::text, risk_as_of::text, risk_next_change_on::text, risk_model_version,
      refreshed_at::text
      from person_state where organisation_id = ${organisationId} order by person_id`),
  );
}

async function historyOf(handle: DatabaseHandle, personId: string) {
  return rowsOf<{ as_of: string; score: number; tier: string; cause: string }>(
    await handle.db.execute(sql`select as_of::text, score, tier::text, cause::text from risk_score_history
      where person_id = ${personId} order by as_of, computed_at`),
  );
}

describe.each(testDatabases())('re-scoring ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let organisationId: string;

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 30, seed: 77, asOf: AS_OF });
    organisationId = org.structure.organisation.id;
  });
  afterAll(() => handle.close());

  it('after a load, holds for everyone what the model gives from the generated record itself', async () => {
    const batches = [...org.batches(100)];
    const expected = batches
      .flatMap((b) => b.people)
      .map((person) => {
        const events = batches.flatMap((b) => b.events).filter((e) => e.personId === person.id);
        const facts = batches.flatMap((b) => b.facts).filter((f) => f.personId === person.id);
        const episodes = batches.flatMap((b) => b.episodes).filter((e) => e.personId === person.id);
        const { state } = riskStateFromRecord(
          facts,
          episodes.map((e) => e.status),
        );
        const riskFacts = riskFactsFromRecord(person, events, state);
        const assessment = assessRisk(riskFacts, AS_OF);
        return {
          person_id: person.id,
          last_contact_on: riskFacts.lastContactOn,
          ost_medicine: riskFacts.currentOst?.medicine ?? null,
          ost_dose_mg: riskFacts.currentOst?.doseMg ?? null,
          risk_score: assessment.score,
          risk_tier: assessment.tier,
          risk_as_of: AS_OF,
          risk_next_change_on: assessment.nextChangeAt,
          risk_model_version: RISK_MODEL_VERSION,
        };
      })
      .sort((a, b) => a.person_id.localeCompare(b.person_id));
    const stored = (await states(handle, organisationId)).map(({ refreshed_at: _r, ...row }) => row);
    expect(stored).toEqual(expected);
    // The demo's record has something to show: people on and off OST, more than one tier.
    expect(new Set(stored.map((s) => s.ost_medicine === null)).size).toBe(2);
    expect(new Set(stored.map((s) => s.risk_tier)).size).toBeGreaterThan(1);
  });

  it('rises on a new entry with one history row, and adds none when the score is unchanged', async () => {
    const [person] = rowsOf<{ person_id: string }>(
      await handle.db
        .execute(sql`select person_id from person_state s where organisation_id = ${organisationId}
        and not exists (select 1 from clinical_event e where e.person_id = s.person_id and e.type = 'prison_release')
        limit 1`),
    );
    if (!person) throw new Error('expected someone never released from prison');
    const before = (await states(handle, organisationId)).find((s) => s.person_id === person.person_id);
    const historyBefore = await historyOf(handle, person.person_id);
    await withTenant(handle.db, { organisationId, actorId: null }, async (tx) => {
      await tx.insert(clinicalEvent).values({
        organisationId,
        personId: person.person_id,
        type: 'prison_release',
        occurredOn: AS_OF,
        details: { establishment: null },
      });
      await rescorePeople(tx, organisationId, [person.person_id], { asOf: AS_OF, cause: 'entry' });
    });
    const after = (await states(handle, organisationId)).find((s) => s.person_id === person.person_id);
    expect(after?.risk_score).toBe((before?.risk_score ?? 0) + 20);
    expect(['high', 'very_high']).toContain(after?.risk_tier);
    const history = await historyOf(handle, person.person_id);
    expect(history).toHaveLength(historyBefore.length + 1);
    expect(history.at(-1)).toMatchObject({ as_of: AS_OF, score: after?.risk_score, cause: 'entry' });
    await withTenant(handle.db, { organisationId, actorId: null }, (tx) =>
      rescorePeople(tx, organisationId, [person.person_id], { asOf: AS_OF, cause: 'entry' }),
    );
    expect(await historyOf(handle, person.person_id)).toHaveLength(history.length);
  });

  it('leaves out an entry marked entered in error', async () => {
    const [row] = rowsOf<{ person_id: string; id: string }>(
      await handle.db
        .execute(sql`select person_id, id from clinical_event where organisation_id = ${organisationId}
        and type = 'prison_release' and occurred_on = ${AS_OF} limit 1`),
    );
    if (!row) throw new Error('expected the release of the previous test');
    const score = async () =>
      (await states(handle, organisationId)).find((s) => s.person_id === row.person_id)?.risk_score ?? 0;
    const before = await score();
    await withTenant(handle.db, { organisationId, actorId: null }, async (tx) => {
      await tx.execute(sql`update clinical_event set status = 'entered_in_error' where id = ${row.id}`);
      await rescorePeople(tx, organisationId, [row.person_id], { asOf: AS_OF, cause: 'entry' });
    });
    expect(await score()).toBe(before - 20);
  });

  it('writes nothing for people named under another organisation', async () => {
    const ids = (await states(handle, organisationId)).map((s) => s.person_id);
    const other = '0190a6b2-0000-7000-8000-000000000000';
    const outcome = await rescorePeople(handle.db, other, ids, { asOf: AS_OF, cause: 'rescore' });
    expect(outcome).toEqual({ rescored: 0, changed: 0, failed: [] });
    const anywhere = rowsOf<{ n: number }>(
      await handle.db.execute(
        sql`select count(*)::int as n from person_state where organisation_id = ${other}`,
      ),
    );
    expect(anywhere[0]?.n).toBe(0);
  });
});

describe.each(testDatabases())('the daily sweep ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let released: string;

  beforeAll(async () => {
    handle = await open();
    const org = await createTestOrganisation(handle.db, { people: 40, seed: 5, asOf: AS_OF });
    organisationId = org.structure.organisation.id;
    const [person] = rowsOf<{ person_id: string }>(
      await handle.db
        .execute(sql`select person_id from person_state s where organisation_id = ${organisationId}
        and not exists (select 1 from clinical_event e where e.person_id = s.person_id and e.type = 'prison_release')
        limit 1`),
    );
    if (!person) throw new Error('expected someone never released');
    released = person.person_id;
    await withTenant(handle.db, { organisationId, actorId: null }, async (tx) => {
      await tx.insert(clinicalEvent).values({
        organisationId,
        personId: released,
        type: 'prison_release',
        occurredOn: AS_OF,
        details: { establishment: null },
      });
      await rescorePeople(tx, organisationId, [released], { asOf: AS_OF, cause: 'entry' });
    });
  });
  afterAll(() => handle.close());

  const stateOf = async (personId: string) =>
    (await states(handle, organisationId)).find((s) => s.person_id === personId);

  const releasePoints = async (personId: string): Promise<number | undefined> => {
    const [row] = rowsOf<{ points: number | null }>(
      await handle.db.execute(sql`select (f->>'points')::int as points from person_state s,
        jsonb_array_elements(s.risk_assessment->'factors') f
        where s.person_id = ${personId} and f->>'code' = 'PRISON_RELEASE'`),
    );
    return row?.points ?? undefined;
  };

  it('re-scores, each day, only the people whose score changes that day; a score falls when its window ends', async () => {
    let previous = await states(handle, organisationId);
    let scoreOnDay14 = 0;
    for (let n = 1; n <= 15; n++) {
      const day = addDays(AS_OF, n);
      const due = previous.filter((s) => s.risk_next_change_on !== null && s.risk_next_change_on <= day);
      const outcome = await sweepDueScores(handle.db, day);
      expect(outcome.failed).toEqual([]);
      const now = await states(handle, organisationId);
      const touched = now.filter((s) => s.risk_as_of === day).map((s) => s.person_id);
      expect(touched.sort()).toEqual(due.map((s) => s.person_id).sort());
      for (const s of now.filter((row) => !touched.includes(row.person_id)))
        expect(s.refreshed_at).toBe(previous.find((p) => p.person_id === s.person_id)?.refreshed_at);
      if (n === 14) {
        expect(await releasePoints(released)).toBe(20); // days 0–14
        scoreOnDay14 = (await stateOf(released))?.risk_score ?? 0;
      }
      previous = now;
    }
    const day15 = addDays(AS_OF, 15);
    expect(await releasePoints(released)).toBe(5); // days 15–28
    const fell = await stateOf(released);
    expect(fell?.risk_as_of).toBe(day15);
    expect(fell?.risk_score).toBeLessThan(scoreOnDay14);
    expect((await historyOf(handle, released)).at(-1)).toMatchObject({ as_of: day15, cause: 'daily' });
  });

  it('finishes a run stopped half way on the next run, scoring nobody twice', async () => {
    const day = addDays(AS_OF, 200); // everyone's windows and contact checks have moved by then
    const stop = new Error('stopped');
    let batches = 0;
    await expect(
      rescoreOrganisation(handle.db, organisationId, {
        asOf: day,
        cause: 'daily',
        selection: 'due',
        batchSize: 5,
        onBatch: () => {
          batches++;
          if (batches === 2) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    const half = await states(handle, organisationId);
    const done = half.filter((s) => s.risk_as_of === day).length;
    // Whole batches of five only: the two whose reports came back, and at most one more that the second worker
    // (two batches run at once) had in hand when the run stopped.
    expect([10, 15]).toContain(done);
    const historyRows = async () =>
      rowsOf<{ n: number; people: number }>(
        await handle.db.execute(sql`select count(*)::int as n, count(distinct person_id)::int as people
          from risk_score_history where organisation_id = ${organisationId} and as_of = ${day}`),
      )[0];
    const halfHistory = await historyRows();
    const rest = await rescoreOrganisation(handle.db, organisationId, {
      asOf: day,
      cause: 'daily',
      selection: 'due',
      batchSize: 5,
    });
    const all = await states(handle, organisationId);
    const dueThen = half.filter(
      (s) => s.risk_as_of !== day && (s.risk_next_change_on === null ? false : s.risk_next_change_on <= day),
    );
    expect(rest.rescored).toBe(dueThen.length);
    expect(all.filter((s) => s.risk_as_of === day)).toHaveLength(done + dueThen.length);
    const finalHistory = await historyRows();
    // One row per person whose score changed that day, never two.
    expect(finalHistory?.n).toBe(finalHistory?.people);
    expect((finalHistory?.n ?? 0) - (halfHistory?.n ?? 0)).toBe(rest.changed);
  });

  it('re-scores everyone scored by another model version, and only them', async () => {
    const ids = (await states(handle, organisationId)).slice(0, 3).map((s) => s.person_id);
    await handle.db.execute(sql`update person_state set risk_model_version = '2025.9'
      where person_id = any(${sql`string_to_array(${ids.join(',')}, ',')::uuid[]`})`);
    const outcome = await rescoreOrganisation(handle.db, organisationId, {
      asOf: addDays(AS_OF, 200),
      cause: 'rescore',
      selection: 'other_model',
    });
    expect(outcome.rescored).toBe(3);
    expect(outcome.changed).toBe(3); // the model version is part of what a history row records
    const after = await states(handle, organisationId);
    expect(after.every((s) => s.risk_model_version === RISK_MODEL_VERSION)).toBe(true);
  });
});

// Two transactions at once need two connections: PostgreSQL only (PGlite has one connection).
for (const owner of testDatabases().filter((d) => d.name === 'postgres')) {
  describe('an entry and the sweep for one person at the same moment (postgres)', () => {
    it('take turns: the score always includes the entry', async () => {
      const seed = await owner.open();
      const pool = openTestApplicationPostgres(4);
      if (pool === null) throw new Error('no application URL for the PostgreSQL test database');
      const server = await pool;
      try {
        const org = await createTestOrganisation(seed.db, { people: 5, seed: 9, asOf: AS_OF });
        const organisationId = org.structure.organisation.id;
        const [person] = [...org.batches(10)].flatMap((b) => b.people);
        if (!person) throw new Error('no person');
        const before = (await states(seed, organisationId)).find((s) => s.person_id === person.id);
        // The sweep, step by step as rescorePeople does it, paused after it has read the record: the entry's
        // transaction must then wait for it, and read the record again once it has written and committed.
        let resume: () => void = () => undefined;
        const paused = new Promise<void>((resolve) => (resume = resolve));
        let read: () => void = () => undefined;
        const hasRead = new Promise<void>((resolve) => (read = resolve));
        const sweep = withTenant(server.db, { organisationId, actorId: null }, async (tx) => {
          const previous = await lockStates(tx, organisationId, [person.id]);
          const records = await loadRecords(tx, organisationId, [person.id]);
          read();
          await paused;
          await scoreAndWrite(tx, organisationId, records, previous, { asOf: AS_OF, cause: 'daily' });
        });
        await hasRead;
        let entryDone = false;
        const entry = withTenant(server.db, { organisationId, actorId: null }, async (tx) => {
          await tx.insert(clinicalEvent).values({
            organisationId,
            personId: person.id,
            type: 'prison_release',
            occurredOn: AS_OF,
            details: { establishment: null },
          });
          await rescorePeople(tx, organisationId, [person.id], { asOf: AS_OF, cause: 'entry' });
        }).then(() => {
          entryDone = true;
        });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(entryDone).toBe(false); // waiting for the sweep's lock
        resume();
        await Promise.all([sweep, entry]);
        const after = (await states(seed, organisationId)).find((s) => s.person_id === person.id);
        expect(after?.risk_score).toBe((before?.risk_score ?? 0) + 20);
      } finally {
        await server.close();
        await seed.close();
      }
    });
  });
}
