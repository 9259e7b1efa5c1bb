import type { z } from 'zod';
import { DomainError } from '../errors.ts';

/**
 * Parses input to the task, naloxone, case-review and competency rules, or refuses it as the caller's mistake
 * (`INVALID_INPUT`) with one issue per problem, each path starting at `path`. Nothing is opened or closed.
 */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  path: (string | number)[],
  message = 'The input is not valid',
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new DomainError(
    'INVALID_INPUT',
    message,
    result.error.issues.map((i) => ({
      path: [...path, ...i.path.map((p) => (typeof p === 'number' ? p : String(p)))],
      message: i.message,
    })),
  );
}
