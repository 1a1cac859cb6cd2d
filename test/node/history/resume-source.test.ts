import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkResumeMatches, resolveResume, type ResumeTarget } from '../../../src/node/history/resume-source.ts';
import { writeRunRecord } from '../../../src/node/history/store.ts';
import { ConfigError } from '../../../src/shared/errors.ts';
import { makeRun } from '../tracker/fixtures.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'qwen-evals-resume-'));
  await mkdir(path.join(dir, 'cases'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// An interrupted gold run of the fixture's model: its run record and one case record.
async function interruptedRun(withRecord = true) {
  const run = makeRun({ simulation: 'gold', status: 'interrupted' });
  if (withRecord) await writeRunRecord(dir, run);
  await writeFile(path.join(dir, 'cases', `${run.runId}.jsonl`), `${JSON.stringify({ caseId: 'a', simulation: 'gold' })}\n`);
  return run;
}

function sameAs(run: ReturnType<typeof makeRun>, overrides: Partial<ResumeTarget> = {}): ResumeTarget {
  return {
    modelId: run.model.id,
    preset: run.preset,
    sampling: run.sampling,
    reasoning: run.model.reasoning,
    simulation: 'gold',
    ...overrides,
  };
}

describe('resuming a run', () => {
  test('accepts a resume with the same model, preset, sampling, thinking and server kind', async () => {
    const run = await interruptedRun();
    const resume = (await resolveResume(run.runId, dir))!;
    expect(resume.record?.runId).toBe(run.runId);
    expect(() => checkResumeMatches(resume, sameAs(run, { sampling: { ...run.sampling } }))).not.toThrow();
  });

  test('refuses a resume on another kind of server, naming both', async () => {
    const run = await interruptedRun();
    const resume = (await resolveResume(run.runId, dir))!;
    expect(() => checkResumeMatches(resume, sameAs(run, { simulation: 'mix:0.7' }))).toThrow(ConfigError);
    expect(() => checkResumeMatches(resume, sameAs(run, { simulation: null }))).toThrow(
      /a run with server the simulated vLLM \(gold\) \(now a model\): one run record would mix the two/,
    );
  });

  test('refuses a resume with another preset or sampling, naming each difference', async () => {
    const run = await interruptedRun();
    const resume = (await resolveResume(run.runId, dir))!;
    const target = sameAs(run, { preset: 'performance', sampling: { ...run.sampling, temperature: 0.7 } });
    expect(() => checkResumeMatches(resume, target)).toThrow(
      /preset default \(now performance\), sampling \{.*"temperature":0,.*\} \(now \{.*"temperature":0\.7,/,
    );
  });

  test('leaves the server kind unchecked until it is known', async () => {
    const run = await interruptedRun();
    const resume = (await resolveResume(run.runId, dir))!;
    expect(() => checkResumeMatches(resume, sameAs(run, { simulation: undefined }))).not.toThrow();
  });

  test('without a run record, compares the server kind its case records name', async () => {
    const run = await interruptedRun(false);
    const resume = (await resolveResume(run.runId, dir))!;
    expect(resume.record).toBeNull();
    expect(() => checkResumeMatches(resume, sameAs(run, { preset: 'performance' }))).not.toThrow();
    expect(() => checkResumeMatches(resume, sameAs(run, { simulation: 'wrong' }))).toThrow(/server the simulated vLLM \(gold\)/);
  });

  test('refuses an EVAL_RESUME that names no recorded run', async () => {
    await expect(resolveResume('nope', dir)).rejects.toThrow(/`EVAL_RESUME` is "nope", expected a run id with case records under/);
  });
});
