import type { CaseRecord } from '../../shared/records/case-record.ts';
import { describeFailure } from '../../shared/viewer/case-facts.ts';
import { formatMs, h } from './dom.ts';

// One case in full: what was sent, what came back, what was taken from it and how it scored.

/** Render a case record in full. */
export function renderCaseDetail(record: CaseRecord): HTMLElement {
  const block = (title: string, text: string | null | undefined) => [h('dt', {}, title), h('dd', {}, h('pre', {}, text ?? '(none)'))];
  const line = (title: string, text: string) => [h('dt', {}, title), h('dd', {}, text)];
  const metrics = Object.keys({ ...record.scores, ...record.extracted });
  return h(
    'article',
    { 'aria-label': `Case ${record.caseId}` },
    h(
      'h3',
      {},
      `${record.dataset}/${record.variant} · case ${record.caseId} · `,
      h('span', { class: `badge verdict-${record.verdict}` }, record.verdict),
    ),
    h(
      'dl',
      {},
      ...line('Expected', record.expected),
      ...metrics.flatMap((metric) =>
        line(`${metric}`, `extracted ${record.extracted[metric] ?? '(nothing)'} · score ${record.scores[metric] ?? '–'}`),
      ),
      ...line('Failure reason', describeFailure(record) || '–'),
      ...line(
        'Tokens · latency',
        `${record.usage.promptTokens ?? '–'} in, ${record.usage.completionTokens ?? '–'} out · ${formatMs(record.timing.latencyMs)} (${record.timing.requests} request${record.timing.requests === 1 ? '' : 's'})`,
      ),
      ...block('Prompt', record.prompt),
      ...block('Response', record.response),
      ...(record.reasoning ?? []).flatMap((r, i) => block(`Reasoning ${i + 1} (${r.splitBy}, ${r.tokens ?? '?'} tokens)`, r.text)),
      ...(record.detail ? block('Detail', JSON.stringify(record.detail, null, 2)) : []),
    ),
  );
}
