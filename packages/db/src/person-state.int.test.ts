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

  const snapshot = async () =>
    rowsOf<Record<string, unknown>>(
      await handle.db.execute(
        sql`select person_id, last_contact_on::text, ost_medicine::text, ost_dose_mg, ost_since::text from person_state where organisation_id = ${organisationId} order by person_id`,
      ),
    );

  beforeAll(async () => {
    handle = await open();
    const org = await createTestOrganisation(handle.db, { people: 30, seed: 77 });
    organisationId = org.structure.organisation.id;
    personIds = [...org.batches(100)].flatMap((b) => b.people.map((p) => p.id));
  });
  afterAll(() => handle.close());

  it('holds one row per person after a load, equal to a recomputation from the events', async () => {
    const loaded = await snapshot();
    expect(loaded).toHaveLength(30);
    await handle.db.execute(sql`delete from person_state where organisation_id = ${organisationId}`);
    await refreshPersonState(handle.db, organisationId, personIds);
    expect(await snapshot()).toEqual(loaded);
  });

  it('follows a new dose change, then an exit from OST', async () => {
    const [row] = rowsOf<{ person_id: string; ost_medicine: string }>(
      await handle.db.execute(
        sql`select person_id, ost_medicine::text from person_state where organisation_id = ${organisationId} and ost_medicine = 'methadone' limit 1`,
      ),
    );
    if (!row) throw new Error('expected someone on methadone');
    const base = { organisationId, personId: row.person_id, recordedAt: '2026-11-23T12:00:00.000Z' };
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
      recordedAt: '2026-11-23T13:00:00.000Z',
      details: { reason: 'planned' },
    });
    await refreshPersonState(handle.db, organisationId, [row.person_id]);
    expect((await snapshot()).find((r) => r.person_id === row.person_id)).toMatchObject({
      ost_medicine: null,
      ost_dose_mg: null,
    });
  });

  it('ignores people of another organisation', async () => {
    await refreshPersonState(handle.db, '0190a6b2-0000-7000-8000-000000000000', personIds);
    expect(await snapshot()).toHaveLength(30);
  });
});
