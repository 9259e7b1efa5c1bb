import { clockTime, dayOf } from './health-words.ts';

export interface SlotLike {
  slotId: string;
  startsAt: string;
  endsAt: string;
  clinicName: string;
  place: string;
}

/** Times to choose from, as radio options: "Monday 7 December 2026, 9:00am to 9:20am", the clinic as a hint. */
export function slotOptions(slots: readonly SlotLike[]): { value: string; label: string; hint: string }[] {
  return slots.map((s) => ({
    value: s.slotId,
    label: `${dayOf(s.startsAt)}, ${clockTime(s.startsAt)} to ${clockTime(s.endsAt)}`,
    hint: `${s.clinicName}, ${s.place}`,
  }));
}
