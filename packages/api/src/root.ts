import { caseloadRouter } from './routers/caseload.ts';
import { personRouter } from './routers/person.ts';
import { createRouter } from './trpc.ts';

/** The whole API. Portals import `AppRouter` as a type only. */
export const appRouter = createRouter({
  caseload: caseloadRouter,
  person: personRouter,
});

export type AppRouter = typeof appRouter;
