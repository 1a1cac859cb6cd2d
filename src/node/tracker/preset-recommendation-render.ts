import { formatDelta, formatInterval, formatP } from '../../shared/stats/format.ts';
import type { Spread } from '../../shared/stats/spread.ts';
import { formatNumber, table } from './markdown.ts';
import { type ModelRecommendation, RECOMMENDATION_RULE } from './preset-recommendation.ts';

// The tracker's "Preset recommendation" section (rendering only; the choice is made in preset-recommendation.ts).

/** Accuracy deltas shown per preset. */
const MAX_ACCURACY_CELLS = 3;

/** The section's markdown lines. */
export function renderPresetRecommendations(models: readonly ModelRecommendation[]): string[] {
  const lines = ['## Preset recommendation', ''];
  if (models.length === 0) return [...lines, '_No benchmark run yet: run the serving benchmark per preset to get a recommendation._'];
  lines.push(`Rule: ${RECOMMENDATION_RULE}`, '');
  for (const m of models) {
    const sim = m.simulation !== null ? ` — SIMULATED (${m.simulation}): says nothing about a GPU` : '';
    const load = m.statedConcurrency === null ? 'no shared load point' : `concurrency ${m.statedConcurrency}`;
    lines.push(
      `### ${m.modelKey}${sim}`,
      '',
      `Workload ${m.workload}, benchmark definition \`${m.definitionHash}\`; accuracy against ${m.referencePreset}.`,
      '',
    );
    lines.push(
      ...table(
        [
          'Preset',
          'Benchmark runs',
          'Output tok/s at saturation (range)',
          `p99 E2EL ms at ${load} (range)`,
          'Memory (reserved / peak measured)',
          `Accuracy vs ${m.referencePreset} (95% CI)`,
        ],
        m.presets.map((p) => [
          p.preset,
          String(p.benchmarkRuns),
          spread(p.throughput),
          spread(p.p99E2elMs),
          `${p.reservedShare ?? '—'} / ${p.peakMemoryMiB ? `${spread(p.peakMemoryMiB)} MiB` : 'unavailable'}`,
          p.preset === m.referencePreset
            ? 'reference'
            : p.accuracy.length === 0
              ? 'no shared eval dataset'
              : p.accuracy
                  .slice(0, MAX_ACCURACY_CELLS)
                  .map((a) => `${a.dataset} ${formatDelta(a.diff)} (${formatInterval(a.ci)}, ${formatP(a.p)})`)
                  .join('; '),
        ]),
      ),
      '',
      `- **Throughput:** ${m.throughput.preset ? `**${m.throughput.preset}**: ${m.throughput.reason}` : `no recommendation: ${m.throughput.reason}`}`,
      `- **Memory:** ${m.memory.preset ? `**${m.memory.preset}**: ${m.memory.reason}` : `no recommendation: ${m.memory.reason}`}`,
      '',
    );
  }
  return lines;
}

function spread(s: Spread | null): string {
  if (!s) return '—';
  return s.n > 1 ? `${formatNumber(s.median)} (${formatNumber(s.min)}–${formatNumber(s.max)})` : formatNumber(s.median);
}
