// The pathways' scenarios in VS Code's Test Explorer: one item per pathway file of the
// workspace (and per pathway open in an editor), one child per scenario at its lines; a Run
// profile that runs one scenario, a file or all; a file's scenarios run again when it is
// saved; and the command the code lenses run.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isFailure, type ScenarioInfo, type ScenarioList } from '../../../shared/serverRequests';
import { isPathwayUri } from '../pathwayUri';
import { askScenarios } from './ask';
import { reportScenario, type ScenarioOutcome, type ScenarioRunRecord } from './report';

const PATTERN = '**/*.pathway.{yaml,yml}';
/** Installed packages are not the author's pathways. */
const EXCLUDE = '**/node_modules/**';

/** What the Test Explorer needs from the extension around it. */
export interface ScenarioTestsHost {
  /** The running language client (started on first use). */
  client(): Promise<LanguageClient>;
  /** The documents the language server holds (pathway files on disk). */
  readonly selector: vscode.DocumentSelector;
  /** Shows a scenario's route in the open preview of its file, if there is one. */
  showRoute(uri: vscode.Uri, scenario: ScenarioInfo): void;
}

/** A file's item and, once asked, where its scenarios are. */
interface FileEntry {
  readonly item: vscode.TestItem;
  /** The latest answer for the file's scenarios, by id. */
  scenarios: Map<string, ScenarioInfo>;
  /** Its scenarios have been listed (shown, or run): they are kept current from then on. */
  listed: boolean;
  /** A refresh under way, and whether the document changed again meanwhile. */
  refreshing: Promise<ScenarioList | undefined> | undefined;
  again: boolean;
}

/** The scenarios a run covers in one file: all of them, or some by id. */
type Wanted = 'all' | Set<string>;

/** The scenarios of the workspace's pathway files as tests. */
export class ScenarioTests implements vscode.Disposable {
  private readonly controller = vscode.tests.createTestController(
    'pathwayScenarios',
    'Pathway scenarios',
  );
  private readonly files = new Map<string, FileEntry>();
  private readonly ended = new vscode.EventEmitter<ScenarioRunRecord>();
  /** Fires when a run ends, with what it reported of each scenario. */
  readonly onDidEndRun = this.ended.event;
  private readonly disposables: vscode.Disposable[] = [this.controller, this.ended];
  private discovered: Promise<void> | undefined;

  constructor(private readonly host: ScenarioTestsHost) {
    this.controller.resolveHandler = async (item) => {
      if (!item) return this.discover();
      // Busy while first read; later refreshes (as the author types) change the list quietly.
      item.busy = true;
      try {
        await this.refresh(item.uri);
      } finally {
        item.busy = false;
      }
    };
    this.controller.refreshHandler = async () => {
      this.discovered = undefined;
      await this.discover();
      await Promise.all([...this.files.values()].map((entry) => this.refresh(entry.item.uri)));
    };
    this.controller.createRunProfile(
      'Run',
      vscode.TestRunProfileKind.Run,
      (request, token) => this.run(request, token),
      true,
    );

    const watcher = vscode.workspace.createFileSystemWatcher(PATTERN);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => {
        if (this.discovered) this.fileItem(uri);
      }),
      // Saved elsewhere (or by git): re-read, unless an editor holds the text.
      watcher.onDidChange((uri) => {
        if (this.files.get(uri.toString())?.listed && !this.isOpen(uri)) void this.refresh(uri);
      }),
      watcher.onDidDelete((uri) => this.forget(uri)),
      vscode.workspace.onDidOpenTextDocument((document) => this.opened(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0 && this.files.has(event.document.uri.toString()))
          void this.refresh(event.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        // A pathway outside the workspace is listed only while it is open; one inside goes
        // back to its text on disk (the editor's may not have been saved).
        if (!vscode.workspace.getWorkspaceFolder(document.uri)) this.forget(document.uri);
        else if (this.files.get(document.uri.toString())?.listed) void this.refresh(document.uri);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => {
        const entry = this.files.get(document.uri.toString());
        if (entry) void this.runRequest(new vscode.TestRunRequest([entry.item]));
      }),
      vscode.commands.registerCommand('pathway.runScenario', (uri?: unknown, id?: unknown) =>
        this.runScenario(uri, id),
      ),
    );
    for (const document of vscode.workspace.textDocuments) this.opened(document);
  }

  /** Finds the workspace's pathway files (once; the watcher keeps the list after). */
  private discover(): Promise<void> {
    this.discovered ??= Promise.resolve(vscode.workspace.findFiles(PATTERN, EXCLUDE)).then(
      (uris) => {
        for (const uri of uris) this.fileItem(uri);
      },
      // Looked for again next time (the Test Explorer's refresh, a run).
      () => {
        this.discovered = undefined;
      },
    );
    return this.discovered;
  }

  /** A pathway opened in an editor: listed (even outside the workspace), its scenarios read. */
  private opened(document: vscode.TextDocument): void {
    if (vscode.languages.match(this.host.selector, document) === 0) return;
    if (!isPathwayUri(document.uri)) return;
    this.fileItem(document.uri);
    void this.refresh(document.uri);
  }

  private isOpen(uri: vscode.Uri): boolean {
    const key = uri.toString();
    return vscode.workspace.textDocuments.some((document) => document.uri.toString() === key);
  }

  /** The file's item, made when it is first met. */
  private fileItem(uri: vscode.Uri): FileEntry {
    const key = uri.toString();
    let entry = this.files.get(key);
    if (!entry) {
      const item = this.controller.createTestItem(key, vscode.workspace.asRelativePath(uri), uri);
      item.canResolveChildren = true;
      entry = { item, scenarios: new Map(), listed: false, refreshing: undefined, again: false };
      this.files.set(key, entry);
      this.controller.items.add(item);
    }
    return entry;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    if (!this.files.delete(key)) return;
    this.controller.items.delete(key);
  }

  /**
   * Asks the server for the file's scenarios and lists them under its item. One request at a
   * time per file: an edit made meanwhile asks once more after it, so the list ends current.
   */
  private refresh(uri: vscode.Uri | undefined): Promise<ScenarioList | undefined> {
    if (!uri) return Promise.resolve(undefined);
    const entry = this.fileItem(uri);
    if (entry.refreshing) {
      entry.again = true;
      return entry.refreshing;
    }
    const work = async (): Promise<ScenarioList | undefined> => {
      let list: ScenarioList | undefined;
      do {
        entry.again = false;
        list = await this.read(entry);
      } while (entry.again);
      return list;
    };
    entry.refreshing = work().finally(() => {
      entry.refreshing = undefined;
    });
    return entry.refreshing;
  }

  /** One answer from the server for the file, shown on its item. */
  private async read(entry: FileEntry): Promise<ScenarioList | undefined> {
    const { item } = entry;
    const uri = item.uri;
    if (!uri) return undefined;
    let result;
    try {
      result = await askScenarios(await this.host.client(), uri, this.host.selector);
    } catch (error) {
      item.error = `The scenarios could not be read: ${error instanceof Error ? error.message : String(error)}`;
      return undefined;
    }
    // The file was deleted meanwhile.
    if (this.files.get(uri.toString()) !== entry) return undefined;
    if (isFailure(result)) {
      // The scenarios listed last stay: half-typed text should not empty the list.
      item.error = result.error;
      return undefined;
    }
    item.error = undefined;
    this.list(entry, result);
    return result;
  }

  /** Lists the file's scenarios under its item, in the order written. */
  private list(entry: FileEntry, result: ScenarioList): void {
    const uri = entry.item.uri as vscode.Uri;
    const lineEnd = lineEnds(uri);
    const children = result.scenarios.map((scenario, index) => {
      const child =
        entry.item.children.get(scenario.id) ??
        this.controller.createTestItem(scenario.id, scenario.id, uri);
      child.description = scenario.title;
      child.sortText = String(index).padStart(6, '0');
      child.range = new vscode.Range(scenario.line, 0, scenario.endLine, lineEnd(scenario.endLine));
      return child;
    });
    entry.item.children.replace(children);
    entry.scenarios = new Map(result.scenarios.map((scenario) => [scenario.id, scenario]));
    entry.listed = true;
  }

  /** Runs what the request names (the Test Explorer's Run, or a lens). */
  private async run(
    request: vscode.TestRunRequest,
    token: vscode.CancellationToken,
  ): Promise<void> {
    await this.discover();
    const run = this.controller.createTestRun(request);
    const outcomes: ScenarioOutcome[] = [];
    try {
      const wanted = this.wanted(request);
      for (const [entry, scenarios] of wanted) {
        for (const child of childrenOf(entry.item, scenarios)) run.enqueued(child);
      }
      const alone = onlyOne(wanted);
      for (const [entry, scenarios] of wanted) {
        if (token.isCancellationRequested) break;
        const uri = entry.item.uri as vscode.Uri;
        const result = await this.refresh(uri);
        if (!result) {
          const error = entry.item.error;
          const words =
            typeof error === 'string'
              ? error
              : (error?.value ?? 'The scenarios could not be read.');
          const message = new vscode.TestMessage(words);
          message.location = new vscode.Location(uri, new vscode.Position(0, 0));
          run.errored(entry.item, message);
          outcomes.push({ file: uri.toString(), id: undefined, state: 'errored', message: words });
          continue;
        }
        for (const child of childrenOf(entry.item, scenarios)) {
          const scenario = entry.scenarios.get(child.id);
          if (!scenario) continue;
          run.started(child);
          outcomes.push(reportScenario(run, child, uri, scenario));
          if (alone) this.host.showRoute(uri, scenario);
        }
      }
    } finally {
      run.end();
      this.ended.fire({ outcomes });
    }
  }

  private runRequest(request: vscode.TestRunRequest): Promise<void> {
    const cancel = new vscode.CancellationTokenSource();
    return this.run(request, cancel.token).finally(() => cancel.dispose());
  }

  /**
   * The files a request covers, each with its scenarios: an included file means all of its
   * scenarios, an included scenario itself; excluded ones are left out.
   */
  private wanted(request: vscode.TestRunRequest): Map<FileEntry, Wanted> {
    const wanted = new Map<FileEntry, Wanted>();
    const entryOf = (item: vscode.TestItem): FileEntry | undefined =>
      this.files.get((item.parent ?? item).id);
    for (const item of request.include ?? [...this.files.values()].map((e) => e.item)) {
      const entry = entryOf(item);
      if (!entry) continue;
      const soFar = wanted.get(entry);
      if (!item.parent || soFar === 'all') wanted.set(entry, 'all');
      else wanted.set(entry, new Set([...(soFar ?? []), item.id]));
    }
    for (const item of request.exclude ?? []) {
      const entry = entryOf(item);
      if (!entry) continue;
      if (!item.parent) {
        wanted.delete(entry);
        continue;
      }
      const soFar = wanted.get(entry);
      if (soFar === undefined) continue;
      const ids =
        soFar === 'all'
          ? new Set([...entry.scenarios.keys(), ...itemsOf(entry.item.children).map((c) => c.id)])
          : soFar;
      ids.delete(item.id);
      wanted.set(entry, ids);
    }
    return wanted;
  }

  /** The code lens's command: runs one scenario of a file, as the Test Explorer would. */
  private async runScenario(uri: unknown, id: unknown): Promise<void> {
    const target =
      uri instanceof vscode.Uri ? uri : typeof uri === 'string' ? vscode.Uri.parse(uri) : undefined;
    if (!target || typeof id !== 'string' || !isPathwayUri(target)) return;
    const entry = this.fileItem(target);
    await this.refresh(target);
    const item = entry.item.children.get(id);
    if (!item) {
      void vscode.window.showInformationMessage(
        `There is no scenario "${id}" in ${vscode.workspace.asRelativePath(target)} any more.`,
      );
      return;
    }
    await this.runRequest(new vscode.TestRunRequest([item]));
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function itemsOf(collection: vscode.TestItemCollection): vscode.TestItem[] {
  const items: vscode.TestItem[] = [];
  collection.forEach((item) => items.push(item));
  return items;
}

/** The scenario items of a file a run covers, in the order written. */
function childrenOf(file: vscode.TestItem, wanted: Wanted): vscode.TestItem[] {
  return itemsOf(file.children)
    .filter((child) => wanted === 'all' || wanted.has(child.id))
    .sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
}

/** Whether the run covers one scenario alone (its route is then shown in the preview). */
function onlyOne(wanted: ReadonlyMap<FileEntry, Wanted>): boolean {
  const [only, ...others] = [...wanted.entries()];
  if (!only || others.length > 0) return false;
  const [entry, scenarios] = only;
  return scenarios === 'all' ? entry.item.children.size === 1 : scenarios.size === 1;
}

/** The length of each line of the file as an editor holds it, for a range to end of line. */
function lineEnds(uri: vscode.Uri): (line: number) => number {
  const key = uri.toString();
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  return (line) => (document && line < document.lineCount ? document.lineAt(line).text.length : 0);
}
