import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DatabaseHandle } from './client.ts';
import { refreshPersonState } from './person-state.ts';
import { clinicalEvent } from './schema/clinical-event.ts';
import { createTestOrganisation } from './testing/factories.ts';
import { testDatabases } from './testing/databases.ts';

describe.each(testDatabases())('person_state projection ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let organisationId: string;
  let personIds: string[];
  let expected: Record<string, unknown>[];

  const snapshot = async () =>
    rowsOf<Record<string, unknown>>(
      await handle.db.execute(
        sql`select person_id, last_contact_on::text, ost_medicine::text, ost_dose_mg, ost_since::text from person_state where organisation_id = ${organisationId} order by person_id`,
      ),
    );

  beforeAll(async () => {
    handle = await open();
    const org = await createTestOrganisation(handle.db, { people: 30, seed: 77, asOf: '2026-11-23' });
    organisationId = org.structure.organisation.id;
    const batches = [...org.batches(100)];
    personIds = batches.flatMap((b) => b.people.map((p) => p.id));
    // The projection worked out independently, in plain code, from the generated events.
    const events = batches.flatMap((b) => b.events);
    expected = [...personIds].sort().map((personId) => {
      const own = events.filter((e) => e.personId === personId);
      const contacts = own
        .filter((e) => e.type === 'contact' && e.details.attended)
        .map((e) => e.occurredOn)
        .sort();
      const ost = own
        .filter((e) => e.type === 'ost_start' || e.type === 'ost_dose_change' || e.type === 'ost_exit')
        .sort((a, b) =>
          `${a.occurredOn}${String(a.recordedAt)}${a.id ?? ''}`.localeCompare(
            `${b.occurredOn}${String(b.recordedAt)}${b.id ?? ''}`,
          ),
        )
        .at(-1);
      const on = ost !== undefined && ost.type !== 'ost_exit';
      return {
        person_id: personId,
        last_contact_on: contacts.at(-1) ?? null,
        ost_medicine: on ? ost.details.medicine : null,
        ost_dose_mg:
          ost?.type === 'ost_start'
            ? ost.details.doseMg
            : ost?.type === 'ost_dose_change'
              ? ost.details.toMg
              : null,
        ost_since: on ? ost.occurredOn : null,
      };
    });
  });
  afterAll(() => handle.close());

  it('holds one row per person after a load, equal to the projection worked out from the events', async () => {
    expect(expected.some((r) => r.ost_medicine !== null)).toBe(true);
    expect(expected.some((r) => r.ost_medicine === null)).toBe(true);
    expect(await snapshot()).toEqual(expected);
    await handle.db.execute(sql`delete from person_state where organisation_id = ${organisationId}`);
    await refreshPersonState(handle.db, organisationId, personIds);
    expect(await snapshot()).toEqual(expected);
  });

  it('follows a new dose change, then an exit from OST', async () => {
    const [row] = rowsOf<{ person_id: string; ost_medicine: string }>(
      await handle.db.execute(
        sql`select person_id, ost_medicine::text from person_state where organisation_id = ${organisationId} and ost_medicine = 'methadone' limit 1`,
      ),
    );
    if (!row) throw new Error('expected someone on methadone');
    const base = { organisationId, personId: row.person_id, recordedAt: '2026-11-23T22:00:00.000Z' };
    await handle.db.insert(clinicalEvent).values({
      ...base,
      type: 'ost_dose_change',
      occurredOn: '2026-11-23',
      details: { medicine: 'methadone', fromMg: 60, toMg: 70, reason: 'test' },
    });
    await refreshPersonState(handle.db, organisationId, [row.person_id]);
    expect((await snapshot()).find((r) => r.person_id === row.person_id)).toMatchObject({
      ost_medicine: 'methadone',
      ost_dose_mg: 70,
      ost_since: '2026-11-23',
    });
    await handle.db.insert(clinicalEvent).values({
      ...base,
      type: 'ost_exit',
      occurredOn: '2026-11-23',
      recordedAt: '2026-11-23T23:00:00.000Z',
      details: { reason: 'planned' },
    });
    await refreshPersonState(handle.db, organisationId, [row.person_id]);
    expect((await snapshot()).find((r) => r.person_id === row.person_id)).toMatchObject({
      ost_medicine: null,
      ost_dose_mg: null,
    });
  });

  it('writes nothing for people named under another organisation', async () => {
    await handle.db.execute(sql`delete from person_state where organisation_id = ${organisationId}`);
    await refreshPersonState(handle.db, '0190a6b2-0000-7000-8000-000000000000', personIds);
    expect(await snapshot()).toHaveLength(0);
    const anywhere = rowsOf<{ n: number }>(
      await handle.db.execute(
        sql`select count(*)::int as n from person_state where person_id = any(${sql`array[${sql.join(
          personIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}]`})`,
      ),
    );
    expect(anywhere[0]?.n).toBe(0);
    await refreshPersonState(handle.db, organisationId, personIds);
    expect(await snapshot()).toHaveLength(30);
  });
});
