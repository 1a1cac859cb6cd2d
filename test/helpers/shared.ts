import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHumanEval, parseMbpp, type HumanEvalProblem, type MbppProblem, type MbppSplit } from './code-datasets.ts';

// The shared datasets the tests read (never committed): `SHARED_DIR`, else `../shared` next to the repository.
const repoRoot = path.resolve(import.meta.dirname, '../..');
export const sharedDir = process.env.SHARED_DIR?.trim() || path.resolve(repoRoot, '../shared');

// Read a file under the shared datasets folder as UTF-8.
export function readShared(...segments: string[]): string {
  return readFileSync(path.join(sharedDir, 'datasets', ...segments), 'utf8');
}

// HumanEval's 164 problems from the shared copy.
export function readHumanEval(): HumanEvalProblem[] {
  return parseHumanEval(readShared('humaneval', 'HumanEval.jsonl'));
}

// One MBPP split from the shared copy.
export function readMbpp(split: MbppSplit = 'test'): MbppProblem[] {
  return parseMbpp(split, readShared('mbpp', split === 'test' ? 'mbpp.jsonl' : 'sanitized-mbpp.json'));
}
