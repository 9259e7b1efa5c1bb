import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The caseload is the staff portal's home. */
export const GET: RequestHandler = () => {
  redirect(307, '/caseload');
};
