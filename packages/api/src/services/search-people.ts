import { canBreakGlass, canReadPerson, type Actor } from '@harbour/domain/access/policy';
import type { CalendarDate } from '@harbour/domain/ids';
import type { PersonSearch } from '@harbour/domain/record/inputs';
import type { Database } from '@harbour/db/client';
import { treatmentEpisode } from '@harbour/db/schema/episode';
import { breakGlassGrant } from '@harbour/db/schema/identity';
import { team } from '@harbour/db/schema/organisation';
import { person } from '@harbour/db/schema/person';
import { withTenant } from '@harbour/db/tenant';
import { and, asc, eq, gt, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { writeAudit } from '../audit/write-audit.ts';

/** The most people a search shows: past it, the caller is asked to add a date of birth or a reference. */
export const SEARCH_LIMIT = 20;

export interface SearchResult {
  personId: string;
  reference: string;
  displayName: string;
  dateOfBirth: string;
  /**
   * `open`: the caller may open the record (their caseload, their team, or a live break-glass grant of theirs);
   * `break_glass`: they may ask for emergency access; `none`: neither (their role does not open records).
   */
  access: 'open' | 'break_glass' | 'none';
  /** The person's team, for someone the caller may open; null otherwise (only what break-glass needs is shown). */
  teamName: string | null;
}

export interface SearchOutcome {
  results: SearchResult[];
  /** More people matched than are shown. */
  more: boolean;
}

/** What a search's text asks for: a reference, a date of birth, and the words of a name. */
export interface ParsedSearch {
  reference: string | null;
  dateOfBirth: CalendarDate | null;
  words: string[];
}

const REFERENCE = /^HBR-?([0-9A-HJKMNP-TV-Z]{4})-?([0-9A-HJKMNP-TV-Z]{2})$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function validDate(year: number, month: number, day: number): CalendarDate | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

/** Reads the search text: "HBR-7K3Q-P2", "12/03/1974", "Walsh", "dean walsh 1974-03-12". */
export function parseSearch(text: string): ParsedSearch {
  const parsed: ParsedSearch = { reference: null, dateOfBirth: null, words: [] };
  for (const token of text.trim().split(/\s+/)) {
    const reference = REFERENCE.exec(token);
    const iso = ISO_DATE.exec(token);
    const uk = UK_DATE.exec(token);
    if (reference) parsed.reference = `HBR-${reference[1]}-${reference[2]}`.toUpperCase();
    else if (iso) parsed.dateOfBirth = validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    else if (uk) parsed.dateOfBirth = validDate(Number(uk[3]), Number(uk[2]), Number(uk[1]));
    else if (token.length > 0) parsed.words.push(token.toLowerCase());
  }
  return parsed;
}

/** A LIKE pattern matching names that start with `word` (its own % and _ taken literally). */
function prefix(word: string): string {
  return `${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Finds people in the caller's organisation by reference, date of birth or name (every word must start the given
 * or the family name), for a clinical role. Each person shown is audited (action `search`, one row each, no
 * search text kept anywhere), so "who has looked at my record" shows that they were found; a search finding no
 * one writes one row naming no one. People outside the caller's relationships are shown with their name, date of
 * birth and reference only: enough to tell two people of one name apart and to ask for break-glass.
 */
export async function searchPeople(
  db: Database,
  actor: Actor,
  input: PersonSearch,
  requestId: string,
  now: Date,
): Promise<SearchOutcome> {
  const parsed = parseSearch(input.query);
  const conditions: SQL[] = [eq(person.organisationId, actor.organisationId)];
  if (parsed.reference !== null) conditions.push(eq(person.reference, parsed.reference));
  if (parsed.dateOfBirth !== null) conditions.push(eq(person.dateOfBirth, parsed.dateOfBirth));
  for (const word of parsed.words) {
    const pattern = prefix(word);
    const match = or(
      sql`lower(${person.givenName}) like ${pattern}`,
      sql`lower(${person.familyName}) like ${pattern}`,
    );
    if (match) conditions.push(match);
  }
  // A date that does not exist ("31/02/1980") matches no one, rather than being dropped from the search.
  const impossibleDate = /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/.test(input.query) && parsed.dateOfBirth === null;
  return withTenant(db, { organisationId: actor.organisationId, actorId: actor.staffId }, async (tx) => {
    const found = impossibleDate
      ? []
      : await tx
          .select({
            id: person.id,
            reference: person.reference,
            givenName: person.givenName,
            familyName: person.familyName,
            dateOfBirth: person.dateOfBirth,
          })
          .from(person)
          .where(and(...conditions))
          .orderBy(asc(person.familyName), asc(person.givenName), asc(person.dateOfBirth), asc(person.id))
          .limit(SEARCH_LIMIT + 1);
    const shown = found.slice(0, SEARCH_LIMIT);
    const ids = shown.map((p) => p.id);
    const episodes =
      ids.length === 0
        ? []
        : await tx
            .select({
              personId: treatmentEpisode.personId,
              teamId: treatmentEpisode.teamId,
              keyworkerId: treatmentEpisode.keyworkerId,
              teamName: team.name,
            })
            .from(treatmentEpisode)
            .innerJoin(
              team,
              and(eq(team.id, treatmentEpisode.teamId), eq(team.organisationId, actor.organisationId)),
            )
            .where(
              and(
                eq(treatmentEpisode.organisationId, actor.organisationId),
                inArray(treatmentEpisode.personId, ids),
                ne(treatmentEpisode.status, 'discharged'),
              ),
            );
    const grants =
      ids.length === 0
        ? []
        : await tx
            .select({ personId: breakGlassGrant.personId })
            .from(breakGlassGrant)
            .where(
              and(
                eq(breakGlassGrant.organisationId, actor.organisationId),
                eq(breakGlassGrant.staffId, actor.staffId),
                inArray(breakGlassGrant.personId, ids),
                gt(breakGlassGrant.expiresAt, now.toISOString()),
              ),
            );
    const glass = new Set(grants.map((g) => g.personId));
    const results: SearchResult[] = shown.map((p) => {
      const own = episodes.filter((e) => e.personId === p.id);
      const opening = own.find((e) => canReadPerson(actor, e).allowed);
      const byGrant = canReadPerson(actor, { teamId: null, keyworkerId: null }, glass.has(p.id)).allowed;
      const access = opening || byGrant ? 'open' : canBreakGlass(actor) ? 'break_glass' : 'none';
      return {
        personId: p.id,
        reference: p.reference,
        displayName: `${p.familyName}, ${p.givenName}`,
        dateOfBirth: p.dateOfBirth,
        access,
        teamName: opening?.teamName ?? null,
      };
    });
    const audit = {
      actor,
      action: 'search',
      procedure: 'people.search',
      requestId,
      outcome: 'allowed',
    } as const;
    const rows =
      results.length === 0
        ? [{ ...audit, personId: null, basis: null }]
        : results.map((r) => ({
            ...audit,
            personId: r.personId,
            basis: null,
            reason: 'shown in search results',
          }));
    for (const row of rows) await writeAudit(tx, row);
    return { results, more: found.length > SEARCH_LIMIT };
  });
}
