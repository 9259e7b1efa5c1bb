import type { Snippet } from 'svelte';
import type { TextSize } from './field-ids.ts';
import type { FormAnswer } from './problems.ts';

/** What every labelled field of the shared components takes. */
export interface FieldProps {
  /** The name the value is posted under; also the input's id unless `id` says otherwise. */
  name: string;
  /** The input's id, which the error summary links to (the same as the problem's `field`). */
  id?: string;
  label: string;
  hint?: string | undefined;
  /**
   * The action's answer to a refused post (the page's `form`, or the part of it for this form): the field finds
   * its value to show again and its problem there, by name and id.
   */
  form?: FormAnswer | null | undefined;
  /** The message beside the field, instead of the one in `form`. */
  error?: string | undefined;
  /** Label size (NHS.UK): bold (`s`) by default, as both portals show their labels; `l` as a page heading. */
  labelSize?: TextSize;
  /** The label is the page's heading, for a page that asks one question. */
  pageHeading?: boolean;
}

/** The HTML attributes a field manages itself, which callers may not set. */
export type ManagedAttributes =
  | 'id'
  | 'name'
  | 'class'
  | 'form'
  | 'value'
  | 'defaultValue'
  | 'type'
  | 'aria-describedby'
  | 'aria-invalid'
  | 'children';

/** One option of a group of radios or checkboxes. */
export interface ChoiceOption {
  value: string;
  label: string;
  /** A hint under this option's label. */
  hint?: string;
  /**
   * More questions shown under this option while it is chosen (NHS.UK conditional reveal). Revealed by CSS, not
   * script (`reveal.css`), so it works without JavaScript.
   */
  conditional?: Snippet;
}

/** What a group of radios or checkboxes takes besides its options. */
export interface GroupProps {
  name: string;
  /** The first option's id, which the error summary links to; the rest are `<id>-2`, `<id>-3`, … */
  id?: string;
  hint?: string | undefined;
  form?: FormAnswer | null | undefined;
  error?: string | undefined;
  options: readonly ChoiceOption[];
  /** Side by side, for two or three short options ("Yes", "No"). */
  inline?: boolean;
  /** Smaller controls, for a dense page (a table's filters). */
  small?: boolean;
}
