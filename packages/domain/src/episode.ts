import { z } from 'zod';
import { CalendarDate, Id } from './ids.ts';

/** Where an episode is in its life. `referred` → `active` → `discharged` (never deleted). */
export const episodeStatuses = ['referred', 'active', 'discharged'] as const;
export const EpisodeStatus = z.enum(episodeStatuses);
export type EpisodeStatus = z.infer<typeof EpisodeStatus>;

/** Why an episode ended (NDTMS-style). An unplanned discharge is never automatic (ost.md). */
export const dischargeReasons = [
  'treatment_completed',
  'transferred',
  'dropped_out',
  'moved_away',
  'prison',
  'died',
  'other',
] as const;
export const DischargeReason = z.enum(dischargeReasons);
export type DischargeReason = z.infer<typeof DischargeReason>;

/** One period in structured treatment, from referral to discharge, held by a team and a keyworker. */
export const TreatmentEpisode = z
  .strictObject({
    id: Id,
    organisationId: Id,
    personId: Id,
    serviceId: Id,
    teamId: Id,
    keyworkerId: Id.nullable(),
    status: EpisodeStatus,
    referredOn: CalendarDate,
    startedOn: CalendarDate.nullable(),
    endedOn: CalendarDate.nullable(),
    dischargeReason: DischargeReason.nullable(),
    version: z.int().positive(),
  })
  .refine((e) => e.startedOn === null || e.startedOn >= e.referredOn, {
    message: 'treatment cannot start before referral',
    path: ['startedOn'],
  })
  .refine((e) => e.endedOn === null || e.endedOn >= (e.startedOn ?? e.referredOn), {
    message: 'an episode cannot end before it starts',
    path: ['endedOn'],
  })
  .refine((e) => (e.status === 'discharged') === (e.endedOn !== null && e.dischargeReason !== null), {
    message: 'a discharged episode has an end date and a reason, and only a discharged one does',
    path: ['status'],
  });
export type TreatmentEpisode = z.infer<typeof TreatmentEpisode>;
