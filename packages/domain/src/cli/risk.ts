/**
 * `pnpm --filter @harbour/domain risk <facts.json> [--as-of YYYY-MM-DD] [--explain]`
 *
 * Assesses the drug-related-death risk of the person described by a facts file (RiskFacts as JSON; examples in
 * docs/risk-model-examples/) and prints the assessment as JSON, or with `--explain` as plain English for a
 * clinician. The assessment date defaults to today in Europe/London. Exit status 2, with one line per problem
 * (`path: message`) on stderr, for a bad command line, an unreadable file, bad JSON or facts that fail the schema.
 * Node 24 runs this file directly (type stripping), so it uses erasable TypeScript only.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { londonDate } from '../dates.ts';
import { CalendarDate } from '../ids.ts';
import { assessRisk } from '../risk/assess.ts';
import { explainAssessment } from '../risk/explain.ts';
import { formatIssue, parseRiskFacts } from '../risk/parse.ts';

const USAGE = 'usage: risk <facts.json> [--as-of YYYY-MM-DD] [--explain]';

function fail(lines: string[]): never {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exit(2);
}

interface Options {
  file: string;
  asOf: string;
  explain: boolean;
}

function parseArgs(args: string[]): Options {
  let file: string | undefined;
  let asOf = londonDate(new Date());
  let explain = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--explain') explain = true;
    else if (arg === '--as-of') asOf = args[++i] ?? '';
    else if (arg.startsWith('--as-of=')) asOf = arg.slice('--as-of='.length);
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (arg.startsWith('-')) fail([`${arg}: unknown option`, USAGE]);
    else if (file === undefined) file = arg;
    else fail([`${arg}: one facts file at a time`, USAGE]);
  }
  if (file === undefined) fail(['no facts file given', USAGE]);
  if (!CalendarDate.safeParse(asOf).success) fail([`--as-of: expected a date as YYYY-MM-DD, got "${asOf}"`]);
  return { file, asOf, explain };
}

const options = parseArgs(process.argv.slice(2));
// pnpm runs scripts in the package folder; INIT_CWD is where the user typed the command, so a path like
// docs/risk-model-examples/dean.json given at the repository root still resolves.
const path = resolve(process.env.INIT_CWD ?? process.cwd(), options.file);

let text: string;
try {
  text = readFileSync(path, 'utf8');
} catch (error) {
  fail([`${options.file}: cannot be read (${error instanceof Error ? error.message : String(error)})`]);
}

let input: unknown;
try {
  input = JSON.parse(text);
} catch (error) {
  fail([`${options.file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`]);
}

const parsed = parseRiskFacts(input, options.asOf);
if (!parsed.success) fail(parsed.issues.map(formatIssue));

const assessment = assessRisk(parsed.data, options.asOf);
process.stdout.write(
  options.explain ? explainAssessment(assessment) : `${JSON.stringify(assessment, null, 2)}\n`,
);
