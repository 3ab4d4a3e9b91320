// The status bar item: how many errors and warnings the pathway file in the editor has.
import * as vscode from 'vscode';

/** A status bar item with the active pathway file's error and warning count. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'pathway.status',
    vscode.StatusBarAlignment.Left,
    10,
  );
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly selector: vscode.DocumentSelector) {
    this.item.name = 'Clinical Pathways';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
    );
    this.update();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || vscode.languages.match(this.selector, document) === 0) {
      this.item.hide();
      return;
    }
    const diagnostics = vscode.languages
      .getDiagnostics(document.uri)
      .filter((d) => d.source === 'pathway');
    const errors = diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = diagnostics.filter(
      (d) => d.severity === vscode.DiagnosticSeverity.Warning,
    ).length;
    this.item.text = `$(error) ${errors} $(warning) ${warnings} Pathway`;
    this.item.tooltip =
      errors + warnings === 0
        ? 'Clinical Pathways: no problems in this pathway'
        : `Clinical Pathways: ${errors} errors, ${warnings} warnings in this pathway — click to open Problems`;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
