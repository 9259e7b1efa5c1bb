import { addDays, daysBetween } from '@harbour/domain/dates';
import type { CalendarDate } from '@harbour/domain/ids';
import type { RiskTier } from '@harbour/domain/risk/codes';
import { TIER_FLOORS } from '@harbour/domain/risk/tiers';

/**
 * The geometry of a person's risk chart (score over time, drawn on the tier bands), computed on the server so the
 * page sends an SVG that needs no script. The score holds from each point until the next (a step line): it only
 * changes on the days a point records.
 */

export interface ChartPoint {
  asOf: CalendarDate;
  score: number;
  tier: RiskTier;
}

export interface ChartBand {
  tier: RiskTier;
  y: number;
  height: number;
}

export interface RiskChart {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  bands: ChartBand[];
  /** The step line's SVG path (`M … H … V …`), or '' with no points. */
  path: string;
  /** Each recorded point, as a dot. */
  dots: { x: number; y: number; point: ChartPoint }[];
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
  from: CalendarDate;
  to: CalendarDate;
}

const WIDTH = 640;
const HEIGHT = 220;
const PLOT = { left: 40, top: 10, right: 630, bottom: 190 };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The chart of `points` (oldest first, one per change) from `from` to `to`. The score before the first point is
 * not known and is not drawn; the last point's score holds until `to`.
 */
export function riskChart(points: readonly ChartPoint[], from: CalendarDate, to: CalendarDate): RiskChart {
  const span = Math.max(1, daysBetween(from, to));
  const top = Math.max(60, ...points.map((p) => p.score + 5));
  const x = (day: CalendarDate): number =>
    PLOT.left + (Math.min(span, Math.max(0, daysBetween(from, day))) / span) * (PLOT.right - PLOT.left);
  const y = (score: number): number =>
    PLOT.bottom - (Math.min(top, Math.max(0, score)) / top) * (PLOT.bottom - PLOT.top);
  const edges: [RiskTier, number, number][] = [
    ['low', 0, TIER_FLOORS.moderate],
    ['moderate', TIER_FLOORS.moderate, TIER_FLOORS.high],
    ['high', TIER_FLOORS.high, TIER_FLOORS.very_high],
    ['very_high', TIER_FLOORS.very_high, top],
  ];
  const bands = edges.map(([tier, low, high]) => ({ tier, y: y(high), height: y(low) - y(high) }));
  const shown = points.filter((p) => p.asOf <= to);
  let path = '';
  shown.forEach((point, index) => {
    const px = x(point.asOf < from ? from : point.asOf);
    path +=
      index === 0
        ? `M${px.toFixed(1)},${y(point.score).toFixed(1)}`
        : `H${px.toFixed(1)}V${y(point.score).toFixed(1)}`;
  });
  if (path !== '') path += `H${x(to).toFixed(1)}`;
  const xTicks: RiskChart['xTicks'] = [];
  // The first day of each month in the span, labelled (with the year in January and at the start).
  let month = `${from.slice(0, 8)}01`;
  if (month < from) month = addDays(`${from.slice(0, 7)}-28`, 4).slice(0, 8) + '01';
  for (let i = 0; month <= to && i < 40; i++) {
    const m = Number(month.slice(5, 7));
    const label =
      m === 1 || xTicks.length === 0 ? `${MONTHS[m - 1] ?? ''} ${month.slice(0, 4)}` : (MONTHS[m - 1] ?? '');
    xTicks.push({ x: x(month), label });
    month = addDays(`${month.slice(0, 7)}-28`, 4).slice(0, 8) + '01';
  }
  return {
    width: WIDTH,
    height: HEIGHT,
    plot: PLOT,
    bands,
    path,
    dots: shown.map((point) => ({ x: x(point.asOf < from ? from : point.asOf), y: y(point.score), point })),
    yTicks: [0, TIER_FLOORS.moderate, TIER_FLOORS.high, TIER_FLOORS.very_high].map((score) => ({
      y: y(score),
      label: String(score),
    })),
    xTicks,
    from,
    to,
  };
}
