import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleIds } from './rules.ts';

// The docs are part of the safety case: a rule without documentation, or a hazard control citing a test that
// does not exist, is a gap a reviewer would otherwise have to find by hand.
const repo = new URL('../../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, repo), 'utf8');

describe('docs/ost-rules.md', () => {
  it('documents every rule in the catalogue, and no rule that is not in it', () => {
    const doc = read('docs/ost-rules.md');
    const rows = [...doc.matchAll(/^\| (OST-[A-Z0-9-]+) +\|/gm)].map((m) => m[1]);
    expect([...rows].sort()).toEqual([...ruleIds].sort());
  });
});

describe('hazard log, OST section', () => {
  const log = read('docs/clinical-safety/hazard-log.md');
  const section = log.slice(
    log.indexOf('## OST safety rules'),
    log.indexOf('## Health needs and instruments'),
  );
  const rows = section.split('\n').filter((line) => line.startsWith('| HAZ-OST-'));

  it('has hazards, each with at least one test cited', () => {
    expect(rows.length).toBeGreaterThanOrEqual(15);
    for (const row of rows) expect(row).toMatch(/`packages\/domain\/src\/ost\/[a-z-]+\.test\.ts`: "/);
  });

  it('cites only tests that exist, by file and by name', () => {
    for (const row of rows) {
      const verifiedBy =
        row
          .split('|')
          .map((cell) => cell.trim())
          .filter(Boolean)
          .at(-1) ?? '';
      for (const group of verifiedBy.split(' · ')) {
        const file = /`([^`]+)`/.exec(group)?.[1] ?? '';
        expect(existsSync(new URL(file, repo)), file).toBe(true);
        const source = read(file);
        const names = [...group.matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '');
        expect(names.length, group).toBeGreaterThan(0);
        for (const name of names) expect(source.includes(`'${name}'`), `${file}: ${name}`).toBe(true);
      }
    }
  });
});
