import { readPinnedText, type DataContext, type DataLoader } from '../../runtime/data.ts';
import { toDatasetPin } from '../../shared/datasets/pins.ts';
import { MT_BENCH_PINS } from './pins.ts';
import {
  readMtBenchAnswers,
  readMtBenchJudgePrompts,
  readMtBenchQuestions,
  type MtBenchAnswer,
  type MtBenchJudgePrompt,
  type MtBenchQuestion,
} from './reader.ts';

/** The questions, FastChat's judge prompts and GPT-4's reference answers (math, reasoning, coding). */
export interface MtBenchData {
  questions: MtBenchQuestion[];
  judgePrompts: Map<string, MtBenchJudgePrompt>;
  references: Map<number, MtBenchAnswer>;
}

const FILES = [MT_BENCH_PINS['mt_bench/question'], MT_BENCH_PINS['mt_bench/reference_gpt4'], MT_BENCH_PINS['mt_bench/judge_prompts']];

// Read the three pinned files through the verified cache.
export async function loadMtBench(context: DataContext): Promise<MtBenchData> {
  const [questions, references, prompts] = await Promise.all(FILES.map((pin) => readPinnedText(pin, context)));
  return {
    questions: readMtBenchQuestions(questions!),
    judgePrompts: readMtBenchJudgePrompts(prompts!),
    references: new Map(readMtBenchAnswers(references!, 'mt_bench/reference_answer/gpt-4.jsonl').map((a) => [a.questionId, a])),
  };
}

/** The questions as an eval data source that also keeps the judge's files for the scorer. */
export function mtBenchSource(keep: (data: MtBenchData) => void): DataLoader<MtBenchQuestion> {
  return {
    description: 'MT-Bench (lm-sys/FastChat)',
    load: async (context) => {
      const data = await loadMtBench(context);
      keep(data);
      return { items: data.questions, pins: FILES.map(toDatasetPin) };
    },
  };
}
