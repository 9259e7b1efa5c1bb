import { fail } from '@sveltejs/kit';
import { PharmacyPlaceForm } from '@harbour/domain/ost/pharmacies';
import { readForm } from '@harbour/ui/form/read-form';
import { loadPharmacies, refusedChange, requirePharmacies } from '#lib/server/pharmacies.ts';
import { stepUpAction } from '#lib/server/step-up.ts';
import type { Actions, PageServerLoad } from './$types';

/** The organisation's pharmacies with their pharmacists, for administrators, and adding one. */
export const load: PageServerLoad = (event) => loadPharmacies(event);

/** The add form's fields, named as the API names its input. */
const fields = ['name', 'address'];

export const actions: Actions = {
  /** "Confirm it is you": every change needs a step-up in the last 5 minutes, as changes to accounts do. */
  stepUp: async (event) => {
    requirePharmacies(event);
    return stepUpAction(event);
  },

  add: async (event) => {
    requirePharmacies(event);
    const read = readForm(await event.request.formData(), PharmacyPlaceForm);
    if (!read.ok) return fail(400, { action: 'add', ...read.failure });
    try {
      const { pharmacyId } = await event.locals.api.pharmacies.add.mutate(read.data);
      return { action: 'add', added: { pharmacyId, name: read.data.name } };
    } catch (cause) {
      return refusedChange(event, cause, 'add', read.values, fields);
    }
  },
};
