// Where the browser tests' servers listen: not the development ports (API 4000), so that a Harbour already
// running on this machine does not get in the way. Shared by playwright.config.ts and the tests.
/**
 * HARBOUR_E2E_PORT_OFFSET moves every port by the same amount, so that two checkouts on one machine (a second
 * working tree, say) can run their browser tests at the same time.
 */
const offset = Number(process.env.HARBOUR_E2E_PORT_OFFSET ?? 0);
export const API_PORT = 4101 + offset;
export const PORTAL_PORT = 4102 + offset;
export const apiUrl = `http://127.0.0.1:${API_PORT}`;
export const portalUrl = `http://127.0.0.1:${PORTAL_PORT}`;

/**
 * Sent with every request of the tests' browsers: the portal runs behind no TLS proxy here, so the browser tells
 * it the protocol as a proxy would (playwright.config.ts sets the portal's PROTOCOL_HEADER to this header).
 */
export const portalHeaders = { 'x-forwarded-proto': 'http' };

/** Every demo member of staff's passphrase (packages/db/src/demo/sign-ins.ts); codes come from the dev route. */
export const DEMO_PASSPHRASE = 'harbour-demo-2026-river-lantern';

const demo = (name: string): string => `${name}@northshire-recovery-partnership.example`;

/**
 * The demo accounts the tests sign in as (packages/db/src/demo/generate.ts). A code works once per 30-second
 * step for each account, and some tests end an account's sessions, so each test file mostly has its own.
 */
export const staff = {
  /** Keyworker, Riverside team (the first team): Dean Walsh is on his caseload. */
  sam: demo('sam'),
  /** Nurse, Riverside team. */
  priya: demo('priya'),
  /** Prescriber, Riverside team. */
  okafor: demo('okafor'),
  /** Team lead, Riverside team. */
  jo: demo('jo'),
  /** Keyworkers on Riverside team. */
  keyworker1: demo('keyworker1'),
  keyworker2: demo('keyworker2'),
  /** Keyworkers on Harbourside team (the second team). */
  keyworker3: demo('keyworker3'),
  keyworker4: demo('keyworker4'),
  keyworker5: demo('keyworker5'),
  /** Team lead, Harbourside team. */
  lead6: demo('lead6'),
  /** Keyworkers on Castle team (the third team). */
  keyworker7: demo('keyworker7'),
  keyworker8: demo('keyworker8'),
  /** Pharmacist at Quayside Pharmacy: the pharmacy's list only, no caseload or records. */
  tom: demo('tom'),
  /** James White, pharmacist at Castle Chemist (the second demo pharmacy): the pharmacy-day benchmark's second run. */
  james: demo('pharmacist25'),
  /** Service manager: no caseload, records, alerts or accounts yet. */
  alex: demo('alex'),
  admin: demo('admin'),
  caldicott: demo('caldicott'),
} as const;

/** The demo keyworker of the caseload tests, and a keyworker on another team. */
export const SAM = staff.sam;
export const OTHER_TEAM_KEYWORKER = staff.keyworker3;
