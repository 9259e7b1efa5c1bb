import { TRPCError } from '@trpc/server';

/** Awaits a call that must be refused, and returns the refusal (failing the test if it succeeded). */
export async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}
