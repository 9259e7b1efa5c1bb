import { alertKinds, alertOutcomes, breakGlassReasons } from '@harbour/domain/access/break-glass';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, instant, version } from './columns.ts';
import { organisation } from './organisation.ts';
import { person } from './person.ts';
import { staff } from './staff.ts';

/**
 * Identity and access (issue 4; security.md promises 4–7). Secrets are never stored as given: passphrases as
 * argon2id PHC strings, session tokens, activation codes and recovery codes as SHA-256 digests of high-entropy
 * random values. TOTP seeds must be usable to check a code, so they are stored as they are (see docs/security.md).
 */

/** A member of staff's passphrase and second factor. One row per member of staff. */
export const staffCredential = pgTable('staff_credential', {
  staffId: uuid()
    .primaryKey()
    .references(() => staff.id),
  organisationId: uuid()
    .notNull()
    .references(() => organisation.id),
  passphraseHash: text().notNull(),
  passphraseChangedAt: instant().notNull().defaultNow(),
  /** Base32 TOTP seed, null until enrolled (enrolment is required at first sign-in). */
  totpSecret: text(),
  totpEnrolledAt: instant(),
  /** The last 30-second step whose code was accepted: a code is never accepted twice (replay protection). */
  totpLastStep: bigint({ mode: 'number' }),
  updatedAt: instant().notNull().defaultNow(),
});

export const subjectKinds = ['staff', 'service_user'] as const;
export const subjectKind = pgEnum('subject_kind', subjectKinds);

/** Single-use recovery codes, shown once at enrolment, stored hashed. For staff or service users. */
export const recoveryCode = pgTable(
  'recovery_code',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    subjectKind: subjectKind().notNull(),
    subjectId: uuid().notNull(),
    codeHash: text().notNull(),
    createdAt: createdAt(),
    usedAt: instant(),
  },
  (t) => [uniqueIndex().on(t.codeHash), index().on(t.subjectKind, t.subjectId)],
);

/**
 * Where a session is in signing in: the passphrase has been checked and a second factor is due, or the second
 * factor must first be set up, or the session is signed in.
 */
export const sessionStages = ['second_factor', 'enrol_second_factor', 'active'] as const;
export const sessionStage = pgEnum('session_stage', sessionStages);

/** A sign-in session. The token itself is only ever in the browser's cookie; here is its SHA-256 digest. */
export const authSession = pgTable(
  'auth_session',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    tokenHash: text().notNull(),
    subjectKind: subjectKind().notNull(),
    /** A staff id or a person id, according to `subjectKind`. */
    subjectId: uuid().notNull(),
    stage: sessionStage().notNull(),
    createdAt: createdAt(),
    lastSeenAt: instant().notNull().defaultNow(),
    /** Absolute expiry, set at creation and never extended. */
    expiresAt: instant().notNull(),
    /** When the passphrase (and second factor) were last re-entered: step-up for the most sensitive actions. */
    reauthenticatedAt: instant(),
    revokedAt: instant(),
    revokedReason: text(),
  },
  (t) => [uniqueIndex().on(t.tokenHash), index().on(t.subjectKind, t.subjectId)],
);

/**
 * Failed sign-in attempts, per account-and-address and per address, keyed by a digest (no email or address
 * stored). Not a tenant table: it is consulted before anyone is known.
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  key: text().primaryKey(),
  failures: bigint({ mode: 'number' }).notNull().default(0),
  lastFailureAt: instant().notNull().defaultNow(),
  blockedUntil: instant(),
});

export const breakGlassReason = pgEnum('break_glass_reason', breakGlassReasons);

/** Emergency access to one person's record by one member of staff, for a stated reason, time-boxed. */
export const breakGlassGrant = pgTable(
  'break_glass_grant',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    staffId: uuid()
      .notNull()
      .references(() => staff.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    reasonCode: breakGlassReason().notNull(),
    reasonText: text().notNull(),
    grantedAt: instant().notNull().defaultNow(),
    expiresAt: instant().notNull(),
    requestId: text(),
  },
  (t) => [
    index().on(t.staffId, t.personId, t.expiresAt),
    check('break_glass_expires_after_grant', sql`${t.expiresAt} > ${t.grantedAt}`),
  ],
);

export const alertStatuses = ['open', 'closed'] as const;
export const alertStatus = pgEnum('alert_status', alertStatuses);
export const alertOutcome = pgEnum('alert_outcome', alertOutcomes);
export const alertKind = pgEnum('alert_kind', alertKinds);

/**
 * The Caldicott guardian's queue, reviewed and closed with an outcome: one alert per break-glass grant, and one
 * per burst of refused requests by one member of staff (`refusals` within the window from `window_started_at`).
 * `subject_staff_id` is the member of staff the alert is about: nobody may close an alert about themselves.
 */
export const caldicottAlert = pgTable(
  'caldicott_alert',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    kind: alertKind().notNull().default('break_glass'),
    grantId: uuid().references(() => breakGlassGrant.id),
    subjectStaffId: uuid()
      .notNull()
      .references(() => staff.id),
    refusals: integer(),
    windowStartedAt: instant(),
    status: alertStatus().notNull().default('open'),
    outcome: alertOutcome(),
    outcomeNote: text(),
    reviewedBy: uuid().references(() => staff.id),
    reviewedAt: instant(),
    version: version(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex().on(t.grantId),
    index().on(t.organisationId, t.status, t.createdAt),
    index().on(t.subjectStaffId),
    check(
      'caldicott_alert_kind_detail',
      sql`(${t.kind} = 'break_glass' and ${t.grantId} is not null and ${t.refusals} is null) or (${t.kind} = 'refusal_burst' and ${t.grantId} is null and ${t.refusals} is not null and ${t.windowStartedAt} is not null)`,
    ),
    check(
      'caldicott_alert_closed_complete',
      sql`(${t.status} = 'closed') = (${t.outcome} is not null and ${t.reviewedBy} is not null and ${t.reviewedAt} is not null)`,
    ),
  ],
);

/**
 * Refusals per member of staff (security.md "Refusals"): each refused request is audited, and counted here
 * within a window; past the limit a refusal is answered 429 without a row, and the Caldicott guardian is
 * alerted once per window. One row per member of staff.
 */
export const refusalThrottle = pgTable('refusal_throttle', {
  staffId: uuid()
    .primaryKey()
    .references(() => staff.id),
  organisationId: uuid()
    .notNull()
    .references(() => organisation.id),
  refusals: integer().notNull().default(0),
  windowStartedAt: instant().notNull().defaultNow(),
});

/** A service user's self-check account: created at activation. */
export const serviceUserAccount = pgTable('service_user_account', {
  personId: uuid()
    .primaryKey()
    .references(() => person.id),
  organisationId: uuid()
    .notNull()
    .references(() => organisation.id),
  /** A short name the person chose to sign in with (never their date of birth, never their name). */
  username: text().notNull().unique(),
  passphraseHash: text().notNull(),
  totpSecret: text(),
  totpEnrolledAt: instant(),
  totpLastStep: bigint({ mode: 'number' }),
  /** The documented fallback: printed one-time codes instead of an authenticator app (docs/security.md). */
  usesPrintedCodes: boolean().notNull().default(false),
  activatedAt: instant().notNull().defaultNow(),
  disabledAt: instant(),
});

/** Single-use activation codes, issued by a keyworker after checking the person's identity; 7 days. */
export const activationCode = pgTable(
  'activation_code',
  {
    id: id(),
    organisationId: uuid()
      .notNull()
      .references(() => organisation.id),
    personId: uuid()
      .notNull()
      .references(() => person.id),
    codeHash: text().notNull(),
    issuedBy: uuid()
      .notNull()
      .references(() => staff.id),
    issuedAt: instant().notNull().defaultNow(),
    expiresAt: instant().notNull(),
    usedAt: instant(),
    revokedAt: instant(),
  },
  (t) => [uniqueIndex().on(t.codeHash), index().on(t.personId)],
);
