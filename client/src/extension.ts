// The extension's entry point: starts the language server with the first pathway file opened,
// and registers the commands, the status bar item, the pathway panels and the scenarios' tests.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type { FromReportWebviewMessage, FromWebviewMessage } from '../../shared/webviewMessages';
import { openExample } from './examples';
import { PanelManager, type PanelRenderEvent, type RouteShownEvent } from './panels/manager';
import { trackPathwayEditors } from './pathwayUri';
import { publishPathways } from './publish';
import type { ScenarioRunRecord } from './scenarios/report';
import { ScenarioTests } from './scenarios/tests';
import { StatusItem } from './status';

/** Pathway files keep VS Code's YAML language; they are picked out by name. */
// Files on disk only: copies in diff views and other virtual documents are not checked.
const PATHWAY_FILTER = { language: 'yaml', scheme: 'file', pattern: '**/*.pathway.{yaml,yml}' };
export const PATHWAY_SELECTOR: vscode.DocumentFilter[] = [PATHWAY_FILTER];
/**
 * References files are checked too, and pathways that name one read its text as it is in the
 * editor, unsaved changes included.
 */
const REFERENCES_FILTER = {
  language: 'yaml',
  scheme: 'file',
  pattern: '**/*.references.{yaml,yml}',
};

let client: LanguageClient | undefined;

/** A document the language server checks: a pathway or a references file. */
function isChecked(document: vscode.TextDocument): boolean {
  return vscode.languages.match([PATHWAY_FILTER, REFERENCES_FILTER], document) > 0;
}

async function startClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: {
      module,
      transport: TransportKind.ipc,
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const outputChannel = vscode.window.createOutputChannel('Clinical Pathways', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [PATHWAY_FILTER, REFERENCES_FILTER],
    synchronize: { configurationSection: 'pathway' },
    outputChannel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  const started = new LanguageClient('pathway', 'Clinical Pathways', serverOptions, clientOptions);
  await started.start();
  return started;
}

/** What the extension exports: a small hook into the preview for the integration tests. */
export interface ExtensionApi {
  readonly preview: {
    /** Fires each time a picture reaches a preview's webview. */
    readonly onDidRender: vscode.Event<PanelRenderEvent>;
    /** Handles a message as if the preview's webview of `uri` had sent it. */
    simulateWebviewMessage(uri: vscode.Uri, message: FromWebviewMessage): Promise<void>;
    /** Handles a message as if the comparison's webview of `uri` had sent it. */
    simulateCompareMessage(uri: vscode.Uri, message: FromWebviewMessage): Promise<void>;
    /** Fires each time a scenario's route (or none) reaches a preview's webview. */
    readonly onDidShowRoute: vscode.Event<RouteShownEvent>;
  };
  readonly scenarios: {
    /** Fires when a run of scenarios ends, with what the Test Explorer was told of each. */
    readonly onDidEndRun: vscode.Event<ScenarioRunRecord>;
  };
  readonly report: {
    /** Fires each time a report reaches an audit report's webview. */
    readonly onDidRender: vscode.Event<PanelRenderEvent>;
    /** Handles a message as if the audit report's webview of `uri` had sent it. */
    simulateWebviewMessage(uri: vscode.Uri, message: FromReportWebviewMessage): Promise<void>;
  };
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const status = new StatusItem(PATHWAY_SELECTOR);
  context.subscriptions.push(status, trackPathwayEditors());

  // Activation may come from any YAML file; the server starts with the first file it checks.
  let starting: Promise<LanguageClient> | undefined;
  const ensureStarted = (): Promise<LanguageClient> => {
    starting ??= startClient(context).then((started) => {
      client = started;
      return started;
    });
    return starting;
  };
  const startIfChecked = (document: vscode.TextDocument): void => {
    if (isChecked(document)) void ensureStarted();
  };
  vscode.workspace.textDocuments.forEach(startIfChecked);
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(startIfChecked),
    vscode.commands.registerCommand('pathway.restartServer', async () => {
      if (client) await client.restart();
      else await ensureStarted();
    }),
    vscode.commands.registerCommand('pathway.showOutput', () => client?.outputChannel.show()),
    vscode.commands.registerCommand('pathway.openExample', (name?: unknown) =>
      openExample(context, name ?? undefined),
    ),
    vscode.commands.registerCommand('pathway.publish', (request?: unknown) =>
      publishPathways(context, request),
    ),
  );

  const panels = new PanelManager(context, ensureStarted);
  const scenarios = new ScenarioTests({
    client: ensureStarted,
    selector: PATHWAY_SELECTOR,
    showRoute: (uri, scenario) => panels.showRoute(uri, scenario),
  });
  context.subscriptions.push(panels, scenarios);
  return {
    preview: {
      onDidRender: panels.onDidRenderPreview,
      simulateWebviewMessage: (uri, message) => panels.simulatePreviewMessage(uri, message),
      simulateCompareMessage: (uri, message) => panels.simulatePreviewMessage(uri, message, true),
      onDidShowRoute: panels.onDidShowRoute,
    },
    scenarios: { onDidEndRun: scenarios.onDidEndRun },
    report: {
      onDidRender: panels.onDidRenderReport,
      simulateWebviewMessage: (uri, message) => panels.simulateReportMessage(uri, message),
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
