/** `pnpm --filter @harbour/db db:migrate`: applies the committed migrations to DATABASE_URL, or to DATA_DIR. */
import { runWithDatabase } from './run.ts';

await runWithDatabase('db:migrate', () => Promise.resolve('migrations applied'));
