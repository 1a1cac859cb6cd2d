import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSimulationScript, type BuildScriptOptions } from './build-script.ts';

/** The simulated vLLM's executable (product code: `EVAL_SIMULATE` launches it instead of vLLM). */
export const SIMULATOR_BIN = resolve(dirname(fileURLToPath(import.meta.url)), '../../simulator/bin/vllm');

// EVAL_SIMULATE: script the simulated vLLM from the datasets' own answers and launch it instead of vLLM.
export async function prepareSimulation(
  options: BuildScriptOptions & { resultsDir: string; runId: string },
): Promise<{ bin: string; env: Record<string, string> }> {
  const script = await buildSimulationScript(options);
  const dir = join(options.resultsDir, 'simulation');
  await mkdir(dir, { recursive: true });
  const scriptFile = join(dir, `${options.runId}.script.json`);
  await writeFile(scriptFile, JSON.stringify(script.rules));
  await writeFile(
    join(dir, `${options.runId}.expected.json`),
    `${JSON.stringify({ mode: options.mode, expected: script.expected, cases: script.cases }, null, 2)}\n`,
  );
  // The simulated server makes no TLS connection, and Node 20 parses a NODE_EXTRA_CA_CERTS bundle at every start-up
  // (0.13 s of CPU per process on a 2-core machine that sets it): empty, it costs nothing.
  return { bin: SIMULATOR_BIN, env: { VLLM_SIM_SCRIPT: scriptFile, VLLM_SIM_MODE: options.mode, NODE_EXTRA_CA_CERTS: '' } };
}
