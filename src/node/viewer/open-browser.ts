import { spawn } from 'node:child_process';

// Opening the viewer in the desktop's browser: best effort, the URL is printed either way.

/** The command that opens a URL on this platform. */
export function openCommand(url: string, platform: NodeJS.Platform = process.platform): [string, string[]] {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  return ['xdg-open', [url]];
}

/** Ask the desktop to open `url`; resolves false when no opener could be started (a headless machine). */
export function openBrowser(url: string): Promise<boolean> {
  const [command, args] = openCommand(url);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
