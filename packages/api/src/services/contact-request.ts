import { CONTACT_CONSENT } from '@harbour/domain/access/self-check-forms';
import { londonDate } from '@harbour/domain/dates';
import { DomainError } from '@harbour/domain/errors';
import type { Database } from '@harbour/db/client';
import { locateOrganisationByOds } from '@harbour/db/locate';
import { contactRequest } from '@harbour/db/schema/self-assessment';
import { withTenant } from '@harbour/db/tenant';
import { and, asc, desc, eq } from 'drizzle-orm';
import { bump, secondsToWait, type ThrottleKeys } from '../identity/throttle.ts';
import { digest } from '../identity/secrets.ts';
import { openDutyContactTask } from './urgent-contact.ts';

/**
 * "Ask someone to contact me" from the anonymous overdose-risk check (/check, issue 11). The check itself stores
 * nothing; this stores only what the person typed to be called back (a name or alias, a phone number), the
 * consent they gave and whether their answers were urgent, for the service's duty queue.
 *
 * Rate limited without tracking anyone: no cookie, no stored address. The sign-in throttle's table counts
 * requests under a digest of the address (forgotten after an hour); past a few, the address waits.
 */

export const CONTACT_REFUSED = 'We could not send your request. Please phone the service instead.';

export interface ContactRequestInput {
  /** The service's ODS code (the portal's HARBOUR_CHECK_SERVICE setting). */
  service: string;
  name: string;
  phone: string;
  consent: true;
  urgent: boolean;
}

/** Each address may ask a few times an hour (a family sharing a phone, a mistake), then waits. */
const FREE_REQUESTS_PER_ADDRESS = 3;

function keysFor(address: string): ThrottleKeys {
  const key = digest(`contact-request:${address}`);
  return { account: key, address: key };
}

/** Digits only, as the duty worker dials it: a UK number, 10 or 11 digits (or +44 and 10). */
export function normalisedPhone(phone: string): string | null {
  const compact = phone.replace(/[\s().-]/g, '');
  const digits = compact.startsWith('+44') ? `0${compact.slice(3)}` : compact;
  return /^0\d{9,10}$/.test(digits) ? digits : null;
}

export async function requestContact(
  db: Database,
  input: ContactRequestInput,
  address: string,
  now: Date,
): Promise<{ received: true }> {
  const phone = normalisedPhone(input.phone);
  if (phone === null)
    throw new DomainError('INVALID_INPUT', 'Enter a UK phone number', [
      { path: ['phone'], message: 'Enter a UK phone number, like 07700 900123' },
    ]);
  const keys = keysFor(address);
  const wait = await secondsToWait(db, keys, now);
  if (wait > 0)
    throw new DomainError(
      'TOO_MANY_ATTEMPTS',
      `You have sent a few requests already. Wait ${Math.ceil(wait / 60)} minutes, or phone the service.`,
    );
  const organisationId = await locateOrganisationByOds(db, input.service);
  if (organisationId === null) throw new DomainError('NOT_FOUND', CONTACT_REFUSED);
  // Counted before storing: every request counts, not only failed ones (the limit is on asking).
  await bump(db, keys.account, FREE_REQUESTS_PER_ADDRESS, now);
  return withTenant(db, { organisationId, actorId: null }, async (tx) => {
    const [row] = await tx
      .insert(contactRequest)
      .values({
        organisationId,
        name: input.name,
        phone,
        consentText: CONTACT_CONSENT,
        urgent: input.urgent,
        createdAt: now.toISOString(),
      })
      .returning({ id: contactRequest.id });
    if (!row) throw new Error('the request was not stored');
    // The duty queue's task, in the same transaction: if it cannot be opened, the request is not kept either and
    // the person is told to phone (HAZ-HLT-019).
    const openedAt = await openDutyContactTask(tx, {
      organisationId,
      contactRequestId: row.id,
      urgent: input.urgent,
      receivedOn: londonDate(now),
      now,
    });
    await tx.update(contactRequest).set({ taskOpenedAt: openedAt }).where(eq(contactRequest.id, row.id));
    return { received: true as const };
  });
}

export interface ContactRequestView {
  id: string;
  name: string;
  phone: string;
  urgent: boolean;
  receivedAt: string;
}

/**
 * The duty queue's open "contact me" requests, urgent first, then oldest first: for clinical staff of the
 * organisation (anyone who works a caseload may be on duty). Not a person's record: no one is identified
 * beyond the name or alias and the number they gave.
 */
export async function openContactRequests(
  db: Database,
  organisationId: string,
  actorId: string,
): Promise<ContactRequestView[]> {
  return withTenant(db, { organisationId, actorId }, async (tx) => {
    const rows = await tx
      .select()
      .from(contactRequest)
      .where(and(eq(contactRequest.organisationId, organisationId), eq(contactRequest.status, 'open')))
      .orderBy(desc(contactRequest.urgent), asc(contactRequest.createdAt))
      .limit(200);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      phone: row.phone,
      urgent: row.urgent,
      receivedAt: new Date(row.createdAt).toISOString(),
    }));
  });
}
