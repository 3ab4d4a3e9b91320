// The flowchart as a standalone HTML page (`pathway render --format html`): the SVG with the
// pathway's title and facts above it, and no script.
import type { PathwayModel } from '../model/pathway';
import { escapeXml } from '../text/xml';
import { DIAGRAM_CSS } from './style';

const PAGE_CSS = `
body { margin: 0; padding: 24px; background: #fff; color: #1f2328;
  font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
header h1 { font-size: 20px; margin: 0 0 4px; }
header p { margin: 0 0 16px; color: #59636e; font-size: 13px; }
main { overflow: auto; }
main svg { max-width: 100%; height: auto; }
@media (prefers-color-scheme: dark) { body { background: #0d1117; color: #e6edf3; } header p { color: #9198a1; } }
@media print { body { padding: 0; } main { overflow: visible; } main svg { max-width: 100%; page-break-inside: avoid; } }
`;

function text(model: PathwayModel | undefined, key: string): string | undefined {
  const value = model?.root.entries?.get(key)?.value;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * A standalone page around the flowchart: no script, no remote content, and a policy that
 * forbids both, so a hostile title can only ever show as text.
 */
export function renderHtmlPage(
  svg: string,
  model: PathwayModel | undefined,
  diagramCss: string = DIAGRAM_CSS,
): string {
  const title = text(model, 'title') ?? 'Pathway';
  const facts = [
    text(model, 'id'),
    text(model, 'version') ? `version ${text(model, 'version') ?? ''}` : undefined,
    text(model, 'status') ?? 'draft',
    text(model, 'population'),
  ].filter((fact): fact is string => fact !== undefined && fact !== '');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(title)}</title>
<style>${PAGE_CSS}${diagramCss}</style>
</head>
<body>
<header><h1>${escapeXml(title)}</h1><p>${facts.map(escapeXml).join(' · ')}</p></header>
<main>
${svg}
</main>
</body>
</html>
`;
}
