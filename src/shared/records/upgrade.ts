// Older run record shapes, upgraded on read so a results folder written by an earlier harness stays usable.

type Json = Record<string, unknown>;

/** Upgrade a parsed run record of any known older schema version to the current shape (still to be validated). */
export function upgradeRunRecord(json: unknown): unknown {
  const v2 = upgradeV1(json);
  // v3 added the `benchmarks` and `serverMetrics` parts; older runs had neither.
  if (!isObject(v2) || v2.schemaVersion !== 2) return v2;
  return { ...v2, schemaVersion: 3, benchmarks: null, serverMetrics: null };
}

function upgradeV1(json: unknown): unknown {
  if (!isObject(json) || json.schemaVersion !== 1) return json;
  const datasets: Json = {};
  for (const [key, value] of Object.entries(isObject(json.datasets) ? json.datasets : {})) {
    datasets[key] = isObject(value) ? upgradeDatasetV1(value) : value;
  }
  const { simulated, ...rest } = json;
  return {
    ...rest,
    schemaVersion: 2,
    // v1 recorded only that a run was simulated, not how.
    simulation: simulated === true ? 'simulated' : null,
    incomplete: null,
    datasets,
  };
}

function upgradeDatasetV1(dataset: Json): Json {
  const judge = isObject(dataset.judge) ? { ...dataset.judge, source: 'external' } : null;
  return {
    ...dataset,
    judge,
    quality: { truncated: 0, overLength: 0, capped: 0, retries: 0, contextLength: 0, usageMissing: 0 },
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
