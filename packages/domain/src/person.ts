import { z } from 'zod';
import { CalendarDate, Id, PersonReference } from './ids.ts';

/** Sex as recorded (the risk model's MALE factor reads `male`). */
export const sexes = ['female', 'male', 'intersex', 'not_stated'] as const;
export const Sex = z.enum(sexes);
export type Sex = z.infer<typeof Sex>;

/**
 * A person who uses the service. Staff quote `reference`, never the name, outside the record itself; names and
 * dates of birth never leave the record (not in logs, URLs, audit rows or error messages).
 */
export const Person = z.strictObject({
  id: Id,
  organisationId: Id,
  reference: PersonReference,
  givenName: z.string().min(1).max(100),
  familyName: z.string().min(1).max(100),
  dateOfBirth: CalendarDate,
  sex: Sex,
  version: z.int().positive(),
});
export type Person = z.infer<typeof Person>;

/** The age in whole years on `asOf` (both calendar dates), as clinicians count it. */
export function ageOn(dateOfBirth: CalendarDate, asOf: CalendarDate): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ay, am, ad] = asOf.split('-').map(Number) as [number, number, number];
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}
