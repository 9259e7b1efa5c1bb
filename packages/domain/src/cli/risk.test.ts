import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { londonDate } from '../dates.ts';

/** Runs the CLI as a user would: a separate Node process (the same Node 24 that runs the tests). */
const cli = fileURLToPath(new URL('./risk.ts', import.meta.url));
const examples = fileURLToPath(new URL('../../../../docs/risk-model-examples/', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr });
      },
    );
  });
}

// Each run starts Node and strips types (about half a second, more on a busy machine).
describe('risk CLI', { timeout: 20_000 }, () => {
  it('prints the assessment as JSON', async () => {
    const { code, stdout, stderr } = await run([`${examples}dean.json`, '--as-of', '2026-03-16']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const assessment = JSON.parse(stdout) as {
      modelVersion: string;
      asOf: string;
      score: number;
      tier: string;
    };
    expect(assessment).toMatchObject({
      modelVersion: '2026.2',
      asOf: '2026-03-16',
      score: 24,
      tier: 'moderate',
    });
  });

  it('explains in plain English with --explain (and --as-of=DATE)', async () => {
    const { code, stdout } = await run([`${examples}kayleigh.json`, '--explain', '--as-of=2026-03-16']);
    expect(code).toBe(0);
    expect(stdout).toContain('Score 39: tier HIGH.');
    expect(stdout).toContain('It is not a probability of death.');
    expect(stdout).toContain(
      'Released from prison or custody on 9 March 2026: never below high until 23 March 2026',
    );
    expect(stdout).toContain('Next change: 24 March 2026');
  });

  it('assesses every example file', { timeout: 30_000 }, async () => {
    const names = [
      'mo',
      'gary',
      'rachel',
      'lee',
      'sandra',
      'jamie',
      'paul',
      'chloe',
      'steve',
      'tony',
      'aisha',
      'darren',
    ];
    const runs = await Promise.all(
      names.map((name) => run([`${examples}${name}.json`, '--as-of', '2026-03-16', '--explain'])),
    );
    expect(runs.map((r) => r.code)).toEqual(names.map(() => 0));
  });

  it('defaults the assessment date to today in Europe/London', async () => {
    const before = londonDate(new Date());
    const { code, stdout } = await run([`${examples}dean.json`]);
    const after = londonDate(new Date());
    expect(code).toBe(0);
    expect([before, after]).toContain((JSON.parse(stdout) as { asOf: string }).asOf);
  });

  it('resolves a relative path from where pnpm was run (INIT_CWD)', async () => {
    const { code, stdout } = await run(['docs/risk-model-examples/mo.json', '--as-of', '2026-03-16'], {
      INIT_CWD: repoRoot,
    });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { score: number }).score).toBe(32);
  });

  it('exits 2 with one line on bad JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'harbour-risk-'));
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{ "sex": "male", ');
    const { code, stdout, stderr } = await run([file, '--as-of', '2026-03-16']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/broken\.json: not valid JSON/);
  });

  it('exits 2 with one line per problem (path: message) when the facts fail the schema', async () => {
    const { code, stdout, stderr } = await run([
      `${examples}invalid/field-errors.json`,
      '--as-of',
      '2026-03-16',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([
      'currentOst.doseMg: Too small: expected number to be >0',
      'conditions[0]: Invalid option: expected one of "copd"|"asthma_needing_treatment"|"cirrhosis"|"chronic_hepatitis"',
      '(facts): Unrecognized key: "riskScore"',
    ]);
  });

  it('exits 2 on a discharge before its admission, and on facts dated after --as-of', async () => {
    const discharge = await run([
      `${examples}invalid/discharge-before-admission.json`,
      '--as-of',
      '2026-03-16',
    ]);
    expect(discharge.code).toBe(2);
    expect(discharge.stderr.trim()).toBe(
      'hospitalDischarges[0].dischargedOn: a discharge cannot be before its admission',
    );
    const early = await run([`${examples}dean.json`, '--as-of', '2025-06-01']);
    expect(early.code).toBe(2);
    expect(early.stderr.trim().split('\n')).toEqual([
      'naloxoneSupplies[0].suppliedOn: is after the assessment date 2025-06-01',
      'lastContactOn: is after the assessment date 2025-06-01',
      'safetyPlan.recordedOn: is after the assessment date 2025-06-01',
      'lastHealthCheckOn: is after the assessment date 2025-06-01',
    ]);
  });

  it.each([
    [[], 'no facts file given'],
    [['--as-of', '2026-02-30', 'x.json'], '--as-of: expected a date as YYYY-MM-DD, got "2026-02-30"'],
    [['--as-of'], 'no facts file given'],
    [['--verbose', 'x.json'], '--verbose: unknown option'],
    [['a.json', 'b.json'], 'b.json: one facts file at a time'],
    [['/nonexistent/facts.json'], '/nonexistent/facts.json: cannot be read'],
  ])('exits 2 on a bad command line: %j', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('prints its usage with --help', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('usage: risk <facts.json>');
  });
});
