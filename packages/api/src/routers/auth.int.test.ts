import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation } from '@harbour/db/demo/generate';
import { authSession, staffCredential } from '@harbour/db/schema/identity';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../testing/refusal.ts';
import { hashPassphrase } from '../identity/passphrase.ts';
import { ABSOLUTE_MS, IDLE_MS, resolveSession } from '../identity/sessions.ts';
import { newTotpSecret, stepAt, totpCode } from '../identity/totp.ts';
import { SIGN_IN_REFUSED } from '../services/staff-auth.ts';
import { callerForToken } from '../testing/callers.ts';

const PASSPHRASE = 'lantern-harbour-crossing-42';

describe.each(testDatabases())('staff sign-in ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let time = Date.now();
  const clock = () => new Date(time);
  /** Moves the clock on by `ms` (and always past the current 30-second step, so a fresh code is due). */
  const later = (ms = 30_000) => {
    time += ms;
  };

  /** Gives a demo member of staff a credential: passphrase, and an enrolled authenticator unless told not to. */
  async function withCredential(role: string, enrolled = true) {
    const member = org.structure.staff.filter((s) => s.role === role).at(-1);
    if (!member) throw new Error(`no ${role}`);
    const secret = newTotpSecret();
    const values = {
      passphraseHash: await hashPassphrase(PASSPHRASE),
      totpSecret: enrolled ? secret : null,
      totpEnrolledAt: enrolled ? new Date().toISOString() : null,
      totpLastStep: null,
    };
    await handle.db
      .insert(staffCredential)
      .values({ staffId: member.id, organisationId: member.organisationId, ...values })
      .onConflictDoUpdate({ target: staffCredential.staffId, set: values });
    return { ...member, secret };
  }

  const anonymous = (address = '192.0.2.1') =>
    callerForToken(handle.db, null, { now: clock, clientAddress: address });
  const as = (token: string) => callerForToken(handle.db, token, { now: clock });
  const code = (secret: string) => totpCode(secret, stepAt(time));

  async function signIn(email: string, secret: string): Promise<string> {
    const first = await (await anonymous()).auth.signIn({ email, passphrase: PASSPHRASE });
    const { token } = await (await as(first.token)).auth.verifySecondFactor({ code: code(secret) });
    later();
    return token;
  }

  /** Signs in, then confirms it is them again (a step-up), as administrators' changes need. */
  async function signInSteppedUp(email: string, secret: string): Promise<string> {
    const token = await signIn(email, secret);
    await (await as(token)).account.stepUp({ passphrase: PASSPHRASE, code: code(secret) });
    later();
    return token;
  }

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 4, seed: 77 });
  });
  afterAll(() => handle.close());

  it('signs in with passphrase then authenticator code, with a new session at each step', async () => {
    const nurse = await withCredential('nurse');
    const first = await (
      await anonymous()
    ).auth.signIn({ email: nurse.email.toUpperCase(), passphrase: PASSPHRASE });
    expect(first.stage).toBe('second_factor');
    // Half-signed-in: no procedure but the code step accepts it.
    expect((await refusal((await as(first.token)).account.me())).code).toBe('UNAUTHORIZED');
    const { token } = await (await as(first.token)).auth.verifySecondFactor({ code: code(nurse.secret) });
    expect(token).not.toBe(first.token);
    expect(await resolveSession(handle.db, first.token, clock())).toBeNull();
    expect((await (await as(token)).account.me()).email).toBe(nurse.email);
    // Only the digest is stored.
    const stored = await handle.db.select({ tokenHash: authSession.tokenHash }).from(authSession);
    expect(stored.some((row) => row.tokenHash === token)).toBe(false);
    later();
  });

  it('gives one answer for an unknown email, a wrong passphrase and a disabled account, after the same work', async () => {
    const lead = await withCredential('team_lead');
    const timed = async (email: string, passphrase: string) => {
      const started = performance.now();
      const error = await refusal((await anonymous('198.51.100.9')).auth.signIn({ email, passphrase }));
      return { error, ms: performance.now() - started };
    };
    const unknown = await timed('nobody@harbour.test', PASSPHRASE);
    const wrong = await timed(lead.email, 'not-the-passphrase');
    for (const { error } of [unknown, wrong]) {
      expect(error.code).toBe('UNAUTHORIZED');
      expect(error.message).toBe(SIGN_IN_REFUSED);
    }
    // Both paths run argon2id (an unknown account against a decoy hash): neither answers in a fraction of the other.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 3);
  });

  it('refuses a code already used, and a wrong code', async () => {
    const prescriber = await withCredential('prescriber');
    const first = await (await anonymous()).auth.signIn({ email: prescriber.email, passphrase: PASSPHRASE });
    const used = code(prescriber.secret);
    await (await as(first.token)).auth.verifySecondFactor({ code: used });
    const again = await (await anonymous()).auth.signIn({ email: prescriber.email, passphrase: PASSPHRASE });
    const replay = await refusal((await as(again.token)).auth.verifySecondFactor({ code: used }));
    expect(replay.code).toBe('UNAUTHORIZED');
    expect(replay.message).toMatch(/already been used/);
    const wrong = String((Number(used) + 1) % 1_000_000).padStart(6, '0');
    expect((await refusal((await as(again.token)).auth.verifySecondFactor({ code: wrong }))).code).toBe(
      'UNAUTHORIZED',
    );
    later();
  });

  it('lets one of two requests racing with the same code sign in, never both', async () => {
    const prescriber = await withCredential('prescriber');
    const first = await (await anonymous()).auth.signIn({ email: prescriber.email, passphrase: PASSPHRASE });
    const sameCode = code(prescriber.secret);
    const outcomes = await Promise.allSettled([
      (await as(first.token)).auth.verifySecondFactor({ code: sameCode }),
      (await as(first.token)).auth.verifySecondFactor({ code: sameCode }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    later();
  });

  it('throttles guessing at the code step by account, whatever address the guesses come from', async () => {
    const nurse = await withCredential('nurse');
    const first = await (await anonymous()).auth.signIn({ email: nurse.email, passphrase: PASSPHRASE });
    for (let i = 0; i < 5; i++) {
      const caller = await callerForToken(handle.db, first.token, {
        now: clock,
        clientAddress: `198.51.100.${i}`,
      });
      expect((await refusal(caller.auth.verifySecondFactor({ code: '000000' }))).code).toBe('UNAUTHORIZED');
    }
    const elsewhere = await callerForToken(handle.db, first.token, {
      now: clock,
      clientAddress: '203.0.113.200',
    });
    expect((await refusal(elsewhere.auth.verifySecondFactor({ code: code(nurse.secret) }))).code).toBe(
      'TOO_MANY_REQUESTS',
    );
    later(31_000);
  });

  it('slows guessing per account and address, without locking the real person out', async () => {
    const keyworker = await withCredential('keyworker');
    const attacker = await anonymous('203.0.113.66');
    for (let i = 0; i < 5; i++)
      expect(
        (await refusal(attacker.auth.signIn({ email: keyworker.email, passphrase: `guess-${i}` }))).code,
      ).toBe('UNAUTHORIZED');
    const blocked = await refusal(attacker.auth.signIn({ email: keyworker.email, passphrase: PASSPHRASE }));
    expect(blocked.code).toBe('TOO_MANY_REQUESTS');
    expect(blocked.message).toMatch(/^Too many attempts\. Wait \d+ seconds, then try again\.$/);
    // The person themselves, from their own address, is not held back.
    const own = await (
      await anonymous('192.0.2.44')
    ).auth.signIn({ email: keyworker.email, passphrase: PASSPHRASE });
    expect(own.stage).toBe('second_factor');
    // And after the wait, the address may try again.
    later(31_000);
    expect((await attacker.auth.signIn({ email: keyworker.email, passphrase: PASSPHRASE })).stage).toBe(
      'second_factor',
    );
  });

  it('makes a new account set up its authenticator at first sign-in, then gives ten single-use recovery codes', async () => {
    const admin = await withCredential('administrator');
    const adminToken = await signInSteppedUp(admin.email, admin.secret);
    const created = await (
      await as(adminToken)
    ).accounts.create({
      displayName: 'New Nurse',
      email: 'new.nurse@harbour.test',
      role: 'nurse',
      teamIds: [org.structure.teams[0]?.id ?? ''],
    });
    const first = await (
      await anonymous()
    ).auth.signIn({ email: 'new.nurse@harbour.test', passphrase: created.temporaryPassphrase });
    expect(first.stage).toBe('enrol_second_factor');
    const { secret, otpauthUri } = await (await as(first.token)).auth.beginEnrolment();
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect((await refusal((await as(first.token)).auth.completeEnrolment({ code: '000000' }))).code).toBe(
      'BAD_REQUEST',
    );
    const done = await (
      await as(first.token)
    ).auth.completeEnrolment({ code: totpCode(secret, stepAt(time)) });
    expect(done.recoveryCodes).toHaveLength(10);
    expect((await (await as(done.token)).account.me()).role).toBe('nurse');
    later();
    // A recovery code stands in for the authenticator once.
    const next = await (
      await anonymous()
    ).auth.signIn({ email: 'new.nurse@harbour.test', passphrase: created.temporaryPassphrase });
    const recovered = await (
      await as(next.token)
    ).auth.verifySecondFactor({ code: done.recoveryCodes[0] ?? '' });
    expect(recovered.token).toBeTruthy();
    const again = await (
      await anonymous()
    ).auth.signIn({ email: 'new.nurse@harbour.test', passphrase: created.temporaryPassphrase });
    expect(
      (await refusal((await as(again.token)).auth.verifySecondFactor({ code: done.recoveryCodes[0] ?? '' })))
        .code,
    ).toBe('UNAUTHORIZED');
  });

  it('ends a session after 30 idle minutes, and after 12 hours whatever happens', async () => {
    const nurse = await withCredential('nurse');
    const token = await signIn(nurse.email, nurse.secret);
    later(IDLE_MS - 60_000);
    expect(await resolveSession(handle.db, token, clock())).not.toBeNull();
    later(IDLE_MS + 1000);
    expect(await resolveSession(handle.db, token, clock())).toBeNull();

    const busy = await signIn(nurse.email, nurse.secret);
    for (let used = 0; used < ABSOLUTE_MS; used += 20 * 60_000) {
      later(20 * 60_000);
      if (used + 20 * 60_000 < ABSOLUTE_MS - 30_000)
        expect(await resolveSession(handle.db, busy, clock())).not.toBeNull();
    }
    expect(await resolveSession(handle.db, busy, clock())).toBeNull();
  });

  it('ends sessions at sign-out, when the account is disabled, and everywhere else when the passphrase changes', async () => {
    const lead = await withCredential('team_lead');
    const admin = await withCredential('administrator');
    const one = await signIn(lead.email, lead.secret);
    await (await as(one)).auth.signOut();
    expect(await resolveSession(handle.db, one, clock())).toBeNull();

    const laptop = await signIn(lead.email, lead.secret);
    const phone = await signIn(lead.email, lead.secret);
    const changed = await (
      await as(laptop)
    ).account.changePassphrase({ current: PASSPHRASE, next: 'a-brand-new-passphrase-77' });
    expect(await resolveSession(handle.db, phone, clock())).toBeNull();
    expect(await resolveSession(handle.db, laptop, clock())).toBeNull();
    expect((await (await as(changed.token)).account.me()).email).toBe(lead.email);
    const weak = await refusal(
      (await as(changed.token)).account.changePassphrase({
        current: 'a-brand-new-passphrase-77',
        next: 'password1234',
      }),
    );
    expect(weak.code).toBe('BAD_REQUEST');

    const adminToken = await signInSteppedUp(admin.email, admin.secret);
    await (await as(adminToken)).accounts.disable({ staffId: lead.id });
    expect(await resolveSession(handle.db, changed.token, clock())).toBeNull();
    const disabled = await refusal(
      (await anonymous()).auth.signIn({ email: lead.email, passphrase: 'a-brand-new-passphrase-77' }),
    );
    expect(disabled.message).toBe(SIGN_IN_REFUSED);
    // Resetting removes the authenticator: the next sign-in sets one up again.
    await (await as(adminToken)).accounts.enable({ staffId: lead.id });
    const reset = await (await as(adminToken)).accounts.reset({ staffId: lead.id });
    const [credential] = await handle.db
      .select()
      .from(staffCredential)
      .where(eq(staffCredential.staffId, lead.id));
    expect(credential?.totpSecret).toBeNull();
    expect(
      (await (await anonymous()).auth.signIn({ email: lead.email, passphrase: reset.temporaryPassphrase }))
        .stage,
    ).toBe('enrol_second_factor');
  });
});
