// Keeps what a panel shows current with the document: asks the server again after edits,
// throttled, and never shows an answer older than one already shown.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isFailure, type PreviewFailure } from '../../../shared/serverRequests';

/** Edits within this time are asked for once (VS Code's Markdown preview waits as long). */
const REFRESH_THROTTLE_MS = 300;
/** A document the server has not been told about yet is asked for again, this many times. */
const NOT_OPEN_RETRIES = 5;

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Keeps what a panel shows of one document current, for the preview and the audit report
 * alike: asks the server again after edits of the document (at most every 300 ms), only
 * while the panel is visible (else once it shows again), never shows an answer older than
 * one already shown, and asks again while the server has not yet been told of a document
 * just opened.
 */
export class CurrentResult<R extends { readonly version: number }> implements vscode.Disposable {
  /** The document changed while the panel was hidden, or nothing was asked for yet. */
  private stale = true;
  private requestCount = 0;
  private appliedRequest = 0;
  private shownVersion = -1;
  private notOpenRetries = 0;
  private throttle: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;
  private readonly edits: vscode.Disposable;

  constructor(
    private readonly uri: vscode.Uri,
    private readonly panel: vscode.WebviewPanel,
    private readonly client: () => Promise<LanguageClient>,
    /** The request for the document's current result. */
    private readonly ask: (client: LanguageClient) => Promise<R | PreviewFailure>,
    /** Shows an answer: a result, or why there is none. */
    private readonly show: (result: R | PreviewFailure) => Promise<void>,
  ) {
    this.edits = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() === uri.toString() && event.contentChanges.length > 0) {
        this.schedule();
      }
    });
  }

  get isStale(): boolean {
    return this.stale;
  }

  /** Asks again soon. */
  private schedule(): void {
    if (this.throttle || this.disposed) return;
    this.throttle = setTimeout(() => {
      this.throttle = undefined;
      void this.refresh();
    }, REFRESH_THROTTLE_MS);
  }

  /** Asks the server now; an answer older than one shown is dropped. */
  async refresh(): Promise<void> {
    if (!this.panel.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const request = ++this.requestCount;
    let result: R | PreviewFailure;
    try {
      // Opening the document (a no-op when it is open) makes sure the server holds it.
      await vscode.workspace.openTextDocument(this.uri);
      result = await this.ask(await this.client());
    } catch (error) {
      result = { uri: this.uri.toString(), version: -1, error: messageOf(error) };
    }
    if (this.disposed || request < this.appliedRequest) return;
    if (result.version !== -1 && result.version < this.shownVersion) return;
    if (isFailure(result) && result.version === -1 && this.notOpenRetries < NOT_OPEN_RETRIES) {
      // The client tells the server about a newly opened document a moment later.
      this.notOpenRetries++;
      this.schedule();
      return;
    }
    this.appliedRequest = request;
    if (!isFailure(result)) {
      this.notOpenRetries = 0;
      this.shownVersion = result.version;
    }
    await this.show(result);
  }

  dispose(): void {
    this.disposed = true;
    this.edits.dispose();
    if (this.throttle) clearTimeout(this.throttle);
  }
}
