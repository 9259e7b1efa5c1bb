import { STEP_UP_MINUTES } from '@harbour/domain/access/policy';
import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation } from '@harbour/db/demo/generate';
import { auditEvent } from '@harbour/db/schema/audit';
import { staffCredential } from '@harbour/db/schema/identity';
import { staff, teamMembership } from '@harbour/db/schema/staff';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { and, asc, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassphrase } from '../identity/passphrase.ts';
import { resolveSession } from '../identity/sessions.ts';
import { newTotpSecret, stepAt, totpCode } from '../identity/totp.ts';
import { STEP_UP_NEEDED } from '../services/administration.ts';
import { EMAIL_TAKEN } from '../services/create-account.ts';
import { STEP_UP_REFUSED } from '../services/staff-auth.ts';
import { OWN_ROLE_REFUSED } from '../services/update-account.ts';
import { callerForToken } from '../testing/callers.ts';
import { refusal } from '../testing/refusal.ts';

// Administrators' powers (security.md "Administrators"): every change to an account needs a recent step-up, is
// audited with who acted, on which account and what changed, and never grants the administrator a role; an
// address used in another organisation tells the administrator nothing.

const PASSPHRASE = 'account-admin-passphrase-31';

describe.each(testDatabases())("administrators' powers ($name)", ({ open }) => {
  let handle: DatabaseHandle;
  let org: DemoOrganisation;
  let other: DemoOrganisation;
  let time = Date.now();
  const clock = () => new Date(time);
  const later = (ms = 30_000) => {
    time += ms;
  };
  const secrets = new Map<string, string>();

  /** Gives a member of staff a passphrase and an enrolled authenticator. */
  async function withCredential(member: { id: string; organisationId: string }) {
    const secret = newTotpSecret();
    secrets.set(member.id, secret);
    await handle.db.insert(staffCredential).values({
      staffId: member.id,
      organisationId: member.organisationId,
      passphraseHash: await hashPassphrase(PASSPHRASE),
      totpSecret: secret,
      totpEnrolledAt: new Date().toISOString(),
    });
  }

  const as = (token: string | null) => callerForToken(handle.db, token, { now: clock });
  const code = (staffId: string) => totpCode(secrets.get(staffId) ?? '', stepAt(time));

  async function signIn(email: string, staffId: string): Promise<string> {
    const first = await (await as(null)).auth.signIn({ email, passphrase: PASSPHRASE });
    const { token } = await (await as(first.token)).auth.verifySecondFactor({ code: code(staffId) });
    later();
    return token;
  }

  async function stepUp(token: string, staffId: string) {
    const result = await (await as(token)).account.stepUp({ passphrase: PASSPHRASE, code: code(staffId) });
    later();
    return result;
  }

  const member = (o: DemoOrganisation, role: string, index = 0) => {
    const found = o.structure.staff.filter((s) => s.role === role)[index];
    if (!found) throw new Error(`no ${role} ${index}`);
    return found;
  };

  const auditSince = (seq: number) =>
    handle.db
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.organisationId, org.structure.organisation.id), gt(auditEvent.seq, seq)))
      .orderBy(asc(auditEvent.seq));
  const lastSeq = async () =>
    (
      await handle.db
        .select({ seq: auditEvent.seq })
        .from(auditEvent)
        .orderBy(asc(auditEvent.seq))
        .then((rows) => rows.at(-1))
    )?.seq ?? 0;

  let admin: ReturnType<typeof member>;
  let adminToken: string;

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 45, seed: 303 });
    other = await createTestOrganisation(handle.db, { people: 4, seed: 304 });
    admin = member(org, 'administrator');
    await withCredential(admin);
    adminToken = await signIn(admin.email, admin.id);
  });
  afterAll(() => handle.close());

  it('needs a step-up for every change: without one it is refused, audited as denied, and nothing changes', async () => {
    const nurse = member(org, 'nurse');
    const before = await lastSeq();
    const [row] = await handle.db.select().from(staff).where(eq(staff.id, nurse.id));
    const api = await as(adminToken);
    const attempts = [
      () =>
        api.accounts.create({
          displayName: 'No Step',
          email: 'no.step@harbour.test',
          role: 'nurse',
          teamIds: [],
        }),
      () => api.accounts.update({ staffId: nurse.id, role: 'team_lead', teamIds: [] }),
      () => api.accounts.disable({ staffId: nurse.id }),
      () => api.accounts.enable({ staffId: nurse.id }),
      () => api.accounts.reset({ staffId: nurse.id }),
    ];
    for (const attempt of attempts) {
      const refused = await refusal(attempt());
      expect([refused.code, refused.message]).toEqual(['FORBIDDEN', STEP_UP_NEEDED]);
    }
    expect((await handle.db.select().from(staff).where(eq(staff.id, nurse.id)))[0]).toEqual(row);
    expect(await handle.db.select().from(staff).where(eq(staff.email, 'no.step@harbour.test'))).toEqual([]);
    const audited = await auditSince(before);
    expect(audited.map((r) => [r.action, r.outcome, r.reason, r.targetStaffId, r.actorId])).toEqual([
      ['account_create', 'denied', 'step-up required', null, admin.id],
      ['account_update', 'denied', 'step-up required', nurse.id, admin.id],
      ['account_disable', 'denied', 'step-up required', nurse.id, admin.id],
      ['account_enable', 'denied', 'step-up required', nurse.id, admin.id],
      ['account_reset', 'denied', 'step-up required', nurse.id, admin.id],
    ]);
    // Signing in is not a step-up.
    expect((await api.account.me()).steppedUpUntil).toBeNull();
  });

  it('refuses a wrong step-up, and throttles it like signing in', async () => {
    const api = await as(adminToken);
    const wrong = await refusal(
      api.account.stepUp({ passphrase: 'not my passphrase', code: code(admin.id) }),
    );
    expect([wrong.code, wrong.message]).toEqual(['BAD_REQUEST', STEP_UP_REFUSED]);
    for (let i = 1; i < 5; i++)
      await refusal(api.account.stepUp({ passphrase: `wrong ${i}`, code: code(admin.id) }));
    const throttled = await refusal(api.account.stepUp({ passphrase: PASSPHRASE, code: code(admin.id) }));
    expect(throttled.code).toBe('TOO_MANY_REQUESTS');
    later(31_000);
    expect((await api.account.me()).steppedUpUntil).toBeNull();
  });

  it('after a step-up, audits each change with who acted, on whom and what changed; for five minutes only', async () => {
    const stepped = await stepUp(adminToken, admin.id);
    expect(stepped.until).toBe(new Date(time - 30_000 + STEP_UP_MINUTES * 60_000).toISOString());
    expect((await (await as(adminToken)).account.me()).steppedUpUntil).toBe(stepped.until);
    const before = await lastSeq();
    const api = await as(adminToken);
    const [riverside, harbourside] = org.structure.teams;
    const created = await api.accounts.create({
      displayName: 'Nadia Newstart',
      email: 'nadia.newstart@harbour.test',
      role: 'keyworker',
      teamIds: [riverside?.id ?? ''],
    });
    await api.accounts.update({
      staffId: created.staffId,
      role: 'team_lead',
      teamIds: [harbourside?.id ?? ''],
    });
    await api.accounts.disable({ staffId: created.staffId });
    await api.accounts.enable({ staffId: created.staffId });
    await api.accounts.reset({ staffId: created.staffId });

    const audited = await auditSince(before);
    expect(audited.map((r) => [r.action, r.procedure, r.outcome, r.targetStaffId, r.personId])).toEqual([
      ['account_create', 'accounts.create', 'allowed', created.staffId, null],
      ['account_update', 'accounts.update', 'allowed', created.staffId, null],
      ['account_disable', 'accounts.disable', 'allowed', created.staffId, null],
      ['account_enable', 'accounts.enable', 'allowed', created.staffId, null],
      ['account_reset', 'accounts.reset', 'allowed', created.staffId, null],
    ]);
    expect(audited.map((r) => r.changes)).toEqual([
      {
        role: { from: null, to: 'keyworker' },
        active: { from: null, to: true },
        teamIds: { added: [riverside?.id], removed: [] },
      },
      {
        role: { from: 'keyworker', to: 'team_lead' },
        teamIds: { added: [harbourside?.id], removed: [riverside?.id] },
      },
      { active: { from: true, to: false } },
      { active: { from: false, to: true } },
      { credentials: 'reset' },
    ]);
    // Ids and values only: no name or address in any row.
    expect(JSON.stringify(audited)).not.toMatch(/Nadia|newstart/i);
    const memberships = await handle.db
      .select({ teamId: teamMembership.teamId })
      .from(teamMembership)
      .where(eq(teamMembership.staffId, created.staffId));
    expect(memberships).toEqual([{ teamId: harbourside?.id }]);

    // Five minutes after the step-up, the next change asks again.
    later(STEP_UP_MINUTES * 60_000);
    const stale = await refusal((await as(adminToken)).accounts.disable({ staffId: created.staffId }));
    expect(stale.message).toBe(STEP_UP_NEEDED);
  });

  it('never lets an administrator change their own role or teams, and a new role counts at once for others', async () => {
    const api = await as(adminToken);
    await stepUp(adminToken, admin.id);
    const before = await lastSeq();
    const own = await refusal(
      (await as(adminToken)).accounts.update({
        staffId: admin.id,
        role: 'caldicott_guardian',
        teamIds: [],
      }),
    );
    expect([own.code, own.message]).toEqual(['FORBIDDEN', OWN_ROLE_REFUSED]);
    expect((await api.account.me()).role).toBe('administrator');
    const [denied] = await auditSince(before);
    expect([denied?.outcome, denied?.reason, denied?.targetStaffId]).toEqual([
      'denied',
      'own account',
      admin.id,
    ]);

    // Another member of staff's new role is what their very next request is allowed.
    const keyworker = member(org, 'keyworker', 1);
    await withCredential(keyworker);
    const keyworkerToken = await signIn(keyworker.email, keyworker.id);
    await (await as(adminToken)).accounts.update({ staffId: keyworker.id, role: 'pharmacist', teamIds: [] });
    expect((await resolveSession(handle.db, keyworkerToken, clock()))?.actor?.role).toBe('pharmacist');
    const teams = await refusal(
      (await as(keyworkerToken)).caseload.list({ teamId: org.structure.teams[0]?.id ?? '' }),
    );
    expect(teams.code).toBe('FORBIDDEN');
  });

  it('answers an address used in another organisation as it answers a new one; each account signs in to its own', async () => {
    const elsewhere = member(other, 'keyworker');
    await withCredential(elsewhere);
    await stepUp(adminToken, admin.id);
    const api = await as(adminToken);
    const fresh = await api.accounts.create({
      displayName: 'Fresh Address',
      email: 'fresh.address@harbour.test',
      role: 'nurse',
      teamIds: [],
    });
    const shared = await api.accounts.create({
      displayName: 'Shared Address',
      email: elsewhere.email.toUpperCase(),
      role: 'nurse',
      teamIds: [],
    });
    expect(Object.keys(shared).sort()).toEqual(Object.keys(fresh).sort());
    expect(shared.temporaryPassphrase).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    // Within the organisation an address is one account, and the administrator may be told so.
    const again = await refusal(
      api.accounts.create({ displayName: 'Again', email: elsewhere.email, role: 'nurse', teamIds: [] }),
    );
    expect([again.code, again.message]).toEqual(['CONFLICT', EMAIL_TAKEN]);

    // Each passphrase opens its own organisation's account.
    const newHere = await (
      await as(null)
    ).auth.signIn({
      email: elsewhere.email,
      passphrase: shared.temporaryPassphrase,
    });
    expect(newHere.stage).toBe('enrol_second_factor');
    expect((await resolveSession(handle.db, newHere.token, clock()))?.session.subjectId).toBe(shared.staffId);
    const theirs = await signIn(elsewhere.email, elsewhere.id);
    const session = await resolveSession(handle.db, theirs, clock());
    expect([session?.actor?.staffId, session?.actor?.organisationId]).toEqual([
      elsewhere.id,
      other.structure.organisation.id,
    ]);
  });

  it("shows the Caldicott guardian administrators' actions in words, and nobody else", async () => {
    const guardian = member(org, 'caldicott_guardian');
    await withCredential(guardian);
    const guardianToken = await signIn(guardian.email, guardian.id);
    const entries = await (await as(guardianToken)).audit.administration();
    const update = entries.find((e) => e.action === 'account_update' && e.targetName === 'Nadia Newstart');
    expect(update).toMatchObject({
      actorName: admin.displayName,
      actorRoleLabel: 'Administrator',
      actionLabel: 'Changed role or teams',
      targetName: 'Nadia Newstart',
      reason: null,
    });
    expect(update?.changes[0]).toBe('Role: Keyworker → Team lead');
    expect(entries.find((e) => e.reason === 'own account')).toMatchObject({
      outcome: 'denied',
      targetName: admin.displayName,
    });
    // Newest first.
    const times = entries.map((e) => e.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await refusal((await as(adminToken)).audit.administration())).code).toBe('FORBIDDEN');
  });
});
