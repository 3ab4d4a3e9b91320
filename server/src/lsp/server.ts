// The language server's wiring: capabilities, the analysis cache, checks throttled while
// typing, and one handler per feature.
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CompletionItem,
  type CompletionList,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import type { RequestType } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, CheckOptions } from '../core';
import { endsKnown } from '../core/files/calls';
import { isReferencesFileName } from '../../../shared/pathwayFiles';
import { AnalysisCache, DocumentClosed, type DocumentContext } from './analysisCache';
import { MemoryPacer } from './memory';
import { offsetIn, toDiagnostic } from './convert';
import {
  PreviewRequest,
  RenderRequest,
  ReportRequest,
  DiffRequest,
  SaveScenarioRequest,
  ScenariosRequest,
} from '../../../shared/serverRequests';
import { codeActions } from './features/codeActions';
import { comparePathway } from './features/compare';
import { complete, resolveCompletion } from './features/completion';
import { hover } from './features/hover';
import { definition, references } from './features/navigation';
import { exportPicture, notOpen, notOpenError, preview } from './features/preview';
import { prepareRename, rename } from './features/rename';
import { SEMANTIC_LEGEND, semanticTokens } from './features/semanticTokens';
import { auditReport } from './features/report';
import { saveScenario } from './features/saveScenario';
import { scenarioLenses, scenarioList } from './features/scenarios';
import { documentSymbols, foldingRanges } from './features/structure';
import {
  exportedEntryRefusal,
  prepareShared,
  renameShared,
  sharedReferences,
  sharedTarget,
  type Analysed,
} from './features/sharedReferences';
import { SettingsStore } from './settings';
import { createServerConnection } from './transport';
import { filePathOf, uriOfPath, WorkspaceFiles } from './workspaceFiles';
import { filesBeside, sharedWorkspace } from './workspacePathways';

/** The other files a pathway may name, watched on disk for changes. */
const WATCHED_FILES = '**/*.{bib,json,yaml,yml}';

/**
 * Least time between two checks of one document while it is being edited: a keystroke after
 * a quiet spell is checked at once, a burst of keystrokes at most this often (and always
 * once more after the last one).
 */
const CHECK_INTERVAL_MS = 150;

/** What a completion item carries for completionItem/resolve: the document it came from. */
interface CompletionData {
  readonly uri: string;
}

/** Wires the language server's handlers to the pathway core over one connection. */
export function startServer(connection: Connection = createServerConnection()): void {
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection);
  const files = new WorkspaceFiles((uri) => documents.get(uri));
  const cache = new AnalysisCache(undefined, contextOf);
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const lastChecked = new Map<string, number>();
  let watchesConfiguration = false;
  const memory = new MemoryPacer();
  /** The client takes a completion list's `data` once for all its items. */
  let defaultsData = false;
  /** The client applies snippets in a quick fix's document edits. */
  let snippetEdits = false;
  /** The client watches files for the server when asked to. */
  let watchesFiles = false;
  /** The client tells of workspace folders added and removed. */
  let foldersChange = false;

  /**
   * Where a document's analysis stands among the workspace's files: a references file is
   * checked as one; a pathway reads the files it names, and each one it reads is noted so
   * that it is checked again when that file changes.
   */
  function contextOf(uri: string, options: CheckOptions): DocumentContext {
    const reads = new Set<string>();
    const file = filePathOf(uri);
    if (file !== undefined && isReferencesFileName(file)) {
      return { context: { references: true }, reads };
    }
    const context = files.contextOf(uri, options, (read) => reads.add(read));
    return { context: context ? { files: context } : {}, reads };
  }

  /**
   * Other files changed (full paths; edited in the editor, opened, closed, or on disk): they
   * are read again, and every open pathway that read one is checked again.
   */
  function filesChanged(changed: readonly string[], except?: string): void {
    for (const file of changed) files.changed(file);
    for (const uri of cache.filesChanged(new Set(changed))) {
      if (uri !== except && documents.get(uri)) scheduleEdited(uri);
    }
  }

  /** The analysis of the document's current version with its resource's settings. */
  async function analysisOf(document: TextDocument): Promise<Analysis> {
    const options = await settings.get(document.uri);
    return cache.get(document, options);
  }

  async function check(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    let analysis: Analysis;
    try {
      analysis = await analysisOf(document);
    } catch (error) {
      if (error instanceof DocumentClosed) return;
      throw error;
    }
    // A newer version arrived while it was analysed: its own check will publish.
    if (documents.get(uri)?.version !== version) return;
    await connection.sendDiagnostics({
      uri,
      version,
      diagnostics: analysis.findings.map(toDiagnostic),
    });
    memory.afterCheck();
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

  /** An open document's analysis with where it is on disk; undefined if not open or a file. */
  async function openAnalysed(uri: string): Promise<Analysed | undefined> {
    const document = documents.get(uri);
    const file = filePathOf(uri);
    if (!document || file === undefined) return undefined;
    try {
      return { uri, file, analysis: await analysisOf(document) };
    } catch (error) {
      if (error instanceof DocumentClosed) return undefined;
      throw error;
    }
  }

  const workspace = sharedWorkspace({
    files,
    openUris: () => documents.all().map((document) => document.uri),
    openAnalysed,
    optionsOf: (uri) => settings.get(uri),
    contextOf: (uri, options) => contextOf(uri, options).context,
  });

  /** Checks a document again soon: at once after a quiet spell, at most every interval. */
  function scheduleEdited(uri: string): void {
    const since = performance.now() - (lastChecked.get(uri) ?? -Infinity);
    schedule(uri, Math.max(0, CHECK_INTERVAL_MS - since));
  }

  /** The URI of a full path: the open document's own when open. */
  function uriFor(file: string): string {
    return files.openUri(file) ?? uriOfPath(file);
  }

  function checkAll(): void {
    for (const document of documents.all()) schedule(document.uri, 0);
  }

  /**
   * Runs a feature on the current analysis; documents the server does not hold get nothing.
   * A request the client has cancelled is answered as cancelled, without the work. A feature
   * that fails is logged and answers nothing, so that one bug cannot break the others.
   */
  async function withAnalysis<T>(
    uri: string,
    fallback: T,
    feature: (analysis: Analysis, document: TextDocument) => T,
    token?: CancellationToken,
  ): Promise<T> {
    throwIfCancelled(token);
    const document = documents.get(uri);
    if (!document) return fallback;
    let analysis: Analysis;
    try {
      analysis = await analysisOf(document);
    } catch (error) {
      if (error instanceof DocumentClosed) return fallback;
      throw error;
    }
    throwIfCancelled(token);
    try {
      return feature(analysis, document);
    } catch (error) {
      // A refusal in words (rename outside an id) goes to the client as it is.
      if (error instanceof ResponseError) throw error;
      connection.console.error(
        `A request on ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return fallback;
    }
  }

  let unopened = 0;

  /**
   * Runs a feature on the analysis of a text the client sent for a file the server does not
   * hold. It is analysed as an open document is (in slices, with the file's settings) under a
   * name of its own, and forgotten after.
   */
  async function withText<T>(
    uri: string,
    text: string,
    fallback: T,
    feature: (analysis: Analysis) => T,
    token?: CancellationToken,
  ): Promise<T> {
    throwIfCancelled(token);
    const key = `${uri}#unopened-${++unopened}`;
    let analysis: Analysis;
    try {
      analysis = await cache.get(
        TextDocument.create(key, 'yaml', 0, text),
        await settings.get(uri),
      );
    } finally {
      cache.delete(key);
    }
    throwIfCancelled(token);
    try {
      return feature(analysis);
    } catch (error) {
      connection.console.error(
        `A request on ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return fallback;
    }
  }

  function throwIfCancelled(token: CancellationToken | undefined): void {
    if (token?.isCancellationRequested) {
      throw new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
    }
  }

  /**
   * Answers one of the extension's custom requests, typed by the shared request type. Only its
   * method is handed on: the shared file's vscode-jsonrpc may be another copy than this
   * connection's, whose classes TypeScript would not take for its own.
   */
  function onServerRequest<P, R>(
    request: RequestType<P, R, void>,
    handler: (params: P, token: CancellationToken) => Promise<R>,
  ): void {
    connection.onRequest(request.method, handler);
  }

  connection.onInitialize((params): InitializeResult => {
    const workspace = params.capabilities.workspace;
    files.setFolders(
      params.workspaceFolders?.map((folder) => folder.uri) ??
        (params.rootUri ? [params.rootUri] : []),
    );
    watchesFiles = workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    foldersChange = workspace?.workspaceFolders === true;
    settings.setSupported(workspace?.configuration === true);
    watchesConfiguration = workspace?.didChangeConfiguration?.dynamicRegistration === true;
    defaultsData =
      params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes(
        'data',
      ) === true;
    snippetEdits =
      workspace?.workspaceEdit?.documentChanges === true &&
      workspace.workspaceEdit.snippetEditSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: [':', ' ', '[', ',', '-'], resolveProvider: true },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
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
    if (watchesFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: WATCHED_FILES }],
      });
    }
    if (foldersChange) {
      connection.workspace.onDidChangeWorkspaceFolders(() => {
        void connection.workspace.getWorkspaceFolders().then((folders) => {
          files.setFolders((folders ?? []).map((folder) => folder.uri));
          cache.clear();
          checkAll();
        });
      });
    }
  });

  connection.onDidChangeConfiguration(() => {
    settings.clear();
    cache.clear();
    files.clear();
    checkAll();
  });

  // A file open in the editor is read from its text there while it holds edits.
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const changed = changes.flatMap(({ uri }) => {
      const file = filePathOf(uri);
      return file !== undefined && files.changedOnDisk(file) ? [file] : [];
    });
    if (changed.length > 0) filesChanged(changed);
  });

  documents.onDidOpen(({ document }) => schedule(document.uri, 0));
  documents.onDidChangeContent(({ document }) => {
    scheduleEdited(document.uri);
    const file = files.opened(document.uri);
    if (file !== undefined) filesChanged([file], document.uri);
  });
  documents.onDidClose(({ document }) => {
    const timer = pending.get(document.uri);
    if (timer) clearTimeout(timer);
    pending.delete(document.uri);
    lastChecked.delete(document.uri);
    cache.delete(document.uri);
    settings.forget(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
    // Its text on disk is what others read now.
    const file = files.closed(document.uri);
    if (file !== undefined) filesChanged([file]);
  });

  connection.onCompletion(({ textDocument, position }, token) =>
    withAnalysis(
      textDocument.uri,
      [],
      (analysis, document): CompletionItem[] | CompletionList => {
        // A file over the size limit is not read, for completion either.
        if (analysis.parsed.tooLarge) return [];
        // While a line is half typed the text may not parse: the last model knows the calls.
        const model = analysis.model ?? cache.lastModel(textDocument.uri);
        const items = complete(
          document.getText(),
          position.line,
          position.character,
          () => filesBeside(files, textDocument.uri),
          { endsOf: (step) => endsKnown(model?.calls?.get(step))?.ends },
        );
        // Which document an item came from, for completionItem/resolve: once for the
        // list when the client allows it, else on each item.
        const data: CompletionData = { uri: textDocument.uri };
        if (defaultsData) return { isIncomplete: false, itemDefaults: { data }, items };
        for (const item of items) item.data = data;
        return items;
      },
      token,
    ),
  );

  connection.onCompletionResolve(async (item, token) => {
    const uri = (item.data as Partial<CompletionData> | undefined)?.uri;
    if (typeof uri !== 'string') return item;
    return withAnalysis(
      uri,
      item,
      (analysis) => {
        // While a line is half typed the text may not parse: name ids from the last model.
        const model = analysis.model ?? cache.lastModel(uri);
        return resolveCompletion(item, {
          describeStep: (id) => {
            const step = model?.steps.get(id);
            return step ? [step.kind, step.title].filter(Boolean).join(' — ') : undefined;
          },
          describeReference: (id) => {
            const title = model?.references.get(id)?.fields['title'];
            return typeof title === 'string' ? title : undefined;
          },
        });
      },
      token,
    );
  });

  connection.onHover(({ textDocument, position }, token) =>
    withAnalysis(
      textDocument.uri,
      null,
      (analysis, document) => hover(analysis, offsetIn(analysis, document, position)),
      token,
    ),
  );

  connection.onDefinition(({ textDocument, position }, token) =>
    withAnalysis(
      textDocument.uri,
      [],
      (analysis, document) => {
        const file = filePathOf(textDocument.uri);
        const root = file !== undefined ? files.rootOf(file) : undefined;
        return definition(
          analysis,
          textDocument.uri,
          offsetIn(analysis, document, position),
          (relative) =>
            root === undefined ? undefined : uriFor(path.join(root, ...relative.split('/'))),
        );
      },
      token,
    ),
  );

  /**
   * The reference of a references file at a position (its key, or a cite that such a file
   * resolves): find references and rename then reach across the workspace.
   */
  async function sharedAt(uri: string, position: { line: number; character: number }) {
    const document = documents.get(uri);
    const analysed = await openAnalysed(uri);
    if (!document || !analysed) return undefined;
    const offset = offsetIn(analysed.analysis, document, position);
    const target = sharedTarget(analysed, offset, workspace);
    return target && { target, analysed };
  }

  /** Refuses a rename of a cite that a BibTeX or CSL-JSON file resolves, saying why. */
  async function refuseExported(uri: string, position: { line: number; character: number }) {
    const document = documents.get(uri);
    const analysed = await openAnalysed(uri);
    if (!document || !analysed) return;
    const why = exportedEntryRefusal(analysed, offsetIn(analysed.analysis, document, position));
    if (why !== undefined) throw new ResponseError(ErrorCodes.InvalidRequest, why);
  }

  connection.onReferences(async ({ textDocument, position, context }, token) => {
    throwIfCancelled(token);
    const shared = await sharedAt(textDocument.uri, position);
    if (shared) return sharedReferences(shared.target, workspace, context.includeDeclaration);
    return withAnalysis(
      textDocument.uri,
      [],
      (analysis, document) =>
        references(
          analysis,
          textDocument.uri,
          offsetIn(analysis, document, position),
          context.includeDeclaration,
        ),
      token,
    );
  });

  connection.onPrepareRename(async ({ textDocument, position }, token) => {
    throwIfCancelled(token);
    const shared = await sharedAt(textDocument.uri, position);
    if (shared) return prepareShared(shared.target, shared.analysed);
    await refuseExported(textDocument.uri, position);
    return withAnalysis(
      textDocument.uri,
      null,
      (analysis, document) => prepareRename(analysis, offsetIn(analysis, document, position)),
      token,
    );
  });

  connection.onRenameRequest(async ({ textDocument, position, newName }, token) => {
    throwIfCancelled(token);
    const shared = await sharedAt(textDocument.uri, position);
    if (shared) return renameShared(shared.target, workspace, newName);
    await refuseExported(textDocument.uri, position);
    return withAnalysis(
      textDocument.uri,
      null,
      (analysis, document) =>
        rename(analysis, textDocument.uri, offsetIn(analysis, document, position), newName),
      token,
    );
  });

  connection.onDocumentSymbol(({ textDocument }, token) =>
    withAnalysis(textDocument.uri, [], (analysis) => documentSymbols(analysis), token),
  );

  connection.onFoldingRanges(({ textDocument }, token) =>
    withAnalysis(textDocument.uri, [], (analysis) => foldingRanges(analysis), token),
  );

  connection.languages.semanticTokens.on(({ textDocument }, token) =>
    withAnalysis(textDocument.uri, { data: [] }, (analysis) => semanticTokens(analysis), token),
  );

  connection.onCodeAction(({ textDocument, range, context }, token) =>
    withAnalysis(
      textDocument.uri,
      [],
      (analysis, document) =>
        codeActions(analysis, textDocument.uri, range, context.only, {
          snippets: snippetEdits,
          version: document.version,
        }),
      token,
    ),
  );

  connection.onCodeLens(({ textDocument }, token) =>
    withAnalysis(
      textDocument.uri,
      [],
      (analysis) => scenarioLenses(analysis, textDocument.uri),
      token,
    ),
  );

  onServerRequest(ScenariosRequest, async ({ uri, text }, token) => {
    if (documents.get(uri) === undefined && typeof text === 'string')
      return withText(
        uri,
        text,
        {
          uri,
          version: -1,
          error:
            'Its scenarios could not be run: the language server failed on this file (its output, Pathway: Show Output, says why).',
        },
        (analysis) => scenarioList(analysis, uri, -1),
        token,
      );
    return (
      (await withAnalysis(
        uri,
        undefined,
        (analysis, document) => scenarioList(analysis, uri, document.version),
        token,
      )) ?? notOpen(uri)
    );
  });

  onServerRequest(
    PreviewRequest,
    async ({ uri }, token) => (await withAnalysis(uri, undefined, preview, token)) ?? notOpen(uri),
  );
  onServerRequest(RenderRequest, async ({ uri, format }, token) => {
    const picture = await withAnalysis(
      uri,
      undefined,
      (analysis) => exportPicture(analysis, format),
      token,
    );
    if (picture === undefined) throw notOpenError();
    return picture;
  });

  onServerRequest(
    ReportRequest,
    async ({ uri, date }, token) =>
      (await withAnalysis(
        uri,
        undefined,
        (analysis, document) => auditReport(analysis, document, date),
        token,
      )) ?? notOpen(uri),
  );

  onServerRequest(
    DiffRequest,
    async ({ uri, otherText, otherLabel }) =>
      (await withAnalysis(uri, undefined, (analysis, document) =>
        comparePathway(analysis, document, otherText, otherLabel),
      )) ?? notOpen(uri),
  );

  onServerRequest(
    SaveScenarioRequest,
    async ({ uri, scenario }, token) =>
      (await withAnalysis(
        uri,
        undefined,
        (analysis, document) => saveScenario(analysis, document, scenario),
        token,
      )) ?? notOpen(uri),
  );

  documents.listen(connection);
  connection.listen();
}
