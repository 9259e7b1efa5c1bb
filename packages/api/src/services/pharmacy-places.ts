import type { Actor } from '@harbour/domain/access/policy';
import { DomainError, notFound } from '@harbour/domain/errors';
import {
  normalisePlaceText,
  pharmacyPlaceKey,
  type PharmacyMemberInput,
  type PharmacyPlaceForm,
  type PharmacyUpdateInput,
} from '@harbour/domain/ost/pharmacies';
import { staffRoleLabels } from '@harbour/domain/staff';
import type { Database, Transaction } from '@harbour/db/client';
import { ostPlan, pharmacy, pharmacyMembership } from '@harbour/db/schema/ost';
import { staff } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { and, asc, count, eq, ne } from 'drizzle-orm';
import { administer, findAccount, refusedBecause, type AdminRequest } from './administration.ts';

/**
 * The organisation's pharmacies as places (issue 10), for administrators (`pharmacies:manage`): the list with
 * each pharmacy's pharmacists, adding and editing a pharmacy, and placing a pharmacist at one or removing them.
 * Each change is an administrator's action (administration.ts): after a step-up, under the tenant, audited with
 * the pharmacy's id and, for a placement, the pharmacist's account. A pharmacist's list reads the memberships
 * live (pharmacy.ts, and row-level security), so a removal ends their list at once. A pharmacy is never deleted:
 * plan versions and dispensing rows name it for good (docs/ost-rules.md "Pharmacies").
 */

export interface PharmacyPlace {
  id: string;
  name: string;
  address: string;
  /** The pharmacists placed here, by name. */
  pharmacists: { staffId: string; displayName: string; active: boolean }[];
  /** How many people have a current plan here (a count only: administrators see no one's record). */
  currentPlans: number;
}

export interface PharmacyPlaces {
  pharmacies: PharmacyPlace[];
  /** Every pharmacist account of the organisation, by name: those who may be placed. */
  pharmacists: { staffId: string; displayName: string; active: boolean }[];
}

export const PLACE_TAKEN = 'There is already a pharmacy with this name and address in your organisation.';
export const NOT_A_PHARMACIST = 'Only a pharmacist account can be placed at a pharmacy.';
export const PHARMACIST_DISABLED = 'This account is disabled: enable it before placing it at a pharmacy.';
export const ALREADY_PLACED = 'This pharmacist already works at this pharmacy.';
export const NOT_PLACED = 'This pharmacist does not work at this pharmacy.';

const tenantOf = (actor: Actor) => ({ organisationId: actor.organisationId, actorId: actor.staffId });

/** The organisation's pharmacies, by name, each with its pharmacists, and the pharmacist accounts. */
export async function listPharmacyPlaces(db: Database, actor: Actor): Promise<PharmacyPlaces> {
  const organisationId = actor.organisationId;
  return withTenant(db, tenantOf(actor), async (tx) => {
    const places = await tx
      .select({ id: pharmacy.id, name: pharmacy.name, address: pharmacy.address })
      .from(pharmacy)
      .where(eq(pharmacy.organisationId, organisationId))
      .orderBy(asc(pharmacy.name), asc(pharmacy.address));
    const members = await tx
      .select({
        pharmacyId: pharmacyMembership.pharmacyId,
        staffId: staff.id,
        displayName: staff.displayName,
        active: staff.active,
      })
      .from(pharmacyMembership)
      .innerJoin(staff, eq(staff.id, pharmacyMembership.staffId))
      .where(eq(pharmacyMembership.organisationId, organisationId))
      .orderBy(asc(staff.displayName));
    const plans = await tx
      .select({ pharmacyId: ostPlan.pharmacyId, n: count() })
      .from(ostPlan)
      .where(and(eq(ostPlan.organisationId, organisationId), ne(ostPlan.phase, 'ended')))
      .groupBy(ostPlan.pharmacyId);
    const pharmacists = await tx
      .select({ staffId: staff.id, displayName: staff.displayName, active: staff.active })
      .from(staff)
      .where(and(eq(staff.organisationId, organisationId), eq(staff.role, 'pharmacist')))
      .orderBy(asc(staff.displayName));
    return {
      pharmacies: places.map((place) => ({
        ...place,
        pharmacists: members
          .filter((m) => m.pharmacyId === place.id)
          .map(({ staffId, displayName, active }) => ({ staffId, displayName, active })),
        currentPlans: plans.find((p) => p.pharmacyId === place.id)?.n ?? 0,
      })),
      pharmacists,
    };
  });
}

/** The pharmacy `pharmacyId` of the actor's organisation, or not found. */
async function findPharmacy(tx: Transaction, actor: Actor, pharmacyId: string) {
  const [found] = await tx
    .select({ id: pharmacy.id, name: pharmacy.name, address: pharmacy.address })
    .from(pharmacy)
    .where(and(eq(pharmacy.id, pharmacyId), eq(pharmacy.organisationId, actor.organisationId)));
  if (!found) throw notFound('Pharmacy');
  return found;
}

/**
 * Refuses a name and address another pharmacy of the organisation already has (in any case, white space
 * normalised). The unique index behind it catches two administrators adding the same place at once.
 */
const placeTaken = () =>
  refusedBecause(
    'duplicate place',
    new DomainError('CONFLICT', PLACE_TAKEN, [{ path: ['name'], message: PLACE_TAKEN }]),
  );

/**
 * Runs a write of a pharmacy's name and address; a place taken meanwhile by another administrator's write
 * (the unique index `pharmacy_organisation_place_unique`, which the check before it cannot see until that write
 * commits) is refused as the check refuses it, not a server error.
 */
export async function writingPlace<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    if (cause instanceof Error && /pharmacy_organisation_place_unique/.test(cause.message))
      throw placeTaken();
    throw error;
  }
}

async function refuseTaken(tx: Transaction, actor: Actor, place: PharmacyPlaceForm, except: string | null) {
  const key = pharmacyPlaceKey(place);
  const others = await tx
    .select({ id: pharmacy.id, name: pharmacy.name, address: pharmacy.address })
    .from(pharmacy)
    .where(eq(pharmacy.organisationId, actor.organisationId));
  if (others.some((other) => other.id !== except && pharmacyPlaceKey(other) === key)) throw placeTaken();
}

const stored = (place: PharmacyPlaceForm) => ({
  name: normalisePlaceText(place.name),
  address: normalisePlaceText(place.address),
});

/** Adds a pharmacy to the organisation. */
export async function addPharmacy(
  db: Database,
  request: AdminRequest,
  input: PharmacyPlaceForm,
): Promise<{ pharmacyId: string }> {
  const { actor } = request;
  return administer(
    db,
    request,
    { action: 'pharmacy_create', procedure: 'pharmacies.add', targetStaffId: null },
    async (tx) => {
      await refuseTaken(tx, actor, input, null);
      const [created] = await writingPlace(() =>
        tx
          .insert(pharmacy)
          .values({ organisationId: actor.organisationId, ...stored(input) })
          .returning({ id: pharmacy.id }),
      );
      if (!created) throw new Error('pharmacy row not written');
      return {
        result: { pharmacyId: created.id },
        targetStaffId: null,
        changes: { pharmacy: { id: created.id, fields: ['name', 'address'] } },
      };
    },
  );
}

/**
 * Changes a pharmacy's name or address (a move of premises, a new name). Plans at it stay at it: a different
 * pharmacy is a new one, and a prescriber moves each plan there with a new version.
 */
export async function updatePharmacy(
  db: Database,
  request: AdminRequest,
  input: PharmacyUpdateInput,
): Promise<{ changed: boolean }> {
  const { actor } = request;
  return administer(
    db,
    request,
    { action: 'pharmacy_update', procedure: 'pharmacies.update', targetStaffId: null },
    async (tx) => {
      const before = await findPharmacy(tx, actor, input.pharmacyId);
      const after = stored(input);
      const fields = (['name', 'address'] as const).filter((field) => before[field] !== after[field]);
      if (fields.length > 0) {
        await refuseTaken(tx, actor, input, before.id);
        await writingPlace(() =>
          tx
            .update(pharmacy)
            .set(after)
            .where(and(eq(pharmacy.id, before.id), eq(pharmacy.organisationId, actor.organisationId))),
        );
      }
      return {
        result: { changed: fields.length > 0 },
        targetStaffId: null,
        changes: { pharmacy: { id: before.id, fields } },
      };
    },
  );
}

/** Places a pharmacist (an active pharmacist account of the organisation) at a pharmacy: its list is theirs. */
export async function placePharmacist(
  db: Database,
  request: AdminRequest,
  input: PharmacyMemberInput,
): Promise<{ placed: true }> {
  const { actor } = request;
  return administer(
    db,
    request,
    { action: 'pharmacist_place', procedure: 'pharmacies.place', targetStaffId: input.staffId },
    async (tx) => {
      const place = await findPharmacy(tx, actor, input.pharmacyId);
      const account = await findAccount(tx, actor, input.staffId);
      if (account.role !== 'pharmacist')
        throw refusedBecause(
          'not a pharmacist',
          new DomainError(
            'INVALID_INPUT',
            `${NOT_A_PHARMACIST} This account's role is ${staffRoleLabels[account.role].toLowerCase()}.`,
            [{ path: ['staffId'], message: NOT_A_PHARMACIST }],
          ),
        );
      if (!account.active)
        throw refusedBecause(
          'account disabled',
          new DomainError('INVALID_INPUT', PHARMACIST_DISABLED, [
            { path: ['staffId'], message: PHARMACIST_DISABLED },
          ]),
        );
      const [placed] = await tx
        .insert(pharmacyMembership)
        .values({ organisationId: actor.organisationId, pharmacyId: place.id, staffId: account.id })
        .onConflictDoNothing()
        .returning({ staffId: pharmacyMembership.staffId });
      if (!placed) throw refusedBecause('already placed', new DomainError('CONFLICT', ALREADY_PLACED));
      return {
        result: { placed: true as const },
        targetStaffId: account.id,
        changes: { pharmacy: { id: place.id, pharmacist: 'placed' as const } },
      };
    },
  );
}

/** Removes a pharmacist from a pharmacy: from the next request on, its people are not on their list. */
export async function removePharmacist(
  db: Database,
  request: AdminRequest,
  input: PharmacyMemberInput,
): Promise<{ removed: true }> {
  const { actor } = request;
  return administer(
    db,
    request,
    { action: 'pharmacist_remove', procedure: 'pharmacies.remove', targetStaffId: input.staffId },
    async (tx) => {
      const place = await findPharmacy(tx, actor, input.pharmacyId);
      const [removed] = await tx
        .delete(pharmacyMembership)
        .where(
          and(
            eq(pharmacyMembership.organisationId, actor.organisationId),
            eq(pharmacyMembership.pharmacyId, place.id),
            eq(pharmacyMembership.staffId, input.staffId),
          ),
        )
        .returning({ staffId: pharmacyMembership.staffId });
      if (!removed) throw refusedBecause('not placed', new DomainError('NOT_FOUND', NOT_PLACED));
      return {
        result: { removed: true as const },
        targetStaffId: removed.staffId,
        changes: { pharmacy: { id: place.id, pharmacist: 'removed' as const } },
      };
    },
  );
}
