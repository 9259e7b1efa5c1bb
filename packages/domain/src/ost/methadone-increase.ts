import { addDays, daysBetween } from '../dates.ts';
import { increasesSince, previousDayDose } from './dose-history.ts';
import type { MethadoneDoseChangeInput } from './methadone.ts';
import { methadoneLimits } from './methadone-limits.ts';
import { finding, type Finding } from './outcome.ts';

/**
 * After induction, the induction limits become a warning (issue 10's review of ost.md "Dose changes"): an
 * increase above 10 mg in one change, or above 30 mg of increases in any 7 days, must be acknowledged with a
 * reason. Methadone builds up in the body over several days at any stage of treatment, so a fast rise is as
 * dangerous after day 14 as before; it is not refused because a prescriber may have good reason (e.g. a
 * person restabilising after a relapse), but it is never silent.
 */
export function postInductionIncreaseFinding(input: MethadoneDoseChangeInput): Finding {
  const { inductionStartedOn, history, proposed } = input;
  const { inductionLastDay, maxSingleIncreaseMg, windowDays, maxIncreasesPerWindowMg } = methadoneLimits;
  const id = 'OST-METH-POST-INDUCTION-INCREASE';
  const day = daysBetween(inductionStartedOn, proposed.on);
  if (day <= inductionLastDay) {
    return finding(id, 'ok', `Day ${day} of induction: the induction limits apply instead.`);
  }
  const problems: string[] = [];
  const base = previousDayDose(history, proposed.on);
  const step = proposed.doseMg - base.doseMg;
  if (step > maxSingleIncreaseMg) {
    problems.push(
      `an increase of ${step} mg (from ${base.doseMg} mg) is more than ${maxSingleIncreaseMg} mg`,
    );
  }
  // Until day 20 a 7-day window still reaches induction, and OST-METH-TITRATION-WEEK refuses instead.
  const from = addDays(proposed.on, -(windowDays - 1));
  if (day > inductionLastDay + windowDays - 1) {
    const total = increasesSince(inductionStartedOn, [...history, proposed])
      .filter((inc) => inc.on >= from)
      .reduce((sum, inc) => sum + inc.mg, 0);
    if (total > maxIncreasesPerWindowMg) {
      problems.push(
        `increases from ${from} to ${proposed.on} would total ${total} mg, more than ` +
          `${maxIncreasesPerWindowMg} mg in ${windowDays} days`,
      );
    }
  }
  if (problems.length === 0) {
    return finding(
      id,
      'ok',
      `Day ${day}: the increase is within ${maxSingleIncreaseMg} mg and 30 mg a week.`,
    );
  }
  return finding(
    id,
    'warning',
    `After induction, ${problems.join('; and ')}. Methadone builds up over several days: record the reason.`,
  );
}
