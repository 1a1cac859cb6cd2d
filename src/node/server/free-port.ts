import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

// Ask the kernel for a free loopback port (vLLM binds with SO_REUSEPORT, so the launcher picks ports itself).
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
