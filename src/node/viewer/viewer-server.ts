import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createViewerBackend, UnknownRunError, type ViewerBackend } from '../../shared/viewer/backend.ts';
import { parseCaseQuery, parseCompareQuery } from '../../shared/viewer/query-params.ts';
import type { ViewerData } from '../../shared/viewer/types.ts';
import { loadUiAssets } from './bundle-ui.ts';
import { buildCsp, renderPage } from './render-page.ts';

// The viewer's local HTTP server: loopback only, GET only, the page plus four JSON endpoints over the results.

/** Options of startViewerServer. */
export interface ViewerServerOptions {
  /** Port to listen on; 0 picks a free one. @default 0 */
  port?: number;
  /** New data when the results changed since the last call, else null; asked on every index request (a page load). */
  refresh?: () => Promise<ViewerData | null>;
}

/** A running viewer server. */
export interface ViewerServer {
  /** `http://127.0.0.1:<port>/`. */
  url: string;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

/** Serve the viewer over loaded results on 127.0.0.1. */
export async function startViewerServer(data: ViewerData, options: ViewerServerOptions = {}): Promise<ViewerServer> {
  const assets = await loadUiAssets();
  const page = renderPage(assets, { mode: 'server' });
  const csp = buildCsp(assets, { mode: 'server' });
  let backend = createViewerBackend(data);
  const server = createServer((request, response) => {
    const ready = request.url?.startsWith('/api/index') && options.refresh ? options.refresh() : Promise.resolve(null);
    ready
      .then((fresh) => {
        if (fresh) backend = createViewerBackend(fresh);
        return handle(request, response, backend, page, csp);
      })
      .catch((error: unknown) => send(response, 500, { error: String(error) }));
  });
  // Keep-alive sockets would hold close() up until they time out.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${HOST}:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  backend: ViewerBackend,
  page: string,
  csp: string,
): Promise<void> {
  // A page on another site could reach a loopback port through a DNS name pointing at 127.0.0.1: only our own host.
  const host = request.headers.host ?? '';
  if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host))
    return send(response, 421, { error: `Unexpected Host header ${JSON.stringify(host)}.` });
  if (request.method !== 'GET') return send(response, 405, { error: 'Only GET is served.' });
  const url = new URL(request.url ?? '/', `http://${host}`);
  try {
    switch (url.pathname) {
      case '/':
        response.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': `${csp}; frame-ancestors 'none'`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        });
        response.end(page);
        return;
      case '/api/index':
        return send(response, 200, await backend.index());
      case '/api/cases':
        return send(response, 200, await backend.cases(url.searchParams.get('run') ?? '', parseCaseQuery(url.searchParams)));
      case '/api/case': {
        const params = url.searchParams;
        return send(response, 200, await backend.caseRecord(params.get('run') ?? '', params.get('dataset') ?? '', params.get('id') ?? ''));
      }
      case '/api/compare':
        return send(
          response,
          200,
          await backend.compare(url.searchParams.get('a') ?? '', url.searchParams.get('b') ?? '', parseCompareQuery(url.searchParams)),
        );
      default:
        return send(response, 404, { error: `Nothing at ${url.pathname}.` });
    }
  } catch (error) {
    if (error instanceof UnknownRunError) return send(response, 404, { error: error.message });
    throw error;
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(JSON.stringify(body));
}
