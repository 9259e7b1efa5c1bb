import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { serviceUserAccount, staffCredential } from '../schema/identity.ts';
import { openTestPglite } from '../testing/databases.ts';
import { DEMO_ORGANISATION_NAME, generateOrganisation } from './generate.ts';
import { loadOrganisation } from './load.ts';
import { DEMO_SERVICE_USER, ensureDemoSignIns } from './sign-ins.ts';

// The demo sign-ins are for the synthetic demo organisation only. Another organisation in the same database may
// hold a Dean Walsh of its own (the generator makes one in every organisation): he must never get the demo
// service user's account, nor its staff the demo passphrase.
describe('the demo sign-ins', () => {
  it("go to the demo organisation's people and staff only, whoever else has the same name", async () => {
    const handle = await openTestPglite();
    try {
      // Loaded first, with earlier histories, so its Dean's id sorts before the demo one's.
      const other = generateOrganisation({ seed: 9, people: 10, asOf: '2020-01-15', name: 'Other Trust' });
      const demo = generateOrganisation({
        seed: 9,
        people: 10,
        asOf: '2026-01-15',
        name: DEMO_ORGANISATION_NAME,
      });
      await loadOrganisation(handle.db, other);
      await loadOrganisation(handle.db, demo);
      const deanOf = (org: typeof demo) =>
        [...org.batches(100)]
          .flatMap((b) => b.people)
          .find(
            (p) =>
              p.givenName === DEMO_SERVICE_USER.givenName && p.familyName === DEMO_SERVICE_USER.familyName,
          );
      expect(deanOf(other)?.id.localeCompare(deanOf(demo)?.id ?? '')).toBe(-1);

      await handle.db.transaction((tx) => ensureDemoSignIns(tx));

      const [account] = await handle.db
        .select({ personId: serviceUserAccount.personId, organisationId: serviceUserAccount.organisationId })
        .from(serviceUserAccount)
        .where(eq(serviceUserAccount.username, DEMO_SERVICE_USER.username));
      expect(account).toEqual({ personId: deanOf(demo)?.id, organisationId: demo.structure.organisation.id });
      const credentials = await handle.db
        .select({ organisationId: staffCredential.organisationId })
        .from(staffCredential);
      expect(new Set(credentials.map((c) => c.organisationId))).toEqual(
        new Set([demo.structure.organisation.id]),
      );
    } finally {
      await handle.close();
    }
  });
});
