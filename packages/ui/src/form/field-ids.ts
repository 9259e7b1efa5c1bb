// The ids that tie a field's parts together, as the NHS.UK design system names them: the input's own id (which
// the error summary links to), `<id>-hint` and `<id>-error` for the texts that describe it.

/** The ids describing a field, for `aria-describedby`; undefined when there are none. */
export function describedBy(...ids: readonly (string | false | null | undefined)[]): string | undefined {
  const present = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return present.length > 0 ? present.join(' ') : undefined;
}

/**
 * The id of a group's option (radios, checkboxes): the first has the group's own id, so that the error summary's
 * link lands on it; the rest are `<id>-2`, `<id>-3` and so on (NHS.UK).
 */
export function optionId(id: string, index: number): string {
  return index === 0 ? id : `${id}-${index + 1}`;
}

/** Label and legend sizes of the NHS.UK design system (`nhsuk-label--s`, `nhsuk-fieldset__legend--m`, …). */
export type TextSize = 's' | 'm' | 'l' | 'xl';
