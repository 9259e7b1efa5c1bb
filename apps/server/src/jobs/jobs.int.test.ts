import { addDays, londonDate } from '@harbour/domain/dates';
import { rowsOf, type DatabaseHandle } from '@harbour/db/client';
import { openTestApplicationPostgres, testDatabases } from '@harbour/db/testing/databases';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { clinicalEvent } from '@harbour/db/schema/clinical-event';
import { task } from '@harbour/db/schema/task';
import { sweepAllTasks } from '@harbour/db/tasks/sweep';
import { withTenant } from '@harbour/db/tenant';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobs } from './jobs.ts';
import { createQueue, prepareQueue } from './queue.ts';
import { RISK_SWEEP } from './risk-sweep.ts';
import type { ReminderMessage } from '@harbour/db/booking/reminders';
import { closeBooking, lockSlot, takePlace } from '@harbour/db/booking/store';
import { reminderOutbox } from '@harbour/db/schema/booking';
import { seedClinicSession } from '@harbour/db/testing/booking';
import { eq } from 'drizzle-orm';

const quiet = pino({ level: 'silent' });

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * The job queue on the real library (pg-boss), on PGlite and on PostgreSQL: prepared by the owner, run by the
 * application role under row-level security, as the server runs it.
 */
describe.each(testDatabases())('background jobs ($name)', ({ name, open }) => {
  let owner: DatabaseHandle;
  let app: DatabaseHandle;
  let organisationId: string;

  beforeAll(async () => {
    owner = await open();
    // An organisation last scored 40 days ago: windows have ended and contact checks lapsed since.
    const org = await createTestOrganisation(owner.db, {
      people: 20,
      seed: 4,
      asOf: addDays(londonDate(new Date()), -40),
    });
    organisationId = org.structure.organisation.id;
    await prepareQueue(owner);
    if (name === 'pglite') {
      app = owner;
    } else {
      const pool = openTestApplicationPostgres(3);
      if (!pool) throw new Error('no application URL for the PostgreSQL test database');
      app = await pool;
    }
    const security = await app.assumeApplicationRole();
    expect(security.bypasses).toBe(false);
  });
  afterAll(async () => {
    if (app !== owner) await app.close();
    await owner.close();
  });

  it('re-scores, when the server starts, everyone whose score changed while it was down', async () => {
    // Read as the application, in the organisation's tenant (row-level security holds these reads too).
    const read = (query: ReturnType<typeof sql>) =>
      withTenant(
        app.db,
        { organisationId, actorId: null },
        async (tx) => rowsOf<{ n: number }>(await tx.execute(query))[0]?.n ?? 0,
      );
    const count = (day: string) =>
      read(
        sql`select count(*)::int as n from person_state where organisation_id = ${organisationId} and risk_as_of = ${day}`,
      );
    const due = await read(
      sql`select count(*)::int as n from person_state where organisation_id = ${organisationId} and risk_next_change_on <= ${londonDate(new Date())}`,
    );
    expect(due).toBeGreaterThan(0);
    const jobs = await startJobs(app, quiet);
    try {
      await until(async () => (await count(londonDate(new Date()))) === due);
      expect(
        await read(
          sql`select count(*)::int as n from person_state where organisation_id = ${organisationId} and risk_next_change_on <= ${londonDate(new Date())}`,
        ),
      ).toBe(0);
    } finally {
      await jobs.stop();
    }
  });

  it('closes as missed the tasks whose window ended, escalates the overdue, and changes nothing run again', async () => {
    const today = londonDate(new Date());
    // In the organisation's tenant: on PGlite the one connection already acts as the application.
    const asTenant = <T>(fn: (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<T>) =>
      withTenant(owner.db, { organisationId, actorId: null }, fn);
    const [someone] = await asTenant(async (tx) =>
      rowsOf<{ id: string }>(
        await tx.execute(sql`select id from person where organisation_id = ${organisationId} limit 1`),
      ),
    );
    if (!someone) throw new Error('no person');
    const opened = addDays(today, -30);
    const base = {
      organisationId,
      personId: someone.id,
      kind: 'overdose_follow_up' as const,
      why: 'Overdose: follow up (job test)',
      sameDay: false,
      priority: 'urgent' as const,
      assigneeKind: 'keyworker' as const,
      sourceEventOn: opened,
      ruleId: 'TSK-OVERDOSE-FOLLOW-UP',
      openedOn: opened,
    };
    const [ended, overdue] = await asTenant((tx) =>
      tx
        .insert(task)
        .values([
          { ...base, dueOn: addDays(today, -29), windowEndsOn: addDays(today, -2) },
          { ...base, dueOn: addDays(today, -10), windowEndsOn: addDays(today, 10) },
        ])
        .returning({ id: task.id }),
    );
    const read = (id: string | undefined) =>
      withTenant(app.db, { organisationId, actorId: null }, async (tx) =>
        rowsOf<{ status: string; closed_on: string | null; escalated_to: string | null; version: number }>(
          await tx.execute(
            sql`select status, closed_on::text, escalated_to, version from task where id = ${id ?? ''}`,
          ),
        ),
      ).then((rows) => rows[0]);
    const jobs = await startJobs(app, quiet);
    try {
      await until(
        async () =>
          (await read(ended?.id))?.status === 'missed' && (await read(overdue?.id))?.escalated_to !== null,
      );
    } finally {
      await jobs.stop();
    }
    // Dated the day after the window's last day, whenever the job ran; the other stays open, escalated.
    expect(await read(ended?.id)).toMatchObject({
      status: 'missed',
      closed_on: addDays(today, -1),
      version: 2,
    });
    expect(await read(overdue?.id)).toMatchObject({ status: 'open', escalated_to: 'team_lead', version: 2 });
    const again = await sweepAllTasks(app.db, today, new Date());
    expect({ missed: again.missed, escalated: again.escalated, reminders: again.reminders }).toEqual({
      missed: 0,
      escalated: 0,
      reminders: 0,
    });
    expect((await read(ended?.id))?.version).toBe(2);
    expect((await read(overdue?.id))?.version).toBe(2);
  });

  it('sends due booking reminders through the sender, and cancels those of a booking since cancelled', async () => {
    const asTenant = <T>(fn: (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<T>) =>
      withTenant(owner.db, { organisationId, actorId: null }, fn);
    const [someone] = await asTenant(async (tx) =>
      rowsOf<{ id: string; staff_id: string }>(
        await tx.execute(
          sql`select p.id, (select s.id from staff s where s.organisation_id = ${organisationId} limit 1) as staff_id from person p where p.organisation_id = ${organisationId} limit 1`,
        ),
      ),
    );
    if (!someone) throw new Error('no person');
    const { slotIds } = await asTenant((tx) =>
      seedClinicSession(tx, organisationId, someone.staff_id, {
        startsAt: new Date(Date.now() + 3 * 3_600_000),
        slots: 2,
      }),
    );
    const book = (slotId: string, need: 'hiv_test' | 'hbv_test') =>
      asTenant(async (tx) => {
        const slot = await lockSlot(tx, organisationId, slotId);
        if (!slot) throw new Error('no slot');
        const row = await takePlace(
          tx,
          slot,
          { organisationId, personId: someone.id, need, by: { kind: 'person' } },
          new Date(),
        );
        if (!row) throw new Error('not booked');
        // Due a minute ago: the run sends it at once.
        const [reminder] = await tx
          .insert(reminderOutbox)
          .values({
            organisationId,
            bookingId: row.id,
            bookingVersion: row.version,
            personId: someone.id,
            sendAt: new Date(Date.now() - 60_000).toISOString(),
          })
          .returning({ id: reminderOutbox.id });
        return { row, reminderId: reminder?.id ?? '' };
      });
    const kept = await book(slotIds[0] ?? '', 'hiv_test');
    const dropped = await book(slotIds[1] ?? '', 'hbv_test');
    await asTenant((tx) =>
      closeBooking(tx, dropped.row, 'cancelled', 1, { kind: 'person' }, 'cancelled', new Date()),
    );
    const sent: ReminderMessage[] = [];
    const status = (id: string) =>
      withTenant(app.db, { organisationId, actorId: null }, (tx) =>
        tx.select({ status: reminderOutbox.status }).from(reminderOutbox).where(eq(reminderOutbox.id, id)),
      ).then((rows) => rows[0]?.status);
    const jobs = await startJobs(app, quiet, {
      send: (message) => {
        sent.push(message);
        return Promise.resolve();
      },
    });
    try {
      await until(async () => (await status(kept.reminderId)) === 'sent');
      await until(async () => (await status(dropped.reminderId)) === 'cancelled');
    } finally {
      await jobs.stop();
    }
    expect(sent.filter((m) => m.bookingId === kept.row.id)).toHaveLength(1);
    expect(sent.filter((m) => m.bookingId === dropped.row.id)).toHaveLength(0);
    expect(sent.find((m) => m.bookingId === kept.row.id)).toMatchObject({
      need: 'hiv_test',
      clinicName: 'Test clinic',
    });
  });

  it('opens a naloxone expiry reminder as the application, once, for a kit with 28 days or fewer left', async () => {
    const today = londonDate(new Date());
    const asTenant = <T>(fn: (tx: Parameters<Parameters<typeof withTenant>[2]>[0]) => Promise<T>) =>
      withTenant(app.db, { organisationId, actorId: null }, fn);
    const [someone] = await asTenant(async (tx) =>
      rowsOf<{ id: string }>(
        await tx.execute(sql`select p.id from person p
          join treatment_episode e on e.person_id = p.id and e.status in ('active', 'referred')
          where p.organisation_id = ${organisationId}
            and not exists (select 1 from clinical_event ev where ev.person_id = p.id
                            and ev.type in ('naloxone_supply', 'naloxone_report'))
            and not exists (select 1 from task t where t.person_id = p.id and t.status = 'open'
                            and t.kind in ('naloxone_supply', 'naloxone_expiry'))
          order by p.id limit 1`),
      ),
    );
    if (!someone) throw new Error('no person in treatment without naloxone');
    await asTenant((tx) =>
      tx.insert(clinicalEvent).values({
        organisationId,
        personId: someone.id,
        type: 'naloxone_supply',
        occurredOn: addDays(today, -300),
        details: {
          product: 'prenoxad',
          recipient: 'person',
          supplyType: 'first',
          repeatReason: null,
          trainingGiven: true,
          expiresOn: addDays(today, 10),
        },
      }),
    );
    const reminders = () =>
      asTenant(async (tx) =>
        rowsOf<{ n: number }>(
          await tx.execute(sql`select count(*)::int as n from task
            where person_id = ${someone.id} and rule_id = 'TSK-NALOXONE-EXPIRY'`),
        ),
      ).then((rows) => rows[0]?.n ?? 0);
    expect((await sweepAllTasks(app.db, today, new Date())).reminders).toBeGreaterThanOrEqual(1);
    expect(await reminders()).toBe(1);
    await sweepAllTasks(app.db, today, new Date());
    expect(await reminders()).toBe(1);
  });

  it('never runs the sweep twice at once, however many times it is asked for, by however many servers', async () => {
    // Two servers' queues, each with a worker that takes its time; the real queue and its policy.
    const servers = [createQueue(app), createQueue(app)];
    let running = 0;
    let most = 0;
    let runs = 0;
    try {
      for (const boss of servers) {
        boss.on('error', () => undefined);
        await boss.start();
        await boss.work(RISK_SWEEP.name, { pollingIntervalSeconds: 0.5 }, async () => {
          runs++;
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 1500));
          running--;
        });
      }
      const sent = [];
      for (let i = 0; i < 6; i++) sent.push(await (servers[i % 2] ?? servers[0])?.send(RISK_SWEEP.name, {}));
      // One waiting and one running at most: the rest were refused as duplicates (pg-boss returns null).
      expect(sent.filter((id) => id !== null).length).toBeLessThanOrEqual(2);
      await until(async () => runs > 0 && running === 0, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(most).toBe(1);
      expect(runs).toBeLessThanOrEqual(2);
    } finally {
      for (const boss of servers)
        await boss.stop({ graceful: true, timeout: 5000, close: app.kind !== 'pglite' });
    }
  });
});
