import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CurrentResult } from './currentResult';
import { baseName, loadPage, revealStep, sendServerRequest, webviewOptions } from './preview';
import {
  isFailure,
  ReportRequest,
  type CannotDrawMessage,
  type FromReportWebviewMessage,
  type PreviewStep,
  type ReportMessage,
  type ReportResult,
  type ToReportWebviewMessage,
  type WebviewState,
} from './protocol';

export const REPORT_VIEW_TYPE = 'pathway.report';

const PATHWAY_FILE = /\.pathway\.ya?ml$/i;

/** A report that reached a report webview. */
export interface ReportRenderEvent {
  readonly uri: string;
  readonly version: number;
}

/** The webview's page is not trusted: only well-formed messages are handled. */
function isReportMessage(value: unknown): value is FromReportWebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (typeof message['source'] !== 'string') return false;
  switch (message['type']) {
    case 'ready':
      return true;
    case 'reveal':
      return typeof message['stepId'] === 'string';
    default:
      return false;
  }
}

/** Today in the editor's time zone, as the report's header prints it. */
function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The audit report of one pathway document in a webview beside it: the report
 * `pathway report --format html` writes, redrawn as the document changes, its step names
 * linked to the source.
 */
export class AuditReportPanel implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private latest: ReportMessage | CannotDrawMessage | undefined;
  private steps: readonly PreviewStep[] = [];
  private ready = false;
  private readonly current: CurrentResult<ReportResult>;
  private disposed = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly uri: vscode.Uri,
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => Promise<LanguageClient>,
    private readonly rendered: (event: ReportRenderEvent) => void,
  ) {
    this.current = new CurrentResult<ReportResult>(
      uri,
      panel,
      client,
      (languageClient) =>
        sendServerRequest(languageClient, ReportRequest, { uri: uri.toString(), date: today() }),
      (result) => this.show(result),
    );
    panel.title = `Audit ${baseName(uri)}`;
    loadPage(panel, extensionUri, 'report', {
      source: uri.toString(),
      title: `Audit report: ${baseName(uri)}`,
    });
    this.disposables.push(
      this.disposeEmitter,
      this.current,
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isReportMessage(message)) void this.handleMessage(message);
      }),
    );
    void this.current.refresh();
  }

  /** Handles a message from this report's webview; messages about another document are stale. */
  async handleMessage(message: FromReportWebviewMessage): Promise<void> {
    if (message.source !== this.uri.toString()) return;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.current.isStale || !this.latest) await this.current.refresh();
        else await this.post(this.latest);
        break;
      case 'reveal':
        await revealStep(this.uri, this.steps, message.stepId, this.panel);
        break;
    }
  }

  /** Shows the server's answer: the report, or why there is none. */
  private async show(result: ReportResult): Promise<void> {
    const source = this.uri.toString();
    if (isFailure(result)) {
      this.latest = { type: 'cannotDraw', source, version: result.version, message: result.error };
    } else {
      this.steps = result.steps;
      this.latest = {
        type: 'report',
        source,
        version: result.version,
        title: result.title,
        html: result.html,
      };
    }
    await this.post(this.latest);
  }

  private async post(message: ToReportWebviewMessage): Promise<void> {
    if (!this.ready || this.disposed) return;
    const delivered = await this.panel.webview.postMessage(message);
    if (delivered && message.type === 'report') {
      this.rendered({ uri: this.uri.toString(), version: message.version });
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.disposeEmitter.fire();
    this.panel.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** One audit report panel per pathway document: opened by the command, restored after a reload. */
export class AuditReportManager implements vscode.Disposable {
  private readonly reports = new Map<string, AuditReportPanel>();
  private readonly renderEmitter = new vscode.EventEmitter<ReportRenderEvent>();
  private readonly disposables: vscode.Disposable[] = [this.renderEmitter];
  readonly onDidRender = this.renderEmitter.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly client: () => Promise<LanguageClient>,
  ) {
    this.disposables.push(
      vscode.commands.registerCommand('pathway.showAuditReport', (uri?: unknown) =>
        this.show(uri instanceof vscode.Uri ? uri : undefined),
      ),
      vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => {
          const source = (state as Partial<WebviewState> | undefined)?.source;
          if (typeof source !== 'string' || this.reports.has(source)) panel.dispose();
          else this.track(panel, vscode.Uri.parse(source));
          return Promise.resolve();
        },
      }),
    );
  }

  /** Opens (or shows) the audit report of a pathway file beside its editor. */
  show(resource?: vscode.Uri): void {
    const uri = resource ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri || !PATHWAY_FILE.test(uri.path)) {
      void vscode.window.showInformationMessage(
        'Open a pathway file (*.pathway.yaml) to see its audit report.',
      );
      return;
    }
    const existing = this.reports.get(uri.toString());
    if (existing) {
      existing.panel.reveal(existing.panel.viewColumn, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      REPORT_VIEW_TYPE,
      `Audit ${baseName(uri)}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { ...webviewOptions(this.context.extensionUri), retainContextWhenHidden: false },
    );
    this.track(panel, uri);
  }

  private track(panel: vscode.WebviewPanel, uri: vscode.Uri): void {
    const key = uri.toString();
    const report = new AuditReportPanel(
      panel,
      uri,
      this.context.extensionUri,
      this.client,
      (event) => this.renderEmitter.fire(event),
    );
    this.reports.set(key, report);
    report.onDidDispose(() => {
      if (this.reports.get(key) === report) this.reports.delete(key);
    });
  }

  /** Hands a message to a report as if its webview had sent it (for the integration tests). */
  async simulateWebviewMessage(uri: vscode.Uri, message: FromReportWebviewMessage): Promise<void> {
    const report = this.reports.get(uri.toString());
    if (!report) throw new Error(`no audit report is open for ${uri.toString()}`);
    await report.handleMessage(message);
  }

  dispose(): void {
    for (const report of this.reports.values()) report.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
