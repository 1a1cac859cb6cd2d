import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { createSandbox } from '../../src/sandbox/index.ts';
import { readHumanEval, scoreCodeResponse, resolveSharedDir } from '../../src/scoring/code/index.ts';
test('try', async () => {
  const sb = await createSandbox({ limits: { cpuMs: 3000 } });
  const probs = readHumanEval();
  const rows = readFileSync(resolveSharedDir() + '/datasets/humaneval/model-outputs/codellama_7b_results.jsonl', 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const t0 = performance.now();
  const res = await Promise.all(rows.map(async (r: any, i: number) => {
    const s = await scoreCodeResponse(sb, probs[i]!, r.completion);
    return { dur: Math.round(s.result?.durationMs ?? 0), retried: s.result?.retried, id: r.task_id, off: r.passed, ours: s.result?.status, res: r.result, detail: s.result?.detail, fa: s.result?.failingAssert, asm: s.fields.detail?.assembly, changed: s.extracted?.code !== r.completion + '\n' && s.extracted?.code !== r.completion };
  }));
  console.log('ms', performance.now() - t0);
  const dis = res.filter((r) => r.off !== (r.ours === 'passed'));
  console.log('agree', res.length - dis.length, JSON.stringify(dis, null, 1));
  console.log(JSON.stringify(res.filter((r) => r.dur > 500 || r.retried).map((r) => [r.id, r.dur, r.ours, r.retried, r.detail]))); console.log(JSON.stringify(res.map((r) => r.dur).sort((a, b) => a - b)));
  sb.close();
}, 120000);
