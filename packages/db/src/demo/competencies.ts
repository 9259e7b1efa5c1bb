import { addDays } from '@harbour/domain/dates';
import type { CompetencyKind } from '@harbour/domain/competency/competencies';
import type { CalendarDate } from '@harbour/domain/ids';
import { uuidv7 } from 'uuidv7';
import type { staffCompetency } from '../schema/competency.ts';
import type { DemoStructure } from './generate.ts';

type CompetencyRow = typeof staffCompetency.$inferInsert;

/**
 * The demo's competency register (issue 9), recorded by the demo administrator: Jo (the team lead who runs the
 * case reviews) holds all three in date; Sam's naloxone training expires within the reminder's 6 weeks; the
 * other team leads' risk assessment competency expired 10 weeks before the demo's day, so they cannot sign off a
 * case review until it is renewed. Synthetic, like everything in the demo.
 */
export function demoCompetencies(structure: DemoStructure, asOf: CalendarDate): CompetencyRow[] {
  const admin = structure.staff.find((s) => s.role === 'administrator');
  if (!admin) return [];
  const rows: CompetencyRow[] = [];
  const add = (staffId: string, kind: CompetencyKind, achievedOn: CalendarDate, expiresOn: CalendarDate) =>
    rows.push({
      id: uuidv7(),
      organisationId: structure.organisation.id,
      staffId,
      kind,
      achievedOn,
      expiresOn,
      recordedBy: admin.id,
      replacesId: null,
    });
  const named = (local: string) => structure.staff.find((s) => s.email.startsWith(`${local}@`));
  const jo = named('jo');
  if (jo) {
    add(jo.id, 'risk_assessment', addDays(asOf, -120), addDays(asOf, 610));
    add(jo.id, 'naloxone_training', addDays(asOf, -300), addDays(asOf, 430));
    add(jo.id, 'overdose_response', addDays(asOf, -60), addDays(asOf, 305));
  }
  const sam = named('sam');
  if (sam) {
    add(sam.id, 'naloxone_training', addDays(asOf, -700), addDays(asOf, 30));
    add(sam.id, 'overdose_response', addDays(asOf, -100), addDays(asOf, 265));
  }
  for (const lead of structure.staff.filter((s) => s.role === 'team_lead' && s.id !== jo?.id))
    add(lead.id, 'risk_assessment', addDays(asOf, -800), addDays(asOf, -70));
  return rows;
}
