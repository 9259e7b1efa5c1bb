import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CATALOGUE_END,
  CATALOGUE_START,
  renderCatalogueSection,
  renderCatalogueTable,
  renderDomainTable,
  withCatalogueSection,
} from './catalogue-table.ts';

const docsPath = fileURLToPath(new URL('../../../../docs/risk-model.md', import.meta.url));

describe('the catalogue table in docs/risk-model.md', () => {
  it('is exactly the table rendered from the catalogue data', () => {
    const docs = readFileSync(docsPath, 'utf8');
    const start = docs.indexOf(CATALOGUE_START);
    const end = docs.indexOf(CATALOGUE_END) + CATALOGUE_END.length;
    expect(start, 'docs/risk-model.md needs the catalogue markers').toBeGreaterThanOrEqual(0);
    expect(
      docs.slice(start, end),
      'docs/risk-model.md is out of date with the catalogue: run `pnpm --filter @harbour/domain risk:docs`',
    ).toBe(renderCatalogueSection());
  });

  it('has one row per factor, with its windows, override, evidence and grade', () => {
    const rows = renderCatalogueTable().split('\n');
    expect(rows).toHaveLength(2 + 23);
    expect(rows).toContain(
      '| NON_FATAL_OVERDOSE | Non-fatal overdose | overdose history | d0–90: 7 each · d91–365: 3 each · d366+: 2 once (at most 2 counted) | d0–28 | Caudarella 2016, people who inject drugs (Canada): fatal overdose aHR 1.95, with a dose-response by number of overdoses (95% CI 1.17–3.27) | measured |',
    );
    expect(rows.find((r) => r.startsWith('| GABAPENTINOID '))).toContain(
      'while current: 8 (+4 if pregabalin > 300 mg/day)',
    );
    expect(rows.find((r) => r.startsWith('| MISSED_DOSES '))).toContain('| while current | ');
    expect(rows.find((r) => r.startsWith('| MALE '))).toContain('| always: 7 | — |');
  });

  it('lists the domains with their factors and caps', () => {
    expect(renderDomainTable().split('\n')).toContain(
      '| substances | BENZODIAZEPINE, GABAPENTINOID, Z_DRUG, ANTIPSYCHOTIC, ALCOHOL, INJECTING, USING_ALONE | 25 |',
    );
    expect(renderDomainTable().split('\n')).toContain('| treatment | NOT_IN_OST | none |');
  });

  it('rewrites only the section between the markers', () => {
    const stale = `# Title\n\nBefore.\n\n${CATALOGUE_START}\nold table\n${CATALOGUE_END}\n\nAfter.\n`;
    expect(withCatalogueSection(stale)).toBe(`# Title\n\nBefore.\n\n${renderCatalogueSection()}\n\nAfter.\n`);
    expect(withCatalogueSection('no markers here')).toBe('no markers here');
    expect(withCatalogueSection(`${CATALOGUE_END} then ${CATALOGUE_START}`)).toBe(
      `${CATALOGUE_END} then ${CATALOGUE_START}`,
    );
  });
});
