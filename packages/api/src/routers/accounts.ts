import type { Actor } from '@harbour/domain/access/policy';
import { DomainError } from '@harbour/domain/errors';
import { Id } from '@harbour/domain/ids';
import { StaffRole } from '@harbour/domain/staff';
import { emailAddress, singleLine } from '@harbour/domain/text';
import { z } from 'zod';
import type { Context } from '../context.ts';
import { listAccounts, listTeams } from '../services/accounts.ts';
import type { AdminRequest } from '../services/administration.ts';
import { createAccount } from '../services/create-account.ts';
import { resetAccount } from '../services/reset-account.ts';
import { setAccountActive } from '../services/set-account-active.ts';
import { updateAccount } from '../services/update-account.ts';
import { authorised, createRouter } from '../trpc.ts';

const StaffIdInput = z.strictObject({ staffId: Id });
const TeamIds = z.array(Id).max(50);

/** The request as an administrator's action needs it: who, in which session (for the step-up), and when. */
export function adminRequest(ctx: Context & { actor: Actor }): AdminRequest {
  if (ctx.session === null) throw new DomainError('UNAUTHENTICATED', 'Sign in to continue');
  return { actor: ctx.actor, session: ctx.session, requestId: ctx.requestId, now: ctx.now() };
}

/**
 * Administrators: staff accounts in their organisation. Every change needs a recent step-up (`account.stepUp`)
 * and is audited with the account and what changed (services/administration.ts).
 */
export const accountsRouter = createRouter({
  list: authorised('accounts:manage').query(({ ctx }) => listAccounts(ctx.db, ctx.actor)),
  teams: authorised('accounts:manage').query(({ ctx }) => listTeams(ctx.db, ctx.actor)),
  create: authorised('accounts:manage')
    .input(
      z.strictObject({
        displayName: singleLine({ min: 1, max: 120, tooShort: 'Enter a name' }),
        email: emailAddress({ invalid: 'Enter an email address' }),
        role: StaffRole,
        teamIds: TeamIds,
      }),
    )
    .mutation(({ ctx, input }) => createAccount(ctx.db, adminRequest(ctx), input)),
  /** A member of staff's role and teams (never the caller's own). */
  update: authorised('accounts:manage')
    .input(z.strictObject({ staffId: Id, role: StaffRole, teamIds: TeamIds }))
    .mutation(({ ctx, input }) => updateAccount(ctx.db, adminRequest(ctx), input)),
  disable: authorised('accounts:manage')
    .input(StaffIdInput)
    .mutation(({ ctx, input }) => setAccountActive(ctx.db, adminRequest(ctx), input.staffId, false)),
  enable: authorised('accounts:manage')
    .input(StaffIdInput)
    .mutation(({ ctx, input }) => setAccountActive(ctx.db, adminRequest(ctx), input.staffId, true)),
  reset: authorised('accounts:manage')
    .input(StaffIdInput)
    .mutation(({ ctx, input }) => resetAccount(ctx.db, adminRequest(ctx), input.staffId)),
});
