import type { ModelConfig } from '../../shared/config/schema.ts';

// Scale-out of one model's server: vLLM's tensor and data parallel sizes, and local replicas each on GPUs of their
// own. A model's settings win over its preset's; every size defaults to 1.

/** Resolved scale-out of one model project. */
export interface Parallelism {
  tensorParallelSize: number;
  dataParallelSize: number;
  replicas: number;
}

/** One local server to launch: its GPUs (`CUDA_VISIBLE_DEVICES`), or null for the machine's default. */
export interface ReplicaPlan {
  index: number;
  gpus: number[] | null;
}

type ParallelFields = Pick<ModelConfig, 'tensorParallelSize' | 'dataParallelSize' | 'replicas'>;

// Model over preset over 1.
export function resolveParallelism(model: ParallelFields, preset: ParallelFields): Parallelism {
  return {
    tensorParallelSize: model.tensorParallelSize ?? preset.tensorParallelSize ?? 1,
    dataParallelSize: model.dataParallelSize ?? preset.dataParallelSize ?? 1,
    replicas: model.replicas ?? preset.replicas ?? 1,
  };
}

/** GPUs one replica uses: tensor x data parallel size. */
export function gpusPerReplica(parallel: Parallelism): number {
  return parallel.tensorParallelSize * parallel.dataParallelSize;
}

/**
 * Why `gpus` cannot hold this scale-out, or null when it can: a GPU list must have exactly tensor x data parallel x
 * replicas entries, without repeats.
 */
export function checkGpuCount(
  modelKey: string,
  presetName: string,
  gpus: readonly number[] | undefined,
  parallel: Parallelism,
): string | null {
  if (!gpus) return null;
  const needed = gpusPerReplica(parallel) * parallel.replicas;
  if (new Set(gpus).size !== gpus.length)
    return `models.${modelKey}.gpus: lists a GPU twice (${gpus.join(', ')}); each GPU serves one replica`;
  if (gpus.length === needed) return null;
  const sizes = `tensorParallelSize ${parallel.tensorParallelSize} x dataParallelSize ${parallel.dataParallelSize} x replicas ${parallel.replicas}`;
  return (
    `models.${modelKey}.gpus: expected ${needed} GPU(s) for ${sizes} (preset "${presetName}"), received ${gpus.length} (${gpus.join(', ')}); ` +
    'list that many GPUs, or change the sizes'
  );
}

/**
 * The servers to launch: one per replica, each on consecutive GPUs of `gpus`. Without `gpus`, a single replica uses
 * the machine's default GPUs and several replicas take GPUs 0, 1, ... in order.
 */
export function planReplicas(gpus: readonly number[] | undefined, parallel: Parallelism): ReplicaPlan[] {
  const per = gpusPerReplica(parallel);
  if (!gpus && parallel.replicas === 1) return [{ index: 0, gpus: null }];
  const pool = gpus ? [...gpus] : Array.from({ length: per * parallel.replicas }, (_, i) => i);
  return Array.from({ length: parallel.replicas }, (_, index) => ({ index, gpus: pool.slice(index * per, (index + 1) * per) }));
}

/** `vllm serve` flags of the parallel sizes; vLLM's defaults (1) are not passed. */
export function parallelServeArgs(parallel: Parallelism): string[] {
  const args: string[] = [];
  if (parallel.tensorParallelSize > 1) args.push('--tensor-parallel-size', String(parallel.tensorParallelSize));
  if (parallel.dataParallelSize > 1) args.push('--data-parallel-size', String(parallel.dataParallelSize));
  return args;
}
