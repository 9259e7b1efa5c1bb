import type { Actor } from '@harbour/domain/access/policy';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation } from '@harbour/db/demo/generate';
import { auditEvent } from '@harbour/db/schema/audit';
import { breakGlassGrant, caldicottAlert, refusalThrottle } from '@harbour/db/schema/identity';
import { staff } from '@harbour/db/schema/staff';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { and, count, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFUSAL_WINDOW_MINUTES, REFUSALS_PER_WINDOW } from '../audit/refusals.ts';
import { OWN_ALERT_REFUSED } from '../services/alerts.ts';
import { actorWithRole, callerFor } from '../testing/callers.ts';
import { refusal } from '../testing/refusal.ts';

// The Caldicott guardian's queue holds two kinds of alert: break-glass accesses, and bursts of refused requests
// by one member of staff (security.md "Refusals"). Nobody closes an alert about themselves.

describe.each(testDatabases())("the Caldicott guardian's alerts ($name)", ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let guardian: Actor;
  let keyworker: Actor;
  let ownPerson: string;

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 30, seed: 404 });
    guardian = actorWithRole(org, 'caldicott_guardian');
    keyworker = actorWithRole(org, 'keyworker');
    const episode = [...org.batches(1000)]
      .flatMap((b) => b.episodes)
      .find((e) => e.keyworkerId === keyworker.staffId && e.status !== 'discharged');
    if (!episode) throw new Error('the keyworker has nobody');
    ownPerson = episode.personId;
  });
  afterAll(() => handle.close());

  const deniedRows = async (actor: Actor) =>
    (
      await handle.db
        .select({ n: count() })
        .from(auditEvent)
        .where(and(eq(auditEvent.actorId, actor.staffId), eq(auditEvent.outcome, 'denied')))
    )[0]?.n ?? 0;

  it('will not let a Caldicott guardian close an alert about their own access', async () => {
    // Their own break-glass, from before they were the guardian.
    const [grant] = await handle.db
      .insert(breakGlassGrant)
      .values({
        organisationId: guardian.organisationId,
        staffId: guardian.staffId,
        personId: ownPerson,
        reasonCode: 'duty_worker',
        reasonText: 'Covering the duty phone before my change of role',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .returning({ id: breakGlassGrant.id });
    await handle.db.insert(caldicottAlert).values({
      organisationId: guardian.organisationId,
      grantId: grant?.id ?? '',
      subjectStaffId: guardian.staffId,
    });
    const api = callerFor(handle.db, guardian);
    const [alert] = await api.alerts.list({ status: 'open' });
    expect(alert).toMatchObject({
      kind: 'break_glass',
      aboutYou: true,
      staffRoleLabel: 'Caldicott guardian',
    });
    const refused = await refusal(
      api.alerts.close({ alertId: alert?.id ?? '', outcome: 'appropriate', note: '', version: 1 }),
    );
    expect([refused.code, refused.message]).toEqual(['FORBIDDEN', OWN_ALERT_REFUSED]);
    expect((await api.alerts.list({ status: 'open' })).map((a) => a.id)).toEqual([alert?.id]);

    // A second guardian may close it.
    const [second] = await handle.db
      .insert(staff)
      .values({
        organisationId: guardian.organisationId,
        displayName: 'Second Guardian',
        email: `second.guardian.${randomUUID()}@harbour.test`,
        role: 'caldicott_guardian',
      })
      .returning({ id: staff.id });
    const other = callerFor(handle.db, { ...guardian, staffId: second?.id ?? '' });
    expect((await other.alerts.list({ status: 'open' }))[0]?.aboutYou).toBe(false);
    await other.alerts.close({
      alertId: alert?.id ?? '',
      outcome: 'appropriate',
      note: 'Checked',
      version: 1,
    });
    expect(await api.alerts.list({ status: 'open' })).toEqual([]);
  });

  it(`audits ${REFUSALS_PER_WINDOW + 1} refusals in ${REFUSAL_WINDOW_MINUTES} minutes, then answers 429 writing nothing, and alerts the guardian once`, async () => {
    const api = callerFor(handle.db, keyworker);
    const before = await deniedRows(keyworker);
    // Made-up ids, as someone trying records would send them.
    for (let i = 0; i <= REFUSALS_PER_WINDOW; i++)
      expect((await refusal(api.person.summary({ personId: randomUUID() }))).code).toBe('NOT_FOUND');
    expect(await deniedRows(keyworker)).toBe(before + REFUSALS_PER_WINDOW + 1);
    for (let i = 0; i < 5; i++) {
      const throttled = await refusal(api.person.summary({ personId: randomUUID() }));
      expect([throttled.code, throttled.message]).toEqual([
        'TOO_MANY_REQUESTS',
        `Too many of your requests have been refused. Wait ${REFUSAL_WINDOW_MINUTES} minutes, then try again.`,
      ]);
    }
    // Every refusal that would write a row is held back the same way.
    expect((await refusal(api.caseload.list({ teamId: randomUUID() }))).code).toBe('TOO_MANY_REQUESTS');
    expect(
      (await refusal(api.person.issueActivationCode({ personId: randomUUID(), identityChecked: true }))).code,
    ).toBe('TOO_MANY_REQUESTS');
    expect(await deniedRows(keyworker)).toBe(before + REFUSALS_PER_WINDOW + 1);
    // What they may do, they still can.
    expect((await api.person.summary({ personId: ownPerson })).id).toBe(ownPerson);

    const alerts = (await callerFor(handle.db, guardian).alerts.list({ status: 'open' })).filter(
      (a) => a.kind === 'refusal_burst',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      staffRoleLabel: 'Keyworker',
      aboutYou: false,
      refusals: REFUSALS_PER_WINDOW + 1,
      windowMinutes: REFUSAL_WINDOW_MINUTES,
      personReference: null,
      reasonText: null,
    });
  });

  it('starts a new window once the last has passed, and the guardian closes the burst like any alert', async () => {
    await handle.db
      .update(refusalThrottle)
      .set({ windowStartedAt: new Date(Date.now() - (REFUSAL_WINDOW_MINUTES + 1) * 60_000).toISOString() })
      .where(eq(refusalThrottle.staffId, keyworker.staffId));
    const before = await deniedRows(keyworker);
    expect(
      (await refusal(callerFor(handle.db, keyworker).person.summary({ personId: randomUUID() }))).code,
    ).toBe('NOT_FOUND');
    expect(await deniedRows(keyworker)).toBe(before + 1);

    const api = callerFor(handle.db, guardian);
    const [burst] = (await api.alerts.list({ status: 'open' })).filter((a) => a.kind === 'refusal_burst');
    await api.alerts.close({
      alertId: burst?.id ?? '',
      outcome: 'inappropriate_advice_given',
      note: 'Spoke to them: a script left running.',
      version: burst?.version ?? 0,
    });
    const closed = (await api.alerts.list({ status: 'closed' })).find((a) => a.id === burst?.id);
    expect(closed).toMatchObject({ status: 'closed', outcome: 'inappropriate_advice_given' });
  });
});
