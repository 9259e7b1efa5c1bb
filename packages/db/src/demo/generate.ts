import { addDays, daysBetween } from '@harbour/domain/dates';
import type { EventPayload } from '@harbour/domain/events';
import type { FactPayload } from '@harbour/domain/record/facts';
import { formatPersonReference, type CalendarDate } from '@harbour/domain/ids';
import type { OstMedicine } from '@harbour/domain/medicines';
import type { StaffRole } from '@harbour/domain/staff';
import type * as schema from '../schema/index.ts';
import { addRecentEvents, generateFacts, type FactContext } from './facts.ts';
import { familyNames, givenNames } from './names.ts';
import { Random } from './random.ts';

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];
export type OrganisationRow = Row<typeof schema.organisation>;
export type ServiceRow = Row<typeof schema.service>;
export type TeamRow = Row<typeof schema.team>;
export type StaffRow = Row<typeof schema.staff>;
export type MembershipRow = Row<typeof schema.teamMembership>;
export type PersonRow = Row<typeof schema.person> & { id: string };
export type EpisodeRow = Row<typeof schema.treatmentEpisode> & { id: string };
export type EventRow = Row<typeof schema.clinicalEvent> & EventPayload & { id: string };
export type FactRow = Row<typeof schema.personFact> & FactPayload & { id: string };

export interface DemoOptions {
  /** Same seed + same `asOf` → the same organisation, byte for byte. */
  seed: number;
  people: number;
  /** The last day of the two-year histories (usually today). */
  asOf: CalendarDate;
  /** People per team; the demo organisation has ~250 (6 teams for 1,500 people). */
  peoplePerTeam?: number;
  name?: string;
}

export interface DemoStructure {
  organisation: OrganisationRow & { id: string };
  services: (ServiceRow & { id: string })[];
  teams: (TeamRow & { id: string })[];
  staff: (StaffRow & { id: string })[];
  memberships: MembershipRow[];
}

export interface PeopleBatch {
  people: PersonRow[];
  episodes: EpisodeRow[];
  events: EventRow[];
  facts: FactRow[];
}

export interface DemoOrganisation {
  structure: DemoStructure;
  /** The last day of the histories: the day the organisation's scores are for. */
  asOf: CalendarDate;
  /** Yields people with their episodes and events, `batchSize` people at a time (bounded memory at 100,000). */
  batches(batchSize: number): Generator<PeopleBatch>;
}

const ms = (date: CalendarDate): number => Date.parse(`${date}T09:00:00Z`);

/** The named personas of the domain brief (workflows.md), placed in the first team so demos can find them. */
export const personaStaff: readonly { name: string; role: StaffRole; email: string }[] = [
  { name: 'Sam Carter', role: 'keyworker', email: 'sam' },
  { name: 'Dr Chidi Okafor', role: 'prescriber', email: 'okafor' },
  { name: 'Priya Shah', role: 'nurse', email: 'priya' },
  { name: 'Jo Bennett', role: 'team_lead', email: 'jo' },
  { name: 'Alex Morgan', role: 'service_manager', email: 'alex' },
  { name: 'Tom Hughes', role: 'pharmacist', email: 'tom' },
  { name: 'Morgan Ellis', role: 'administrator', email: 'admin' },
  { name: 'Ruth Adeyemi', role: 'caldicott_guardian', email: 'caldicott' },
];

export const DEMO_ORGANISATION_NAME = 'Northshire Recovery Partnership';

/** Staff emails are `<name>@<organisation-slug>.example` (a reserved domain: never a real address). */
export function demoEmailDomain(organisationName: string): string {
  return `${organisationName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`;
}

/** Builds a synthetic provider organisation: services, teams, staff (the personas among them) and people. */
export function generateOrganisation(options: DemoOptions): DemoOrganisation {
  const random = new Random(options.seed);
  const peoplePerTeam = options.peoplePerTeam ?? 250;
  const teamCount = Math.max(1, Math.ceil(options.people / peoplePerTeam));
  const serviceCount = teamCount >= 2 ? 2 : 1;
  const start = addDays(options.asOf, -730);
  const domain = demoEmailDomain(options.name ?? DEMO_ORGANISATION_NAME);

  const organisation = {
    id: random.uuidv7(ms(start)),
    name: options.name ?? 'Northshire Recovery Partnership',
    odsCode: 'NRP01',
  };
  const services = ['Northshire North', 'Northshire South'].slice(0, serviceCount).map((name) => ({
    id: random.uuidv7(ms(start)),
    organisationId: organisation.id,
    name: `${name} Recovery Service`,
  }));
  const teamNames = ['Riverside', 'Harbourside', 'Castle', 'Moorland', 'Old Town', 'Parkway'];
  const teams = Array.from({ length: teamCount }, (_, i) => {
    const service = services[i % serviceCount];
    if (!service) throw new Error('no service');
    const base = teamNames[i % teamNames.length] ?? 'Team';
    return {
      id: random.uuidv7(ms(start)),
      organisationId: organisation.id,
      serviceId: service.id,
      name: i < teamNames.length ? `${base} team` : `${base} team ${Math.floor(i / teamNames.length) + 1}`,
      // The personas' team (Sam's) takes the duty queue.
      duty: i === 0,
    };
  });

  const staff: DemoStructure['staff'] = [];
  const memberships: MembershipRow[] = [];
  const addStaff = (displayName: string, role: StaffRole, email: string, teamIds: string[]): string => {
    const id = random.uuidv7(ms(start));
    staff.push({ id, organisationId: organisation.id, displayName, role, email: `${email}@${domain}` });
    for (const teamId of teamIds) memberships.push({ organisationId: organisation.id, teamId, staffId: id });
    return id;
  };
  const keyworkersByTeam = new Map<string, string[]>();
  const firstTeam = teams[0];
  if (!firstTeam) throw new Error('no team');
  const personaIds = new Map<string, string>();
  for (const persona of personaStaff) {
    const teamIds = ['keyworker', 'team_lead', 'prescriber', 'nurse'].includes(persona.role)
      ? [firstTeam.id]
      : [];
    personaIds.set(persona.email, addStaff(persona.name, persona.role, persona.email, teamIds));
  }
  keyworkersByTeam.set(firstTeam.id, [personaIds.get('sam') ?? '']);
  let serial = 0;
  const staffName = (): string => `${random.pick(givenNames)} ${random.pick(familyNames)}`;
  for (const team of teams) {
    const keyworkers = keyworkersByTeam.get(team.id) ?? [];
    while (keyworkers.length < 3)
      keyworkers.push(addStaff(staffName(), 'keyworker', `keyworker${++serial}`, [team.id]));
    keyworkersByTeam.set(team.id, keyworkers);
    if (team !== firstTeam) addStaff(staffName(), 'team_lead', `lead${++serial}`, [team.id]);
  }
  for (const service of services.slice(1)) {
    const serviceTeams = teams.filter((t) => t.serviceId === service.id).map((t) => t.id);
    addStaff(staffName(), 'prescriber', `prescriber${++serial}`, serviceTeams);
    addStaff(staffName(), 'nurse', `nurse${++serial}`, serviceTeams);
  }
  addStaff(staffName(), 'pharmacist', `pharmacist${serial + 1}`, []);
  const prescribers = staff.filter((s) => s.role === 'prescriber').map((s) => s.id);

  const structure: DemoStructure = { organisation, services, teams, staff, memberships };

  function* batches(batchSize: number): Generator<PeopleBatch> {
    // Its own generator, seeded afresh each time: iterating twice yields the same people.
    const random = new Random(options.seed ^ 0x5eed5eed);
    let batch: PeopleBatch = { people: [], episodes: [], events: [], facts: [] };
    for (let i = 0; i < options.people; i++) {
      const team = teams[i % teamCount];
      if (!team) throw new Error('no team');
      const keyworkers = keyworkersByTeam.get(team.id) ?? [];
      const history = generatePerson(random, {
        seed: options.seed,
        index: i,
        organisationId: organisation.id,
        team,
        // The personas (Dean and Kayleigh) are Sam's: the demo opens on his caseload.
        keyworkerId: isPersonaIndex(i)
          ? (keyworkers[0] ?? null)
          : (keyworkers[Math.floor(i / teamCount) % keyworkers.length] ?? null),
        prescriberId: prescribers[i % prescribers.length] ?? null,
        start,
        asOf: options.asOf,
      });
      batch.people.push(history.person);
      batch.episodes.push(history.episode);
      for (const event of history.events) batch.events.push(event);
      for (const fact of history.facts) batch.facts.push(fact);
      if (batch.people.length >= batchSize) {
        yield batch;
        batch = { people: [], episodes: [], events: [], facts: [] };
      }
    }
    if (batch.people.length > 0) yield batch;
  }

  return { structure, asOf: options.asOf, batches };
}

interface PersonContext {
  seed: number;
  index: number;
  organisationId: string;
  team: TeamRow & { id: string };
  keyworkerId: string | null;
  prescriberId: string | null;
  start: CalendarDate;
  asOf: CalendarDate;
}

const REFERENCE_MASK = 2 ** 30 - 1;

/**
 * The number behind person `index`'s reference (`HBR-XXXX-XX` holds 30 bits). Random draws would repeat at
 * benchmark sizes (about 5 repeats in 100,000), so this is a bijection on 30-bit numbers instead: odd
 * multipliers, xor-shifts and a seeded xor each map distinct numbers to distinct numbers. Unique for every
 * index below 2^30, and no visible order.
 */
export function referenceNumber(seed: number, index: number): number {
  let x = (index ^ (Math.imul(seed, 0x9e3779b1) & REFERENCE_MASK)) & REFERENCE_MASK;
  x = Math.imul(x, 0x2c1b3c6d) & REFERENCE_MASK;
  x ^= x >>> 15;
  x = Math.imul(x, 0x297a2d39) & REFERENCE_MASK;
  x ^= x >>> 13;
  return x;
}

/** The people generated as the personas: the first and the seventh (both in the first team, Sam's). */
function isPersonaIndex(index: number): boolean {
  return index === 0 || index === 6;
}

/** The two named service-user personas (workflows.md): Dean and Kayleigh, on Sam's caseload. */
const personaPeople = [
  { givenName: 'Dean', familyName: 'Walsh', age: 52, sex: 'male' as const },
  { givenName: 'Kayleigh', familyName: 'Price', age: 29, sex: 'female' as const },
];

function generatePerson(
  random: Random,
  ctx: PersonContext,
): { person: PersonRow; episode: EpisodeRow; events: EventRow[]; facts: FactRow[] } {
  const persona = isPersonaIndex(ctx.index) ? personaPeople[ctx.index === 0 ? 0 : 1] : undefined;
  const age = persona?.age ?? random.int(19, 66);
  const dateOfBirth = addDays(ctx.asOf, -(age * 365 + random.int(0, 364)));
  const person: PersonRow = {
    id: random.uuidv7(ms(ctx.start) + ctx.index),
    organisationId: ctx.organisationId,
    reference: formatPersonReference(referenceNumber(ctx.seed, ctx.index)),
    givenName: persona?.givenName ?? random.pick(givenNames),
    familyName: persona?.familyName ?? random.pick(familyNames),
    dateOfBirth,
    sex: persona?.sex ?? (random.chance(0.7) ? 'male' : 'female'),
  };
  const span = daysBetween(ctx.start, ctx.asOf);
  const referredOn =
    persona?.givenName === 'Dean'
      ? addDays(ctx.asOf, -9 * 365)
      : random.dateBetween(addDays(ctx.start, -400), ctx.asOf, span + 390);
  const status = persona
    ? 'active'
    : random.chance(0.12)
      ? 'discharged'
      : random.chance(0.05)
        ? 'referred'
        : 'active';
  const startedOn = status === 'referred' ? null : minDate(addDays(referredOn, random.int(2, 10)), ctx.asOf);
  const endedOn =
    status === 'discharged' && startedOn ? minDate(addDays(startedOn, random.int(60, 500)), ctx.asOf) : null;
  const episode: EpisodeRow = {
    id: random.uuidv7(ms(referredOn)),
    organisationId: ctx.organisationId,
    personId: person.id,
    serviceId: ctx.team.serviceId,
    teamId: ctx.team.id,
    keyworkerId: ctx.keyworkerId,
    status,
    referredOn,
    startedOn,
    endedOn,
    dischargeReason: endedOn
      ? random.pick(['treatment_completed', 'dropped_out', 'moved_away', 'transferred'] as const)
      : null,
  };

  const events: EventRow[] = [];
  // Events take their ids from the generator given, so the facts' own generator (below) leaves the main one alone.
  const addUsing =
    (ids: Random): Add =>
    (occurredOn, payload, recordedBy) => {
      // Histories are two years long; an older OST start is kept, as the record of what someone is on now.
      if (occurredOn > ctx.asOf || (occurredOn < ctx.start && payload.type !== 'ost_start')) return;
      events.push({
        id: ids.uuidv7(ms(occurredOn)),
        organisationId: ctx.organisationId,
        personId: person.id,
        episodeId: episode.id,
        occurredOn,
        recordedBy,
        recordedAt: `${occurredOn}T12:00:00.000Z`,
        ...payload,
      });
    };
  const add = addUsing(random);

  if (startedOn) {
    const inTreatmentTo = endedOn ?? ctx.asOf;
    // OST: most people in treatment for opioids are on it; Kayleigh is not yet on a prescription.
    const onOst = persona?.givenName === 'Dean' || (persona === undefined && random.chance(0.75));
    if (onOst) {
      const medicine: OstMedicine = persona
        ? 'methadone'
        : random.pick([
            'methadone',
            'methadone',
            'buprenorphine',
            'buprenorphine_prolonged_release',
          ] as const);
      generateOst(
        random,
        add,
        medicine,
        startedOn,
        inTreatmentTo,
        ctx.prescriberId,
        endedOn !== null,
        ctx.start,
      );
    }
    // Contacts every 1–4 weeks while in treatment; some people drift out of contact.
    const drift = random.chance(0.15) ? random.int(20, 90) : 0;
    for (let day = startedOn; day <= addDays(inTreatmentTo, -drift); day = addDays(day, random.int(7, 28))) {
      add(
        day,
        {
          type: 'contact',
          details: {
            mode: random.pick(['face_to_face', 'face_to_face', 'phone', 'home_visit', 'video'] as const),
            attended: random.chance(0.88),
          },
        },
        ctx.keyworkerId,
      );
    }
    add(startedOn, naloxone(random, startedOn, 'first', null), ctx.keyworkerId);
    if (random.chance(0.3)) {
      const on = addDays(startedOn, random.int(200, 600));
      add(on, naloxone(random, on, 'repeat', 'expired'), ctx.keyworkerId);
    }
  }
  if (persona?.givenName === 'Kayleigh') {
    add(
      addDays(ctx.asOf, -6),
      { type: 'prison_release', details: { establishment: 'HMP Northshire' } },
      null,
    );
  } else if (random.chance(0.08)) {
    add(
      random.dateBetween(ctx.start, ctx.asOf, span),
      { type: 'prison_release', details: { establishment: null } },
      null,
    );
  }
  if (random.chance(0.1)) {
    const on = random.dateBetween(ctx.start, ctx.asOf, span);
    add(
      on,
      {
        type: 'hospital_discharge',
        details: { admittedOn: addDays(on, -random.int(1, 10)), selfDischarged: random.chance(0.25) },
      },
      null,
    );
  }
  const overdoses = random.chance(0.1) ? random.int(1, 2) : 0;
  for (let n = 0; n < overdoses; n++) {
    const on = random.dateBetween(ctx.start, ctx.asOf, span);
    add(
      on,
      {
        type: 'non_fatal_overdose',
        details: {
          source: random.pick(['ambulance', 'emergency_department', 'peer', 'self_report'] as const),
          naloxoneGiven: random.chance(0.6),
        },
      },
      null,
    );
  }
  if (random.chance(0.03))
    add(
      random.dateBetween(ctx.start, ctx.asOf, span),
      {
        type: 'detox_completion',
        details: { setting: random.pick(['community', 'inpatient', 'residential'] as const) },
      },
      null,
    );
  if (random.chance(0.04))
    add(
      random.dateBetween(ctx.start, ctx.asOf, span),
      { type: 'suicidality', details: { source: 'staff_observation' } },
      ctx.keyworkerId,
    );
  // The current facts and the recent events draw on a generator of their own, so that adding them left every
  // other part of the organisation (names, episodes, the two-year histories) as it was.
  const own = new Random(
    (Math.imul(ctx.seed, 0x27d4eb2d) ^ Math.imul(ctx.index + 1, 0x165667b1)) >>> 0,
    ctx.index % 0x1000000,
  );
  const factContext: FactContext = {
    organisationId: ctx.organisationId,
    keyworkerId: ctx.keyworkerId,
    asOf: ctx.asOf,
    start: ctx.start,
  };
  addRecentEvents(
    own,
    factContext,
    addUsing(own),
    persona?.givenName,
    startedOn !== null && endedOn === null,
  );
  events.sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0));
  const facts = generateFacts(
    own,
    factContext,
    person.id,
    events,
    startedOn ?? referredOn,
    persona?.givenName,
  );
  return { person, episode, events, facts };
}

type Add = (occurredOn: CalendarDate, payload: EventPayload, recordedBy: string | null) => void;

function generateOst(
  random: Random,
  add: Add,
  medicine: OstMedicine,
  from: CalendarDate,
  to: CalendarDate,
  prescriberId: string | null,
  exits: boolean,
  historyStart: CalendarDate,
): void {
  if (medicine === 'methadone' && from < historyStart) {
    // Titrated long before the two-year history: summarised by the start at today's maintenance dose.
    add(
      from,
      { type: 'ost_start', details: { medicine, doseMg: random.pick([60, 70, 80, 90, 100]) } },
      prescriberId,
    );
  } else if (medicine === 'methadone') {
    // Induction within the Orange Book limits: start 20–30 mg, +10 mg steps a few days apart, to 60–90 mg.
    let dose = random.pick([20, 25, 30]);
    add(from, { type: 'ost_start', details: { medicine, doseMg: dose } }, prescriberId);
    let day = from;
    const target = random.pick([60, 70, 80, 90]);
    while (dose < target) {
      day = addDays(day, random.int(4, 7));
      const next = Math.min(target, dose + 10);
      add(
        day,
        { type: 'ost_dose_change', details: { medicine, fromMg: dose, toMg: next, reason: 'Titration' } },
        prescriberId,
      );
      dose = next;
    }
    if (random.chance(0.3)) {
      day = addDays(day, random.int(60, 300));
      if (day < to)
        add(
          day,
          {
            type: 'ost_dose_change',
            details: { medicine, fromMg: dose, toMg: dose + 10, reason: 'Continued use on top' },
          },
          prescriberId,
        );
    }
  } else {
    const dose = medicine === 'buprenorphine' ? random.pick([8, 12, 16]) : random.pick([96, 128]);
    add(from, { type: 'ost_start', details: { medicine, doseMg: dose } }, prescriberId);
  }
  if (exits)
    add(
      to,
      { type: 'ost_exit', details: { reason: random.pick(['planned', 'unplanned'] as const) } },
      prescriberId,
    );
}

function naloxone(
  random: Random,
  on: CalendarDate,
  supplyType: 'first' | 'repeat',
  repeatReason: 'expired' | null,
): EventPayload {
  return {
    type: 'naloxone_supply',
    details: {
      product: random.pick(['prenoxad', 'nyxoid'] as const),
      recipient: 'person',
      supplyType,
      repeatReason,
      trainingGiven: supplyType === 'first',
      expiresOn: addDays(on, random.int(540, 1000)),
    },
  };
}

function minDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a < b ? a : b;
}
