import type { ContributingFactor, MitigationStatus, RiskAssessment, WindowShown } from './assessment.ts';
import type { Evidence } from './catalogue-schema.ts';
import { riskTierLabels } from './codes.ts';
import { formatLongDate } from './day-number.ts';

/**
 * An assessment as plain English for a clinician: score and tier, each factor with its points, window dates and
 * evidence, the overrides, the mitigations, flags, missing facts and the next change date. It never presents
 * the score as a probability.
 */

const statusWords: Record<MitigationStatus, string> = {
  met: '[done]    ',
  unmet: '[NOT DONE]',
  not_applicable: '[n/a]     ',
};

/** Details in an assessment carry ISO dates (unambiguous for any reader); the explanation writes them out. */
function humanise(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}/g, formatLongDate);
}

function windowWords(window: WindowShown): string {
  const from = window.startsOn === null ? null : formatLongDate(window.startsOn);
  const to = window.endsOn === null ? null : formatLongDate(window.endsOn);
  if (window.kind === 'days') return `${window.label} (${String(from)} to ${to ?? 'no end'})`;
  if (from !== null && to !== null) return `${window.label} (${from} to ${to})`;
  return from === null ? window.label : `${window.label} (since ${from})`;
}

function evidenceWords(evidence: Evidence): string {
  const ci = evidence.ci === null ? '' : ` (95% CI ${evidence.ci[0]}–${evidence.ci[1]})`;
  return `${evidence.study}, ${evidence.population}: ${evidence.effect}${ci}`;
}

function factorLines(factor: ContributingFactor): string[] {
  const grade =
    factor.grade === 'expert-judgement' ? 'weight by expert judgement' : 'weight from a measured effect';
  return [
    `  ${String(factor.points).padStart(3)}  ${factor.label}`,
    `       ${humanise(factor.detail)}. Window: ${windowWords(factor.window)}.`,
    `       Evidence (${grade}): ${factor.evidence.map(evidenceWords).join('; ')}.`,
  ];
}

/** The assessment as text a clinician reads (what the CLI prints with `--explain`). */
export function explainAssessment(assessment: RiskAssessment): string {
  const a = assessment;
  const tier = riskTierLabels[a.tier].toUpperCase();
  const lines = [`Drug-related death risk (model ${a.modelVersion}) as of ${formatLongDate(a.asOf)}`, ''];
  if (a.tier === a.scoreTier) {
    lines.push(`Score ${a.score}: tier ${tier}.`);
  } else {
    const n = a.overrides.length;
    lines.push(
      `Score ${a.score} (${riskTierLabels[a.scoreTier].toLowerCase()} on the score alone): tier ${tier} because of ${n} override${n === 1 ? '' : 's'}.`,
    );
  }
  lines.push('The score ranks who needs attention first. It is not a probability of death.', '');

  if (a.overrides.length > 0) {
    lines.push('Overrides (one keeps the tier at high or above; two or more make it very high):');
    for (const override of a.overrides) lines.push(`  - ${humanise(override.reason)}`);
    lines.push('');
  }

  if (a.factors.length === 0) {
    lines.push('No risk factors apply today.', '');
  } else {
    lines.push('Factors (points before domain caps):');
    for (const factor of a.factors) lines.push(...factorLines(factor));
    lines.push('');
    const capped = a.domains.filter((d) => d.counted < d.points);
    for (const d of capped) lines.push(`${d.label}: ${d.points} points, capped at ${d.counted}.`);
    if (capped.length > 0) lines.push('');
  }

  lines.push('Mitigations (shown beside the score; they do not change it):');
  for (const m of a.mitigations) lines.push(`  ${statusWords[m.status]} ${m.label}: ${humanise(m.detail)}.`);
  lines.push('');

  if (a.flags.length > 0)
    lines.push(`Flags (shown, never scored): ${a.flags.map((f) => f.label).join('; ')}.`, '');
  if (a.dataGaps.length > 0) {
    lines.push('Missing facts (the score may be too low):');
    for (const gap of a.dataGaps) lines.push(`  - ${gap.message}.`);
    lines.push('');
  }

  lines.push(
    a.nextChangeAt === null
      ? 'Next change: none without new facts.'
      : `Next change: ${formatLongDate(a.nextChangeAt)}, with no new facts (re-assess then, or sooner when something is recorded).`,
  );
  return `${lines.join('\n')}\n`;
}
