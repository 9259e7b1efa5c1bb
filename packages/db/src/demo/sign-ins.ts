import { base32Encode } from '@harbour/domain/base32';
import { and, eq, isNull, like } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { staffRoleLabels } from '@harbour/domain/staff';
import type { Executor } from '../client.ts';
import { DEMO_ORGANISATION_NAME, demoEmailDomain, personaStaff } from './generate.ts';
import { serviceUserAccount, staffCredential } from '../schema/identity.ts';
import { organisation } from '../schema/organisation.ts';
import { person } from '../schema/person.ts';
import { staff } from '../schema/staff.ts';

/**
 * Demo sign-ins (issue 4 §8), for the synthetic demo organisation only: every demo member of staff, and one demo
 * service user, can sign in with one published passphrase and an authenticator already set up, whose codes the
 * development server shows at /dev/second-factor. Never loaded outside the demo.
 */
export const DEMO_PASSPHRASE = 'harbour-demo-2026-river-lantern';
/** argon2id (m = 19 MiB, t = 2, p = 1) of DEMO_PASSPHRASE, computed once: hashing 30 accounts at start-up is slow. */
const DEMO_PASSPHRASE_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$eeXKnfjrRwPLZuzdqAq9YA$01xYxvFDnEZkSHByk_FUMDlKrxxW-W-x4LWSp0Yd9Ho';
export const DEMO_SERVICE_USER = { username: 'dean.demo', givenName: 'Dean', familyName: 'Walsh' } as const;
/** Demo staff: the demo organisation's, with their synthetic addresses (`…@<organisation>.example`). */
const DEMO_EMAILS = `%@${demoEmailDomain(DEMO_ORGANISATION_NAME)}`;

/** A demo account's authenticator seed: derived from its id, so every start gives the same codes. */
export function demoTotpSecret(id: string): string {
  return base32Encode(createHash('sha256').update(`harbour-demo-totp:${id}`).digest().subarray(0, 20));
}

/**
 * Gives every member of staff of the demo organisation (by its name and synthetic addresses) without a credential
 * the demo passphrase and an enrolled authenticator, and its Dean Walsh the demo service-user account. Nobody in
 * any other organisation. Idempotent: an embedded database made before sign-in existed gains them.
 */
export async function ensureDemoSignIns(tx: Executor, now: Date = new Date()): Promise<number> {
  const missing = await tx
    .select({ id: staff.id, organisationId: staff.organisationId })
    .from(staff)
    .innerJoin(organisation, eq(organisation.id, staff.organisationId))
    .leftJoin(staffCredential, eq(staffCredential.staffId, staff.id))
    .where(
      and(
        eq(organisation.name, DEMO_ORGANISATION_NAME),
        isNull(staffCredential.staffId),
        like(staff.email, DEMO_EMAILS),
      ),
    );
  if (missing.length > 0)
    await tx.insert(staffCredential).values(
      missing.map((member) => ({
        staffId: member.id,
        organisationId: member.organisationId,
        passphraseHash: DEMO_PASSPHRASE_HASH,
        totpSecret: demoTotpSecret(member.id),
        totpEnrolledAt: now.toISOString(),
      })),
    );
  // The demo organisation's Dean Walsh: another organisation may hold someone of the same name.
  const [dean] = await tx
    .select({ id: person.id, organisationId: person.organisationId })
    .from(person)
    .innerJoin(organisation, eq(organisation.id, person.organisationId))
    .where(
      and(
        eq(organisation.name, DEMO_ORGANISATION_NAME),
        eq(person.givenName, DEMO_SERVICE_USER.givenName),
        eq(person.familyName, DEMO_SERVICE_USER.familyName),
      ),
    )
    .orderBy(person.id)
    .limit(1);
  if (dean)
    await tx
      .insert(serviceUserAccount)
      .values({
        personId: dean.id,
        organisationId: dean.organisationId,
        username: DEMO_SERVICE_USER.username,
        passphraseHash: DEMO_PASSPHRASE_HASH,
        totpSecret: demoTotpSecret(dean.id),
        totpEnrolledAt: now.toISOString(),
      })
      .onConflictDoNothing();
  return missing.length;
}

/** One demo account per role (the brief's personas) and the demo service user, as `npm start` prints them. */
export function demoSignInList(): {
  staff: { role: string; name: string; email: string }[];
  serviceUser: string;
} {
  const domain = demoEmailDomain(DEMO_ORGANISATION_NAME);
  return {
    staff: personaStaff.map((p) => ({
      role: staffRoleLabels[p.role],
      name: p.name,
      email: `${p.email}@${domain}`,
    })),
    serviceUser: DEMO_SERVICE_USER.username,
  };
}
