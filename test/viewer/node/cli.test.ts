import { afterEach, describe, expect, test, vi } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import { openCommand } from '../../../src/node/viewer/open-browser.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('qwen-evals command', () => {
  test('an unknown command exits 2 naming it and the known ones', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['veiw'])).toBe(2);
    expect(error.mock.calls[0]![0]).toContain('unknown command "veiw"; expected one of: view');
  });

  test('a bad --port exits 1 with what was expected', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await main(['view', '/nonexistent-results', '--port', '70000'])).toBe(1);
    expect(error.mock.calls[0]![0]).toContain('`--port` is "70000"; expected a port number from 1 to 65535');
  });

  test('--runs without --export is refused with the fix', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await main(['view', '/nonexistent-results', '--runs', 'a'])).toBe(1);
    expect(error.mock.calls[0]![0]).toContain('add `--export out.html`');
  });

  test('an unknown option exits 1 naming it with the usage, without a stack', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await main(['view', '--bogus'])).toBe(1);
    expect(error.mock.calls[0]![0]).toMatch(/^qwen-evals view: Unknown option '--bogus'.*\n\nUsage: qwen-evals view \[results dir\]/s);
  });

  test('the browser is opened with the platform’s own opener', () => {
    expect(openCommand('http://x/', 'linux')).toEqual(['xdg-open', ['http://x/']]);
    expect(openCommand('http://x/', 'darwin')).toEqual(['open', ['http://x/']]);
  });
});
