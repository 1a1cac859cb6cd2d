import { createHash } from 'node:crypto';
import { type PageSettings, SETTINGS_ELEMENT_ID } from '../../shared/viewer/page-settings.ts';
import type { UiAssets } from './bundle-ui.ts';

// The page's HTML: one inline style sheet and one inline script, allowed by their hashes in a strict
// Content-Security-Policy, so nothing but the local server (or, in an export, nothing at all) can be reached.

/** The Content-Security-Policy of a page with this script and style: `connect-src` only where the data comes from. */
export function buildCsp(assets: UiAssets, data: PageSettings): string {
  return [
    "default-src 'none'",
    `script-src '${hashOf(assets.script)}'`,
    `style-src '${hashOf(assets.css)}'`,
    // Inline SVG charts need no image source; a connection only to the local server.
    data.mode === 'server' ? "connect-src 'self'" : "connect-src 'none'",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The complete HTML of the viewer page. */
export function renderPage(assets: UiAssets, data: PageSettings, title = 'qwen-evals viewer'): string {
  // JSON of base64 and a mode name: nothing in it can close the element.
  const settings = JSON.stringify(data);
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${buildCsp(assets, data)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${assets.css}</style>`,
    '</head>',
    '<body>',
    '<div id="app">Loading…</div>',
    // A JSON block is data, not script: the CSP does not run it and the page parses it.
    `<script type="application/json" id="${SETTINGS_ELEMENT_ID}">${settings}</script>`,
    `<script>${escapeScriptEnd(assets.script)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function hashOf(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

// A `</script` inside the bundle (a string literal) would end the element early; esbuild escapes these already,
// this only makes sure. The hash is taken over the text as served, so the check happens before hashing.
function escapeScriptEnd(script: string): string {
  if (/<\/script/i.test(script)) throw new Error('The viewer bundle contains "</script"; it cannot be inlined.');
  return script;
}
