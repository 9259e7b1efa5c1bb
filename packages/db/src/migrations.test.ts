import { execFile } from 'node:child_process';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
// The package's own drizzle-kit (its `exports` hide bin.cjs from resolution).
const drizzleKit = `${packageDir}/node_modules/drizzle-kit/bin.cjs`;

describe('committed migrations', () => {
  it('match the drizzle schema: generating again finds nothing to add', async () => {
    // drizzle-kit compares the schema with the last committed snapshot; run it on a copy so nothing is written
    // into drizzle/ (it wants a path relative to the package).
    const copy = `.migrations-check-${process.pid}`;
    cpSync(`${packageDir}/drizzle`, `${packageDir}/${copy}`, { recursive: true });
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          drizzleKit,
          'generate',
          '--dialect',
          'postgresql',
          '--schema',
          './src/schema/*.ts',
          '--out',
          `./${copy}`,
          '--casing',
          'snake_case',
        ],
        { cwd: packageDir },
      );
      expect(stdout).toContain('No schema changes');
      expect(readdirSync(`${packageDir}/${copy}`).sort()).toEqual(
        readdirSync(`${packageDir}/drizzle`).sort(),
      );
    } finally {
      rmSync(`${packageDir}/${copy}`, { recursive: true, force: true });
    }
  });
});
