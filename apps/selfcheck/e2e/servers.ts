// Where the browser tests' servers listen: not the development ports (API 4000, portals 5173/5174) nor the staff
// portal's browser tests (4101/4102), so both suites can run at once and a running Harbour does not get in the
// way. Shared by playwright.config.ts and the tests.
/**
 * HARBOUR_E2E_PORT_OFFSET moves every port by the same amount, so that two checkouts on one machine (a second
 * working tree, say) can run their browser tests at the same time.
 */
const offset = Number(process.env.HARBOUR_E2E_PORT_OFFSET ?? 0);
export const API_PORT = 4202 + offset;
export const PORTAL_PORT = 4201 + offset;
export const apiUrl = `http://127.0.0.1:${API_PORT}`;
export const portalUrl = `http://127.0.0.1:${PORTAL_PORT}`;

/** The demo keyworker (team of the demo service user), and a keyworker on another team. */
export const SAM = 'sam@northshire-recovery-partnership.example';
export const OTHER_TEAM_KEYWORKER = 'keyworker3@northshire-recovery-partnership.example';
/** Every demo account's passphrase (packages/db/src/demo/sign-ins.ts). */
export const DEMO_PASSPHRASE = 'harbour-demo-2026-river-lantern';
/** The demo service user, on Sam's caseload, with an authenticator app already set up. */
export const DEAN = 'dean.demo';
