import type { EventDetails, EventPayload } from '../events.ts';
import type { OpenTask, TaskEvent, TaskToOpen } from './task.ts';

/**
 * Fixtures for the task, naloxone and case-review tests: events for the personas of workflows.md (Kayleigh,
 * released from prison; Dean, on methadone), with ids that say what they are.
 */
export const id = (n: number): string => `0190a6b2-0000-7000-8000-${String(n).padStart(12, '0')}`;
export const kayleigh = id(1);
export const dean = id(2);

let next = 1000;

/** An event for `personId` on `occurredOn`; a fresh id unless one is given. */
export function event<T extends EventPayload['type']>(
  type: T,
  occurredOn: string,
  details: EventDetails<T>,
  options: { personId?: string; id?: string } = {},
): TaskEvent {
  // The payload is built from its own type and details, which match by construction.
  const payload = { type, details } as EventPayload;
  return { id: options.id ?? id(next++), personId: options.personId ?? kayleigh, occurredOn, ...payload };
}

export const release = (on: string, personId = kayleigh): TaskEvent =>
  event('prison_release', on, { establishment: null }, { personId });

export const overdose = (
  on: string,
  source: EventDetails<'non_fatal_overdose'>['source'] = 'ambulance',
  personId = kayleigh,
): TaskEvent => event('non_fatal_overdose', on, { source, naloxoneGiven: true }, { personId });

export const supply = (
  on: string,
  expiresOn: string,
  options: { id?: string; personId?: string } = {},
): TaskEvent =>
  event(
    'naloxone_supply',
    on,
    {
      product: 'nyxoid',
      recipient: 'person',
      supplyType: 'first',
      repeatReason: null,
      trainingGiven: true,
      expiresOn,
    },
    options,
  );

export const contact = (on: string, attended = true, personId = kayleigh): TaskEvent =>
  event('contact', on, { mode: 'face_to_face', attended }, { personId });

/** Stores tasks as open tasks with ids, as the service would. */
export function stored(tasks: readonly TaskToOpen[], from = 5000): OpenTask[] {
  return tasks.map((t, i) => ({ ...t, id: id(from + i) }));
}

export const byKind = <T extends { kind: string }>(tasks: readonly T[]): Partial<Record<string, T>> =>
  Object.fromEntries(tasks.map((t) => [t.kind, t]));
