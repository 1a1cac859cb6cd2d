import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason, Vitest } from 'vitest/node';
import type { RunContext, ServerContext } from '../src/runtime/context.ts';
import { readCaseRecord, type CaseRecord } from '../src/shared/records/case-record.ts';
import { SuiteMetaSchema, type SuiteMeta } from '../src/shared/records/suite-meta.ts';
import { finishRun } from '../src/node/report/finish-run.ts';

interface ProjectRun {
  run: RunContext;
  server: ServerContext;
  cases: CaseRecord[];
  /** Runs of this Vitest instance so far, this one included (watch mode re-runs). */
  sequence: number;
}

// Collects per-case records as tests finish (appending them to cases JSONL at once, so nothing is
// lost on a crash), then hands each model project's run to finishRun. Counts every test for the
// plain closing line CI reads.
export default class RunReporter implements Reporter {
  #vitest: Vitest | undefined;
  #projects = new Map<string, ProjectRun>();
  #writes: Promise<void> = Promise.resolve();
  #counts = { passed: 0, failed: 0, skipped: 0 };
  #cpuAtStart: NodeJS.CpuUsage | undefined;
  #startedAt = new Date();

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  onTestRunStart(): void {
    this.#cpuAtStart = process.cpuUsage();
    this.#startedAt = new Date();
    this.#counts = { passed: 0, failed: 0, skipped: 0 };
    for (const project of this.#projects.values()) {
      project.cases = [];
      project.sequence += 1;
    }
  }

  onTestCaseResult(testCase: TestCase): void {
    const state = testCase.result().state;
    if (state === 'passed') this.#counts.passed += 1;
    else if (state === 'failed') this.#counts.failed += 1;
    else if (state === 'skipped') this.#counts.skipped += 1;
    const record = readCaseRecord(testCase.meta().evalCase);
    if (!record) return;
    const project = this.#projectRun(testCase);
    if (!project) return;
    project.cases.push(record);
    const file = casesFile(project);
    const line = `${JSON.stringify(record)}\n`;
    this.#enqueue(async () => {
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, line);
    });
  }

  async onTestRunEnd(
    modules: ReadonlyArray<TestModule>,
    errors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): Promise<void> {
    await this.#writes;
    // Errors outside any test (collection, hooks, unhandled) are failures too.
    const failedSuites = modules.flatMap((m) => [m, ...m.children.allSuites()]).filter((s) => s.state() === 'failed' && s.errors().length > 0).length;
    this.#counts.failed += failedSuites + errors.length;
    const cpu = this.#cpuAtStart ? process.cpuUsage(this.#cpuAtStart) : null;
    const clientCpuMs = cpu ? (cpu.user + cpu.system) / 1000 : null;
    let gateFailures = 0;
    for (const [name, project] of this.#projects) {
      const suites = collectSuites(modules.filter((m) => m.project.name === name));
      if (suites.length === 0) continue;
      const runId = currentRunId(project);
      // A re-run starts when it starts, not when global setup did: history orders runs by start time.
      const run = project.sequence === 1 ? project.run : { ...project.run, startedAt: this.#startedAt.toISOString() };
      try {
        const outcome = await finishRun({ runId, run, server: project.server, suites, cases: project.cases, reason, clientCpuMs, log: (line) => this.#log(line) });
        gateFailures += outcome.failedGates;
      } catch (error) {
        // The cases are safe in cases/<runId>.jsonl; say so rather than lose the run silently.
        this.#counts.failed += 1;
        process.exitCode = 1;
        this.#log(`[qwen-evals] could not finish run ${runId} of ${name}: ${(error as Error).stack ?? String(error)}`);
      }
    }
    if (gateFailures > 0) process.exitCode = 1;
    const { passed, failed, skipped } = this.#counts;
    this.#log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }

  #projectRun(testCase: TestCase): ProjectRun | undefined {
    const name = testCase.project.name;
    const existing = this.#projects.get(name);
    if (existing) return existing;
    const provided = testCase.project.getProvidedContext() as { evalRun?: RunContext; evalServer?: ServerContext };
    if (!provided.evalRun || !provided.evalServer) return undefined;
    const created: ProjectRun = { run: provided.evalRun, server: provided.evalServer, cases: [], sequence: 1 };
    this.#projects.set(name, created);
    return created;
  }

  #enqueue(write: () => Promise<void>): void {
    this.#writes = this.#writes.then(write).catch((error: unknown) => {
      this.#log(`[qwen-evals] could not write a case record: ${(error as Error).message}`);
    });
  }

  #log(line: string): void {
    (this.#vitest?.logger ?? console).log(line);
  }
}

// Watch-mode re-runs get their own id (and cases file): `<runId>-r2`, `-r3`, ...
function currentRunId(project: ProjectRun): string {
  return project.sequence === 1 ? project.run.runId : `${project.run.runId}-r${project.sequence}`;
}

function casesFile(project: ProjectRun): string {
  return join(project.run.resultsDir, 'cases', `${currentRunId(project)}.jsonl`);
}

function collectSuites(modules: TestModule[]): SuiteMeta[] {
  const suites: SuiteMeta[] = [];
  for (const module of modules) {
    for (const suite of module.children.allSuites()) {
      const parsed = SuiteMetaSchema.safeParse(suite.meta().evalSuite);
      if (parsed.success) suites.push(parsed.data);
    }
  }
  return suites;
}
