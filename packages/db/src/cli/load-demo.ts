/**
 * `pnpm --filter @harbour/db demo:load`: loads the synthetic demo organisation, with histories ending today,
 * when the database holds no organisation yet; otherwise changes nothing.
 */
import { londonDate } from '@harbour/domain/dates';
import { loadDemoIfEmpty } from '../demo/demo.ts';
import { runWithDatabase } from './run.ts';

await runWithDatabase('demo:load', async (db) => {
  const loaded = await loadDemoIfEmpty(db, londonDate(new Date()));
  return loaded
    ? `loaded the demo organisation: ${loaded.people} people, ${loaded.events} events`
    : 'the database already holds an organisation; nothing loaded';
});
