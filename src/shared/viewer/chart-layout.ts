import type { HistorySeries } from './history.ts';

// Where the history chart draws its points: plain coordinates, so the layout is tested without a browser.

/** Chart size and inner margins. @unit SVG user units */
export interface ChartFrame {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** A drawn point with its interval's vertical extent. */
export interface PlacedPoint {
  x: number;
  y: number;
  /** Interval ends in chart coordinates; null when the point has none. */
  ciY: [number, number] | null;
  runId: string;
  startedAt: string;
  value: number;
}

/** The chart's drawing: one polyline per series, y ticks, and the value range. */
export interface ChartLayout {
  series: Array<{ label: string; points: PlacedPoint[] }>;
  yTicks: Array<{ y: number; value: number }>;
  range: [number, number];
}

/**
 * Lay out series on a shared time axis (oldest left) and a value axis over `range` (proportions: [0, 1]), widened to
 * the data and intervals when they leave it. A single run sits in the middle.
 */
export function layoutChart(series: readonly HistorySeries[], frame: ChartFrame, range: [number, number] = [0, 1]): ChartLayout {
  const points = series.flatMap((s) => s.points);
  const times = points.map((p) => Date.parse(p.startedAt));
  const values = points.flatMap((p) => [p.value, ...(p.ci ?? [])]);
  const low = Math.min(range[0], ...values);
  const high = Math.max(range[1], ...values);
  const first = Math.min(...times);
  const last = Math.max(...times);
  const innerWidth = frame.width - frame.margin.left - frame.margin.right;
  const innerHeight = frame.height - frame.margin.top - frame.margin.bottom;
  const xOf = (time: number) => frame.margin.left + (last === first ? innerWidth / 2 : ((time - first) / (last - first)) * innerWidth);
  const yOf = (value: number) => frame.margin.top + (high === low ? innerHeight / 2 : (1 - (value - low) / (high - low)) * innerHeight);
  return {
    range: [low, high],
    yTicks: [low, (low + high) / 2, high].map((value) => ({ y: yOf(value), value })),
    series: series.map((s) => ({
      label: s.label,
      points: s.points.map((p) => ({
        x: xOf(Date.parse(p.startedAt)),
        y: yOf(p.value),
        ciY: p.ci ? [yOf(p.ci[0]), yOf(p.ci[1])] : null,
        runId: p.runId,
        startedAt: p.startedAt,
        value: p.value,
      })),
    })),
  };
}
