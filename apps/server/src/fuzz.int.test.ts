import type { DatabaseHandle } from '@harbour/db/client';
import type { DemoOrganisation, PersonRow } from '@harbour/db/demo/generate';
import {
  authSession,
  breakGlassGrant,
  caldicottAlert,
  refusalThrottle,
  serviceUserAccount,
  signInThrottle,
} from '@harbour/db/schema/identity';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { withTenant } from '@harbour/db/tenant';
import { hasPermission, permissions, type Permission } from '@harbour/domain/access/policy';
import { StaffRole } from '@harbour/domain/staff';
import { createSession } from '@harbour/api/identity/sessions';
import { procedureInputs } from '@harbour/api/testing/input-schemas';
import { inputArbitrary } from '@harbour/api/testing/zod-arbitrary';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './testing/start-app.ts';

/**
 * Property-based fuzzing of every procedure's input (security.md promise 11), through the real HTTP server:
 * inputs derived from each procedure's zod schema (packages/api/src/testing/zod-arbitrary.ts) — mostly of the
 * right shape with hostile text and numbers past their bounds, sometimes any JSON — sent with each kind of
 * session (three members of staff, a service user, two half-finished sign-ins, none). Whatever is sent, the
 * answer is never a 5xx, and its body holds no stack trace, no SQL, and no name or date of birth of anyone the
 * session may not see. A fixed seed and a bounded number of runs per procedure keep it repeatable and quick.
 */
const SEED = 20_261_202;
const RUNS_PER_PROCEDURE = 30;

const STACK = /\bat [\w$.<>]+ \(|\.(?:ts|js):\d+:\d+|node_modules/;
const SQL = [
  /\bselect\s+[\w"*,.\s()]+\s+from\s+"?\w/i,
  /\binsert\s+into\s+"?\w/i,
  /\bupdate\s+"?\w+"?\s+set\s+"?\w+"?\s*=/i,
  /\bdelete\s+from\s+"?\w/i,
  /\bparams:|\bdrizzle\b|\bpostgres\b|pglite|syntax error|violates|duplicate key|relation "|sqlstate/i,
];

interface Caller {
  name: string;
  /** Who the caller is to the procedures' audiences (trpc.ts): a role, or a kind of session. */
  audience:
    StaffRole | 'service_user' | 'signing_in:second_factor' | 'signing_in:enrol_second_factor' | 'public';
  token: string | null;
}

/** Does `caller` belong to a procedure's audience, so that its input is what decides the answer? */
function inAudience(caller: Caller, audience: string): boolean {
  if (audience === 'any_session') return caller.token !== null;
  if (audience === caller.audience) return true;
  const role = StaffRole.safeParse(caller.audience);
  return (
    role.success &&
    (permissions as readonly string[]).includes(audience) &&
    hasPermission({ staffId: '', organisationId: '', role: role.data, teamIds: [] }, audience as Permission)
  );
}

describe.each(testDatabases())('fuzzing every procedure over HTTP ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let running: RunningApp;
  let org: DemoOrganisation;
  let callers: Caller[] = [];
  /** Names and dates of birth of everyone no fuzzing session may see. */
  let canaries: string[] = [];
  let ids: string[] = [];
  const statuses = new Map<number, number>();
  let calls = 0;

  const member = (role: string, index = 0) => {
    const found = org.structure.staff.filter((s) => s.role === role)[index];
    if (!found) throw new Error(`no ${role} ${index}`);
    return found;
  };

  /** A session for a member of staff or the service user, at a stage, made as the last sign-in step makes it. */
  async function sessionFor(
    kind: 'staff' | 'service_user',
    id: string,
    stage: 'active' | 'second_factor' | 'enrol_second_factor',
  ) {
    const organisationId = org.structure.organisation.id;
    const { token } = await withTenant(handle.db, { organisationId, actorId: id }, (tx) =>
      createSession(
        tx,
        { organisationId, kind, id },
        stage,
        new Date(),
        stage === 'active' ? new Date().toISOString() : null,
      ),
    );
    return token;
  }

  let servicePerson: PersonRow;

  /** Every kind of caller, with fresh sessions (a fuzzed sign-out ends one). */
  async function makeCallers(): Promise<Caller[]> {
    const staffSession = (role: string, stage: 'active' | 'second_factor' | 'enrol_second_factor') =>
      sessionFor('staff', member(role).id, stage);
    return [
      { name: 'keyworker', audience: 'keyworker', token: await staffSession('keyworker', 'active') },
      // Stepped up (before each call): the fuzzed input reaches the account changes themselves.
      {
        name: 'administrator',
        audience: 'administrator',
        token: await staffSession('administrator', 'active'),
      },
      {
        name: 'Caldicott guardian',
        audience: 'caldicott_guardian',
        token: await staffSession('caldicott_guardian', 'active'),
      },
      {
        name: 'service user',
        audience: 'service_user',
        token: await sessionFor('service_user', servicePerson.id, 'active'),
      },
      {
        name: 'code due',
        audience: 'signing_in:second_factor',
        token: await staffSession('nurse', 'second_factor'),
      },
      {
        name: 'set-up due',
        audience: 'signing_in:enrol_second_factor',
        token: await staffSession('team_lead', 'enrol_second_factor'),
      },
      { name: 'no session', audience: 'public', token: null },
    ];
  }

  beforeAll(async () => {
    handle = await open();
    org = await createTestOrganisation(handle.db, { people: 60, seed: 1202 });
    const other = await createTestOrganisation(handle.db, { people: 10, seed: 1203 });
    const keyworker = member('keyworker');
    const keyworkerTeams = org.structure.memberships
      .filter((m) => m.staffId === keyworker.id)
      .map((m) => m.teamId);
    const batches = [...org.batches(1000)];
    const episodes = batches.flatMap((b) => b.episodes);
    const people = batches.flatMap((b) => b.people);
    const visible = new Set(
      episodes
        .filter((e) => keyworkerTeams.includes(e.teamId) || e.keyworkerId === keyworker.id)
        .map((e) => e.personId),
    );
    const found = people.find((p) => visible.has(p.id));
    if (!found) throw new Error('the keyworker sees nobody');
    servicePerson = found;
    await handle.db.insert(serviceUserAccount).values({
      personId: servicePerson.id,
      organisationId: servicePerson.organisationId,
      username: 'fuzz.service.user',
      passphraseHash: 'not a hash: never signed in with',
    });
    const hidden = [
      ...people.filter((p) => !visible.has(p.id)),
      ...[...other.batches(1000)].flatMap((b) => b.people),
    ];
    const words = (p: PersonRow) => [
      `${p.givenName} ${p.familyName}`,
      `${p.familyName}, ${p.givenName}`,
      p.dateOfBirth,
    ];
    // A name or date of birth that someone the keyworker may see also has is no sign of a leak (the other
    // organisation's demo personas share Dean's and Kayleigh's names), so only what hidden people alone have.
    const seen = new Set(people.filter((p) => visible.has(p.id)).flatMap(words));
    // The first hidden person is the subject of the keyworker's break-glass grant below, so the keyworker may
    // read them (through the grant): not a canary.
    canaries = hidden
      .slice(1)
      .flatMap(words)
      .filter((word) => !seen.has(word) && !(hidden[0] ? words(hidden[0]) : []).includes(word));
    // Two alerts to find: one about the keyworker, one about someone else.
    for (const staffId of [keyworker.id, member('keyworker', 1).id]) {
      const [grant] = await handle.db
        .insert(breakGlassGrant)
        .values({
          organisationId: org.structure.organisation.id,
          staffId,
          personId: hidden[0]?.id ?? '',
          reasonCode: 'duty_worker',
          reasonText: 'A grant for the fuzzing test to find',
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        })
        .returning({ id: breakGlassGrant.id });
      await handle.db.insert(caldicottAlert).values({
        organisationId: org.structure.organisation.id,
        grantId: grant?.id ?? '',
        subjectStaffId: staffId,
      });
    }
    const alerts = await handle.db.select({ id: caldicottAlert.id }).from(caldicottAlert);
    const sessionHolders = new Set(
      ['keyworker', 'administrator', 'caldicott_guardian', 'nurse', 'team_lead'].map((r) => member(r).id),
    );
    ids = [
      ...people.slice(0, 8).map((p) => p.id),
      ...hidden.slice(0, 8).map((p) => p.id),
      ...org.structure.teams.map((t) => t.id),
      ...other.structure.teams.slice(0, 2).map((t) => t.id),
      // Never the fuzzing sessions' own accounts: a fuzzed disable or role change would end the run's sessions.
      ...org.structure.staff
        .filter((s) => !sessionHolders.has(s.id))
        .slice(0, 6)
        .map((s) => s.id),
      other.structure.staff[0]?.id ?? '',
      ...alerts.map((a) => a.id),
    ];
    callers = await makeCallers();
    running = await startApp(handle);
  });
  afterAll(async () => {
    await running.app.shutdown(1000);
    const seen = [...statuses.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
    process.stdout.write(
      `fuzz: ${procedureInputs().length} procedures × ${RUNS_PER_PROCEDURE} runs (seed ${SEED}), ${calls} calls; statuses ${seen.join(', ')}\n`,
    );
  });

  async function call(path: string, type: 'query' | 'mutation', token: string | null, input: unknown) {
    const query =
      type === 'query' && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '';
    const res = await fetch(`${running.url}/trpc/${path}${query}`, {
      method: type === 'query' ? 'GET' : 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      body: type === 'mutation' && input !== undefined ? JSON.stringify(input) : undefined,
    });
    return { status: res.status, body: await res.text() };
  }

  it.each(procedureInputs().map((p) => [p.path, p] as const))(
    '%s: never 5xx, never internals, never someone else’s name',
    async (path, procedure) => {
      // Mostly callers the procedure is for, so that the input decides the answer; now and then anyone.
      const meant = callers.flatMap((c, i) => (inAudience(c, procedure.audience) ? [i] : []));
      const who = fc.oneof(
        { weight: 3, arbitrary: meant.length > 0 ? fc.constantFrom(...meant) : fc.nat({ max: 6 }) },
        { weight: 1, arbitrary: fc.nat({ max: callers.length - 1 }) },
      );
      await fc.assert(
        fc.asyncProperty(who, inputArbitrary(procedure.input, { ids }), async (which, input) => {
          // Each call starts unthrottled, so that it gets as far as its input lets it.
          await handle.db.delete(signInThrottle);
          await handle.db.delete(refusalThrottle);
          const caller = callers[which] ?? { name: 'no session', audience: 'public', token: null };
          if (caller.name === 'administrator' && caller.token !== null)
            await handle.db
              .update(authSession)
              .set({ reauthenticatedAt: new Date().toISOString() })
              .where(eq(authSession.subjectId, member('administrator').id));
          const { status, body } = await call(path, procedure.type, caller.token, input);
          calls++;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          if (path === 'auth.signOut') callers = await makeCallers();
          const context = `${caller.name} sent ${JSON.stringify(input)}: ${status} ${body.slice(0, 300)}`;
          expect(status, context).toBeLessThan(500);
          expect(body, context).not.toMatch(STACK);
          for (const pattern of SQL) expect(body, context).not.toMatch(pattern);
          for (const canary of canaries)
            expect(body.includes(canary), `${context} names ${canary}`).toBe(false);
        }),
        { seed: SEED, numRuns: RUNS_PER_PROCEDURE },
      );
    },
  );
});
