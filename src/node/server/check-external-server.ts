import { ServerError } from '../../shared/errors.ts';
import { httpGet, type GetResponse } from '../../shared/transport/http-get.ts';

const CHECK_TIMEOUT_MS = 10_000;

export interface ExternalServerInfo {
  vllmVersion: string | null;
  /** Simulation mode the simulated vLLM reports in `x-vllm-simulated` (`script` when it says only that it is one); null = a real server. */
  simulation: string | null;
  /** Context the server serves the model with (`max_model_len` of GET /v1/models); null when it does not say. @unit tokens */
  maxModelLen: number | null;
}

// Check a running OpenAI-compatible server: reachable, serves `model`, and (if vLLM) which version.
export async function checkExternalServer(baseUrl: string, model: string, apiKey: string | null): Promise<ExternalServerInfo> {
  const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  // /version is asked alongside: the check is on the way to the first request.
  const version = readVersion(baseUrl);
  let response: GetResponse;
  try {
    response = await httpGet(`${baseUrl}/v1/models`, { headers, timeoutMs: CHECK_TIMEOUT_MS });
  } catch (error) {
    throw new ServerError(
      'EVAL_SERVER_UNHEALTHY',
      baseUrl,
      `EVAL_BASE_URL server ${baseUrl} is not reachable (GET /v1/models failed: ${(error as Error).message}). Start it first, or unset EVAL_BASE_URL to let the harness launch vLLM.`,
      { cause: error },
    );
  }
  const text = response.text;
  if (!response.ok) {
    const hint = response.status === 401 ? " Set EVAL_API_KEY to the server's key." : '';
    throw new ServerError(
      'EVAL_SERVER_UNHEALTHY',
      baseUrl,
      `EVAL_BASE_URL server ${baseUrl} answered GET /v1/models with HTTP ${response.status}: ${text.slice(0, 300)}.${hint}`,
    );
  }
  let ids: string[];
  let maxModelLen: number | null = null;
  try {
    const body = JSON.parse(text) as { data?: Array<{ id?: unknown; max_model_len?: unknown }> };
    ids = (body.data ?? []).map((m) => String(m.id));
    const served = body.data?.find((m) => m.id === model)?.max_model_len;
    maxModelLen = typeof served === 'number' ? served : null;
  } catch (error) {
    throw new ServerError(
      'EVAL_SERVER_UNHEALTHY',
      baseUrl,
      `EVAL_BASE_URL server ${baseUrl} returned a /v1/models body that is not JSON: ${text.slice(0, 200)}`,
      { cause: error },
    );
  }
  if (!ids.includes(model)) {
    throw new ServerError(
      'EVAL_SERVER_MISMATCH',
      baseUrl,
      `EVAL_BASE_URL server ${baseUrl} serves ${ids.map((i) => `"${i}"`).join(', ') || 'no model'}, expected "${model}". Point EVAL_BASE_URL at a server for this model, or run the project of the model it serves.`,
    );
  }
  const simulated = response.headers['x-vllm-simulated'];
  return { vllmVersion: await version, simulation: simulationOf(typeof simulated === 'string' ? simulated : null), maxModelLen };
}

// vLLM's GET /version; null for servers that do not have it.
export async function readVersion(baseUrl: string): Promise<string | null> {
  try {
    const response = await httpGet(`${baseUrl}/version`, { timeoutMs: CHECK_TIMEOUT_MS });
    if (!response.ok) return null;
    const body = JSON.parse(response.text) as { version?: unknown };
    return typeof body.version === 'string' ? body.version : null;
  } catch {
    return null;
  }
}

// `x-vllm-simulated: 1` (a simulator scripted by the user) or the mode it was launched with (`gold`, `mix:0.3`).
function simulationOf(header: string | null): string | null {
  if (header === null || header === '' || header === '0') return null;
  return header === '1' ? 'script' : header;
}
