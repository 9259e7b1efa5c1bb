import { PharmacyMemberInput, PharmacyPlaceForm, PharmacyUpdateInput } from '@harbour/domain/ost/pharmacies';
import {
  addPharmacy,
  listPharmacyPlaces,
  placePharmacist,
  removePharmacist,
  updatePharmacy,
} from '../services/pharmacy-places.ts';
import { adminRequest } from './accounts.ts';
import { authorised, createRouter } from '../trpc.ts';

/**
 * Administrators: the organisation's pharmacies and who works at each (issue 10). Every change needs a recent
 * step-up (`account.stepUp`), as changes to accounts do, and is audited (services/pharmacy-places.ts). There is
 * no delete: a pharmacy's plans and dispensing name it for good.
 */
export const pharmaciesRouter = createRouter({
  /** Every pharmacy with its pharmacists, and the pharmacist accounts that may be placed. */
  list: authorised('pharmacies:manage').query(({ ctx }) => listPharmacyPlaces(ctx.db, ctx.actor)),
  add: authorised('pharmacies:manage')
    .input(PharmacyPlaceForm)
    .mutation(({ ctx, input }) => addPharmacy(ctx.db, adminRequest(ctx), input)),
  /** A pharmacy's name and address. */
  update: authorised('pharmacies:manage')
    .input(PharmacyUpdateInput)
    .mutation(({ ctx, input }) => updatePharmacy(ctx.db, adminRequest(ctx), input)),
  /** A pharmacist account of the organisation placed at a pharmacy: its list becomes theirs. */
  place: authorised('pharmacies:manage')
    .input(PharmacyMemberInput)
    .mutation(({ ctx, input }) => placePharmacist(ctx.db, adminRequest(ctx), input)),
  /** A pharmacist removed from a pharmacy: its list is not theirs from the next request. */
  remove: authorised('pharmacies:manage')
    .input(PharmacyMemberInput)
    .mutation(({ ctx, input }) => removePharmacist(ctx.db, adminRequest(ctx), input)),
});
