import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseNvidiaSmi, readGpus } from '../../../src/node/metrics/gpu.ts';
import { parsePrometheusText } from '../../../src/node/metrics/prometheus.ts';
import { readVllmSnapshot } from '../../../src/node/metrics/vllm-series.ts';

// A data-parallel server's exposition: two engines behind one URL.
const TEXT = `# HELP vllm:num_requests_running Number of requests in model execution batches.
# TYPE vllm:num_requests_running gauge
vllm:num_requests_running{model_name="Qwen/Qwen2.5-7B-Instruct",engine="0"} 3.0
vllm:num_requests_running{model_name="Qwen/Qwen2.5-7B-Instruct",engine="1"} 5.0
vllm:num_requests_waiting{model_name="m \\"quoted\\"",engine="0"} 2.0
vllm:kv_cache_usage_perc{model_name="m",engine="0"} 0.25
vllm:kv_cache_usage_perc{model_name="m",engine="1"} 0.5
vllm:prefix_cache_queries_total{model_name="m",engine="0"} 1000.0
vllm:prefix_cache_hits_total{model_name="m",engine="0"} 250.0
vllm:prompt_tokens_total{model_name="m",engine="0"} 1000.0
vllm:generation_tokens_total{model_name="m",engine="0"} 640.0
vllm:generation_tokens_total{model_name="m",engine="1"} 360.0
vllm:cache_config_info{block_size="16",num_gpu_blocks="1000",engine="0"} 1.0
vllm:e2e_request_latency_seconds_bucket{model_name="m",engine="0",le="+Inf"} 7.0
`;

describe('reading /metrics', () => {
  test('label values keep escaped quotes', () => {
    const waiting = parsePrometheusText(TEXT).find((s) => s.name === 'vllm:num_requests_waiting');
    expect(waiting?.labels.model_name).toBe('m "quoted"');
  });

  test('gauges and counters are summed over engines, KV usage is the highest engine', () => {
    const snapshot = readVllmSnapshot(parsePrometheusText(TEXT));
    expect(snapshot).toMatchObject({ running: 8, waiting: 2, kvCacheUsage: 0.5, generationTokens: 1000, prefixCacheHits: 250 });
  });

  test('KV capacity comes from cache_config_info, blocks times block size', () => {
    expect(readVllmSnapshot(parsePrometheusText(TEXT)).kvCacheTokens).toBe(16_000);
  });

  test('a series the server does not expose is null and listed as missing', () => {
    const snapshot = readVllmSnapshot(parsePrometheusText(TEXT));
    expect(snapshot.preemptions).toBeNull();
    expect(snapshot.missing).toEqual(['vllm:num_preemptions_total']);
  });
});

describe('nvidia-smi', () => {
  test('one line per GPU; [N/A] fields are null, never guessed', () => {
    expect(parseNvidiaSmi('0, NVIDIA H100 80GB HBM3, 87, 71234, 81559\n1, NVIDIA H100 80GB HBM3, [N/A], 512, 81559\n')).toEqual([
      { index: 0, name: 'NVIDIA H100 80GB HBM3', utilizationPct: 87, memoryUsedMiB: 71234, memoryTotalMiB: 81559 },
      { index: 1, name: 'NVIDIA H100 80GB HBM3', utilizationPct: null, memoryUsedMiB: 512, memoryTotalMiB: 81559 },
    ]);
  });

  test('a machine without nvidia-smi says so', async () => {
    expect(await readGpus('/nonexistent/nvidia-smi')).toEqual({ ok: false, reason: 'no nvidia-smi on PATH' });
  });

  test('the query asks for index, name, utilisation and memory in CSV without units', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-smi-'));
    const bin = join(dir, 'nvidia-smi');
    writeFileSync(
      bin,
      '#!/bin/sh\n[ "$1" = "--query-gpu=index,name,utilization.gpu,memory.used,memory.total" ] && [ "$2" = "--format=csv,noheader,nounits" ] && echo "0, Fake GPU, 50, 100, 200"\n',
    );
    chmodSync(bin, 0o755);
    expect(await readGpus(bin)).toEqual({
      ok: true,
      gpus: [{ index: 0, name: 'Fake GPU', utilizationPct: 50, memoryUsedMiB: 100, memoryTotalMiB: 200 }],
    });
  });
});
