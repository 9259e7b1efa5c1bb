import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.ts';
import { replayDispensing } from './dispensing.ts';
import { startDispensing, type DispensingEvent, type DispensingState } from './dispensing-types.ts';
import { checkRestartDose, restartLadder } from './restart-ladder.ts';
import { OstSettings } from './settings.ts';

const d0 = '2026-03-02';
const ladderOn = OstSettings.parse({ restartLadderEnabled: true });

function afterMissing(
  days: number,
  doseMg = 80,
  medicine: DispensingState['medicine'] = 'methadone',
): DispensingState {
  const events: DispensingEvent[] = Array.from({ length: days }, (_, n) => ({
    type: 'missed',
    on: addDays(d0, n),
  }));
  const start = startDispensing({
    medicine,
    phase: 'maintenance',
    doseMg,
    firstDoseOn: d0,
    lastDoseIncreaseOn: null,
  });
  return replayDispensing(start, events).state;
}

describe('methadone restart ladder (OST-DISP-RESTART-LADDER)', () => {
  it('is off unless the service enables it, and only for methadone', () => {
    expect(restartLadder(afterMissing(3))).toEqual({ kind: 'not_in_use', reason: 'ladder_disabled' });
    expect(restartLadder(afterMissing(3, 16, 'buprenorphine'), ladderOn)).toEqual({
      kind: 'not_in_use',
      reason: 'not_methadone',
    });
  });

  it.each([
    [2, 80, { kind: 'same_dose', doseMg: 80 }],
    [3, 80, { kind: 'reduced', doseMg: 40 }],
    [4, 100, { kind: 'reduced', doseMg: 40 }],
    [4, 60, { kind: 'reduced', doseMg: 30 }],
    [5, 80, { kind: 'new_induction' }],
    [9, 80, { kind: 'new_induction' }],
  ])('after %d days missed on %d mg: %o', (days, dose, expected) => {
    expect(restartLadder(afterMissing(days, dose), ladderOn)).toEqual(expected);
  });

  it('refuses a restart above the ladder’s dose, and allows one at or below it', () => {
    const state = afterMissing(3, 80);
    expect(checkRestartDose(state, { doseMg: 41, newInduction: false }, ladderOn).outcome).toBe('refused');
    expect(checkRestartDose(state, { doseMg: 40, newInduction: false }, ladderOn).outcome).toBe('ok');
    expect(checkRestartDose(state, { doseMg: 60, newInduction: true }, ladderOn).outcome).toBe('refused');
  });

  it('requires a new induction after 5 or more days', () => {
    const state = afterMissing(5, 80);
    expect(checkRestartDose(state, { doseMg: 20, newInduction: false }, ladderOn).outcome).toBe('refused');
    expect(checkRestartDose(state, { doseMg: 20, newInduction: true }, ladderOn).outcome).toBe('ok');
  });

  it('leaves the restart to the prescriber when the ladder is off', () => {
    expect(checkRestartDose(afterMissing(5), { doseMg: 80, newInduction: false }).outcome).toBe('ok');
  });

  it('refuses a negative restart dose (zod)', () => {
    expect(() => checkRestartDose(afterMissing(3), { doseMg: -5, newInduction: false }, ladderOn)).toThrow();
  });
});
