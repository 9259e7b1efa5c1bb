import { describe, expect, it } from 'vitest';
import { clinicalEventTypes } from '../events.ts';
import { isDomainError } from '../errors.ts';
import { id } from '../tasks/test-fixtures.ts';
import {
  checklistFor,
  defaultOverdoseProtocol,
  nextProtocolVersion,
  OverdoseProtocol,
  protocolInForce,
  protocolSituations,
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
