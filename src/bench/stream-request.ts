import http from 'node:http';

// One streamed generation request with the client-side clock of `vllm bench serve` (shared/vllm/bench.md, section 3):
// the clock starts just before the POST; an arrival of SSE data carrying an event with non-empty `choices` is a
// content arrival (TTFT at the first, ITL between consecutive ones, E2EL at the last). Events that arrive in one
// network read are one arrival: they left the server together (a role chunk and the first token), so their gap is
// transport, not generation.

/** What one request measured. Times in milliseconds from the request's own start. */
export interface RequestSample {
  /** Start on the load generator's clock (`performance.now()`). */
  startMs: number;
  ttftMs: number | null;
  e2elMs: number | null;
  /** Gaps between consecutive content arrivals. */
  itlMs: number[];
  /** `usage.completion_tokens` of the final usage event; null when the server sent none. */
  outputTokens: number | null;
  /** `usage.prompt_tokens`; null when the server sent none. */
  promptTokens: number | null;
  finishReason: string | null;
  /** Why the request failed (HTTP status, connection error, timeout, error event); null when it streamed to the end. */
  error: string | null;
  /** When the response ended or failed, on the load generator's clock. */
  endMs: number;
}

/** Where and what to send. */
export interface StreamRequest {
  /** Replica base URL (no `/v1`). */
  baseUrl: string;
  /** `/v1/completions` or `/v1/chat/completions`. */
  path: string;
  body: string;
  apiKey: string | null;
  agent: http.Agent;
  /** From sending to the last byte. @unit milliseconds */
  timeoutMs: number;
}

// Send one request and measure it; never rejects (a failure is a sample with `error`).
export function sendStreamingRequest(request: StreamRequest): Promise<RequestSample> {
  return new Promise((resolve) => {
    const url = new URL(request.path, request.baseUrl);
    const startMs = performance.now();
    const sample: RequestSample = {
      startMs,
      ttftMs: null,
      e2elMs: null,
      itlMs: [],
      outputTokens: null,
      promptTokens: null,
      finishReason: null,
      error: null,
      endMs: startMs,
    };
    let lastContent: number | null = null;
    let settled = false;
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sample.endMs = performance.now();
      if (error !== null) sample.error = error;
      else if (sample.ttftMs === null) sample.error = 'the stream carried no content event';
      resolve(sample);
    };
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: request.agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(request.body),
          ...(request.apiKey ? { authorization: `Bearer ${request.apiKey}` } : {}),
        },
      },
      (res) => {
        res.setEncoding('utf8');
        if (res.statusCode !== 200) {
          let text = '';
          res.on('data', (chunk: string) => (text += chunk.slice(0, 2000)));
          res.on('end', () => finish(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
          res.on('error', (e) => finish(`HTTP ${res.statusCode}: ${e.message}`));
          return;
        }
        let buffer = '';
        res.on('data', (chunk: string) => {
          const now = performance.now();
          buffer += chunk;
          let content = false;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const event = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            const outcome = readEvent(event, sample);
            if (outcome.error !== null) return void req.destroy(new Error(outcome.error));
            content ||= outcome.content;
          }
          if (!content) return;
          if (lastContent === null) sample.ttftMs = now - startMs;
          else sample.itlMs.push(now - lastContent);
          lastContent = now;
          sample.e2elMs = now - startMs;
        });
        res.on('end', () => finish(null));
        res.on('error', (e) => finish(e.message));
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`no end within ${request.timeoutMs} ms`)), request.timeoutMs);
    req.on('error', (e) => finish(e.message));
    req.end(request.body);
  });
}

// One SSE event: whether it carried non-empty choices, or why it ends the request; usage and finish reason kept.
function readEvent(event: string, sample: RequestSample): { content: boolean; error: string | null } {
  let content = false;
  for (const line of event.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const data = line.slice(5).trim();
    if (data === '[DONE]' || data === '') continue;
    let json: {
      choices?: Array<{ finish_reason?: string | null }>;
      usage?: { completion_tokens?: number; prompt_tokens?: number } | null;
      error?: { message?: string };
    };
    try {
      json = JSON.parse(data);
    } catch {
      return { content, error: `unreadable SSE data: ${data.slice(0, 120)}` };
    }
    if (json.error) return { content, error: `error event: ${json.error.message ?? JSON.stringify(json.error)}` };
    if (json.choices && json.choices.length > 0) {
      content = true;
      const reason = json.choices[0]?.finish_reason;
      if (reason) sample.finishReason = reason;
    }
    if (json.usage) {
      if (typeof json.usage.completion_tokens === 'number') sample.outputTokens = json.usage.completion_tokens;
      if (typeof json.usage.prompt_tokens === 'number') sample.promptTokens = json.usage.prompt_tokens;
    }
  }
  return { content, error: null };
}
