// How the page finds its data: written into the HTML by the main process, read by the page's script.

/** From the local server's /api, or from the gzip+base64 JSON block embedded in an exported file. */
export type PageSettings = { mode: 'server' } | { mode: 'embedded'; gzipBase64: string };

/** Id of the `<script type="application/json">` element holding the PageSettings. */
export const SETTINGS_ELEMENT_ID = 'viewer-data';
