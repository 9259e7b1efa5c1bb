/**
 * Errors from the drivers arrive wrapped (drizzle's "Failed query" around the driver's error, a TRPCError
 * around that). These helpers look through the wrapping for the code that says what went wrong — a Node
 * system code (`ECONNREFUSED`) or a PostgreSQL SQLSTATE (`57P01`) — without ever needing the messages, which
 * can repeat a statement's parameters (names, dates of birth).
 */

/** The error and its causes, outermost first (at most `depth`, so a cycle cannot loop for ever). */
export function errorChain(error: unknown, depth = 5): Error[] {
  const chain: Error[] = [];
  for (let e: unknown = error; e instanceof Error && chain.length < depth; e = e.cause) chain.push(e);
  return chain;
}

/** An error's own `code` when it is a string (drivers and Node set one), else undefined. */
export function codeOf(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** The first error along the chain whose code passes `accept` (any string code by default), with that code. */
export function codedCause(
  error: unknown,
  accept: (code: string) => boolean = () => true,
): { error: Error; code: string } | undefined {
  for (const e of errorChain(error)) {
    const code = codeOf(e);
    if (code !== undefined && accept(code)) return { error: e, code };
  }
  return undefined;
}
