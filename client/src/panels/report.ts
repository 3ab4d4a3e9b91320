// The audit report of a pathway document beside it: the report `pathway report --format html`
// writes, redrawn as the document changes, its step names linked to the source.
import type * as vscode from 'vscode';
import { ReportRequest, type AuditReportPage } from '../../../shared/serverRequests';
import type {
  FromReportWebviewMessage,
  ReportMessage,
  ToReportWebviewMessage,
} from '../../../shared/webviewMessages';
import { baseName } from '../pathwayUri';
import { PathwayPanel, type PanelHost } from './webviewPanel';

export const REPORT_VIEW_TYPE = 'pathway.report';

/** Today in the editor's time zone, as the report's header prints it. */
function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The audit report of one pathway document in one webview panel. */
export class AuditReportPanel extends PathwayPanel<
  AuditReportPage,
  ToReportWebviewMessage,
  FromReportWebviewMessage
> {
  constructor(panel: vscode.WebviewPanel, uri: vscode.Uri, host: PanelHost) {
    super(panel, uri, host, {
      page: 'report',
      title: `Audit ${baseName(uri)}`,
      pageTitle: `Audit report: ${baseName(uri)}`,
      accepts: ['ready', 'reveal'],
      ask: (client) => client.sendRequest(ReportRequest, { uri: uri.toString(), date: today() }),
    });
  }

  protected messageFor(result: AuditReportPage): ReportMessage {
    return {
      type: 'report',
      source: this.source,
      version: result.version,
      title: result.title,
      html: result.html,
    };
  }

  protected async onMessage(
    message: Exclude<FromReportWebviewMessage, { type: 'ready' }>,
  ): Promise<void> {
    switch (message.type) {
      case 'reveal':
        await this.revealStep(message.stepId);
        break;
    }
  }
}
