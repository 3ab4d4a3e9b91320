// A panel's page (preview or audit report), as the webview loads it. Pure (no `vscode`), so the browser tests load
// the very page the extension shows.
import { randomBytes } from 'node:crypto';
// The core's one escaper for markup (it also drops what is not text, which no valid page holds).
import { escapeXml } from '../../../server/src/core/text/xml';
import type { InitialState } from '../../../shared/webviewMessages';

export interface PageOptions {
  /** The webview's `cspSource`: the only origin scripts, styles, images and fonts may come from. */
  readonly cspSource: string;
  /** A fresh random value for each page: only the script carrying it may run. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly state: InitialState;
}

/**
 * The page holds no picture and no inline script or style: the script (with the nonce) reads
 * the initial state from the escaped `data-state` attribute and asks the host for the picture.
 */
export function previewPage(options: PageOptions): string {
  const { cspSource, nonce } = options;
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeXml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeXml(options.styleUri)}">
<title>${escapeXml(options.state.title)}</title>
</head>
<body data-state="${escapeXml(JSON.stringify(options.state))}">
<script nonce="${escapeXml(nonce)}" src="${escapeXml(options.scriptUri)}"></script>
</body>
</html>
`;
}

/** A nonce for the page's script: 32 characters from a cryptographic source. */
export function makeNonce(): string {
  return randomBytes(24).toString('base64url');
}
