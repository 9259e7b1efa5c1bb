import { accountRouter } from './routers/account.ts';
import { accountsRouter } from './routers/accounts.ts';
import { alertsRouter } from './routers/alerts.ts';
import { auditRouter } from './routers/audit.ts';
import { authRouter } from './routers/auth.ts';
import { caseloadRouter } from './routers/caseload.ts';
import { clinicsRouter } from './routers/clinics.ts';
import { healthRouter } from './routers/health.ts';
import { naloxoneRouter } from './routers/naloxone.ts';
import { competenciesRouter } from './routers/competencies.ts';
import { ostRouter } from './routers/ost.ts';
import { peopleRouter } from './routers/people.ts';
import { pharmaciesRouter } from './routers/pharmacies.ts';
import { personRouter } from './routers/person.ts';
import { protocolRouter } from './routers/protocol.ts';
import { recordRouter } from './routers/record.ts';
import { reviewsRouter } from './routers/reviews.ts';
import { selfcheckRouter } from './routers/selfcheck.ts';
import { tasksRouter } from './routers/tasks.ts';
import { createRouter } from './trpc.ts';

/** The whole API. Portals import `AppRouter` as a type only. */
export const appRouter = createRouter({
  auth: authRouter,
  account: accountRouter,
  accounts: accountsRouter,
  alerts: alertsRouter,
  audit: auditRouter,
  caseload: caseloadRouter,
  clinics: clinicsRouter,
  health: healthRouter,
  naloxone: naloxoneRouter,
  competencies: competenciesRouter,
  ost: ostRouter,
  people: peopleRouter,
  person: personRouter,
  pharmacies: pharmaciesRouter,
  protocol: protocolRouter,
  record: recordRouter,
  reviews: reviewsRouter,
  selfcheck: selfcheckRouter,
  tasks: tasksRouter,
});

export type AppRouter = typeof appRouter;
