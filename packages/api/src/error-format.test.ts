import type { Actor } from '@harbour/domain/access/policy';
import type { Database } from '@harbour/db/client';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { DomainError } from '@harbour/domain/errors';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CANNOT_STORE, CONFLICTS } from './errors.ts';
import { authorised, createRouter } from './trpc.ts';

// A router of procedures that fail in each way, served over HTTP as apps/server serves the real one.
const router = createRouter({
  leaksSql: authorised('team:read').query(() => {
    throw new Error('Failed query: select * from staff where email = $1\nparams: sam@example.org');
  }),
  storedDataFailsSchema: authorised('team:read').query(() =>
    z.strictObject({ doseMg: z.number() }).parse({ doseMg: 'sixty', givenName: 'Dean' }),
  ),
  badInput: authorised('team:read')
    .input(z.strictObject({ page: z.int().min(1) }))
    .query(() => 'ok'),
  storesNul: authorised('team:read').query(() => {
    throw new Error('Failed query: insert into staff values ($1)\nparams: Dean\u0000', {
      cause: Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }),
    });
  }),
  storesTwice: authorised('team:read').query(() => {
    throw new Error('Failed query: insert into staff values ($1)\nparams: sam@example.org', {
      cause: Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
    });
  }),
  refusedByService: authorised('team:read').query(() => {
    throw new DomainError('INVALID_INPUT', 'Your current passphrase is not right.', [
      { path: ['current'], message: 'Your current passphrase is not right.' },
    ]);
  }),
});

const actor: Actor = { staffId: 's', organisationId: 'o', role: 'keyworker', teamIds: [] };

async function call(path: string, input?: unknown): Promise<{ status: number; body: string }> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetchRequestHandler({
    endpoint: '/trpc',
    req: new Request(`http://harbour.test/trpc/${path}${query}`),
    router,
    createContext: () => ({
      db: {} as Database,
      actor,
      session: null,
      serviceUser: null,
      clientAddress: '192.0.2.1',
      requestId: 'r1',
      now: () => new Date(),
    }),
  });
  return { status: response.status, body: await response.text() };
}

describe('errors over HTTP', () => {
  it('never sends the text of an unexpected error (it can hold SQL and its parameters)', async () => {
    const { status, body } = await call('leaksSql');
    expect(status).toBe(500);
    expect(JSON.parse(body)).toMatchObject({ error: { message: 'Something went wrong' } });
    expect(body).not.toMatch(/select|sam@|params|stack/i);
  });

  it("answers the database's refusal of the caller's data with 400 or 409, never 500, and no detail", async () => {
    const text = await call('storesNul');
    expect(text.status).toBe(400);
    expect(JSON.parse(text.body)).toMatchObject({ error: { message: CANNOT_STORE } });
    const duplicate = await call('storesTwice');
    expect(duplicate.status).toBe(409);
    expect(JSON.parse(duplicate.body)).toMatchObject({ error: { message: CONFLICTS } });
    for (const { body } of [text, duplicate])
      expect(body).not.toMatch(/insert|params|Dean|sam@|UTF8|unique constraint/i);
  });

  it("reports stored data failing its schema as a server error, not as the caller's bad input", async () => {
    const { status, body } = await call('storedDataFailsSchema');
    expect(status).toBe(500);
    expect(JSON.parse(body)).toMatchObject({ error: { message: 'Something went wrong' } });
    expect(body).not.toMatch(/doseMg|givenName|issues|not valid/);
  });

  it('lists the problems with bad input, and only then', async () => {
    const { status, body } = await call('badInput', { page: 0 });
    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({
      error: {
        message: 'The request is not valid',
        data: { issues: [{ path: ['page'] }] },
      },
    });
  });

  it("names the field a service's own refusal is about, with its message", async () => {
    const { status, body } = await call('refusedByService');
    expect(status).toBe(400);
    expect(JSON.parse(body)).toMatchObject({
      error: {
        message: 'Your current passphrase is not right.',
        data: { issues: [{ path: ['current'], message: 'Your current passphrase is not right.' }] },
      },
    });
  });
});
