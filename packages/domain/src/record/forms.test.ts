import { describe, expect, it } from 'vitest';
import { clinicalEventTypes, EventPayload, type ClinicalEventType } from '../events.ts';
import { eventForms, eventFromForm, formFromEvent } from './event-forms.ts';
import { factForms, factFromForm, formFromFact } from './fact-forms.ts';
import { FactPayload, factKinds, type FactKind } from './facts.ts';

const KIT = '0190a6b2-0000-7000-8000-000000000001';

/** One filled-in form of each kind, as readForm would give it (numbers as numbers). */
const eventValues: Record<ClinicalEventType, Record<string, unknown>> = {
  prison_release: { occurredOn: '2026-03-01', establishment: 'HMP Northshire' },
  hospital_discharge: { occurredOn: '2026-03-01', admittedOn: '2026-02-25', selfDischarged: 'yes' },
  ost_start: { occurredOn: '2026-03-01', medicine: 'methadone', doseMg: 30 },
  ost_dose_change: {
    occurredOn: '2026-03-01',
    medicine: 'methadone',
    fromMg: 30,
    toMg: 40,
    reason: 'Titration',
  },
  ost_exit: { occurredOn: '2026-03-01', reason: 'planned' },
  detox_completion: { occurredOn: '2026-03-01', setting: 'residential' },
  non_fatal_overdose: { occurredOn: '2026-03-01', source: 'ambulance', naloxoneGiven: 'no' },
  naloxone_supply: {
    occurredOn: '2026-03-01',
    product: 'nyxoid',
    recipient: 'person',
    supplyType: 'repeat',
    repeatReason: 'used',
    trainingGiven: 'yes',
    expiresOn: '2028-03-01',
  },
  naloxone_report: { occurredOn: '2026-03-01', supplyEventId: KIT, outcome: 'lost' },
  contact: { occurredOn: '2026-03-01', mode: 'home_visit', attended: 'no' },
  suicidality: { occurredOn: '2026-03-01', source: 'self_report' },
  case_review: { occurredOn: '2026-03-01', actionsAgreed: 3 },
};

const factValues: Record<FactKind, Record<string, unknown>> = {
  drug_use: {
    recordedOn: '2026-03-01',
    usesOpioids: 'yes',
    substances: ['heroin', 'crack_cocaine'],
    routes: ['injecting'],
    usesAlone: 'no',
  },
  injecting: { recordedOn: '2026-03-01', injected: 'on', lastInjectedOn: '2026-02-27' },
  co_prescriptions: {
    recordedOn: '2026-03-01',
    benzodiazepine: 'both',
    pregabalin: 'prescribed',
    gabapentin: 'none',
    z_drug: 'illicit',
    antipsychotic: 'none',
    pregabalinDoseMg: 450,
    gpReviewedOn: '2026-01-10',
  },
  conditions: { recordedOn: '2026-03-01', conditions: ['copd', 'cirrhosis'] },
  housing: { recordedOn: '2026-03-01', status: 'rough_sleeping' },
  alcohol: { recordedOn: '2026-03-01', auditScore: 18, auditCScore: 9, clinicianRecordedHarmful: true },
  safety_plan: { recordedOn: '2026-03-01', covers: ['whoToCall', 'emergencyWishes'] },
  flags: { recordedOn: '2026-03-01', flags: ['pregnancy'] },
};

/** What a form shows for a typed value: text, or the options ticked. */
const shown = (values: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      typeof v === 'boolean' ? (v ? 'yes' : '') : Array.isArray(v) ? v : String(v),
    ]),
  );

describe('event forms', () => {
  it.each(clinicalEventTypes)(
    '%s: a filled form is a valid event, and the event fills the form again',
    (type) => {
      const values = eventForms[type].schema.parse(eventValues[type]);
      const { occurredOn, event } = eventFromForm(type, values as never);
      expect(occurredOn).toBe('2026-03-01');
      expect(EventPayload.parse(event)).toEqual(event);
      expect(formFromEvent(event, occurredOn)).toEqual(shown(eventValues[type]));
    },
  );

  it('records a re-engagement route as not possible only with why, and refuses why with any other answer', () => {
    const base = { occurredOn: '2026-03-01', mode: 'phone', attended: 'not_possible' };
    const values = eventForms.contact.schema.parse({ ...base, notPossible: 'No phone number on file' });
    const { event } = eventFromForm('contact', values);
    expect(event).toEqual({
      type: 'contact',
      details: { mode: 'phone', attended: false, notPossible: 'No phone number on file' },
    });
    expect(formFromEvent(event, '2026-03-01')).toMatchObject({
      attended: 'not_possible',
      notPossible: 'No phone number on file',
    });
    const issues = (input: Record<string, unknown>) =>
      eventForms.contact.schema.safeParse(input).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues(base)).toEqual([
      ['notPossible', 'Say why it was not possible, for example "no phone number on file"'],
    ]);
    expect(issues({ ...base, mode: 'face_to_face', notPossible: 'Closed' })).toEqual([
      [
        'attended',
        'Only a phone call, a text, the pharmacy, a home visit or their nominated contact can be recorded as not possible',
      ],
    ]);
    expect(issues({ ...base, attended: 'no', notPossible: 'No phone' })).toEqual([
      ['notPossible', 'Leave "why it was not possible" empty unless you chose "Not possible"'],
    ]);
    // The API checks the event again: "not possible" needs why, and is never an attended contact.
    const contact = (details: Record<string, unknown>) =>
      EventPayload.safeParse({ type: 'contact', details }).success;
    expect(contact({ mode: 'phone', attended: false, notPossible: '' })).toBe(false);
    expect(contact({ mode: 'phone', attended: true, notPossible: 'No phone number' })).toBe(false);
    expect(contact({ mode: 'video', attended: false, notPossible: 'No phone number' })).toBe(false);
    expect(contact({ mode: 'phone', attended: false, notPossible: 'No phone number' })).toBe(true);
  });

  it('names every missing answer of an empty form at once', () => {
    const result = eventForms.naloxone_supply.schema.safeParse({ supplyType: 'repeat' });
    const fields = result.error?.issues.map((i) => i.path.join('.'));
    expect(fields).toEqual(
      expect.arrayContaining([
        'occurredOn',
        'product',
        'recipient',
        'trainingGiven',
        'expiresOn',
        'repeatReason',
      ]),
    );
    expect(result.error?.issues.find((i) => i.path[0] === 'occurredOn')?.message).toBe(
      'Enter the date the kit was supplied',
    );
  });

  it('drops a repeat reason from a first kit, and records "not sure which kit" as none named', () => {
    const first = eventForms.naloxone_supply.schema.parse({
      ...eventValues.naloxone_supply,
      supplyType: 'first',
    });
    expect(eventFromForm('naloxone_supply', first).event).toMatchObject({ details: { repeatReason: null } });
    const unknown = eventForms.naloxone_report.schema.parse({
      ...eventValues.naloxone_report,
      supplyEventId: 'unknown',
    });
    expect(eventFromForm('naloxone_report', unknown).event).toMatchObject({
      details: { supplyEventId: null },
    });
    expect(
      formFromEvent(
        { type: 'naloxone_report', details: { supplyEventId: null, outcome: 'used' } },
        '2026-03-01',
      ),
    ).toMatchObject({ supplyEventId: 'unknown' });
  });
});

describe('the naloxone report form and whom a used kit was used on', () => {
  const values = { ...eventValues.naloxone_report, outcome: 'used' };

  it.each(['this_person', 'someone_else', 'not_known'] as const)(
    'records a used kit used %s, and fills the form again to amend it',
    (usedFor) => {
      const parsed = eventForms.naloxone_report.schema.parse({ ...values, usedFor });
      const { event } = eventFromForm('naloxone_report', parsed);
      expect(event).toEqual({
        type: 'naloxone_report',
        details: { supplyEventId: KIT, outcome: 'used', usedFor },
      });
      expect(formFromEvent(event, '2026-03-01')).toMatchObject({ usedFor });
    },
  );

  it('leaves it out when unanswered, and drops it from a kit that was not used', () => {
    const unanswered = eventFromForm('naloxone_report', eventForms.naloxone_report.schema.parse(values));
    expect(unanswered.event.details).toEqual({ supplyEventId: KIT, outcome: 'used' });
    const lost = eventForms.naloxone_report.schema.parse({
      ...values,
      outcome: 'lost',
      usedFor: 'someone_else',
    });
    expect(eventFromForm('naloxone_report', lost).event.details).toEqual({
      supplyEventId: KIT,
      outcome: 'lost',
    });
  });
});

describe('the OST exit form and a transfer with continuity', () => {
  it('records whether a transfer continues with no gap, and fills the form again to amend it', () => {
    for (const continuity of ['yes', 'no'] as const) {
      const values = eventForms.ost_exit.schema.parse({
        occurredOn: '2026-03-01',
        reason: 'transferred',
        continuity,
      });
      const { event } = eventFromForm('ost_exit', values);
      expect(event).toEqual({
        type: 'ost_exit',
        details: { reason: 'transferred', continuity: continuity === 'yes' },
      });
      expect(formFromEvent(event, '2026-03-01')).toEqual({
        occurredOn: '2026-03-01',
        reason: 'transferred',
        continuity,
      });
    }
  });

  it('refuses continuity for an exit that is not a transfer', () => {
    const result = eventForms.ost_exit.schema.safeParse({
      occurredOn: '2026-03-01',
      reason: 'unplanned',
      continuity: 'yes',
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['continuity', 'Only a transfer to another service can continue the prescription'],
    ]);
  });
});

describe('fact forms', () => {
  it.each(factKinds)('%s: a filled form is a valid fact, and the fact fills the form again', (kind) => {
    const values = factForms[kind].schema.parse(factValues[kind]);
    const { recordedOn, fact } = factFromForm(kind, values as never);
    expect(recordedOn).toBe('2026-03-01');
    expect(FactPayload.parse(fact)).toEqual(fact);
    expect(formFromFact(fact, recordedOn)).toEqual(shown(factValues[kind]));
  });

  it('records a medicine taken both as prescribed and not, with the pregabalin dose on the prescription', () => {
    const values = factForms.co_prescriptions.schema.parse(factValues.co_prescriptions);
    expect(factFromForm('co_prescriptions', values).fact).toEqual({
      kind: 'co_prescriptions',
      details: {
        medicines: [
          { substance: 'benzodiazepine', source: 'prescribed', dailyDoseMg: null },
          { substance: 'benzodiazepine', source: 'illicit', dailyDoseMg: null },
          { substance: 'pregabalin', source: 'prescribed', dailyDoseMg: 450 },
          { substance: 'z_drug', source: 'illicit', dailyDoseMg: null },
        ],
        gpReviewedOn: '2026-01-10',
      },
    });
  });

  it('asks for the last injection when they have injected, and for something in an alcohol screen', () => {
    const injecting = factForms.injecting.schema.safeParse({ recordedOn: '2026-03-01', injected: 'on' });
    expect(injecting.error?.issues.map((i) => i.path.join('.'))).toEqual(['lastInjectedOn']);
    const never = factForms.injecting.schema.parse({
      recordedOn: '2026-03-01',
      injected: 'never',
      lastInjectedOn: '2026-01-01',
    });
    expect(factFromForm('injecting', never).fact).toEqual({
      kind: 'injecting',
      details: { lastInjectedOn: null },
    });
    const empty = factForms.alcohol.schema.safeParse({
      recordedOn: '2026-03-01',
      clinicianRecordedHarmful: false,
    });
    expect(empty.error?.issues[0]?.message).toBe(
      'Give an AUDIT or AUDIT-C score, or record that their drinking is harmful',
    );
  });
});

describe('factor sources', () => {
  it('names, for every factor, the events or the fact it comes from, or neither', async () => {
    const { factorSources } = await import('./factor-sources.ts');
    const { riskFactorCodes } = await import('../risk/codes.ts');
    for (const code of riskFactorCodes) expect(factorSources[code]).toBeDefined();
    expect(factorSources.PRISON_RELEASE.events).toEqual(['prison_release']);
    expect(factorSources.HOMELESS.fact).toBe('housing');
    expect(factorSources.MALE).toEqual({ events: [], fact: null });
  });
});
