// The addresses of a person's record and its pages as SvelteKit 3 pathnames: relative to the base path, so with
// no leading slash (`resolve()` adds the base). Typed as the app's generated `Path`s, so that links go through
// `resolve()` and a mistyped address fails the type check. Shared by the server and the pages.

export type PersonPath = `people/${string}`;
export type EntryPath = `people/${string}/entries/${string}`;
export type FactPath = `people/${string}/facts/${string}`;
export type RecordPath = `people/${string}/record/${string}`;

export const personPath = (personId: string): PersonPath => `people/${personId}`;
export const entryPath = (personId: string, eventId: string): EntryPath =>
  `people/${personId}/entries/${eventId}`;
export const factPath = (personId: string, kind: string): FactPath => `people/${personId}/facts/${kind}`;
export const recordPath = (personId: string, type: string): RecordPath => `people/${personId}/record/${type}`;
