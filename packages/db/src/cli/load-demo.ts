/**
 * `pnpm --filter @harbour/db demo:load`: loads the synthetic demo organisation, with histories ending today,
 * when the database holds no organisation yet; otherwise changes nothing. `--plans-per-pharmacy=N` gives each
 * demo pharmacy N current OST plans instead of 12 (the pharmacy-day benchmark, docs/performance.md, asks for 30).
 */
import { parseArgs } from 'node:util';
import { londonDate } from '@harbour/domain/dates';
import { loadDemoIfEmpty } from '../demo/demo.ts';
import { runWithDatabase } from './run.ts';

const { values } = parseArgs({ options: { 'plans-per-pharmacy': { type: 'string' } } });
const perPharmacy = values['plans-per-pharmacy'];
if (perPharmacy !== undefined && !/^[1-9]\d{0,2}$/.test(perPharmacy)) {
  process.stderr.write('demo:load: --plans-per-pharmacy takes a whole number from 1 to 999\n');
  process.exit(1);
}

await runWithDatabase('demo:load', async (db) => {
  const loaded = await loadDemoIfEmpty(
    db,
    londonDate(new Date()),
    perPharmacy === undefined ? {} : { plansPerPharmacy: Number(perPharmacy) },
  );
  return loaded
    ? `loaded the demo organisation: ${loaded.people} people, ${loaded.events} events`
    : 'the database already holds an organisation; nothing loaded';
});
