import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

// A GET on node:http(s) for the control and server-check requests made before the first case. Not fetch(): a
// process's first fetch() loads undici, 40-60 ms of CPU and wall time on 2 cores, and these requests come before the
// first case in both processes (the external server check and the first metrics scrape in the global setup, the
// run's status in the worker).

/** A GET's answer. */
export interface GetResponse {
  status: number;
  /** A 2xx status. */
  ok: boolean;
  headers: IncomingHttpHeaders;
  text: string;
}

/** Options of {@link httpGet}. */
export interface GetOptions {
  headers?: Record<string, string>;
  /** Abort the request after this long. @unit ms @default none */
  timeoutMs?: number;
}

/** GET `url` and read its body as UTF-8 text; rejects on a network error or the timeout, never on a status. */
export function httpGet(url: string, options: GetOptions = {}): Promise<GetResponse> {
  const get = url.startsWith('https:') ? https.get : http.get;
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: options.headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (part: string) => (text += part));
      response.on('error', reject);
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        resolve({ status, ok: status >= 200 && status < 300, headers: response.headers, text });
      });
    });
    request.on('error', reject);
    const { timeoutMs } = options;
    if (timeoutMs === undefined) return;
    // The whole exchange, body included; the message says which request and how long it waited.
    const timer = setTimeout(() => {
      const error = new Error(`GET ${url}: no answer within ${timeoutMs} ms`);
      reject(error);
      request.destroy(error);
    }, timeoutMs);
    request.on('close', () => clearTimeout(timer));
  });
}
