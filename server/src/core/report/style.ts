// The report's look, apart from the code that writes the report: the build reads it for the
// editor's report page without the rest of the core.

/** The report's look; the editor's report page carries it in its own style sheet. */
export const REPORT_CSS = `
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 24px; color: #1f2328; background: #fff; line-height: 1.45; overflow-wrap: break-word; }
h1 { font-size: 22px; } h2 { font-size: 18px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 32px; } h3 { font-size: 15px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; } th, td { border: 1px solid #d0d7de; padding: 6px 8px; vertical-align: top; text-align: left; }
th { background: #f6f8fa; } .meta th { width: 12em; } code { font-size: 12px; }
.step-id, .rule-code { white-space: nowrap; }
.certainty-high { color: #1a7f37; } .certainty-moderate { color: #4d7c0f; } .certainty-low { color: #9a6700; } .certainty-very-low { color: #cf222e; }
.none { color: #cf222e; font-weight: 600; } .quiet { color: #59636e; } .path { break-inside: avoid; margin-bottom: 12px; }
.flowchart { overflow: auto; } .flowchart svg { display: block; max-width: 100%; height: auto; }
.severity-error { color: #cf222e; } .severity-warning { color: #9a6700; }
.verdict-holds { color: #1a7f37; } .verdict-broken { color: #9a6700; } .decision { break-inside: avoid; }
code.condition { overflow-wrap: anywhere; }
:target { outline: 2px solid #0969da; outline-offset: 2px; }
@media (max-width: 640px) {
  body { margin: 12px; }
  .meta th { width: auto; }
  :is(table.recommendations, table.inputs, table.branches, table.scenarios) :is(tbody, tr, td) { display: block; }
  :is(table.recommendations, table.inputs, table.branches, table.scenarios) { display: block; }
  :is(table.recommendations, table.inputs, table.branches, table.scenarios) thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  :is(table.recommendations, table.inputs, table.branches, table.scenarios) tr { border: 1px solid #d0d7de; margin-bottom: 12px; }
  :is(table.recommendations, table.inputs, table.branches, table.scenarios) td { border: 0; border-top: 1px solid #d0d7de; }
  :is(table.recommendations, table.inputs, table.branches, table.scenarios) td:first-child { border-top: 0; }
  :is(table.recommendations, table.inputs, table.branches, table.scenarios) td::before { content: attr(data-label); display: block; font-size: 12px; font-weight: 600; color: #59636e; }
}
@media print {
  @page { margin: 15mm; }
  body { margin: 0; color: #000; background: #fff; }
  th { background: none; } :target { outline: none; }
  a { color: inherit; text-decoration: none; }
  a.step-link.titled::after { content: " (" attr(data-step) ")"; font-family: monospace; font-size: 12px; }
  .flowchart { overflow: visible; break-inside: avoid; } .flowchart svg { width: auto; max-height: 240mm; }
  .pathway-diagram { --pw-fg: #1f2328 !important; --pw-bg: #fff !important; --pw-muted: #59636e !important; --pw-node: #fff !important; --pw-border: #57606a !important; --pw-edge: #57606a !important; }
  h2, h3, h4 { break-after: avoid; } tr, li, .path { break-inside: avoid; }
  :is(table.recommendations, table.inputs, table.branches, table.scenarios) thead { display: table-header-group; }
}
`;
