import { permissions } from '@harbour/domain/access/policy';
import { describe, expect, it } from 'vitest';
import { appRouter } from './root.ts';
import type { Meta } from './trpc.ts';

describe('every procedure declares who may call it', () => {
  const procedures = Object.entries(
    appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>,
  );

  it('has procedures to check', () => {
    expect(procedures.length).toBeGreaterThan(0);
  });

  it.each(procedures)('%s names a known permission', (_path, procedure) => {
    const permission = procedure._def.meta?.permission;
    expect(permission === 'public' || permissions.includes(permission as (typeof permissions)[number])).toBe(
      true,
    );
  });
});
