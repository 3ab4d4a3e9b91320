// The open panels of one kind, one per pathway document: kept until closed, found by document.
import type * as vscode from 'vscode';

/** What the store needs of a panel (every PathwayPanel is one). */
export interface StoredPanel extends vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  readonly uri: vscode.Uri;
  readonly onDidDispose: vscode.Event<void>;
}

/** One kind's open panels, by document; a closed panel leaves the store by itself. */
export class PanelStore<P extends StoredPanel> implements vscode.Disposable {
  private readonly panels = new Map<string, P>();

  /** The open panel of the document (by its URI, or the URI as a string), if any. */
  get(uri: vscode.Uri | string): P | undefined {
    return this.panels.get(uri.toString());
  }

  /** The open panel of the document; an error naming `what` is missing when there is none. */
  expect(uri: vscode.Uri, what: string): P {
    const panel = this.get(uri);
    if (!panel) throw new Error(`no ${what} is open for ${uri.toString()}`);
    return panel;
  }

  /** Keeps the panel until it is closed. */
  add(panel: P): void {
    const key = panel.uri.toString();
    this.panels.set(key, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(key) === panel) this.panels.delete(key);
    });
  }

  /** Shows the document's panel without taking the focus; false when it has none. */
  reveal(uri: vscode.Uri): boolean {
    const existing = this.get(uri);
    existing?.panel.reveal(existing.panel.viewColumn, true);
    return existing !== undefined;
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
  }
}
