import type { Actor } from '@harbour/domain/access/policy';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import { activationCode, serviceUserAccount } from '@harbour/db/schema/identity';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refusal } from '../testing/refusal.ts';
import { resolveSession } from '../identity/sessions.ts';
import { stepAt, totpCode } from '../identity/totp.ts';
import { ACTIVATION_REFUSED } from '../services/self-check-auth.ts';
import { actorWithRole, callerFor, callerForToken } from '../testing/callers.ts';

describe.each(testDatabases())('self-check enrolment, sign-in and "who has looked" ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let sam: Actor;
  let dean: PersonRow;
  let time = Date.now();
  const clock = () => new Date(time);
  const anonymous = () => callerForToken(handle.db, null, { now: clock });
  const as = (token: string) => callerForToken(handle.db, token, { now: clock });

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 30, seed: 33 });
    sam = actorWithRole(org, 'keyworker');
    const found = [...org.batches(1000)].flatMap((b) => b.people).find((p) => p.givenName === 'Dean');
    if (!found) throw new Error('the generator always includes Dean');
    dean = found;
  });
  afterAll(() => handle.close());

  it('issues a single-use, 7-day activation code only to someone with a relationship who checked identity', async () => {
    const { code, expiresAt } = await callerFor(handle.db, sam, { now: clock }).person.issueActivationCode({
      personId: dean.id,
      identityChecked: true,
    });
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(Date.parse(expiresAt) - time).toBe(7 * 86_400_000);
    const unchecked = await refusal(
      callerFor(handle.db, sam).person.issueActivationCode({
        personId: dean.id,
        identityChecked: false as true,
      }),
    );
    expect(unchecked.code).toBe('BAD_REQUEST');
    const stored = await handle.db.select().from(activationCode).where(eq(activationCode.personId, dean.id));
    expect(stored.map((row) => row.codeHash)).not.toContain(code);

    // A wrong code creates nothing; the right one, typed loosely, starts the account.
    const wrong = await refusal(
      (await anonymous()).selfcheck.activate({
        code: 'AAAA-BBBB-CCCC',
        username: 'dean.w',
        passphrase: 'river-boat-seventeen',
      }),
    );
    expect(wrong.message).toBe(ACTIVATION_REFUSED);
    expect(
      await handle.db.select().from(serviceUserAccount).where(eq(serviceUserAccount.personId, dean.id)),
    ).toEqual([]);
    const started = await (
      await anonymous()
    ).selfcheck.activate({
      code: code.toLowerCase().replaceAll('-', ' '),
      username: 'Dean.W',
      passphrase: 'river-boat-seventeen',
    });
    expect(started.stage).toBe('enrol_second_factor');
    const again = await refusal(
      (await anonymous()).selfcheck.activate({
        code,
        username: 'dean.x',
        passphrase: 'river-boat-seventeen',
      }),
    );
    expect(again.message).toBe(ACTIVATION_REFUSED);

    // The authenticator app: the seed, then a code from it, then ten recovery codes.
    const { secret } = await (await as(started.token)).selfcheck.beginEnrolment();
    const done = await (
      await as(started.token)
    ).selfcheck.completeEnrolment({
      method: 'authenticator',
      code: totpCode(secret, stepAt(time)),
    });
    expect(done.recoveryCodes).toHaveLength(10);
    expect(await (await as(done.token)).selfcheck.me()).toEqual({
      givenName: 'Dean',
      usesPrintedCodes: false,
      unusedCodes: 10,
    });
    time += 30_000;

    // Signing in: username (any case), passphrase, code.
    const first = await (
      await anonymous()
    ).selfcheck.signIn({ username: 'DEAN.W', passphrase: 'river-boat-seventeen' });
    expect(first.stage).toBe('second_factor');
    const signedIn = await (
      await as(first.token)
    ).selfcheck.verifySecondFactor({ code: totpCode(secret, stepAt(time)) });
    expect((await resolveSession(handle.db, signedIn.token, clock()))?.serviceUser?.personId).toBe(dean.id);
    // A service user's session opens no staff procedure.
    expect((await refusal((await as(signedIn.token)).person.summary({ personId: dean.id }))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('lets someone given a new code keep their own username, ends their old sessions, and lets no one else take the name', async () => {
    const issue = async () =>
      (
        await callerFor(handle.db, sam, { now: clock }).person.issueActivationCode({
          personId: dean.id,
          identityChecked: true,
        })
      ).code;
    const first = await (
      await anonymous()
    ).selfcheck.activate({
      code: await issue(),
      username: 'dean.keeps',
      passphrase: 'river-boat-seventeen',
    });
    expect(first.stage).toBe('enrol_second_factor');
    const { token: oldPhone } = await (
      await as(first.token)
    ).selfcheck.completeEnrolment({ method: 'printed_codes' });
    expect(await resolveSession(handle.db, oldPhone, clock())).not.toBeNull();
    const again = await (
      await anonymous()
    ).selfcheck.activate({
      code: await issue(),
      username: 'dean.keeps',
      passphrase: 'a-new-phone-new-start',
    });
    expect(again.stage).toBe('enrol_second_factor');
    // A new start ends the old one's sessions (a stolen phone still signed in).
    expect(await resolveSession(handle.db, oldPhone, clock())).toBeNull();
    const batches = [...org.batches(1000)];
    const teammate = batches
      .flatMap((b) => b.episodes)
      .find((e) => e.personId !== dean.id && e.status !== 'discharged' && sam.teamIds.includes(e.teamId));
    const stranger = await callerFor(handle.db, sam, { now: clock }).person.issueActivationCode({
      personId: teammate?.personId ?? '',
      identityChecked: true,
    });
    const taken = await refusal(
      (await anonymous()).selfcheck.activate({
        code: stranger.code,
        username: 'dean.keeps',
        passphrase: 'river-boat-seventeen',
      }),
    );
    expect(taken.message).toMatch(/already uses that username/);
  });

  it('expires an activation code after 7 days', async () => {
    const { code } = await callerFor(handle.db, sam, { now: clock }).person.issueActivationCode({
      personId: dean.id,
      identityChecked: true,
    });
    time += 7 * 86_400_000 + 1000;
    const expired = await refusal(
      (await anonymous()).selfcheck.activate({
        code,
        username: 'dean.late',
        passphrase: 'river-boat-seventeen',
      }),
    );
    expect(expired.message).toBe(ACTIVATION_REFUSED);
  });

  it('offers printed one-time codes to someone who cannot use an app: each works once', async () => {
    const { code } = await callerFor(handle.db, sam, { now: clock }).person.issueActivationCode({
      personId: dean.id,
      identityChecked: true,
    });
    const started = await (
      await anonymous()
    ).selfcheck.activate({ code, username: 'dean.paper', passphrase: 'kettle-garden-pebble' });
    const done = await (await as(started.token)).selfcheck.completeEnrolment({ method: 'printed_codes' });
    const [first, second] = done.recoveryCodes;
    const signIn = async () =>
      (await anonymous()).selfcheck.signIn({ username: 'dean.paper', passphrase: 'kettle-garden-pebble' });
    const one = await signIn();
    const ok = await (await as(one.token)).selfcheck.verifySecondFactor({ code: first ?? '' });
    expect((await (await as(ok.token)).selfcheck.me()).unusedCodes).toBe(9);
    const two = await signIn();
    expect(
      (await refusal((await as(two.token)).selfcheck.verifySecondFactor({ code: first ?? '' }))).code,
    ).toBe('UNAUTHORIZED');
    expect(
      (await (await as(two.token)).selfcheck.verifySecondFactor({ code: second ?? '' })).token,
    ).toBeTruthy();
  });

  it('shows who has looked at the record, by role and team, marking emergency access, and nothing of anyone else', async () => {
    const { code } = await callerFor(handle.db, sam, { now: clock }).person.issueActivationCode({
      personId: dean.id,
      identityChecked: true,
    });
    const started = await (
      await anonymous()
    ).selfcheck.activate({ code, username: 'dean.looks', passphrase: 'kettle-garden-pebble' });
    const { token } = await (
      await as(started.token)
    ).selfcheck.completeEnrolment({ method: 'printed_codes' });
    await callerFor(handle.db, sam).person.summary({ personId: dean.id });
    const entries = await (await as(token)).selfcheck.whoLooked();
    const teamName = org.structure.teams.find((t) => sam.teamIds.includes(t.id))?.name;
    expect(entries[0]).toMatchObject({
      roleLabel: 'Keyworker',
      teamName,
      action: 'viewed',
      what: 'your record',
      emergency: false,
    });
    expect(entries.every((e) => !JSON.stringify(e).includes('Sam'))).toBe(true);
    // Their own reads are not listed.
    await (await as(token)).selfcheck.me();
    expect((await (await as(token)).selfcheck.whoLooked()).length).toBe(entries.length);
  });
});
