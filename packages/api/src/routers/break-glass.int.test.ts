import type { Actor } from '@harbour/domain/access/policy';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import { breakGlassGrant, caldicottAlert, staffCredential } from '@harbour/db/schema/identity';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../testing/refusal.ts';
import { hashPassphrase } from '../identity/passphrase.ts';
import { newTotpSecret, stepAt, totpCode } from '../identity/totp.ts';
import { auditRows, breakAuditWrites } from '../testing/audit.ts';
import { actorWithRole, callerFor } from '../testing/callers.ts';

const PASSPHRASE = 'glass-breaking-passphrase-9';

describe.each(testDatabases())('break-glass and the Caldicott queue ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let keyworker: Actor;
  let guardian: Actor;
  let stranger: PersonRow;
  let secret: string;
  let time = Date.now();
  const clock = () => new Date(time);

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 60, seed: 21 });
    keyworker = actorWithRole(org, 'keyworker');
    guardian = actorWithRole(org, 'caldicott_guardian');
    const batches = [...org.batches(1000)];
    const outside = batches
      .flatMap((b) => b.episodes)
      .find((e) => e.status !== 'discharged' && !keyworker.teamIds.includes(e.teamId));
    const found = batches.flatMap((b) => b.people).find((p) => p.id === outside?.personId);
    if (!found) throw new Error('expected someone outside the keyworker’s team');
    stranger = found;
    secret = newTotpSecret();
    await handle.db.insert(staffCredential).values({
      staffId: keyworker.staffId,
      organisationId: keyworker.organisationId,
      passphraseHash: await hashPassphrase(PASSPHRASE),
      totpSecret: secret,
      totpEnrolledAt: new Date().toISOString(),
    });
  });
  afterAll(() => handle.close());

  const asKeyworker = () => callerFor(handle.db, keyworker, { now: clock });
  const request = (overrides: Record<string, unknown> = {}) => {
    time += 30_000;
    return {
      personId: stranger.id,
      reasonCode: 'urgent_clinical_care' as const,
      reasonText: 'Ambulance crew called about a suspected overdose',
      passphrase: PASSPHRASE,
      code: totpCode(secret, stepAt(time)),
      ...overrides,
    };
  };

  it('refuses the record without a relationship, and refuses break-glass without a reason or the right passphrase', async () => {
    expect((await refusal(asKeyworker().person.summary({ personId: stranger.id }))).code).toBe('FORBIDDEN');
    expect((await refusal(asKeyworker().person.breakGlass(request({ reasonText: '' })))).code).toBe(
      'BAD_REQUEST',
    );
    expect((await refusal(asKeyworker().person.breakGlass(request({ reasonText: 'because' })))).code).toBe(
      'BAD_REQUEST',
    );
    const wrong = await refusal(
      asKeyworker().person.breakGlass(request({ passphrase: 'not-my-passphrase' })),
    );
    expect(wrong.code).toBe('BAD_REQUEST');
    expect(
      await handle.db.select().from(breakGlassGrant).where(eq(breakGlassGrant.personId, stranger.id)),
    ).toEqual([]);
  });

  it('with a reason and step-up: opens the record for four hours, audited as emergency access, with an alert', async () => {
    const { expiresAt } = await asKeyworker().person.breakGlass(request());
    expect(Date.parse(expiresAt) - time).toBe(4 * 3_600_000);
    const summary = await asKeyworker().person.summary({ personId: stranger.id });
    expect(summary.access).toEqual({ basis: 'break_glass', until: expiresAt });
    const rows = (await auditRows(handle.db, keyworker.organisationId)).filter(
      (r) => r.personId === stranger.id,
    );
    expect(rows.slice(-2).map((r) => [r.action, r.accessBasis, r.outcome, r.reason])).toEqual([
      ['break_glass', 'break_glass', 'allowed', 'urgent_clinical_care'],
      ['view', 'break_glass', 'allowed', null],
    ]);
    const [alert] = await callerFor(handle.db, guardian).alerts.list({ status: 'open' });
    expect(alert).toMatchObject({
      personReference: stranger.reference,
      reasonCode: 'urgent_clinical_care',
      reasonText: 'Ambulance crew called about a suspected overdose',
      status: 'open',
    });
    // The queue names the person by reference only.
    expect(JSON.stringify(alert)).not.toContain(stranger.familyName);

    // Four hours later the record is closed again.
    time += 4 * 3_600_000 + 1000;
    expect((await refusal(asKeyworker().person.summary({ personId: stranger.id }))).code).toBe('FORBIDDEN');
  });

  it('lets the Caldicott guardian close an alert with an outcome, once', async () => {
    const [alert] = await callerFor(handle.db, guardian).alerts.list({ status: 'open' });
    if (!alert) throw new Error('expected an open alert');
    await callerFor(handle.db, guardian, { now: clock }).alerts.close({
      alertId: alert.id,
      outcome: 'appropriate',
      note: 'Confirmed with the ambulance service',
      version: alert.version,
    });
    const stale = await refusal(
      callerFor(handle.db, guardian).alerts.close({
        alertId: alert.id,
        outcome: 'inappropriate_referred',
        note: '',
        version: alert.version,
      }),
    );
    expect(stale.code).toBe('CONFLICT');
    const [closed] = await callerFor(handle.db, guardian).alerts.list({ status: 'closed' });
    expect(closed).toMatchObject({
      id: alert.id,
      outcome: 'appropriate',
      outcomeNote: 'Confirmed with the ambulance service',
    });
    expect(await callerFor(handle.db, guardian).alerts.list({ status: 'open' })).toEqual([]);
  });

  it('throttles the step-up: a session is no way to guess the passphrase', async () => {
    const right = request();
    for (let i = 0; i < 5; i++) {
      const wrong = await refusal(
        asKeyworker().person.breakGlass({ ...right, passphrase: `guess-${i}-passphrase` }),
      );
      expect(wrong.code).toBe('BAD_REQUEST');
    }
    expect((await refusal(asKeyworker().person.breakGlass(right))).code).toBe('TOO_MANY_REQUESTS');
    time += 31_000;
    expect((await asKeyworker().person.breakGlass(request())).expiresAt).toBeTruthy();
  });

  it('writes nothing when the audit row cannot be written: no grant, no alert', async () => {
    const grants = (await handle.db.select().from(breakGlassGrant)).length;
    const alerts = (await handle.db.select().from(caldicottAlert)).length;
    const restore = await breakAuditWrites(handle.db);
    try {
      expect((await refusal(asKeyworker().person.breakGlass(request()))).code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await restore();
    }
    expect((await handle.db.select().from(breakGlassGrant)).length).toBe(grants);
    expect((await handle.db.select().from(caldicottAlert)).length).toBe(alerts);
  });
});
