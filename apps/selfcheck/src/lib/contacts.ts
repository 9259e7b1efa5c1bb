/** A phone number to call for help, written as people say it (UK spacing). */
export interface HelpLine {
  /** The link text: who to call, with the number. */
  label: string;
  number: string;
  /** When to call, in plain English (reading age about 9). */
  when: string;
}

/** The crisis contacts on every self-check page that needs them, most urgent last (read top to bottom). */
export const helpLines: readonly HelpLine[] = [
  {
    label: 'Samaritans on 116 123',
    number: '116 123',
    when: 'to talk to someone, day or night. It is free.',
  },
  { label: 'NHS 111', number: '111', when: 'if you need help fast but it is not an emergency.' },
  { label: '999', number: '999', when: 'in an emergency, if someone’s life is in danger.' },
];

/**
 * The `tel:` link for a number as written ("116 123" → "tel:116123"), so a phone can dial it with one tap.
 * Anything but digits, spaces and a leading + is refused: these links are for the numbers above only.
 */
export function telHref(number: string): `tel:${string}` {
  if (!/^\+?[\d ]+$/.test(number.trim())) throw new Error(`not a phone number: ${number}`);
  return `tel:${number.replace(/ /g, '')}`;
}
