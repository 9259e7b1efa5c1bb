import { apiUrl, DEMO_PASSPHRASE, SAM } from './servers.ts';
import { stepAt } from './totp.ts';

/**
 * The test's own calls to the API (not through the portal): to play the member of staff who gives a person an
 * activation code, looks at their record or opens it in an emergency. tRPC 11 over plain HTTP: a mutation is a
 * POST of its input as JSON, a query a GET with `?input=`; the answer is `{ result: { data } }`.
 */
export class ApiError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${path} answered ${status}: ${JSON.stringify(body)}`);
  }
}

async function answer<T>(path: string, response: Response): Promise<T> {
  const body = (await response.json()) as { result?: { data: T } };
  if (!response.ok || body.result === undefined) throw new ApiError(path, response.status, body);
  return body.result.data;
}

function headers(token?: string): Record<string, string> {
  return { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

export async function mutate<T>(path: string, input: unknown, token?: string): Promise<T> {
  const response = await fetch(`${apiUrl}/trpc/${path}`, {
    method: 'POST',
    headers: headers(token),
    body: input === undefined ? undefined : JSON.stringify(input),
  });
  return answer<T>(path, response);
}

export async function query<T>(path: string, input: unknown, token?: string): Promise<T> {
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${apiUrl}/trpc/${path}${search}`, { headers: headers(token) });
  return answer<T>(path, response);
}

/** The demo account's current authenticator code (development route, HARBOUR_DEV_IDENTITY=1). */
export async function devCode(
  kind: 'staff' | 'service_user',
  login: string,
): Promise<{ code: string; secondsLeft: number }> {
  const response = await fetch(
    `${apiUrl}/dev/second-factor?${new URLSearchParams({ kind, login }).toString()}`,
  );
  if (!response.ok) throw new Error(`no code for ${kind} ${login}: ${response.status}`);
  return (await response.json()) as { code: string; secondsLeft: number };
}

/** The last 30-second step whose code this test run has used, per account: the API takes each code once. */
const usedSteps = new Map<string, number>();

/**
 * A code for a demo account that the API has not taken yet: the current one, or — if this run used it — the
 * next one, after waiting for it (up to 30 seconds).
 */
export async function freshCode(kind: 'staff' | 'service_user', login: string): Promise<string> {
  const key = `${kind}:${login}`;
  for (;;) {
    const { code, secondsLeft } = await devCode(kind, login);
    const step = stepAt(Date.now());
    if ((usedSteps.get(key) ?? -1) < step && secondsLeft > 1) {
      usedSteps.set(key, step);
      return code;
    }
    await new Promise((resolve) => setTimeout(resolve, (secondsLeft + 1) * 1000));
  }
}

/** Marks the current step's code as used for an account (a test typed it into the portal itself). */
export function codeUsed(kind: 'staff' | 'service_user', login: string): void {
  usedSteps.set(`${kind}:${login}`, stepAt(Date.now()));
}

const staffTokens = new Map<string, string>();

/** A demo member of staff, signed in at the API (once per run: each sign-in costs a code). */
export async function staffToken(email: string): Promise<string> {
  const known = staffTokens.get(email);
  if (known !== undefined) return known;
  const half = await mutate<{ token: string; stage: string }>('auth.signIn', {
    email,
    passphrase: DEMO_PASSPHRASE,
  });
  if (half.stage !== 'second_factor') throw new Error(`${email} is not set up: ${half.stage}`);
  const verify = async () =>
    mutate<{ token: string }>(
      'auth.verifySecondFactor',
      { code: await freshCode('staff', email) },
      half.token,
    );
  // A code taken by an earlier run of the tests in this step is refused: the next step's code is not.
  const { token } = await verify().catch(async (error: unknown) => {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
    codeUsed('staff', email);
    return verify();
  });
  staffTokens.set(email, token);
  return token;
}

interface CaseloadRow {
  personId: string;
  displayName: string;
}

let samsPeople: CaseloadRow[] | null = null;
let nextPerson = 0;

/** People Sam keyworks (not Dean: the demo service user keeps his own account). */
async function peopleSamKeyworks(): Promise<CaseloadRow[]> {
  if (samsPeople !== null) return samsPeople;
  const token = await staffToken(SAM);
  const teams = await query<{ id: string; name: string }[]>('caseload.myTeams', undefined, token);
  const me = await query<{ staffId: string }>('caseload.me', undefined, token);
  const team = teams[0];
  if (!team) throw new Error('Sam has no team');
  const page = await query<{ rows: CaseloadRow[] }>(
    'caseload.list',
    { teamId: team.id, keyworkerId: me.staffId, pageSize: 100 },
    token,
  );
  samsPeople = page.rows.filter(
    (row) => !(row.displayName.includes('Dean') && row.displayName.includes('Walsh')),
  );
  if (samsPeople.length < 10) throw new Error(`Sam keyworks only ${samsPeople.length} people`);
  return samsPeople;
}

/** The given name in a caseload's display name: "Allen, Jade" or "Jade Allen" → "Jade". */
function givenNameOf(displayName: string): string {
  const [family, given] = displayName.split(',').map((part) => part.trim());
  return (given ?? family ?? '').split(' ')[0] ?? '';
}

/** Someone on Sam's caseload no other test has used, with a new activation code from Sam. */
export async function personWithActivationCode(): Promise<{
  personId: string;
  givenName: string;
  code: string;
}> {
  const people = await peopleSamKeyworks();
  const person = people[nextPerson++ % people.length];
  if (!person) throw new Error('no one on the caseload');
  const { code } = await mutate<{ code: string; expiresAt: string }>(
    'person.issueActivationCode',
    { personId: person.personId, identityChecked: true },
    await staffToken(SAM),
  );
  return { personId: person.personId, givenName: givenNameOf(person.displayName), code };
}

/** A username no one has yet (3 to 30 letters, numbers or dots). */
export function newUsername(): string {
  return `e2e.${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** A passphrase the API accepts (long, not common, not the username). */
export const TEST_PASSPHRASE = 'copper kettle under moss 58';

/**
 * A person who has set up Harbour with printed codes, done at the API directly (for tests about what comes
 * after set-up). Returns how to sign in as them.
 */
export async function personWithPrintedCodes(): Promise<{
  personId: string;
  givenName: string;
  username: string;
  passphrase: string;
  codes: string[];
}> {
  const person = await personWithActivationCode();
  const username = newUsername();
  const started = await mutate<{ token: string }>('selfcheck.activate', {
    code: person.code,
    username,
    passphrase: TEST_PASSPHRASE,
  });
  const done = await mutate<{ token: string; recoveryCodes: string[] }>(
    'selfcheck.completeEnrolment',
    { method: 'printed_codes' },
    started.token,
  );
  await mutate('auth.signOut', undefined, done.token);
  return { ...person, username, passphrase: TEST_PASSPHRASE, codes: done.recoveryCodes };
}
