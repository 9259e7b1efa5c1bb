import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { ClinicalEventType } from '../events.ts';
import { CalendarDate, Id } from '../ids.ts';
import { parseInput } from '../tasks/input.ts';
import { singleLine } from '../text.ts';

/**
 * A service's overdose-risk protocol (workflows.md "Overdose-risk protocol and staff competency"): checklists
 * for the moments staff act on overdose risk, shown where they act (the transition's tasks, the overdose form,
 * the naloxone supply form). Versioned: a service's edit is a new version from a date, never a change to the
 * one in force, so a record can say which checklist staff had in front of them.
 */
export const protocolSituations = [
  'after_overdose',
  'prison_release',
  'hospital_discharge',
  'ost_start',
  'ost_exit',
  'detox_completion',
  'naloxone_supply',
] as const;
export const ProtocolSituation = z.enum(protocolSituations);
export type ProtocolSituation = z.infer<typeof ProtocolSituation>;

export const protocolSituationLabels: Readonly<Record<ProtocolSituation, string>> = {
  after_overdose: 'After an overdose',
  prison_release: 'On release from prison',
  hospital_discharge: 'After hospital discharge',
  ost_start: 'Starting OST',
  ost_exit: 'Leaving OST',
  detox_completion: 'After detox or residential treatment',
  naloxone_supply: 'Supplying naloxone',
};

/** Where each checklist is shown: the event whose form or tasks it goes with. */
export const situationForEvent: Readonly<Partial<Record<ClinicalEventType, ProtocolSituation>>> = {
  non_fatal_overdose: 'after_overdose',
  prison_release: 'prison_release',
  hospital_discharge: 'hospital_discharge',
  ost_start: 'ost_start',
  ost_exit: 'ost_exit',
  detox_completion: 'detox_completion',
  naloxone_supply: 'naloxone_supply',
};

export const ProtocolItem = z.strictObject({
  /** Stable within the protocol, so a record can say which items were done. */
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case words joined by hyphens')
    .max(60),
  text: singleLine({ min: 1, max: 300 }),
});
export type ProtocolItem = z.infer<typeof ProtocolItem>;

const unique = <T>(values: readonly T[]): boolean => new Set(values).size === values.length;

export const ProtocolChecklist = z
  .strictObject({ situation: ProtocolSituation, items: z.array(ProtocolItem).min(1).max(30) })
  .refine((c) => unique(c.items.map((i) => i.id)), {
    message: 'each item needs its own id',
    path: ['items'],
  });
export type ProtocolChecklist = z.infer<typeof ProtocolChecklist>;

const checklists = z
  .array(ProtocolChecklist)
  .min(1)
  .max(protocolSituations.length)
  .refine((list) => unique(list.map((c) => c.situation)), {
    message: 'one checklist per situation',
  });

export const OverdoseProtocol = z.strictObject({
  /** `null`: Harbour's default, in force for a service that has written none. */
  serviceId: Id.nullable(),
  version: z.int().positive(),
  /** In force from this day until a later version's. */
  effectiveFrom: CalendarDate,
  checklists,
});
export type OverdoseProtocol = z.infer<typeof OverdoseProtocol>;

const item = (id: string, text: string): ProtocolItem => ({ id, text });

/** Harbour's default, from drd-risk.md, workflows.md and ost.md. A service edits it into its own version 1. */
export const defaultOverdoseProtocol: OverdoseProtocol = {
  serviceId: null,
  version: 1,
  effectiveFrom: '2026-01-01',
  checklists: [
    {
      situation: 'after_overdose',
      items: [
        item('follow-up', 'Follow up within 1 working day, or the same day if they told us themselves'),
        item('what-happened', 'Ask what happened: what was used, whether alone, who gave naloxone'),
        item('naloxone', 'Resupply naloxone with training; offer a kit for family or friends'),
        item('dose-review', 'Prescriber reviews the dose and any benzodiazepine, gabapentinoid or Z-drug'),
        item(
          'safety-plan',
          'Update the safety plan: who to call, where they use, what they want in an emergency',
        ),
        item('repeat', 'A second overdose within 90 days: tell the team lead and bring to case review'),
      ],
    },
    {
      situation: 'prison_release',
      items: [
        item('contact', 'Contact within 2 days of release'),
        item('naloxone', 'Naloxone on release, with training'),
        item('prescribing', 'Community prescribing appointment within 21 days'),
        item('tolerance', 'Explain that tolerance is lower after custody: the old amount can kill'),
        item('keep-in-touch', 'Agree how to keep in touch over the first 2 weeks'),
      ],
    },
    {
      situation: 'hospital_discharge',
      items: [
        item('contact', 'Contact within 1 working day; the same day if they left against medical advice'),
        item('medicines', 'Check the discharge medicines for new opioids or sedatives'),
        item('naloxone', 'Naloxone held and in date'),
      ],
    },
    {
      situation: 'ost_start',
      items: [
        item('induction-review', 'Methadone: prescriber review within the first week, as the dose builds up'),
        item('naloxone', 'Naloxone held and in date'),
        item('on-top', 'Explain the danger of using on top of a new prescription'),
      ],
    },
    {
      situation: 'ost_exit',
      items: [
        item('naloxone', 'Naloxone supplied and in date'),
        item('contact-plan', 'A contact plan for the next 4 weeks'),
        item('come-back', 'How to come back quickly'),
        item('gp', 'GP informed'),
      ],
    },
    {
      situation: 'detox_completion',
      items: [
        item('contact', 'Contact within 2 days'),
        item('naloxone', 'Naloxone on leaving, with training'),
        item('tolerance', 'Explain that tolerance is gone after detox: a first use can kill'),
      ],
    },
    {
      situation: 'naloxone_supply',
      items: [
        item(
          'training',
          'Training: spotting an overdose, calling 999, giving naloxone, the recovery position',
        ),
        item('expiry', 'Record the expiry date: a reminder opens 28 days before it'),
      ],
    },
  ],
};

/**
 * The protocol in force on `on` for a service: the highest version of its own whose `effectiveFrom` has come,
 * or Harbour's default when it has none in force yet.
 */
export function protocolInForce(versions: readonly OverdoseProtocol[], on: CalendarDate): OverdoseProtocol {
  let best: OverdoseProtocol | null = null;
  for (const v of versions)
    if (v.effectiveFrom <= on && (best === null || v.version > best.version)) best = v;
  return best ?? defaultOverdoseProtocol;
}

/** The checklist for a situation, or `null` when the protocol has none for it. */
export function checklistFor(
  protocol: OverdoseProtocol,
  situation: ProtocolSituation,
): ProtocolChecklist | null {
  return protocol.checklists.find((c) => c.situation === situation) ?? null;
}

export const ProtocolEdit = z.strictObject({ effectiveFrom: CalendarDate, checklists });
export type ProtocolEdit = z.infer<typeof ProtocolEdit>;

/**
 * A service's edit as its next version: one more than its latest (1 for its first), in force from a day that is
 * neither in the past nor before its latest version's, so what staff saw on a day never changes afterwards.
 */
export function nextProtocolVersion(
  serviceId: string,
  versions: readonly OverdoseProtocol[],
  edit: ProtocolEdit,
  today: CalendarDate,
): OverdoseProtocol {
  const { effectiveFrom, checklists: lists } = parseInput(ProtocolEdit, edit, ['edit']);
  const own = versions.filter((v) => v.serviceId === serviceId);
  const latest = own.reduce<OverdoseProtocol | null>(
    (a, v) => (a === null || v.version > a.version ? v : a),
    null,
  );
  const earliest = latest !== null && latest.effectiveFrom > today ? latest.effectiveFrom : today;
  if (effectiveFrom < earliest)
    throw new DomainError('RULE_REFUSED', `A new version can take effect from ${earliest} at the earliest`, [
      { path: ['edit', 'effectiveFrom'], message: `Choose ${earliest} or later` },
    ]);
  return { serviceId, version: (latest?.version ?? 0) + 1, effectiveFrom, checklists: lists };
}
