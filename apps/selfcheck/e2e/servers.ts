// Where the browser tests' portal listens: not the development port, so a running Harbour does not get in
// the way. Shared by playwright.config.ts and the tests.
export const PORTAL_PORT = 4201;
export const portalUrl = `http://127.0.0.1:${PORTAL_PORT}`;
