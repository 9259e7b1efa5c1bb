import { PersonSearch } from '@harbour/domain/record/inputs';
import { searchPeople } from '../services/search-people.ts';
import { authorised, createRouter } from '../trpc.ts';

export const peopleRouter = createRouter({
  /**
   * Find a person by name, reference or date of birth. A mutation so that the search text travels in the request
   * body, never in a URL or a log line (security.md promise 12). Each person shown is audited.
   */
  search: authorised('person:search')
    .input(PersonSearch)
    .mutation(({ ctx, input }) => searchPeople(ctx.db, ctx.actor, input, ctx.requestId, ctx.now())),
});
