import { describe, expect, test } from 'vitest';
import { multipleChoiceMetrics } from '../../../src/evals/multiple-choice/metrics.ts';
import { metricsOf } from '../../../src/scorers/scorer.ts';
import { buildHellaswagChatMessages, buildHellaswagLoglikelihoodPrompt } from '../../../src/evals/hellaswag/prompt.ts';
import {
  buildHellaswagGoldResponse,
  buildHellaswagWrongResponse,
  HELLASWAG_CHAT_SCORER,
  HELLASWAG_LOGLIKELIHOOD_SCORER,
  scoreHellaswagChatResponse,
  scoreHellaswagLoglikelihood,
} from '../../../src/evals/hellaswag/score.ts';
import {
  buildHellaswagQuery,
  capitalizePython,
  preprocessHellaswagText,
  reconstructHellaswagQuery,
} from '../../../src/evals/hellaswag/preprocess.ts';
import { readHellaswagText } from '../../../src/evals/hellaswag/reader.ts';
import { DatasetError } from '../../../src/shared/errors.ts';
import { readShared } from '../../helpers/shared.ts';

const cases = readHellaswagText(readShared('hellaswag', 'hellaswag_val_full.txt'));

describe('readHellaswagText', () => {
  test('reads all 10042 validation items', () => {
    expect(cases.length).toBe(10042);
  });

  test('reads gold indices with the manifest counts (0:2515, 1:2485, 2:2584, 3:2458)', () => {
    const counts = [0, 1, 2, 3].map((l) => cases.filter((c) => c.label === l).length);
    expect(counts).toEqual([2515, 2485, 2584, 2458]);
  });

  test('ids are the 0-based item index', () => {
    expect([cases[0]?.id, cases[10041]?.id]).toEqual(['0', '10041']);
  });

  test('reads four endings per item', () => {
    expect(cases[0]?.endings).toEqual([
      'is using wrap to wrap a pair of skis.',
      'is ripping level tiles off.',
      "is holding a rubik's cube.",
      'starts pulling up roofing on a roof.',
    ]);
  });

  test('leaves no bracket artifacts after lm-eval preprocessing', () => {
    expect(cases.filter((c) => /\[.*?\]/.test(c.query) || c.endings.some((e) => /\[.*?\]/.test(e))).length).toBe(0);
  });

  test('rejects content that is not six lines per item', () => {
    expect(() => readHellaswagText('ctx\n1\na\nb\nc\n')).toThrow(DatasetError);
  });

  test('rejects a gold index outside 0-3', () => {
    expect(() => readHellaswagText('ctx\n7\na\nb\nc\nd\n')).toThrow(/gold index/);
  });
});

describe('HellaSwag preprocessing (lm-eval utils.py)', () => {
  test('turns " [title]" into ". " and drops other bracket tags', () => {
    expect(preprocessHellaswagText('Food: [header] How to bake [title] Preheat the oven. [step] Mix.')).toBe(
      'Food: How to bake. Preheat the oven. Mix.',
    );
  });

  test('replaces double spaces once, as Python str.replace', () => {
    expect(preprocessHellaswagText('a   b')).toBe('a  b');
  });

  test('capitalize upper-cases the first letter and lower-cases the rest, as Python', () => {
    expect(capitalizePython('the US team')).toBe('The us team');
  });

  test('builds the query from a raw record as lm-eval does', () => {
    expect(buildHellaswagQuery({ activity_label: 'Roof shingle removal', ctx_a: 'A man is sitting on a roof.', ctx_b: 'he' })).toBe(
      'Roof shingle removal: A man is sitting on a roof. He',
    );
  });

  test('reconstructs the capitalised ctx_b from the derived context', () => {
    expect(cases[0]?.query).toBe('Roof shingle removal: A man is sitting on a roof. He');
  });

  test('leaves a context that ends with a full sentence unchanged', () => {
    expect(reconstructHellaswagQuery('Health: Wash your hands. Dry them.')).toBe('Health: Wash your hands. Dry them.');
  });
});

describe('HellaSwag prompts', () => {
  test('log-likelihood prompt is the query with space-led endings', () => {
    expect(buildHellaswagLoglikelihoodPrompt(cases[0]!)).toMatchObject({
      context: cases[0]!.query,
      continuations: cases[0]!.endings.map((e) => ` ${e}`),
    });
  });

  test('chat prompt labels the endings A-D', () => {
    expect(buildHellaswagChatMessages(cases[0]!).at(-1)?.content).toContain(
      'A) is using wrap to wrap a pair of skis.\nB) is ripping level tiles off.',
    );
  });

  test('acc_norm is the primary metric', () => {
    expect([multipleChoiceMetrics('loglikelihood').map((m) => m.name), multipleChoiceMetrics('chat').map((m) => m.name)]).toEqual([
      ['acc_norm', 'acc'],
      ['chat_acc'],
    ]);
  });

  test('its scorers score the metrics the registry declares for each variant', () => {
    expect([metricsOf(HELLASWAG_LOGLIKELIHOOD_SCORER), metricsOf(HELLASWAG_CHAT_SCORER)]).toEqual([
      multipleChoiceMetrics('loglikelihood'),
      multipleChoiceMetrics('chat'),
    ]);
  });
});

describe('HellaSwag chat self-check', () => {
  test('every gold response scores correct and every wrong one wrong', () => {
    const failures = cases.filter(
      (c) =>
        scoreHellaswagChatResponse(c, buildHellaswagGoldResponse(c)).verdict !== 'correct' ||
        scoreHellaswagChatResponse(c, buildHellaswagWrongResponse(c)).verdict !== 'wrong',
    );
    expect(failures.map((f) => f.id)).toEqual([]);
  });
});

describe('HellaSwag scoring on real Llama-3.2-1B log-likelihoods (pchizhov/hellaswag-evaluation)', () => {
  const rows = readShared('hellaswag', 'model-outputs', 'full_prompt', 'meta-llama--Llama-3.2-1B.csv')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number));

  test('the outputs have one row of four values per validation item', () => {
    expect([rows.length, rows.every((r) => r.length === 4 && r.every(Number.isFinite))]).toEqual([10042, true]);
  });

  // Values are mean log-likelihoods of query + ending, so only the argmax (our `acc`) is comparable; acc_norm
  // would divide an already length-averaged value again and has no reference number.
  test('argmax accuracy is 6241/10042 = 0.6215, the manifest figure', () => {
    const correct = cases.filter((c, i) => scoreHellaswagLoglikelihood(c, rows[i]!).scores.acc === 1).length;
    expect(correct).toBe(6241);
    expect(correct / cases.length).toBeCloseTo(0.6215, 4);
  });

  test('shuffled labels would give chance accuracy (the check depends on the reader alignment)', () => {
    const correct = cases.filter((c, i) => scoreHellaswagLoglikelihood(c, rows[(i + 1) % rows.length]!).scores.acc === 1).length;
    expect(correct / cases.length).toBeLessThan(0.3);
  });
});
