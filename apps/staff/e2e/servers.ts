// Where the browser tests' servers listen: not the development ports (API 4000), so that a Harbour already
// running on this machine does not get in the way. Shared by playwright.config.ts and the tests.
export const API_PORT = 4101;
export const PORTAL_PORT = 4102;
export const apiUrl = `http://127.0.0.1:${API_PORT}`;
export const portalUrl = `http://127.0.0.1:${PORTAL_PORT}`;

/** The demo keyworker the portal acts as (HARBOUR_DEV_ACTOR), and a keyworker on another team. */
export const SAM = 'sam@northshire-recovery-partnership.example';
export const OTHER_TEAM_KEYWORKER = 'keyworker3@northshire-recovery-partnership.example';
