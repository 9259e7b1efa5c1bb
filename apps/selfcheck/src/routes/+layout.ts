/**
 * No JavaScript is sent to the browser (`csr = false`): every page is complete HTML from the server, and
 * forms post back to it. The people this portal is for often have an old phone, little data and a slow
 * connection (workflows.md: Dean); a page with no script loads fast, cannot break half-way through
 * hydration, and works the same with JavaScript turned off.
 */
export const csr = false;
