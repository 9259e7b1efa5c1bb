import { z } from 'zod';
import { DomainError } from '../errors.ts';
import type { ClinicalEventType } from '../events.ts';
import { CalendarDate, Id } from '../ids.ts';
import { formatLongDate } from '../risk/day-number.ts';
import { parseInput } from '../tasks/input.ts';
import type { TaskKind } from '../tasks/kinds.ts';
import { multiLine, singleLine } from '../text.ts';

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

/** The checklist each kind of task is part of: shown beside the task where staff complete it. */
export const situationForTaskKind: Readonly<Partial<Record<TaskKind, ProtocolSituation>>> = {
  overdose_follow_up: 'after_overdose',
  dose_review: 'after_overdose',
  repeat_overdose_review: 'after_overdose',
  release_contact: 'prison_release',
  release_prescribing: 'prison_release',
  discharge_contact: 'hospital_discharge',
  induction_review: 'ost_start',
  exit_contact: 'ost_exit',
  exit_gp_letter: 'ost_exit',
  detox_contact: 'detox_completion',
  naloxone_supply: 'naloxone_supply',
};

export const ProtocolItem = z.strictObject({
  /** Stable within the protocol, so a record can say which items were done. */
  id: singleLine({
    min: 1,
    max: 60,
    pattern: { regex: /^[a-z0-9]+(-[a-z0-9]+)*$/, message: 'use lower-case words joined by hyphens' },
  }),
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

/** Whose protocol staff are shown, in words: the service's version and its day, or Harbour's default. */
export function protocolSourceLabel(protocol: OverdoseProtocol): string {
  return protocol.serviceId === null
    ? 'Harbour’s default checklists (your service has not published its own)'
    : `Your service’s checklists, version ${protocol.version}, in force from ${formatLongDate(protocol.effectiveFrom)}`;
}

/** The checklist for a situation, or `null` when the protocol has none for it. */
export function checklistFor(
  protocol: { readonly checklists: readonly ProtocolChecklist[] },
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
  /**
   * The latest version the edit started from (0: none). Given, a change made from an older one is refused: it
   * would silently undo whatever the newer version changed.
   */
  basedOn?: number,
): OverdoseProtocol {
  const { effectiveFrom, checklists: lists } = parseInput(ProtocolEdit, edit, ['edit']);
  const own = versions.filter((v) => v.serviceId === serviceId);
  const latest = own.reduce<OverdoseProtocol | null>(
    (a, v) => (a === null || v.version > a.version ? v : a),
    null,
  );
  if (basedOn !== undefined && basedOn !== (latest?.version ?? 0))
    throw new DomainError(
      'CONFLICT',
      `Version ${latest?.version ?? 0} was published after you started this change. Reload the page to see it, then make your change again.`,
    );
  const earliest = latest !== null && latest.effectiveFrom > today ? latest.effectiveFrom : today;
  if (effectiveFrom < earliest)
    throw new DomainError('RULE_REFUSED', `A new version can take effect from ${earliest} at the earliest`, [
      { path: ['edit', 'effectiveFrom'], message: `Choose ${earliest} or later` },
    ]);
  return { serviceId, version: (latest?.version ?? 0) + 1, effectiveFrom, checklists: lists };
}

/** The longest change note a new version takes. */
export const CHANGE_NOTE_MAX = 1000;

/** What a service publishes: its edit, and a note saying what changed and why (kept with the version). */
export const PublishProtocol = z.strictObject({
  /** The latest version the change started from (0: the service had none): a newer one refuses it. */
  basedOn: z.number().int().min(0).max(1_000_000),
  effectiveFrom: CalendarDate,
  changeNote: multiLine({ min: 1, max: CHANGE_NOTE_MAX, tooShort: 'Say what changed and why' }),
  checklists,
});
export type PublishProtocol = z.infer<typeof PublishProtocol>;

/** Where a version stands on a day: read from the versions alone, so the history page and the forms agree. */
export const protocolStandings = ['in_force', 'scheduled', 'superseded', 'replaced_before_start'] as const;
export type ProtocolStanding = (typeof protocolStandings)[number];

export const protocolStandingLabels: Readonly<Record<ProtocolStanding, string>> = {
  in_force: 'In force',
  scheduled: 'Takes effect later',
  superseded: 'Replaced',
  replaced_before_start: 'Replaced before it took effect',
};

/**
 * Each of a service's versions, newest first, with where it stands on `today`: the one `protocolInForce`
 * picks is in force; one that a higher version dated no later overtook was never in force; of the rest, a
 * later-dated one is scheduled and an earlier one was replaced.
 */
export function protocolHistory<V extends OverdoseProtocol>(
  versions: readonly V[],
  today: CalendarDate,
): { version: V; standing: ProtocolStanding }[] {
  const inForce = protocolInForce(versions, today);
  const overtaken = (v: V): boolean =>
    versions.some((w) => w.version > v.version && w.effectiveFrom <= v.effectiveFrom);
  return [...versions]
    .sort((a, b) => b.version - a.version)
    .map((version) => ({
      version,
      standing:
        version === inForce
          ? 'in_force'
          : overtaken(version)
            ? 'replaced_before_start'
            : version.effectiveFrom > today
              ? 'scheduled'
              : 'superseded',
    }));
}

// The staff form: one box per situation, one item a line (no JavaScript needed to add or remove items).

const MAX_ITEMS = 30;
const MAX_ITEM_LENGTH = 300;

/** The lines of a box as items: blank lines dropped, a leading bullet ("-", "*", "•") and spaces trimmed. */
export function checklistLines(text: string): string[] {
  return text
    .split(/\r?\n|\r/)
    .map((line) => line.replace(/^\s*[-*•]\s*/, '').trim())
    .filter((line) => line !== '');
}

const checklistBox = multiLine({ max: MAX_ITEMS * (MAX_ITEM_LENGTH + 2) })
  .optional()
  .superRefine((text, ctx) => {
    const lines = checklistLines(text ?? '');
    if (lines.length > MAX_ITEMS)
      ctx.addIssue({ code: 'custom', message: `Use no more than ${MAX_ITEMS} items (one a line)` });
    const long = lines.findIndex((line) => line.length > MAX_ITEM_LENGTH);
    if (long >= 0)
      ctx.addIssue({
        code: 'custom',
        message: `Item ${long + 1} is too long: keep each item to ${MAX_ITEM_LENGTH} characters`,
      });
  });

/**
 * The publishing form as the staff page reads it (@harbour/ui readForm): the date, the change note, and one box
 * per situation. An empty box means the version has no checklist for that situation.
 */
export const ProtocolForm = z
  .strictObject({
    basedOn: z.coerce.number().int().min(0).max(1_000_000),
    effectiveFrom: CalendarDate,
    changeNote: PublishProtocol.shape.changeNote,
    ...(Object.fromEntries(protocolSituations.map((s) => [s, checklistBox])) as Record<
      ProtocolSituation,
      typeof checklistBox
    >),
  })
  .refine((form) => protocolSituations.some((s) => checklistLines(form[s] ?? '').length > 0), {
    message: 'Write at least one checklist: one item a line',
  });
export type ProtocolForm = z.infer<typeof ProtocolForm>;

/** A version's checklists as the form's boxes show them, one item a line. */
export function protocolFormValues(protocol: OverdoseProtocol): Partial<Record<ProtocolSituation, string>> {
  return Object.fromEntries(
    protocol.checklists.map((c) => [c.situation, c.items.map((i) => i.text).join('\n')]),
  );
}

/** An item's id from its words: lower-case letters and digits joined by hyphens, at most five words. */
function slugOf(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '')
    .slice(0, 5);
  const slug = words.join('-').slice(0, 40).replace(/-+$/, '');
  return slug === '' ? 'item' : slug;
}

/**
 * The form as the version to publish. An item whose words are unchanged from `base` (the version in force)
 * keeps its id, so records that name an item still name the same one; a new or reworded item gets an id made
 * from its words, made unique within its checklist.
 */
export function protocolFromForm(form: ProtocolForm, base: OverdoseProtocol): PublishProtocol {
  const lists: ProtocolChecklist[] = [];
  for (const situation of protocolSituations) {
    const lines = checklistLines(form[situation] ?? '');
    if (lines.length === 0) continue;
    const before = checklistFor(base, situation)?.items ?? [];
    const kept = lines.map((text) => before.find((i) => i.text === text)?.id ?? null);
    // Every id the base used is taken, kept or not: new words never take the id of an item removed or reworded,
    // so a record naming an item still names the same words.
    const taken = new Set(before.map((i) => i.id));
    const items = lines.map((text, n) => {
      const reused = kept[n];
      if (reused !== null && reused !== undefined && kept.indexOf(reused) === n) return { id: reused, text };
      const stem = slugOf(text);
      let id = stem;
      for (let k = 2; taken.has(id); k++) id = `${stem}-${k}`;
      taken.add(id);
      return { id, text };
    });
    lists.push({ situation, items });
  }
  return {
    basedOn: form.basedOn,
    effectiveFrom: form.effectiveFrom,
    changeNote: form.changeNote,
    checklists: lists,
  };
}
