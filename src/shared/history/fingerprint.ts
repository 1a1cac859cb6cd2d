import { createHash } from 'node:crypto';
import { describeRopeScaling, type RopeScaling } from '../records/rope-scaling.ts';
import type { RunRecord } from '../records/run-record.ts';
import type { DatasetPin } from '../records/suite-meta.ts';
import { kernelFingerprintValue } from '../quantization-kernel.ts';
import type { Sampling } from '../sampling.ts';

// Fingerprint: the flat key -> value map of everything that decides whether two runs can be compared.
//
// Score-changing keys (a difference makes score comparisons meaningless):
//   model.id, model.revision, model.quantization, model.thinking, model.rope (vLLM's YaRN is static: it changes answers
//   at every length), simulated, sampling.*, harness.major,
//   prompt.<dataset> (template hash), dataset.<dataset> (pinned file hashes), judge.<dataset>, tools.<dataset> (the
//   server's tool parser, for datasets that ask with `tools`: another parser turns the same text into other calls).
// Performance-only keys (scores stay comparable, speed does not):
//   preset, server.flags, server.vllmVersion, server.gpu, server.quantizationKernel, harness.version.
// Under greedy decoding the preset, flags, vLLM version and GPU should not change answers, but batch
// composition and kernels can flip a few items; the paired gate absorbs that as noise.
// Score-affecting flags such as --dtype or --max-model-len live in server.flags and are not detected.

/** A fingerprint value as stored in RunRecord.fingerprint. */
export type FingerprintValue = string | number | boolean | null;

/** A flat fingerprint, as stored in RunRecord.fingerprint. */
export type Fingerprint = Record<string, FingerprintValue>;

/** Everything that goes into a fingerprint. */
export interface FingerprintParts {
  model: { id: string; revision: string | null; quantization: string | null };
  /** Thinking on or off for a reasoning model (with its parser); null for other models. */
  reasoning: { parser: string; thinking: boolean } | null;
  /** RoPE scaling the server applied (YaRN); null = none or not known. */
  ropeScaling: RopeScaling | null;
  /**
   * Simulation mode of the simulated vLLM; null = a real model. Only simulated-or-real enters the fingerprint: two
   * simulated runs of different modes compare like two answer sets (that is how a regression is rehearsed), while
   * the tracker keeps each mode in a section of its own.
   */
  simulation: string | null;
  preset: string;
  /** argv of `vllm serve`; null when an external server was used. Host, port and the model path are dropped. */
  serverCommand: readonly string[] | null;
  vllmVersion: string | null;
  gpuName: string | null;
  /** Quantization kernel vLLM chose (`awq_marlin`, `awq`, `none`, `unknown` for an external server); null = not recorded. */
  quantizationKernel: string | null;
  sampling: Sampling;
  harnessVersion: string;
  /** Per dataset key (e.g. `gsm8k/0shot`): prompt template hash, pinned files, judge model and tool parser. */
  datasets: Record<string, { promptHash: string; pins: readonly DatasetPin[]; judgeModel: string | null; toolCallParser?: string | null }>;
}

/** One key whose value differs between two fingerprints. */
export interface FingerprintDifference {
  key: string;
  a: FingerprintValue;
  b: FingerprintValue;
  /** True when the key can change scores (see the list at the top of src/history/fingerprint.ts). */
  changesScores: boolean;
}

/** Result of compareFingerprints. */
export interface FingerprintComparison {
  /** False when any score-changing key differs. */
  comparable: boolean;
  differences: FingerprintDifference[];
}

/** Key prefixes that hold one value per dataset; absent on one side means "dataset not in that run". */
export const DATASET_KEY_PREFIXES = ['prompt.', 'dataset.', 'judge.', 'tools.'] as const;

const SCORE_CHANGING_KEYS = new Set([
  'model.id',
  'model.revision',
  'model.quantization',
  'model.thinking',
  'model.rope',
  'simulated',
  'harness.major',
]);
const SCORE_CHANGING_PREFIXES = ['sampling.', ...DATASET_KEY_PREFIXES];

/** Flags of `vllm serve` whose values vary per launch and say nothing about the configuration. */
const VOLATILE_FLAGS = new Set(['--port', '--host', '--served-model-name', '--api-key']);

/** True when a difference in this key can change scores. */
export function isScoreChangingKey(key: string): boolean {
  return SCORE_CHANGING_KEYS.has(key) || SCORE_CHANGING_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** The dataset key of a per-dataset fingerprint key (`prompt.gsm8k/0shot` -> `gsm8k/0shot`), else null. */
export function datasetOfKey(key: string): string | null {
  for (const prefix of DATASET_KEY_PREFIXES) if (key.startsWith(prefix)) return key.slice(prefix.length);
  return null;
}

/**
 * Build the flat fingerprint and its sha256 hash (hex) from its parts.
 * @example computeFingerprint(parts).hash // 'a3f1…' (64 hex digits)
 */
export function computeFingerprint(parts: FingerprintParts): { fingerprint: Fingerprint; hash: string } {
  const fingerprint: Fingerprint = {
    'model.id': parts.model.id,
    'model.revision': parts.model.revision,
    'model.quantization': parts.model.quantization,
    'model.thinking': parts.reasoning === null ? null : `${parts.reasoning.parser}:${parts.reasoning.thinking ? 'on' : 'off'}`,
    // Only when set, so runs without RoPE scaling keep the fingerprint (and hash) they always had.
    ...(parts.ropeScaling === null ? {} : { 'model.rope': describeRopeScaling(parts.ropeScaling) }),
    simulated: parts.simulation !== null,
    preset: parts.preset,
    'server.flags': parts.serverCommand === null ? null : normalizeServerFlags(parts.serverCommand),
    'server.vllmVersion': parts.vllmVersion,
    'server.gpu': parts.gpuName,
    'sampling.temperature': parts.sampling.temperature,
    'sampling.topP': parts.sampling.topP,
    'sampling.seed': parts.sampling.seed,
    'sampling.maxTokens': parts.sampling.maxTokens,
    'harness.version': parts.harnessVersion,
    'harness.major': harnessMajor(parts.harnessVersion),
  };
  // Absent rather than null when not recorded, so the hashes of runs from before the kernel check stay as they were.
  if (parts.quantizationKernel !== null) fingerprint['server.quantizationKernel'] = parts.quantizationKernel;
  for (const key of Object.keys(parts.datasets).sort()) {
    const dataset = parts.datasets[key]!;
    fingerprint[`prompt.${key}`] = dataset.promptHash;
    fingerprint[`dataset.${key}`] = dataset.pins
      .map((pin) => pin.sha256)
      .sort()
      .join(',');
    fingerprint[`judge.${key}`] = dataset.judgeModel;
    if (dataset.toolCallParser) fingerprint[`tools.${key}`] = dataset.toolCallParser;
  }
  return { fingerprint, hash: hashFingerprint(fingerprint) };
}

/** Derive fingerprint parts from the fields of a run record (for the reporter assembling one). */
export function fingerprintPartsOf(
  run: Pick<RunRecord, 'model' | 'preset' | 'server' | 'sampling' | 'harnessVersion' | 'datasets' | 'simulation'>,
): FingerprintParts {
  const datasets: FingerprintParts['datasets'] = {};
  for (const [key, result] of Object.entries(run.datasets)) {
    datasets[key] = {
      promptHash: result.promptHash,
      pins: result.pins,
      judgeModel: result.judge?.model ?? null,
      toolCallParser: result.toolCallParser ?? null,
    };
  }
  return {
    model: { id: run.model.id, revision: run.model.revision, quantization: run.model.quantization },
    reasoning: run.model.reasoning,
    ropeScaling: run.server.ropeScaling ?? null,
    simulation: run.simulation,
    preset: run.preset,
    serverCommand: run.server.command,
    vllmVersion: run.server.vllmVersion,
    gpuName: run.server.gpuName,
    quantizationKernel: kernelFingerprintValue(run.server.quantizationKernel ?? null),
    sampling: run.sampling,
    harnessVersion: run.harnessVersion,
    datasets,
  };
}

/** sha256 (hex) of a fingerprint, independent of key order. */
export function hashFingerprint(fingerprint: Fingerprint): string {
  const entries = Object.keys(fingerprint)
    .sort()
    .map((key) => [key, fingerprint[key]]);
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

/**
 * Compare two fingerprints key by key. Per-dataset keys present on one side only are skipped (the other
 * run did not evaluate that dataset); `datasets` restricts per-dataset keys to those datasets.
 * A missing global key counts as null, so records from an older harness compare conservatively.
 */
export function compareFingerprints(a: Fingerprint, b: Fingerprint, options: { datasets?: readonly string[] } = {}): FingerprintComparison {
  const only = options.datasets ? new Set(options.datasets) : null;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const differences: FingerprintDifference[] = [];
  for (const key of keys) {
    const dataset = datasetOfKey(key);
    if (dataset !== null) {
      if (!(key in a) || !(key in b)) continue;
      if (only && !only.has(dataset)) continue;
    }
    const valueA = a[key] ?? null;
    const valueB = b[key] ?? null;
    if (valueA === valueB) continue;
    differences.push({ key, a: valueA, b: valueB, changesScores: isScoreChangingKey(key) });
  }
  return { comparable: differences.every((difference) => !difference.changesScores), differences };
}

/** One-line description of differences: `model.revision (abc → def), server.gpu (A100 → H100)`. */
export function describeDifferences(differences: readonly FingerprintDifference[]): string {
  return differences.map((d) => `${d.key} (${String(d.a)} → ${String(d.b)})`).join(', ');
}

// Semver major; for 0.x versions the minor is the breaking part, so `0.3.1` -> `0.3`.
function harnessMajor(version: string): string {
  const match = /^v?(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!match) return version;
  const [, major, minor] = match;
  return major === '0' ? `0.${minor ?? '0'}` : major!;
}

// Drop the executable, `serve`, the model positional and per-launch flags; keep the rest in order.
function normalizeServerFlags(argv: readonly string[]): string {
  const firstFlag = argv.findIndex((arg) => arg.startsWith('--'));
  if (firstFlag === -1) return '';
  const kept: string[] = [];
  for (let i = firstFlag; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.split('=')[0]!;
    if (VOLATILE_FLAGS.has(name)) {
      if (!arg.includes('=') && i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) i++;
      continue;
    }
    kept.push(arg);
  }
  return kept.join(' ');
}
