import type { TaskEvent } from '@harbour/domain/tasks/task';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type DatabaseHandle } from '../client.ts';
import type { DemoOrganisation } from '../demo/generate.ts';
import { clinicalEvent } from '../schema/clinical-event.ts';
import { task } from '../schema/task.ts';
import { testDatabases } from '../testing/databases.ts';
import { createTestOrganisation } from '../testing/factories.ts';
import { EXPIRY_RULE } from './naloxone-reminders.ts';
import { storeTasksForEvent } from './store.ts';
import { sweepAllTasks } from './sweep.ts';

/** The organisation's histories end on a Monday; the clock is then moved on by the test, a day at a time. */
const AS_OF = '2026-06-01';
const at = (day: string): Date => new Date(`${day}T00:10:00Z`);

const supply = (expiresOn: string) => ({
  product: 'nyxoid',
  recipient: 'person',
  supplyType: 'first',
  repeatReason: null,
  trainingGiven: true,
  expiresOn,
});

/**
 * The daily task run opens naloxone expiry reminders (issue 9): 28 days ahead of the expiry of the kit that lasts
 * longest, due by the expiry, never twice for one kit, closed by a new supply. Run on PGlite and PostgreSQL.
 */
describe.each(testDatabases())('naloxone expiry reminders in the daily run ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  /** People in treatment with no naloxone on record and no open task: each test takes its own. */
  let inTreatment: string[];
  let discharged: string;

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 40, seed: 77, asOf: AS_OF });
    const id = org.structure.organisation.id;
    const quiet = rowsOf<{ person_id: string; open: boolean }>(
      await handle.db.execute(sql`
        select p.id as person_id,
               exists (select 1 from treatment_episode e where e.person_id = p.id
                       and e.status in ('active', 'referred')) as open
        from person p
        where p.organisation_id = ${id}
          and not exists (select 1 from clinical_event ev where ev.person_id = p.id
                          and ev.type in ('naloxone_supply', 'naloxone_report'))
          and not exists (select 1 from task t where t.person_id = p.id and t.status = 'open')
        order by p.id`),
    );
    inTreatment = quiet.filter((r) => r.open).map((r) => r.person_id);
    const out = quiet.find((r) => !r.open);
    if (inTreatment.length < 4 || !out) throw new Error('the organisation lacks the people these tests need');
    discharged = out.person_id;
  });
  afterAll(() => handle.close());

  const organisationId = () => org.structure.organisation.id;
  const take = (): string => {
    const p = inTreatment.shift();
    if (!p) throw new Error('out of people');
    return p;
  };
  const addEvent = async (personId: string, type: string, occurredOn: string, details: object) => {
    const [row] = await handle.db
      .insert(clinicalEvent)
      .values({ organisationId: organisationId(), personId, type, occurredOn, details })
      .returning({ id: clinicalEvent.id });
    if (!row) throw new Error('no event written');
    return row.id;
  };
  const reminders = (personId: string) =>
    handle.db
      .select()
      .from(task)
      .where(and(eq(task.personId, personId), eq(task.ruleId, EXPIRY_RULE)));
  const sweep = (day: string) => sweepAllTasks(handle.db, day, at(day));

  it('opens one reminder 28 days before the expiry, due by it, for the keyworker; never a second', async () => {
    const p = take();
    const kit = await addEvent(p, 'naloxone_supply', AS_OF, supply('2026-07-31'));
    // 29 days before the expiry: nothing yet.
    await sweep('2026-07-02');
    expect(await reminders(p)).toEqual([]);
    // 28 days before: one reminder, about this kit, due on the expiry day (a Friday), on the keyworker's list.
    const outcome = await sweep('2026-07-03');
    expect(outcome.reminders).toBeGreaterThanOrEqual(1);
    const [opened, ...more] = await reminders(p);
    expect(more).toEqual([]);
    expect(opened).toMatchObject({
      kind: 'naloxone_expiry',
      status: 'open',
      dueOn: '2026-07-31',
      sourceEventId: kit,
      openedOn: '2026-07-03',
      assigneeKind: 'keyworker',
      why: 'Naloxone kit expires on 31 July 2026: resupply before then',
    });
    expect(opened?.teamId).not.toBeNull();
    // The next days' runs open nothing more.
    await sweep('2026-07-04');
    await sweep('2026-07-06');
    expect(await reminders(p)).toHaveLength(1);
  });

  it('does not remind again of a kit whose reminder was closed without a supply', async () => {
    const p = take();
    await addEvent(p, 'naloxone_supply', AS_OF, supply('2026-08-14'));
    await sweep('2026-07-17');
    const [opened] = await reminders(p);
    if (!opened) throw new Error('no reminder opened');
    // The keyworker could not reach them: the reminder is done, the kit still expiring.
    await handle.db
      .update(task)
      .set({ status: 'done', outcome: 'could_not_reach', closedOn: '2026-07-20' })
      .where(eq(task.id, opened.id));
    await sweep('2026-07-21');
    await sweep('2026-08-03');
    expect((await reminders(p)).map((r) => r.status)).toEqual(['done']);
  });

  it('is closed by a new supply, which then has a reminder of its own when it expires', async () => {
    const p = take();
    await addEvent(p, 'naloxone_supply', AS_OF, supply('2026-08-28'));
    await sweep('2026-07-31');
    const newKit = { type: 'naloxone_supply', details: supply('2027-08-31') } as const;
    const newId = await addEvent(p, newKit.type, '2026-08-03', newKit.details);
    const event = { id: newId, personId: p, occurredOn: '2026-08-03', ...newKit } as TaskEvent;
    await storeTasksForEvent(handle.db, organisationId(), event, '2026-08-03', at('2026-08-03'));
    const [closed] = await reminders(p);
    expect(closed).toMatchObject({
      status: 'done',
      outcome: 'naloxone_supplied',
      closedOn: '2026-08-03',
      closedByEventId: newId,
    });
    // The old kit expires while the new one is in date: no reminder; the new one's comes 28 days before 31 August.
    await sweep('2026-08-28');
    expect(await reminders(p)).toHaveLength(1);
    await sweep('2027-08-03');
    const rows = await reminders(p);
    expect(rows.map((r) => [r.status, r.sourceEventId, r.dueOn])).toEqual([
      ['done', closed?.sourceEventId, '2026-08-28'],
      ['open', newId, '2027-08-31'],
    ]);
  });

  it('opens none for a kit reported lost, a kit that lasts longer, or someone not in treatment', async () => {
    const lost = take();
    const kit = await addEvent(lost, 'naloxone_supply', AS_OF, supply('2026-09-30'));
    await addEvent(lost, 'naloxone_report', '2026-06-10', { supplyEventId: kit, outcome: 'lost' });
    const two = take();
    await addEvent(two, 'naloxone_supply', AS_OF, supply('2026-09-30'));
    await addEvent(two, 'naloxone_supply', '2026-06-02', supply('2027-05-31'));
    await addEvent(discharged, 'naloxone_supply', AS_OF, supply('2026-09-30'));
    await sweep('2026-09-10');
    for (const p of [lost, two, discharged]) expect(await reminders(p)).toEqual([]);
  });

  it('a database refuses a second reminder for one kit, whatever asks for it', async () => {
    const p = take();
    await addEvent(p, 'naloxone_supply', AS_OF, supply('2026-10-30'));
    await sweep('2026-10-02');
    const [first] = await reminders(p);
    if (!first) throw new Error('no reminder opened');
    const { id: _id, createdAt: _c, updatedAt: _u, ...copy } = first;
    await expect(handle.db.insert(task).values(copy)).rejects.toThrow();
    expect(await reminders(p)).toHaveLength(1);
  });
});
