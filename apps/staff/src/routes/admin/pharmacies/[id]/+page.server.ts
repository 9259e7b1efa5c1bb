import { error, fail } from '@sveltejs/kit';
import { PharmacyPlaceForm, PlacePharmacistForm } from '@harbour/domain/ost/pharmacies';
import { readForm, textOf } from '@harbour/ui/form/read-form';
import { loadPharmacies, refusedChange, requirePharmacies } from '#lib/server/pharmacies.ts';
import { stepUpAction } from '#lib/server/step-up.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * One pharmacy, for administrators: its name and address to change, its pharmacists (each removed after a
 * confirmation, `?remove=<their id>`), and a pharmacist account to place there.
 */
export const load: PageServerLoad = async (event) => {
  const { pharmacies, pharmacists, steppedUpUntil } = await loadPharmacies(event);
  const place = pharmacies.find((p) => p.id === event.params.id);
  if (place === undefined) error(404, 'We could not find this pharmacy');
  const here = new Set(place.pharmacists.map((p) => p.staffId));
  const removing = place.pharmacists.find((p) => p.staffId === event.url.searchParams.get('remove')) ?? null;
  return {
    place,
    // Those who may be placed: the organisation's active pharmacist accounts not already here.
    candidates: pharmacists
      .filter((p) => p.active && !here.has(p.staffId))
      .map((p) => ({ value: p.staffId, label: p.displayName })),
    removing,
    steppedUpUntil,
  };
};

/** The account a form names (a hidden field or a select); null when the form was tampered with. */
function staffIdOf(form: FormData): string | null {
  const read = PlacePharmacistForm.safeParse({ staffId: textOf(form, 'staffId') });
  return read.success ? read.data.staffId : null;
}

export const actions: Actions = {
  stepUp: async (event) => {
    requirePharmacies(event);
    return stepUpAction(event);
  },

  update: async (event) => {
    requirePharmacies(event);
    const read = readForm(await event.request.formData(), PharmacyPlaceForm);
    if (!read.ok) return fail(400, { action: 'update', ...read.failure });
    try {
      const { changed } = await event.locals.api.pharmacies.update.mutate({
        pharmacyId: event.params.id,
        ...read.data,
      });
      return { action: 'update', done: changed ? 'changed' : 'unchanged' };
    } catch (cause) {
      return refusedChange(event, cause, 'update', read.values, ['name', 'address']);
    }
  },

  place: async (event) => {
    requirePharmacies(event);
    const read = readForm(await event.request.formData(), PlacePharmacistForm);
    if (!read.ok) return fail(400, { action: 'place', ...read.failure });
    try {
      await event.locals.api.pharmacies.place.mutate({ pharmacyId: event.params.id, ...read.data });
      return { action: 'place', done: 'placed' };
    } catch (cause) {
      return refusedChange(event, cause, 'place', read.values, ['staffId']);
    }
  },

  remove: async (event) => {
    requirePharmacies(event);
    const staffId = staffIdOf(await event.request.formData());
    if (staffId === null)
      return fail(400, {
        action: 'remove',
        values: undefined,
        problems: [{ field: null, message: 'Choose a pharmacist to remove' }],
      });
    try {
      await event.locals.api.pharmacies.remove.mutate({ pharmacyId: event.params.id, staffId });
      return { action: 'remove', done: 'removed' };
    } catch (cause) {
      return refusedChange(event, cause, 'remove', undefined);
    }
  },
};
