import type { DatabaseHandle } from '@harbour/db/client';
import { signInThrottle } from '@harbour/db/schema/identity';
import { createTestOrganisation } from '@harbour/db/testing/factories';
import { testDatabases } from '@harbour/db/testing/databases';
import { FREE_FAILURES_PER_ACCOUNT } from '@harbour/api/identity/throttle';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, PORTAL_SECRET_HEADER } from './portal-secret.ts';
import { startApp, type RunningApp } from './testing/start-app.ts';

// The per-address sign-in throttle counts the address the person connects from. Only the portals know it, and
// only a request carrying their shared secret may say what it is: a caller reaching the API directly, sending a
// fresh address with each guess, is counted at its own connection's address (security.md promise 5).

const SECRET = 'the-portals-secret-for-this-test-0123456789';

describe.each(testDatabases())('the address sign-in throttling counts ($name)', ({ open }) => {
  let handle: DatabaseHandle;
  let running: RunningApp;
  let email: string;

  beforeAll(async () => {
    handle = await open();
    const org = await createTestOrganisation(handle.db, { people: 5, seed: 12 });
    email = org.structure.staff.find((s) => s.role === 'nurse')?.email ?? '';
    running = await startApp(handle, { portalSecret: SECRET });
  });
  afterAll(async () => {
    await running.app.shutdown(1000);
  });
  beforeEach(async () => {
    await handle.db.delete(signInThrottle);
  });

  let n = 0;
  /** A wrong passphrase for the account, claiming to come from a new address each time unless told one. */
  async function guess(headers: Record<string, string>, address = `198.51.100.${++n % 250}`) {
    const res = await fetch(`${running.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_ADDRESS_HEADER]: address, ...headers },
      body: JSON.stringify({ email, passphrase: `wrong passphrase ${n}` }),
    });
    return res.status;
  }

  it("ignores a direct caller's address header: a fresh address per guess does not escape the throttle", async () => {
    for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) expect(await guess({})).toBe(401);
    expect(await guess({})).toBe(429);
  });

  it('ignores the header with a wrong secret too', async () => {
    const forged = { [PORTAL_SECRET_HEADER]: `${SECRET.slice(0, -1)}x` };
    for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) expect(await guess(forged)).toBe(401);
    expect(await guess(forged)).toBe(429);
  });

  it('counts each address the portal names on its own', async () => {
    const portal = { [PORTAL_SECRET_HEADER]: SECRET };
    for (let i = 0; i < FREE_FAILURES_PER_ACCOUNT; i++) expect(await guess(portal, '203.0.113.7')).toBe(401);
    expect(await guess(portal, '203.0.113.7')).toBe(429);
    // The person at another address is not held back by guesses from the first.
    expect(await guess(portal, '203.0.113.8')).toBe(401);
  });
});
