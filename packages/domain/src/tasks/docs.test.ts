import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dueRuleWords } from './due.ts';
import { taskRule, type TaskRuleId, taskRuleIds, windowLastDay } from './rules.ts';

// The transitions table is where clinicians review what opens which task; the hazard log is the safety case.
// Both must say what the code does, and cite only tests that exist.
const repo = new URL('../../../../', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, repo), 'utf8');

const cells = (row: string): string[] =>
  row
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());

describe('docs/tasks.md', () => {
  const rows = read('docs/tasks.md')
    .split('\n')
    .filter((line) => /^\| TSK-[A-Z-]+ +\|/.test(line))
    .map(cells);

  it('lists every task rule in the catalogue, with its due rule and window, and no rule that is not in it', () => {
    expect(rows.map((r) => r[0]).sort()).toEqual([...taskRuleIds].sort());
    for (const [ruleId = '', , , , , due, missedAfter] of rows) {
      const rule = taskRule(ruleId as TaskRuleId);
      expect(due, ruleId).toBe(dueRuleWords(rule.due));
      const last = windowLastDay(rule.window);
      expect(missedAfter, ruleId).toBe(last === null ? 'never' : `day ${last}`);
    }
  });
});

describe('hazard log, tasks section', () => {
  const log = read('docs/clinical-safety/hazard-log.md');
  const section = log.slice(log.indexOf('## Tasks, naloxone and case review'));
  const rows = section.split('\n').filter((line) => line.startsWith('| HAZ-TSK-'));

  it('has a hazard for a missed task and for a wrong due date, each citing tests', () => {
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(section).toContain('A transition opens no task');
    expect(section).toContain('A task falls due on the wrong day');
    // The rules' own tests, or the store's (the API, the daily job, the browser tests) for what it adds.
    for (const row of rows)
      expect(row).toMatch(/`(packages|apps)\/[a-z-]+\/(src|e2e)\/[a-z/-]+\.(int\.)?(test|e2e)\.ts`: "/);
  });

  it('cites only tests that exist, by file and by name', () => {
    for (const row of rows) {
      const verifiedBy = cells(row).at(-1) ?? '';
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
