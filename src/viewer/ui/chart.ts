import { layoutChart } from '../../shared/viewer/chart-layout.ts';
import type { HistorySeries } from '../../shared/viewer/history.ts';
import { h, svg } from './dom.ts';

// A dataset's score history as inline SVG (no chart library): one line per model/preset, intervals as whiskers.

const FRAME = { width: 360, height: 140, margin: { top: 10, right: 12, bottom: 18, left: 40 } };

/** Colours come from the style sheet (`.series-N`), so light and dark themes both apply. */
const SERIES_CLASSES = 6;

/** Render the history chart of one dataset's metric, with a legend; `range` is the metric's scale. */
export function renderHistoryChart(title: string, series: HistorySeries[], range: [number, number]): HTMLElement {
  const layout = layoutChart(series, FRAME, range);
  const chart = svg(
    'svg',
    { viewBox: `0 0 ${FRAME.width} ${FRAME.height}`, role: 'img', 'aria-label': `${title}: score history`, class: 'chart' },
    ...layout.yTicks.map((tick) =>
      svg(
        'g',
        { class: 'tick' },
        svg('line', { x1: FRAME.margin.left, x2: FRAME.width - FRAME.margin.right, y1: tick.y, y2: tick.y }),
        svg('text', { x: FRAME.margin.left - 4, y: tick.y + 3, 'text-anchor': 'end' }, tick.value.toFixed(2)),
      ),
    ),
    ...layout.series.map((s, index) =>
      svg(
        'g',
        { class: `series series-${index % SERIES_CLASSES}` },
        svg('polyline', { points: s.points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ') }),
        ...s.points.map((p) =>
          svg(
            'g',
            {},
            p.ciY ? svg('line', { class: 'whisker', x1: p.x, x2: p.x, y1: p.ciY[0], y2: p.ciY[1] }) : null,
            svg('circle', { cx: p.x, cy: p.y, r: 3 }, svg('title', {}, `${p.runId}\n${p.startedAt}\n${p.value.toFixed(3)}`)),
          ),
        ),
      ),
    ),
  );
  const legend = h(
    'ul',
    { class: 'legend' },
    ...series.map((s, index) =>
      h('li', { class: `series-${index % SERIES_CLASSES}` }, h('span', { class: 'swatch' }), `${s.label} (${s.points.length})`),
    ),
  );
  return h('figure', { class: 'history' }, h('figcaption', {}, title), chart, legend);
}
