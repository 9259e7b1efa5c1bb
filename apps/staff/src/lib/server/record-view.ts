import type { PersonSummary } from '@harbour/api/services/get-person-summary';
import { addDays } from '@harbour/domain/dates';
import { clinicalEventLabels, clinicalEventTypes, type ClinicalEventType } from '@harbour/domain/events';
import type { CalendarDate } from '@harbour/domain/ids';
import { factKindLabels, factKinds, type FactKind } from '@harbour/domain/record/facts';
import { catalogueByCode } from '@harbour/domain/risk/catalogue';
import { riskTierLabels } from '@harbour/domain/risk/codes';
import { formatLongDate } from '@harbour/domain/risk/day-number';
import { formatDate } from '@harbour/ui/format';
import { describeEvent, describeFact, medicineAndDose } from '@harbour/ui/record';
import { entryPath, factPath, recordPath, type FactPath, type RecordPath } from '../record-paths.ts';
import { riskChart } from '../risk/chart.ts';

/**
 * A person's record as the staff portal shows it: every part in words, made on the server from the API's answer
 * (so the domain's catalogue, labels and schemas stay out of the browser's bundle, and "today" is London's).
 */

/** Details in an assessment carry ISO dates (unambiguous for any reader); the page writes them out. */
function humanise(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}/g, formatLongDate);
}

/** What meets an unmet mitigation, and where in Harbour to do it (drd-risk.md "Mitigations"). */
function mitigationAction(
  code: string,
  personId: string,
): { text: string; href: RecordPath | FactPath | null } {
  switch (code) {
    case 'naloxone':
      return { text: 'Record a naloxone supply', href: recordPath(personId, 'naloxone_supply') };
    case 'adequate_ost_dose':
      return {
        text: 'Ask the prescriber to review the OST dose, and record any change',
        href: recordPath(personId, 'ost_dose_change'),
      };
    case 'sedative_review':
      return { text: 'Record the GP review of the sedatives', href: factPath(personId, 'co_prescriptions') };
    case 'recent_contact':
      return { text: 'Make contact, and record it', href: recordPath(personId, 'contact') };
    case 'safety_plan':
      return { text: 'Make a safety plan with them, and record it', href: factPath(personId, 'safety_plan') };
    case 'bbv_and_health_check':
      return { text: 'Offer a blood-borne virus test and a health check', href: null };
    case 'case_review':
      return { text: 'Bring them to the team’s case review', href: null };
    default:
      return { text: '', href: null };
  }
}

export type RecordView = ReturnType<typeof recordView>;

export function recordView(person: PersonSummary, today: CalendarDate) {
  const risk = person.risk;
  const assessment = risk?.assessment;
  const stale =
    assessment !== undefined && assessment.nextChangeAt !== null && assessment.nextChangeAt <= today;
  const factors =
    assessment?.factors.map((factor, index) => {
      const definition = catalogueByCode[factor.code];
      const evidence = risk?.evidence[index] ?? null;
      const domain = assessment.domains.find((d) => d.domain === factor.domain);
      return {
        code: factor.code,
        label: factor.label,
        points: factor.points,
        /** Whether the domain's cap held this factor's points back. */
        capped: domain !== undefined && domain.counted < domain.points,
        domainLabel: domain?.label ?? '',
        detail: humanise(factor.detail),
        window: factor.window.label,
        endsOn: factor.window.endsOn === null ? null : formatDate(factor.window.endsOn),
        evidence: definition.evidence.map((e) => `${e.study}: ${e.effect}`).join('; '),
        grade:
          definition.grade === 'expert-judgement'
            ? 'Weight set by expert judgement'
            : 'Weight from a measured effect',
        source:
          evidence === null
            ? null
            : 'eventId' in evidence
              ? { href: entryPath(person.id, evidence.eventId), text: 'See the entry' }
              : {
                  href: factPath(person.id, evidence.factKind),
                  text: `See ${factKindLabels[evidence.factKind].toLowerCase()}`,
                },
      };
    }) ?? [];
  const gaps = [
    ...(assessment?.dataGaps.map((gap) => ({
      message: gap.message,
      href: factPath(
        person.id,
        gap.code === 'HOUSING_NOT_RECORDED'
          ? 'housing'
          : gap.code === 'ALCOHOL_NOT_SCREENED'
            ? 'alcohol'
            : 'co_prescriptions',
      ),
    })) ?? []),
    ...(risk?.gaps.map((gap) => ({ message: gap.message, href: factPath(person.id, gap.kind) })) ?? []),
  ];
  const from = addDays(today, -365);
  const points = person.riskHistory;
  const first = points[0];
  const lastPoint = points.at(-1);
  const summary =
    lastPoint === undefined
      ? 'No scores recorded yet.'
      : first !== undefined && first !== lastPoint
        ? `Score ${lastPoint.score}, ${riskTierLabels[lastPoint.tier].toLowerCase()}, since ${formatDate(lastPoint.asOf)}. It was ${first.score} (${riskTierLabels[first.tier].toLowerCase()}) on ${formatDate(first.asOf)}; ${points.length} changes in the year.`
        : `Score ${lastPoint.score}, ${riskTierLabels[lastPoint.tier].toLowerCase()}, unchanged since ${formatDate(lastPoint.asOf)}.`;
  const factsByKind = new Map(person.facts.map((f) => [f.kind, f]));
  return {
    risk: assessment
      ? {
          score: assessment.score,
          tier: assessment.tier,
          tierLabel: riskTierLabels[assessment.tier],
          scoreTierLabel: riskTierLabels[assessment.scoreTier],
          asOf: formatDate(assessment.asOf),
          stale,
          modelVersion: assessment.modelVersion,
          highSince: risk?.highSince ? formatDate(risk.highSince) : null,
          factors,
          overrides: assessment.overrides.map((o) => humanise(o.reason)),
          flags: assessment.flags.map((f) => f.label),
          gaps,
          mitigations: assessment.mitigations.map((m) => ({
            code: m.code,
            label: m.label,
            status: m.status,
            detail: humanise(m.detail),
            action: m.status === 'unmet' ? mitigationAction(m.code, person.id) : null,
          })),
        }
      : null,
    chart: { geometry: riskChart(points, from, today), summary, tierLabels: { ...riskTierLabels } },
    facts: factKinds.map((kind: FactKind) => {
      const current = factsByKind.get(kind);
      return {
        kind,
        label: factKindLabels[kind],
        words: current ? describeFact(current.fact) : null,
        recordedOn: current ? formatDate(current.recordedOn) : null,
        version: current?.version ?? null,
        href: factPath(person.id, kind),
      };
    }),
    ost: person.currentOst ? medicineAndDose(person.currentOst.medicine, person.currentOst.doseMg) : null,
    history: {
      ...person.history,
      entries: person.history.entries.map((entry) => ({
        ...entry,
        ...describeEvent(entry.event),
        date: formatDate(entry.occurredOn),
        href: entryPath(person.id, entry.id),
      })),
    },
    kinds: clinicalEventTypes.map((type: ClinicalEventType) => ({
      value: type,
      label: clinicalEventLabels[type],
      href: recordPath(person.id, type),
    })),
  };
}
