import { describe, expect, it } from 'vitest';
import { clinicalEventTypes } from '../events.ts';
import { isDomainError } from '../errors.ts';
import { id } from '../tasks/test-fixtures.ts';
import {
  checklistFor,
  defaultOverdoseProtocol,
  nextProtocolVersion,
  OverdoseProtocol,
  protocolFormValues,
  protocolFromForm,
  ProtocolForm,
  protocolHistory,
  protocolInForce,
  protocolSituations,
  protocolSourceLabel,
  situationForEvent,
} from './overdose-protocol.ts';

const service = id(60);
const edit = (effectiveFrom: string, text = 'Contact within 1 working day of release') => ({
  effectiveFrom,
  checklists: [{ situation: 'prison_release' as const, items: [{ id: 'contact', text }] }],
});

describe('the overdose-risk protocol', () => {
  it('ships a valid default with a checklist for every situation, each shown beside its event', () => {
    expect(OverdoseProtocol.safeParse(defaultOverdoseProtocol).success).toBe(true);
    for (const s of protocolSituations)
      expect(checklistFor(defaultOverdoseProtocol, s)?.items.length).toBeGreaterThan(0);
    for (const s of Object.values(situationForEvent)) expect(protocolSituations).toContain(s);
    for (const type of Object.keys(situationForEvent)) expect(clinicalEventTypes).toContain(type);
  });

  it('makes a service’s edit its next version, in force from its date, leaving the earlier one as it was', () => {
    const v1 = nextProtocolVersion(service, [], edit('2026-04-01'), '2026-03-10');
    expect(v1).toMatchObject({ serviceId: service, version: 1, effectiveFrom: '2026-04-01' });
    const v2 = nextProtocolVersion(service, [v1], edit('2026-05-01', 'Contact the same day'), '2026-03-20');
    expect(v2.version).toBe(2);
    expect(protocolInForce([v1, v2], '2026-03-31')).toBe(defaultOverdoseProtocol);
    expect(protocolInForce([v1, v2], '2026-04-30')).toBe(v1);
    expect(protocolInForce([v1, v2], '2026-05-01')).toBe(v2);
    expect(checklistFor(v2, 'after_overdose')).toBeNull();
  });

  it('refuses a version that would change what staff saw on a past day, or before the latest version', () => {
    const refusal = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        if (isDomainError(error)) return error.code;
      }
      return 'none';
    };
    expect(refusal(() => nextProtocolVersion(service, [], edit('2026-03-09'), '2026-03-10'))).toBe(
      'RULE_REFUSED',
    );
    const v1 = nextProtocolVersion(service, [], edit('2026-06-01'), '2026-03-10');
    expect(refusal(() => nextProtocolVersion(service, [v1], edit('2026-05-01'), '2026-03-10'))).toBe(
      'RULE_REFUSED',
    );
  });

  it('refuses two items with one id, two checklists for one situation, and an empty item', () => {
    const twice = {
      effectiveFrom: '2026-04-01',
      checklists: [...edit('x').checklists, ...edit('x').checklists],
    };
    const sameId = {
      effectiveFrom: '2026-04-01',
      checklists: [
        {
          situation: 'ost_exit',
          items: [
            { id: 'gp', text: 'GP' },
            { id: 'gp', text: 'GP again' },
          ],
        },
      ],
    };
    for (const bad of [twice, sameId, edit('2026-04-01', '  ')]) {
      expect(() => nextProtocolVersion(service, [], bad as never, '2026-03-10')).toThrow(/not valid/);
    }
  });
});

describe('a service’s versions over time', () => {
  const v = (version: number, effectiveFrom: string): OverdoseProtocol => ({
    ...nextProtocolVersion(service, [], edit(effectiveFrom), '2026-01-01'),
    version,
  });

  it('keeps each version, says which is in force, which is to come and which were replaced', () => {
    const versions = [v(1, '2026-02-01'), v(2, '2026-03-01'), v(3, '2026-05-01'), v(4, '2026-05-01')];
    const history = protocolHistory(versions, '2026-03-15');
    expect(history.map((h) => [h.version.version, h.standing])).toEqual([
      [4, 'scheduled'],
      [3, 'replaced_before_start'],
      [2, 'in_force'],
      [1, 'superseded'],
    ]);
    expect(protocolHistory(versions, '2026-05-01').map((h) => h.standing)).toEqual([
      'in_force',
      'replaced_before_start',
      'superseded',
      'superseded',
    ]);
  });

  it('says whose checklists staff are shown', () => {
    expect(protocolSourceLabel(defaultOverdoseProtocol)).toBe(
      'Harbour’s default checklists (your service has not published its own)',
    );
    expect(protocolSourceLabel(v(3, '2026-05-01'))).toBe(
      'Your service’s checklists, version 3, in force from 1 May 2026',
    );
  });

  it('has nothing in force of its own before its first version’s day: Harbour’s default is', () => {
    const history = protocolHistory([v(1, '2026-06-01')], '2026-05-31');
    expect(history.map((h) => h.standing)).toEqual(['scheduled']);
    expect(protocolInForce([v(1, '2026-06-01')], '2026-05-31')).toBe(defaultOverdoseProtocol);
  });
});

describe('the publishing form', () => {
  const form = (boxes: Record<string, string>) =>
    ProtocolForm.safeParse({
      basedOn: '0',
      effectiveFrom: '2026-04-01',
      changeNote: 'Same-day contact after release',
      ...boxes,
    });

  it('reads one item a line, keeping the ids of unchanged items and naming new ones from their words', () => {
    const values = protocolFormValues(defaultOverdoseProtocol);
    const boxes = {
      ...values,
      prison_release: `- Contact on the day of release\n${values.prison_release ?? ''}\n\n  • Contact on the day of release `,
    };
    const parsed = form(boxes);
    if (!parsed.success) throw new Error(parsed.error.message);
    const published = protocolFromForm(parsed.data, defaultOverdoseProtocol);
    const release = checklistFor(published, 'prison_release');
    expect(release?.items.map((i) => i.id)).toEqual([
      'contact-on-the-day-of',
      'contact',
      'naloxone',
      'prescribing',
      'tolerance',
      'keep-in-touch',
      'contact-on-the-day-of-2',
    ]);
    expect(release?.items[0]?.text).toBe('Contact on the day of release');
    // Every other checklist comes through as it was, ids and words.
    expect(checklistFor(published, 'after_overdose')).toEqual(
      checklistFor(defaultOverdoseProtocol, 'after_overdose'),
    );
    // And the result is a version the rules accept.
    const { changeNote, basedOn, ...content } = published;
    expect(changeNote).toBe('Same-day contact after release');
    expect(basedOn).toBe(0);
    expect(nextProtocolVersion(service, [], content, '2026-03-01').checklists).toEqual(published.checklists);
  });

  it('never gives new words the id of an item the base removed or reworded', () => {
    const values = protocolFormValues(defaultOverdoseProtocol);
    const before = checklistFor(defaultOverdoseProtocol, 'prison_release')?.items ?? [];
    const [first] = before;
    if (!first) throw new Error('the default has a prison release checklist');
    // The first item reworded into words whose own id would be the old item's.
    const reworded = `${first.id.replace(/-/g, ' ')}`;
    const parsed = form({
      ...values,
      prison_release: [reworded, ...before.slice(1).map((i) => i.text)].join('\n'),
    });
    if (!parsed.success) throw new Error(parsed.error.message);
    const items = checklistFor(
      protocolFromForm(parsed.data, defaultOverdoseProtocol),
      'prison_release',
    )?.items;
    expect(items?.[0]?.text).toBe(reworded);
    expect(items?.[0]?.id).not.toBe(first.id);
    expect(items?.slice(1)).toEqual(before.slice(1));
  });

  it('refuses a change started from an older version than the latest, saying to reload', () => {
    const v1 = nextProtocolVersion(service, [], edit('2026-04-01'), '2026-03-10', 0);
    const stale = () => nextProtocolVersion(service, [v1], edit('2026-05-01'), '2026-03-10', 0);
    expect(stale).toThrow(
      'Version 1 was published after you started this change. Reload the page to see it, then make your change again.',
    );
    try {
      stale();
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('CONFLICT');
    }
    expect(nextProtocolVersion(service, [v1], edit('2026-05-01'), '2026-03-10', 1).version).toBe(2);
  });

  it('leaves out a situation whose box is empty, and refuses a form with every box empty', () => {
    const parsed = form({ ost_exit: 'GP informed' });
    if (!parsed.success) throw new Error(parsed.error.message);
    expect(protocolFromForm(parsed.data, defaultOverdoseProtocol).checklists).toEqual([
      { situation: 'ost_exit', items: [{ id: 'gp', text: 'GP informed' }] },
    ]);
    const empty = form({ ost_exit: '  \n ' });
    expect(empty.success).toBe(false);
    expect(empty.error?.issues.map((i) => i.message)).toEqual([
      'Write at least one checklist: one item a line',
    ]);
  });

  it('refuses a change note left empty, too many items and an item too long, saying which', () => {
    const result = ProtocolForm.safeParse({
      basedOn: '0',
      effectiveFrom: '2026-04-01',
      changeNote: ' ',
      ost_exit: Array.from({ length: 31 }, (_, n) => `Item ${n}`).join('\n'),
      ost_start: `Fine\n${'x'.repeat(301)}`,
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['changeNote', 'Say what changed and why'],
      ['ost_start', 'Item 2 is too long: keep each item to 300 characters'],
      ['ost_exit', 'Use no more than 30 items (one a line)'],
    ]);
  });
});
