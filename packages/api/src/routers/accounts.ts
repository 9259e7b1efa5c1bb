import { Id } from '@harbour/domain/ids';
import { StaffRole } from '@harbour/domain/staff';
import { emailAddress, singleLine } from '@harbour/domain/text';
import { z } from 'zod';
import {
  createAccount,
  listAccounts,
  listTeams,
  resetAccount,
  setAccountActive,
} from '../services/accounts.ts';
import { authorised, createRouter } from '../trpc.ts';

const StaffIdInput = z.strictObject({ staffId: Id });

/** Administrators: staff accounts in their organisation. */
export const accountsRouter = createRouter({
  list: authorised('accounts:manage').query(({ ctx }) => listAccounts(ctx.db, ctx.actor)),
  teams: authorised('accounts:manage').query(({ ctx }) => listTeams(ctx.db, ctx.actor)),
  create: authorised('accounts:manage')
    .input(
      z.strictObject({
        displayName: singleLine({ min: 1, max: 120, tooShort: 'Enter a name' }),
        email: emailAddress({ invalid: 'Enter an email address' }),
        role: StaffRole,
        teamIds: z.array(Id).max(50),
      }),
    )
    .mutation(({ ctx, input }) => createAccount(ctx.db, ctx.actor, input, ctx.now())),
  disable: authorised('accounts:manage')
    .input(StaffIdInput)
    .mutation(({ ctx, input }) => setAccountActive(ctx.db, ctx.actor, input.staffId, false, ctx.now())),
  enable: authorised('accounts:manage')
    .input(StaffIdInput)
    .mutation(({ ctx, input }) => setAccountActive(ctx.db, ctx.actor, input.staffId, true, ctx.now())),
  reset: authorised('accounts:manage')
    .input(StaffIdInput)
    .mutation(({ ctx, input }) => resetAccount(ctx.db, ctx.actor, input.staffId, ctx.now())),
});
