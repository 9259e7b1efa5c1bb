import { z } from 'zod';
import { Id } from '../ids.ts';

/** A person's naloxone kits with their statuses today (the record's "Naloxone" panel). */
export const PersonKitsQuery = z.strictObject({ personId: Id });
export type PersonKitsQuery = z.infer<typeof PersonKitsQuery>;
