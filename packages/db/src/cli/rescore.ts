/**
 * `pnpm rescore` (root) or `pnpm --filter @harbour/db rescore`: re-scores everyone whose stored score came from
 * another version of the risk model (drd-risk.md "Versioned": a weight change is a new model version, and every
 * stored score must then be recomputed). `--all` re-scores everyone whatever their version. One progress line a
 * batch; people who cannot be scored are counted (by id in the server's log, never here by name) and stay due.
 */
import { londonDate } from '@harbour/domain/dates';
import { RISK_MODEL_VERSION } from '@harbour/domain/risk/codes';
import { organisationIds, rescoreOrganisation } from '../risk/sweep.ts';
import { runWithDatabase } from './run.ts';

const args = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = args.filter((arg) => arg !== '--all');
if (unknown.length > 0) {
  process.stderr.write(`rescore: unknown argument ${unknown.join(' ')} (usage: rescore [--all])\n`);
  process.exit(2);
}
const all = args.includes('--all');

await runWithDatabase('rescore', async (db) => {
  const asOf = londonDate(new Date());
  const organisations = await organisationIds(db);
  let rescored = 0;
  let changed = 0;
  let failed = 0;
  for (const [index, organisationId] of organisations.entries()) {
    const before = rescored;
    const outcome = await rescoreOrganisation(db, organisationId, {
      asOf,
      cause: 'rescore',
      selection: all ? 'all' : 'other_model',
      onBatch: (progress) =>
        process.stdout.write(
          `rescore: organisation ${index + 1} of ${organisations.length}: ${before + progress.rescored} people re-scored so far\n`,
        ),
    });
    rescored += outcome.rescored;
    changed += outcome.changed;
    failed += outcome.failed.length;
  }
  const failures = failed === 0 ? '' : `; ${failed} could not be scored and stay due`;
  return `${rescored} people re-scored with model ${RISK_MODEL_VERSION} as of ${asOf}, ${changed} changed${failures}`;
});
