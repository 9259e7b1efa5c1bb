/**
 * "Who has looked at my record": one entry of the list, in plain English (reading age about 9). The API gives
 * each access by role and team (never a name), what was done, and whether it was an emergency access.
 */

/** One access to a person's record, as `selfcheck.whoLooked` returns it. */
export interface AccessEntry {
  occurredAt: string;
  roleLabel: string;
  teamName: string | null;
  action: 'viewed' | 'listed' | 'found' | 'changed' | 'created';
  what: string;
  emergency: boolean;
}

/** One entry as the page shows it. */
export interface AccessLine {
  /** Who: "Keyworker, North team". */
  who: string;
  /** When: "12 November 2026". */
  date: string;
  /** When, to the minute: "2:05pm". */
  time: string;
  /** The date and time for `<time datetime>`. */
  datetime: string;
  /** What they did: "looked at your record". */
  did: string;
  emergency: boolean;
  /** The whole entry as one line: "Keyworker, North team — 12 November 2026 — looked at your record". */
  sentence: string;
}

const LONDON = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/** "12 November 2026" in London, for an instant. */
export function londonDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** "2:05pm" in London, for an instant. */
export function londonTime(instant: Date): string {
  return timeFormat
    .format(instant)
    .replace(/\s+/g, '')
    .replace(/^0(\d)/, '$1')
    .toLowerCase();
}

/** Words some lists use that the people reading this one may not: said plainly instead. */
const plainerWhat: Record<string, string> = {
  'your name on a caseload': 'your name on a list of the people their team works with',
  'your name in a search': 'your name when they searched for someone',
  'your record in an emergency': 'your record',
  'something in your record': 'something to your record',
};

const verbs: Record<AccessEntry['action'], string> = {
  viewed: 'looked at',
  listed: 'saw',
  found: 'found',
  changed: 'changed',
  created: 'added',
};

/** "Keyworker, North team"; "Nurse" with no team; a team name without "team" gets it ("Outreach team"). */
export function describeWho(entry: Pick<AccessEntry, 'roleLabel' | 'teamName'>): string {
  const role = entry.roleLabel.trim() || 'Member of staff';
  const team = entry.teamName?.trim();
  if (!team) return role;
  return `${role}, ${/\bteam\b/i.test(team) ? team : `${team} team`}`;
}

/** "looked at your record", "changed your record", "added something to your record". */
export function describeAction(entry: Pick<AccessEntry, 'action' | 'what'>): string {
  const what = entry.what.trim() || 'your record';
  return `${verbs[entry.action] ?? 'looked at'} ${plainerWhat[what] ?? what}`;
}

export function describeAccess(entry: AccessEntry): AccessLine {
  const instant = new Date(entry.occurredAt);
  const who = describeWho(entry);
  const date = londonDate(instant);
  const did = describeAction(entry);
  return {
    who,
    date,
    time: londonTime(instant),
    datetime: instant.toISOString(),
    did,
    emergency: entry.emergency,
    sentence: `${who} — ${date} — ${did}`,
  };
}
