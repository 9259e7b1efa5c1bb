import { z } from 'zod';
import { Id } from '../ids.ts';
import { singleLine } from '../text.ts';

/**
 * The organisation's pharmacies as places (issue 10): a name and an address, and which pharmacists work at each.
 * Administrators add and edit them and place pharmacists there (`pharmacies:manage`); a pharmacist's list is
 * the people with a current plan at a pharmacy they are placed at, read live, so a removal ends it at once.
 * A pharmacy is never deleted: plan versions and dispensing rows name it for good (docs/ost-rules.md).
 */

/** The name and address of a pharmacy, as the administrator types them. */
export const PharmacyPlaceForm = z.strictObject({
  name: singleLine({
    min: 1,
    max: 120,
    tooShort: 'Enter the pharmacy’s name',
    tooLong: 'Use no more than 120 characters for the name',
  }),
  address: singleLine({
    min: 1,
    max: 300,
    tooShort: 'Enter the pharmacy’s address',
    tooLong: 'Use no more than 300 characters for the address',
  }),
});
export type PharmacyPlaceForm = z.infer<typeof PharmacyPlaceForm>;

/** An edit of a pharmacy's name and address. */
export const PharmacyUpdateInput = PharmacyPlaceForm.extend({ pharmacyId: Id });
export type PharmacyUpdateInput = z.infer<typeof PharmacyUpdateInput>;

/** A pharmacist placed at, or removed from, a pharmacy. */
export const PharmacyMemberInput = z.strictObject({ pharmacyId: Id, staffId: Id });
export type PharmacyMemberInput = z.infer<typeof PharmacyMemberInput>;

/** The portal's "place a pharmacist" form: the account chosen. */
export const PlacePharmacistForm = z.strictObject({ staffId: z.uuid({ error: 'Choose a pharmacist' }) });

/**
 * A name or address as stored and compared: white space trimmed and runs of it made one space, so "12  Quay
 * Street" and "12 Quay Street" are one place. Two pharmacies of an organisation may not share both (any case).
 */
export function normalisePlaceText(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** The key two pharmacies must not share: name and address, normalised, in any case. */
export function pharmacyPlaceKey(place: { name: string; address: string }): string {
  return `${normalisePlaceText(place.name).toLowerCase()}\n${normalisePlaceText(place.address).toLowerCase()}`;
}
