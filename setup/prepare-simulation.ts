import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSimulationScript } from '../src/node/simulation/build-script.ts';
import type { SimulationMode } from '../src/shared/simulation-rules.ts';

const SIMULATOR_BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures/vllm/bin/vllm');

// EVAL_SIMULATE: script the simulated vLLM from the datasets' own answers and launch it instead of vLLM.
export async function prepareSimulation(options: {
  mode: string;
  resultsDir: string;
  runId: string;
  datasetBaseUrl: string | null;
  limit: number | null;
}): Promise<{ bin: string; env: Record<string, string> }> {
  const script = await buildSimulationScript(options.mode as SimulationMode, { datasetBaseUrl: options.datasetBaseUrl }, options.limit);
  const dir = join(options.resultsDir, 'simulation');
  await mkdir(dir, { recursive: true });
  const scriptFile = join(dir, `${options.runId}.script.json`);
  await writeFile(scriptFile, JSON.stringify(script.rules));
  await writeFile(join(dir, `${options.runId}.expected.json`), `${JSON.stringify({ mode: options.mode, expected: script.expected, cases: script.cases }, null, 2)}\n`);
  return { bin: SIMULATOR_BIN, env: { VLLM_SIM_SCRIPT: scriptFile } };
}
