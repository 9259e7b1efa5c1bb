import { permissionsOf, STEP_UP_MINUTES, steppedUp } from '@harbour/domain/access/policy';
import { DomainError } from '@harbour/domain/errors';
import { staffRoleLabels } from '@harbour/domain/staff';
import { staff } from '@harbour/db/schema/staff';
import { withTenant } from '@harbour/db/tenant';
import { and, eq } from 'drizzle-orm';
import { singleLine } from '@harbour/domain/text';
import { z } from 'zod';
import { myCompetencies } from '../services/competencies.ts';
import { changeStaffPassphrase } from '../services/staff-auth.ts';
import { stepUp } from '../services/step-up.ts';
import { authorised, createRouter } from '../trpc.ts';

/** A member of staff's own account. */
export const accountRouter = createRouter({
  /** Who is signed in, and what their role lets them do (the portal shows only what they may use). */
  me: authorised('account:self').query(async ({ ctx }) => {
    const { actor } = ctx;
    const [me] = await withTenant(
      ctx.db,
      { organisationId: actor.organisationId, actorId: actor.staffId },
      (tx) =>
        tx
          .select({ displayName: staff.displayName, email: staff.email })
          .from(staff)
          .where(and(eq(staff.id, actor.staffId), eq(staff.organisationId, actor.organisationId))),
    );
    if (!me) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
    const since = ctx.session?.reauthenticatedAt ?? null;
    return {
      staffId: actor.staffId,
      displayName: me.displayName,
      email: me.email,
      role: actor.role,
      roleLabel: staffRoleLabels[actor.role],
      permissions: [...permissionsOf(actor.role)],
      /** Until when a step-up made in this session lets them act on accounts (null: they must step up first). */
      steppedUpUntil:
        since !== null && steppedUp(since, ctx.now())
          ? new Date(Date.parse(since) + STEP_UP_MINUTES * 60_000).toISOString()
          : null,
    };
  }),
  /** The caller's own competencies (naloxone training, overdose response, risk assessment) and their status. */
  competencies: authorised('account:self').query(({ ctx }) => myCompetencies(ctx.db, ctx.actor, ctx.now())),
  /** "Confirm it is you": passphrase and a fresh code again, for the changes that need a recent step-up. */
  stepUp: authorised('account:self')
    .input(
      z.strictObject({
        passphrase: singleLine({ min: 1, max: 256, trim: false, tooShort: 'Enter your passphrase' }),
        code: singleLine({ min: 1, max: 32, tooShort: 'Enter the code from your authenticator app' }),
      }),
    )
    .mutation(({ ctx, input }) => {
      if (ctx.session === null) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
      return stepUp(ctx.db, ctx.actor, ctx.session, input, ctx.clientAddress, ctx.now());
    }),
  /** Changes the passphrase; every session of the account ends and a new one is returned. */
  changePassphrase: authorised('account:self')
    .input(
      z.strictObject({
        current: singleLine({ min: 1, max: 256, trim: false, tooShort: 'Enter your current passphrase' }),
        next: singleLine({ max: 256, trim: false }),
      }),
    )
    .mutation(({ ctx, input }) => {
      if (ctx.session === null) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
      return changeStaffPassphrase(ctx.db, ctx.actor, ctx.session, input, ctx.clientAddress, ctx.now());
    }),
});
