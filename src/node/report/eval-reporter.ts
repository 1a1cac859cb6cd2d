import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { UserConsoleLog } from 'vitest';
import type { Reporter, SerializedError, TestCase, TestModule, TestRunEndReason, TestSpecification, Vitest } from 'vitest/node';
import type { EvalConfig } from '../../shared/config/schema.ts';
import type { RunContext } from '../../shared/context.ts';
import { readCaseRecord, type CaseRecord } from '../../shared/records/case-record.ts';
import { GateResultSchema, type GateResult, type RunRecord } from '../../shared/records/run-record.ts';
import { datasetKey, SuiteMetaSchema, type SuiteMeta } from '../../shared/records/suite-meta.ts';
import { BenchmarkHeaderSchema, BenchPointSchema, type BenchmarkHeader, type BenchPoint } from '../../shared/records/benchmark.ts';
import { renderBenchmarkPointLine } from './console-benchmark.ts';
import {
  addCase,
  newProgress,
  quarterReached,
  renderJudgeWarning,
  renderProgressLine,
  renderRunSummary,
  type DatasetProgress,
} from './console-render.ts';
import { pairingSides, type PairingSide } from '../../shared/history/pair-runs.ts';
import { writeRunRecordSync } from '../history/store.ts';
import { noteDataFiles } from '../plugin/data-triggers.ts';
import { lastServerStatus, publishSelectedFiles } from '../server/session-registry.ts';
import { takeSetupErrors } from '../server/setup-errors.ts';
import { buildRunRecord } from './build-run-record.ts';
import { resumeCommand } from './resume-command.ts';
import { readGitInfo } from './environment-info.ts';

// The eval reporter (main process). It collects each case record as its test ends (appending it to
// cases/<runId>.jsonl at once, so nothing is lost on a crash), shows progress per dataset, and at the end writes
// each model project's run record and the tracker, then prints a compact summary and the plain
// "N passed, N failed" line CI reads. In an eval-only run it replaces Vitest's per-test lines (a wrong answer is a
// result, not a passing test); next to Vitest's own reporter (`--reporter=verbose`, or other projects in the run)
// it prints only the summary.

/** How much the reporter prints: everything (it is the console) or the end summary (another reporter is). */
export type ConsoleMode = 'full' | 'summary';

interface ProjectRun {
  run: RunContext;
  config: EvalConfig;
  cases: CaseRecord[];
  suites: Map<string, SuiteMeta>;
  gates: GateResult[];
  /** The serving benchmark's header, when this run is one; its measured points. */
  benchmark: BenchmarkHeader | null;
  points: BenchPoint[];
  /** Runs of this Vitest instance so far, this one included (watch mode re-runs). */
  sequence: number;
  /** Each dataset's result in the newest run of this session that had it: what a watch re-run is paired with. */
  previous: Map<string, PairingSide>;
}

const TTY_REDRAW_MS = 200;

export class EvalReporter implements Reporter {
  #vitest: Vitest | undefined;
  #mode: ConsoleMode;
  #projects = new Map<string, ProjectRun>();
  #progress = new Map<string, DatasetProgress>();
  #counts = { passed: 0, failed: 0, skipped: 0 };
  #cpuAtStart: NodeJS.CpuUsage | undefined;
  #startedAt = new Date();
  #drawn = 0;
  #lastDraw = 0;
  #git: { commit: string | null; branch: string | null } = { commit: null, branch: null };
  #interrupted = false;
  #running = false;
  #specifications = 0;
  /** Errors this reporter showed itself. */
  #shown = new WeakSet<Error>();
  /** Case lines not yet handed to a write, per cases file. */
  #pendingLines = new Map<string, string[]>();
  /** The changed file that triggered the current watch re-run. */
  #trigger: string | null = null;

  constructor(options: { console?: ConsoleMode } = {}) {
    this.#mode = options.console ?? 'summary';
  }

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
    this.#quietShownErrors(vitest);
    // Vitest exits a millisecond after SIGINT/SIGTERM; what is collected is written now, synchronously.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.prependOnceListener(signal, () => this.#interrupt(signal));
    readGitInfo(process.cwd()).then((git) => (this.#git = git));
  }

  onWatcherRerun(_files: string[], trigger?: string): void {
    this.#trigger = trigger ?? null;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.#specifications = specifications.length;
    // Global setup runs after this: it scripts the simulated vLLM only for the evals this run selected.
    const byProject = new Map<string, string[]>();
    for (const spec of specifications) byProject.set(spec.project.name, [...(byProject.get(spec.project.name) ?? []), spec.moduleId]);
    publishSelectedFiles(byProject);
    this.#running = true;
    this.#cpuAtStart = process.cpuUsage();
    this.#startedAt = new Date();
    this.#counts = { passed: 0, failed: 0, skipped: 0 };
    this.#progress.clear();
    this.#drawn = 0;
    for (const project of this.#projects.values()) {
      project.cases = [];
      project.gates = [];
      project.suites.clear();
      project.benchmark = null;
      project.points = [];
      project.sequence += 1;
    }
  }

  onTestModuleCollected(module: TestModule): void {
    const project = this.#projectRun(module.project);
    if (!project) return;
    for (const suite of module.children.allSuites()) {
      const benchmark = BenchmarkHeaderSchema.safeParse(suite.meta().evalBenchmark);
      if (benchmark.success) project.benchmark = benchmark.data;
      const parsed = SuiteMetaSchema.safeParse(suite.meta().evalSuite);
      if (!parsed.success) continue;
      const key = datasetKey(parsed.data);
      project.suites.set(key, parsed.data);
      const local = parsed.data.pins.filter((pin) => pin.repository === 'local').map((pin) => pin.path);
      if (local.length) noteDataFiles(module.moduleId, local, this.#vitest?.config.root ?? process.cwd());
      const warning = renderJudgeWarning(key, parsed.data.judge);
      if (warning && this.#mode === 'full') this.#log(`[qwen-evals] ${project.run.project}: ${warning.trim()}`);
      this.#progress.set(
        `${project.run.project} ${key}`,
        newProgress(project.run.project, key, parsed.data.primaryMetric, parsed.data.selected),
      );
    }
    this.#redraw();
  }

  onTestCaseResult(testCase: TestCase): void {
    // After an interrupt the run record is written: what ends now is mostly requests cut by the stop itself, and the
    // cases file must hold exactly the cases the record counts (a resume asks the others again).
    if (this.#interrupted) return;
    // The benchmark's stand-in when it was not selected alone is no result: not counted.
    if (testCase.meta().evalBenchmarkPlaceholder) return;
    const state = testCase.result().state;
    if (state === 'passed') this.#counts.passed += 1;
    else if (state === 'failed') this.#counts.failed += 1;
    else if (state === 'skipped') this.#counts.skipped += 1;
    const project = this.#projectRun(testCase.project);
    if (!project) return;
    const meta = testCase.meta();
    // Only the tests that carry them are parsed: a failed parse builds an error, and most tests carry a case only.
    const gates = meta.evalGates === undefined ? null : GateResultSchema.array().safeParse(meta.evalGates);
    if (gates?.success) project.gates.push(...gates.data);
    const point = meta.evalBenchmarkPoint === undefined ? null : BenchPointSchema.safeParse(meta.evalBenchmarkPoint);
    if (point?.success) {
      project.points.push(point.data);
      const requests = meta.evalBenchmarkRequests ?? [];
      if (requests.length) this.#appendCase(requestsFile(project), requests.map((r) => `${JSON.stringify(r)}\n`).join(''));
      if (this.#mode === 'full') {
        // The benchmark's points are the tests of its one suite.
        const progress = { done: project.points.length, total: testCase.parent.children.size };
        this.#log(renderBenchmarkPointLine(project.run.project, point.data, project.benchmark, progress));
      }
    }
    const record = readCaseRecord(meta.evalCase);
    if (!record) return;
    project.cases.push(record);
    this.#appendCase(casesFile(project), `${JSON.stringify(record)}\n`);
    const progress = this.#progress.get(`${project.run.project} ${record.dataset}/${record.variant}`);
    if (progress) {
      addCase(progress, record);
      if (this.#mode === 'full' && !this.#isTty() && quarterReached(progress))
        this.#log(renderProgressLine(progress, this.#progressWidth()));
      this.#redraw();
    }
  }

  // Progress lines line up: the name column is as wide as the longest `project dataset/variant` of the run.
  #progressWidth(): number {
    let width = 0;
    for (const p of this.#progress.values()) width = Math.max(width, p.project.length + 1 + p.key.length);
    return width;
  }

  onUserConsoleLog(log: UserConsoleLog): void {
    if (this.#mode !== 'full') return;
    this.#clear();
    (log.type === 'stderr' ? process.stderr : process.stdout).write(log.content);
  }

  async onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): Promise<void> {
    this.#running = false;
    if (this.#interrupted) return;
    // A global setup failure (no server, bad environment) is the one thing to say: ours first and alone.
    const setup = takeSetupErrors();
    if (modules.length === 0 && setup.length > 0) {
      for (const error of setup) {
        this.#shown.add(error);
        this.#log(`\n[qwen-evals] cannot run: ${error.message}\n`);
      }
      this.#log(`0 passed, ${setup.length} failed`);
      return;
    }
    if (modules.length === 0 && this.#specifications === 0 && this.#mode === 'full')
      this.#log('\n[qwen-evals] no eval file matched the filters.');
    this.#flushCasesSync();
    this.#clear();
    const ownFirst = [...errors].sort((a, b) => Number(isOwn(b)) - Number(isOwn(a)));
    const failedSuites = modules
      .flatMap((m) => [m, ...m.children.allSuites()])
      .filter((s) => s.state() === 'failed' && s.errors().length > 0);
    this.#counts.failed += failedSuites.length + errors.length;
    if (this.#mode === 'full')
      this.#printFailures(
        failedSuites.flatMap((s) => s.errors()),
        ownFirst,
      );
    const cpu = this.#cpuAtStart ? process.cpuUsage(this.#cpuAtStart) : null;
    for (const [name, project] of this.#projects) {
      if ((project.suites.size === 0 && !project.benchmark) || !modules.some((m) => m.project.name === name)) continue;
      const runId = currentRunId(project);
      try {
        // Loaded at the end of the run (the tracker, comparisons, the record's build): not before the first request.
        const { finishRun } = await import('./finish-run.ts');
        const finished = await finishRun({
          runId,
          // A re-run starts when it starts, not when global setup did: history orders runs by start time.
          startedAt: project.sequence === 1 ? project.run.startedAt : this.#startedAt.toISOString(),
          run: project.run,
          config: project.config,
          suites: [...project.suites.values()],
          cases: project.cases,
          gates: project.gates,
          reason,
          clientCpuMs: cpu ? (cpu.user + cpu.system) / 1000 : null,
          watch: project.sequence > 1 ? { previous: project.previous, trigger: this.#trigger } : null,
          benchmarks: benchmarksOf(project),
        });
        for (const [key, side] of pairingSides(finished.record)) project.previous.set(key, side);
        const lines = renderRunSummary({
          record: finished.record,
          recordPath: this.#relative(finished.recordPath),
          trackerPath: this.#relative(finished.trackerPath),
          casesPath: this.#relative(project.benchmark ? requestsFile(project) : casesFile(project)),
          cases: project.cases,
          resumeCommand: resumeCommand(finished.record.runId, name),
        });
        for (const line of lines) this.#log(line);
        if (finished.record.status !== 'complete' && reason !== 'interrupted') process.exitCode = 1;
      } catch (error) {
        // The cases are safe in cases/<runId>.jsonl; say so rather than lose the run silently.
        this.#counts.failed += 1;
        process.exitCode = 1;
        this.#log(
          `[qwen-evals] could not finish run ${runId} of ${name} (its cases are in ${casesFile(project)}): ${(error as Error).stack ?? String(error)}`,
        );
      }
    }
    const { passed, failed, skipped } = this.#counts;
    this.#log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  }

  // SIGINT/SIGTERM mid-run: each project's run record is written as `interrupted` with the cases that finished
  // (their lines are already in the cases file), and the command that finishes the run is printed.
  #interrupt(signal: NodeJS.Signals): void {
    if (this.#interrupted || !this.#running) return;
    this.#interrupted = true;
    this.#clear();
    this.#flushCasesSync();
    for (const [name, project] of this.#projects) {
      if (project.suites.size === 0 && !project.benchmark) continue;
      const runId = currentRunId(project);
      try {
        const record = buildRunRecord({
          runId,
          startedAt: project.sequence === 1 ? project.run.startedAt : this.#startedAt.toISOString(),
          run: project.run,
          server: lastServerStatus(name),
          suites: [...project.suites.values()],
          cases: project.cases,
          gates: project.gates,
          reason: 'interrupted',
          serverFailure: null,
          finishedAt: new Date(),
          dispatcher: null,
          git: this.#git,
          gpu: { name: null, memoryMiB: null },
          clientCpuMs: null,
          benchmarks: benchmarksOf(project),
          serverMetrics: null,
        });
        const path = writeRunRecordSync(project.run.resultsDir, record);
        const done = project.cases.filter((c) => c.verdict !== 'error').length;
        process.stdout.write(
          `\n[qwen-evals] INTERRUPTED (${signal}) ${name}: ${done} case(s) recorded, kept in ${this.#relative(casesFile(project))}\n` +
            `  run record: ${this.#relative(path)}\n  resume:     ${resumeCommand(runId, name)}\n`,
        );
      } catch (error) {
        process.stdout.write(
          `\n[qwen-evals] INTERRUPTED (${signal}) ${name}: its cases are in ${casesFile(project)}; the run record could not be written: ${(error as Error).message}\n`,
        );
      }
    }
  }

  // Vitest prints a failed global setup again as an "Unhandled Error" with its stack; ours was shown, clean, already.
  #quietShownErrors(vitest: Vitest): void {
    const logger = vitest.logger as unknown as { printError: (error: unknown, options?: unknown) => void };
    const print = logger.printError.bind(logger);
    logger.printError = (error, options) => {
      if (error instanceof Error && this.#shown.has(error)) return;
      print(error, options);
    };
  }

  // Errors outside any case (collection, hooks, unhandled): the message, once each, ours without a stack.
  #printFailures(
    suiteErrors: ReadonlyArray<{ message: string; stack?: string; code?: unknown }>,
    errors: readonly SerializedError[],
  ): void {
    const seen = new Set<string>();
    for (const error of [...suiteErrors, ...errors]) {
      const text = isOwn(error) ? error.message : (error.stack ?? error.message);
      if (seen.has(text)) continue;
      seen.add(text);
      this.#log(`\n[qwen-evals] error: ${text}`);
    }
  }

  #projectRun(project: TestCase['project']): ProjectRun | undefined {
    const existing = this.#projects.get(project.name);
    if (existing) return existing;
    const provided = project.getProvidedContext() as { evalRun?: RunContext; qwenEvalsConfig?: EvalConfig };
    if (!provided.evalRun || !provided.qwenEvalsConfig) return undefined;
    const created: ProjectRun = {
      run: provided.evalRun,
      config: provided.qwenEvalsConfig,
      cases: [],
      suites: new Map(),
      gates: [],
      benchmark: null,
      points: [],
      sequence: 1,
      previous: new Map(),
    };
    this.#projects.set(project.name, created);
    return created;
  }

  #isTty(): boolean {
    return process.stdout.isTTY === true;
  }

  // A terminal gets one live line per dataset, redrawn in place at most five times a second.
  #redraw(): void {
    if (this.#mode !== 'full' || !this.#isTty()) return;
    const now = Date.now();
    if (now - this.#lastDraw < TTY_REDRAW_MS) return;
    this.#lastDraw = now;
    this.#clear();
    const width = this.#progressWidth();
    const lines = [...this.#progress.values()].map((p) => renderProgressLine(p, width));
    if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
    this.#drawn = lines.length;
  }

  #clear(): void {
    if (this.#drawn === 0) return;
    process.stdout.write(`\x1b[${this.#drawn}A\x1b[0J`);
    this.#drawn = 0;
  }

  #relative(path: string): string {
    const root = this.#vitest?.config.root ?? process.cwd();
    const rel = relative(root, path);
    return rel.startsWith('..') ? path : rel;
  }

  // Case lines are appended in batches (one write per file per turn of the event loop), in order. The write itself
  // is synchronous: a line is either pending (and written by #flushCasesSync on an interrupt) or on disk, never in
  // between, as it was with an asynchronous append that a SIGINT could cut off after the batch left the queue.
  #appendCase(file: string, line: string): void {
    const pending = this.#pendingLines.get(file);
    if (pending) return void pending.push(line);
    this.#pendingLines.set(file, [line]);
    setImmediate(() => this.#flushCases(file));
  }

  #flushCases(file: string): void {
    const lines = this.#pendingLines.get(file);
    if (!lines) return;
    this.#pendingLines.delete(file);
    try {
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, lines.join(''));
    } catch (error) {
      this.#log(`[qwen-evals] could not write case records to ${file}: ${(error as Error).message}`);
    }
  }

  // On an interrupt the event loop will not turn again: what is still pending is written now.
  #flushCasesSync(): void {
    for (const file of [...this.#pendingLines.keys()]) this.#flushCases(file);
  }

  #log(line: string): void {
    (this.#vitest?.logger ?? console).log(line);
  }
}

function isOwn(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('EVAL_');
}

// Watch-mode re-runs get their own id (and cases file): `<runId>-r2`, `-r3`, ...
function currentRunId(project: ProjectRun): string {
  return project.sequence === 1 ? project.run.runId : `${project.run.runId}-r${project.sequence}`;
}

// Every request a benchmark measured (like `vllm bench serve --save-detailed`).
function requestsFile(project: ProjectRun): string {
  return join(project.run.resultsDir, 'benchmarks', `${currentRunId(project)}.requests.jsonl`);
}

function benchmarksOf(project: ProjectRun): RunRecord['benchmarks'] {
  return project.benchmark ? { ...project.benchmark, points: project.points } : null;
}

function casesFile(project: ProjectRun): string {
  return join(project.run.resultsDir, 'cases', `${currentRunId(project)}.jsonl`);
}
