/**
 * `pnpm --filter @harbour/domain risk:docs`: rewrites the generated catalogue section of docs/risk-model.md
 * (between `<!-- catalogue:start -->` and `<!-- catalogue:end -->`) from the catalogue data. Run it after any
 * change to src/risk/catalogue.ts or src/risk/domains.ts; `catalogue-table.test.ts` fails until you do.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOGUE_START, withCatalogueSection } from '../risk/catalogue-table.ts';

const docs = fileURLToPath(new URL('../../../../docs/risk-model.md', import.meta.url));
const before = readFileSync(docs, 'utf8');
if (!before.includes(CATALOGUE_START)) {
  process.stderr.write(`${docs}: no ${CATALOGUE_START} marker; add the markers where the table belongs\n`);
  process.exit(1);
}
const after = withCatalogueSection(before);
if (after === before) {
  process.stdout.write(`${docs}: catalogue section already up to date\n`);
} else {
  writeFileSync(docs, after);
  process.stdout.write(`${docs}: catalogue section rewritten\n`);
}
