import {
  createConnection,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis } from '../core';
import { AnalysisCache } from './analysisCache';
import { offsetIn, toDiagnostic } from './convert';
import {
  PreviewRequest,
  RenderRequest,
  ReportRequest,
  DiffRequest,
  type ServerRequest,
} from '../../../client/src/preview/protocol';
import { codeActions } from './features/codeActions';
import { comparePathway } from './features/diff';
import { complete } from './features/completion';
import { hover } from './features/hover';
import { definition, references } from './features/navigation';
import { exportPicture, notOpen, notOpenError, preview } from './features/preview';
import { prepareRename, rename } from './features/rename';
import { auditReport } from './features/report';
import { documentSymbols, foldingRanges } from './features/structure';
import { SettingsStore } from './settings';

/**
 * Least time between two checks of one document while it is being edited: a keystroke after
 * a quiet spell is checked at once, a burst of keystrokes at most this often (and always
 * once more after the last one).
 */
const CHECK_INTERVAL_MS = 150;

/** Wires the language server's handlers to the pathway core over one connection. */
export function startServer(connection: Connection = createConnection()): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection);
  const cache = new AnalysisCache();
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const lastChecked = new Map<string, number>();
  let watchesConfiguration = false;

  /** The analysis of the document's current version with its resource's settings. */
  async function analysisOf(document: TextDocument): Promise<Analysis> {
    const options = await settings.get(document.uri);
    return cache.get(document, options);
  }

  async function check(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const analysis = await analysisOf(document);
    // A newer version arrived while settings were read: its own check will publish.
    if (documents.get(uri)?.version !== version) return;
    await connection.sendDiagnostics({
      uri,
      version,
      diagnostics: analysis.findings.map(toDiagnostic),
    });
  }

  function schedule(uri: string, delay: number): void {
    const previous = pending.get(uri);
    if (previous) clearTimeout(previous);
    pending.set(
      uri,
      setTimeout(() => {
        pending.delete(uri);
        lastChecked.set(uri, performance.now());
        check(uri).catch((error: unknown) => connection.console.error(String(error)));
      }, delay),
    );
  }

  function checkAll(): void {
    for (const document of documents.all()) schedule(document.uri, 0);
  }

  /** Runs a feature on the current analysis; documents the server does not hold get nothing. */
  async function withAnalysis<T>(
    uri: string,
    fallback: T,
    feature: (analysis: Analysis, document: TextDocument) => T,
  ): Promise<T> {
    const document = documents.get(uri);
    if (!document) return fallback;
    return feature(await analysisOf(document), document);
  }

  /** Answers one of the extension's custom requests, typed by the shared protocol. */
  function onServerRequest<P, R>(
    request: ServerRequest<P, R>,
    handler: (params: P) => Promise<R>,
  ): void {
    connection.onRequest(request.method, handler);
  }

  connection.onInitialize((params): InitializeResult => {
    const workspace = params.capabilities.workspace;
    settings.setSupported(workspace?.configuration === true);
    watchesConfiguration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '-'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'pathway-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (watchesConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, {
        section: 'pathway',
      });
    }
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    cache.clear();
    checkAll();
  });

  documents.onDidOpen(({ document }) => schedule(document.uri, 0));
  documents.onDidChangeContent(({ document }) => {
    const since = performance.now() - (lastChecked.get(document.uri) ?? -Infinity);
    schedule(document.uri, Math.max(0, CHECK_INTERVAL_MS - since));
  });
  documents.onDidClose(({ document }) => {
    const timer = pending.get(document.uri);
    if (timer) clearTimeout(timer);
    pending.delete(document.uri);
    lastChecked.delete(document.uri);
    cache.delete(document.uri);
    settings.forget(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCompletion(({ textDocument, position }) =>
    withAnalysis(textDocument.uri, [], (analysis, document) =>
      complete(document.getText(), position.line, position.character, {
        describeStep: (id) => {
          const step = (analysis.model ?? cache.latest(textDocument.uri)?.model)?.steps.get(id);
          return step ? [step.kind, step.title].filter(Boolean).join(' — ') : undefined;
        },
        describeReference: (id) => {
          const title = (analysis.model ?? cache.latest(textDocument.uri)?.model)?.references.get(
            id,
          )?.fields['title'];
          return typeof title === 'string' ? title : undefined;
        },
      }),
    ),
  );

  connection.onHover(({ textDocument, position }) =>
    withAnalysis(textDocument.uri, null, (analysis, document) =>
      hover(analysis, offsetIn(analysis, document, position)),
    ),
  );

  connection.onDefinition(({ textDocument, position }) =>
    withAnalysis(textDocument.uri, [], (analysis, document) =>
      definition(analysis, textDocument.uri, offsetIn(analysis, document, position)),
    ),
  );

  connection.onReferences(({ textDocument, position, context }) =>
    withAnalysis(textDocument.uri, [], (analysis, document) =>
      references(
        analysis,
        textDocument.uri,
        offsetIn(analysis, document, position),
        context.includeDeclaration,
      ),
    ),
  );

  connection.onPrepareRename(({ textDocument, position }) =>
    withAnalysis(textDocument.uri, null, (analysis, document) =>
      prepareRename(analysis, offsetIn(analysis, document, position)),
    ),
  );

  connection.onRenameRequest(({ textDocument, position, newName }) =>
    withAnalysis(textDocument.uri, null, (analysis, document) =>
      rename(analysis, textDocument.uri, offsetIn(analysis, document, position), newName),
    ),
  );

  connection.onDocumentSymbol(({ textDocument }) =>
    withAnalysis(textDocument.uri, [], (analysis) => documentSymbols(analysis)),
  );

  connection.onFoldingRanges(({ textDocument }) =>
    withAnalysis(textDocument.uri, [], (analysis) => foldingRanges(analysis)),
  );

  connection.onCodeAction(({ textDocument, range, context }) =>
    withAnalysis(textDocument.uri, [], (analysis) =>
      codeActions(analysis, textDocument.uri, range, context.only),
    ),
  );

  onServerRequest(
    PreviewRequest,
    async ({ uri }) => (await withAnalysis(uri, undefined, preview)) ?? notOpen(uri),
  );
  onServerRequest(RenderRequest, async ({ uri, format }) => {
    const picture = await withAnalysis(uri, undefined, (analysis) =>
      exportPicture(analysis, format),
    );
    if (picture === undefined) throw notOpenError();
    return picture;
  });

  onServerRequest(
    ReportRequest,
    async ({ uri, date }) =>
      (await withAnalysis(uri, undefined, (analysis, document) =>
        auditReport(analysis, document, date),
      )) ?? notOpen(uri),
  );

  onServerRequest(
    DiffRequest,
    async ({ uri, otherText, otherLabel }) =>
      (await withAnalysis(uri, undefined, (analysis, document) =>
        comparePathway(analysis, document, otherText, otherLabel),
      )) ?? notOpen(uri),
  );

  documents.listen(connection);
  connection.listen();
}
