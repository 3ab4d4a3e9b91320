// The flowchart's style sheets: its look in the preview and the exported pages, and the marks
// a comparison draws on it.
import type { Analysis } from '../analysis';
/**
 * The flowchart's look, shared by the preview and the exported pages. Colours follow the
 * editor's theme when the editor's variables exist (light, dark, high contrast), and fall
 * back to a light palette (or a dark one, per the reader's system) elsewhere.
 */
export const DIAGRAM_CSS = `
.pathway-diagram {
  --pw-fg: var(--vscode-editor-foreground, #1f2328);
  --pw-bg: var(--vscode-editor-background, #ffffff);
  --pw-muted: var(--vscode-descriptionForeground, #59636e);
  --pw-node: var(--vscode-editorWidget-background, #f6f8fa);
  --pw-border: var(--vscode-editorWidget-border, #8c959f);
  --pw-edge: var(--vscode-editorLineNumber-foreground, #6e7781);
  --pw-accent: var(--vscode-focusBorder, #0969da);
  --pw-focus: var(--vscode-focusBorder, #0969da);
  --pw-error: var(--vscode-editorError-foreground, #cf222e);
  --pw-warning: var(--vscode-editorWarning-foreground, #bf8700);
  --pw-info: var(--vscode-editorInfo-foreground, #0969da);
  --pw-high: #1a7f37;
  --pw-moderate: #5a9e2f;
  --pw-low: #d18b00;
  --pw-very-low: #cf222e;
  --pw-highlight: var(--vscode-editor-findMatchHighlightBackground, rgba(255, 200, 0, 0.35));
  font-family: var(--vscode-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
  font-size: 13px;
  color: var(--pw-fg);
}
@media (prefers-color-scheme: dark) {
  body:not(.vscode-light):not(.vscode-dark):not(.vscode-high-contrast) .pathway-diagram {
    --pw-fg: #e6edf3; --pw-bg: #0d1117; --pw-muted: #9198a1; --pw-node: #161b22;
    --pw-border: #6e7681; --pw-edge: #8b949e; --pw-accent: #4493f8; --pw-focus: #4493f8;
  }
}
.pathway-diagram text { fill: var(--pw-fg); }
.pathway-diagram .node .shape { fill: var(--pw-node); stroke: var(--pw-border); stroke-width: 1.5; }
.pathway-diagram .node { cursor: pointer; }
.pathway-diagram .node.selected .shape { stroke: var(--pw-accent); stroke-width: 3; }
.pathway-diagram .outline { fill: none; stroke: none; pointer-events: all; }
.pathway-diagram .outline:focus { outline: none; }
.pathway-diagram .outline:focus-visible { stroke: var(--pw-focus); stroke-width: 3px; vector-effect: non-scaling-stroke; }
.pathway-diagram .node:has(.outline:focus-visible) { opacity: 1; }
.pathway-diagram .kind-end .shape { stroke-width: 2.5; }
.pathway-diagram .kind-unknown .shape { stroke-dasharray: 4 3; }
.pathway-diagram .kind-recommendation.strength-strong .shape { stroke-width: 3; }
.pathway-diagram .band { stroke: none; }
.pathway-diagram .certainty-high .band { fill: var(--pw-high); }
.pathway-diagram .certainty-moderate .band { fill: var(--pw-moderate); }
.pathway-diagram .certainty-low .band { fill: var(--pw-low); }
.pathway-diagram .certainty-very-low .band { fill: var(--pw-very-low); }
.pathway-diagram .certainty-unknown .band { fill: var(--pw-border); }
.pathway-diagram .badge { fill: var(--pw-muted); font-size: 11px; }
.pathway-diagram .direction-against .badge { fill: var(--pw-error); }
.pathway-diagram .start-marker { fill: var(--pw-accent); font-size: 11px; font-weight: 600; }
.pathway-diagram .unreachable { opacity: 0.45; }
.pathway-diagram .unreachable .shape { stroke-dasharray: 6 4; }
.pathway-diagram .severity-error .shape { stroke: var(--pw-error); stroke-width: 3; }
.pathway-diagram .severity-warning .shape { stroke: var(--pw-warning); stroke-width: 2.5; }
.pathway-diagram .problem-mark { font-weight: 700; }
.pathway-diagram .severity-error .problem-mark { fill: var(--pw-error); }
.pathway-diagram .severity-warning .problem-mark { fill: var(--pw-warning); }
.pathway-diagram .severity-info .problem-mark { fill: var(--pw-info); }
.pathway-diagram .edge path { fill: none; stroke: var(--pw-edge); stroke-width: 1.5; }
.pathway-diagram .edge-otherwise path { stroke-dasharray: 6 4; }
.pathway-diagram .arrowhead { fill: var(--pw-edge); }
.pathway-diagram .edge-label rect { fill: var(--pw-bg); opacity: 0.9; }
.pathway-diagram .edge-label text { fill: var(--pw-muted); font-size: 11px; }
.pathway-diagram .edge-otherwise .edge-label text { font-style: italic; }
.pathway-diagram .edge-label .test, .pathway-diagram .records { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace; font-size: 10px; font-style: normal; }
.pathway-diagram .edge-label .test { fill: var(--pw-fg); }
.pathway-diagram .records { fill: var(--pw-muted); }
.pathway-diagram .match-mark { fill: var(--pw-accent); font-size: 11px; font-weight: 600; }
.pathway-diagram .dimmed { opacity: 0.25; }
.pathway-diagram .on-path .shape { stroke: var(--pw-accent); stroke-width: 3; }
.pathway-diagram .edge.on-path path { stroke: var(--pw-accent); stroke-width: 2.5; }
.pathway-diagram .highlighted .shape { fill: var(--pw-highlight); }
.pathway-diagram .legend text { font-size: 11px; fill: var(--pw-muted); }
.pathway-diagram .legend .legend-title { font-weight: 600; fill: var(--pw-fg); }
body.vscode-high-contrast .pathway-diagram .node:not(.severity-error):not(.severity-warning):not(.on-path):not(.selected) .shape { stroke: var(--vscode-contrastBorder, #fff); }
body.vscode-high-contrast .pathway-diagram .edge path { stroke: var(--vscode-contrastBorder, #fff); }
`;

/**
 * Sub-pathways: the used pathway's title and file under the step's title, and an expanded
 * sub-pathway's box, filled beneath the steps and arrows drawn inside it. Apart from the
 * rest so that a chart without sub-pathways carries none of it.
 */
export const SUB_PATHWAY_CSS = `
.pathway-diagram .uses { fill: var(--pw-muted); font-size: 11px; font-style: italic; }
.pathway-diagram .uses .use-file { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace; font-size: 10px; font-style: normal; }
.pathway-diagram .frame { fill: var(--pw-node); fill-opacity: 0.5; stroke: none; }
.pathway-diagram .node.expanded > .shape { fill: none; }
.pathway-diagram .node.expanded .inner { stroke-dasharray: 4 3; }
`;

/** The style of a pathway's chart: with sub-pathways' only when it has a `pathway` step. */
export function diagramCssFor(analysis: Analysis): string {
  const steps = analysis.model?.steps.values() ?? [];
  return [...steps].some((step) => step.kind === 'pathway')
    ? DIAGRAM_CSS + SUB_PATHWAY_CSS
    : DIAGRAM_CSS;
}

/** Everything the preview's flowchart may draw. */
export const PREVIEW_DIAGRAM_CSS = DIAGRAM_CSS + SUB_PATHWAY_CSS;

/** The comparison's marks: added green, removed red (ghosts, dashed and faded), changed amber. */
export const DIFF_CSS = `
.pathway-diagram { --pw-added: #1a7f37; --pw-removed: #cf222e; --pw-changed: #bf8700; }
.pathway-diagram .node.diff-added .shape { stroke: var(--pw-added); stroke-width: 3; }
.pathway-diagram .node.diff-changed .shape { stroke: var(--pw-changed); stroke-width: 3; }
.pathway-diagram .node.diff-removed { opacity: 0.5; }
.pathway-diagram .node.diff-removed .shape { stroke: var(--pw-removed); stroke-width: 2.5; stroke-dasharray: 6 4; }
.pathway-diagram .edge.diff-added path { stroke: var(--pw-added); stroke-width: 2.5; }
.pathway-diagram .edge.diff-removed { opacity: 0.6; }
.pathway-diagram .edge.diff-removed path { stroke: var(--pw-removed); stroke-dasharray: 6 4; }
`;
