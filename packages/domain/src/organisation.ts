import { z } from 'zod';
import { Id } from './ids.ts';

/** A provider organisation (a charity or NHS trust): the tenant. Every tenant row carries its id. */
export const Organisation = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
  /** NHS Organisation Data Service code, where the provider has one. */
  odsCode: z
    .string()
    .regex(/^[A-Z0-9]{3,10}$/)
    .nullable(),
});
export type Organisation = z.infer<typeof Organisation>;

/** A service the organisation runs in one area (e.g. "Northshire Recovery Service"). */
export const Service = z.strictObject({
  id: Id,
  organisationId: Id,
  name: z.string().min(1).max(200),
});
export type Service = z.infer<typeof Service>;

/** A team within a service: the unit that holds a caseload. */
export const Team = z.strictObject({
  id: Id,
  organisationId: Id,
  serviceId: Id,
  name: z.string().min(1).max(200),
});
export type Team = z.infer<typeof Team>;
