import { riskFactorCatalogue } from './catalogue.ts';
import type { Evidence, FactorWindow, RiskFactorDefinition } from './catalogue-schema.ts';
import { riskDomainDefinitions, riskDomains } from './domains.ts';

/**
 * Renders the catalogue as the markdown tables in docs/risk-model.md (between `<!-- catalogue:start -->` and
 * `<!-- catalogue:end -->`), so the docs can never drift from the data: `catalogue-table.test.ts` fails when
 * they differ, and `pnpm --filter @harbour/domain risk:docs` rewrites the section.
 */

export const CATALOGUE_START = '<!-- catalogue:start -->';
export const CATALOGUE_END = '<!-- catalogue:end -->';

function windowText(window: FactorWindow, definition: RiskFactorDefinition): string {
  if (window.kind === 'while_current') return `while current: ${window.points}`;
  if (window.kind === 'always') return `always: ${window.points}`;
  const range = window.toDay === null ? `d${window.fromDay}+` : `d${window.fromDay}–${window.toDay}`;
  const per = definition.perEvent;
  if (per === null) return `${range}: ${window.points}`;
  return `${range}: ${window.points} ${window.toDay === null && per.openEndedOnce ? 'once' : 'each'}`;
}

function pointsText(definition: RiskFactorDefinition): string {
  let text = definition.windows.map((window) => windowText(window, definition)).join(' · ');
  if (definition.extra !== null) text += ` (+${definition.extra.points} if ${definition.extra.condition})`;
  if (definition.perEvent !== null) text += ` (at most ${definition.perEvent.atMost} counted)`;
  return text;
}

function overrideText(definition: RiskFactorDefinition): string {
  const rule = definition.override;
  if (rule === null) return '—';
  return rule.kind === 'days' ? `d${rule.fromDay}–${rule.toDay}` : 'while current';
}

function evidenceText(evidence: Evidence): string {
  const ci = evidence.ci === null ? '' : ` (95% CI ${evidence.ci[0]}–${evidence.ci[1]})`;
  return `${evidence.study}, ${evidence.population}: ${evidence.effect}${ci}`;
}

/** The factor catalogue as a markdown table: code, what, domain, points by window, override, evidence, grade. */
export function renderCatalogueTable(): string {
  const rows = riskFactorCatalogue.map((d) =>
    [
      d.code,
      d.label,
      riskDomainDefinitions[d.domain].label.toLowerCase(),
      pointsText(d),
      overrideText(d),
      d.evidence.map(evidenceText).join('; '),
      d.grade,
    ].join(' | '),
  );
  return [
    '| code | what | domain | points by window | override | evidence | grade |',
    '|---|---|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}

/** The domains as a markdown table: domain, factors, cap. */
export function renderDomainTable(): string {
  const rows = riskDomains.map((domain) => {
    const { label, cap } = riskDomainDefinitions[domain];
    const codes = riskFactorCatalogue.filter((d) => d.domain === domain).map((d) => d.code);
    return `| ${label.toLowerCase()} | ${codes.join(', ')} | ${cap === null ? 'none' : cap} |`;
  });
  return ['| domain | factors | cap |', '|---|---|---|', ...rows].join('\n');
}

/** The generated section of docs/risk-model.md, markers included. */
export function renderCatalogueSection(): string {
  return [
    CATALOGUE_START,
    '<!-- Generated from packages/domain/src/risk/catalogue.ts by `pnpm --filter @harbour/domain risk:docs`. -->',
    // Prettier would pad the tables; the section must stay exactly as rendered.
    '<!-- prettier-ignore-start -->',
    '',
    renderCatalogueTable(),
    '',
    renderDomainTable(),
    '',
    '<!-- prettier-ignore-end -->',
    CATALOGUE_END,
  ].join('\n');
}

/** `markdown` with its catalogue section replaced by the current rendering (or unchanged when it has none). */
export function withCatalogueSection(markdown: string): string {
  const start = markdown.indexOf(CATALOGUE_START);
  const end = markdown.indexOf(CATALOGUE_END);
  if (start < 0 || end < start) return markdown;
  return markdown.slice(0, start) + renderCatalogueSection() + markdown.slice(end + CATALOGUE_END.length);
}
