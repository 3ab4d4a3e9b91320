// Helpers for the integration tests: open workspace files, read the pathway diagnostics,
// and wait on VS Code's own events (never on the clock) with a timeout.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';

/** How long one wait may take before the test fails with what it saw. */
export const WAIT_MS = 15_000;

export const EXTENSION_ID = 'clinical-pathways.clinical-pathways';

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests need a workspace folder (a copy of examples/)');
  return folder.uri;
}

export function fileIn(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), ...segments);
}

export async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return document;
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** The diagnostics our language server published for a file. */
export function pathwayDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'pathway');
}

const SEVERITY_NAMES = ['error', 'warning', 'info', 'hint'];

export function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  if (diagnostics.length === 0) return 'none';
  return diagnostics
    .map(
      (d) =>
        `${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY_NAMES[d.severity]} ${codeOf(d)}`,
    )
    .join(', ');
}

/**
 * Waits until a file's pathway diagnostics satisfy `accept`, checking them each time they
 * change. With `trigger`, the change must come after the trigger starts (the diagnostics
 * published for what the trigger did); without, they are checked at once too.
 */
export function diagnosticsWhen(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  trigger?: () => Thenable<unknown>,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      listener.dispose();
      outcome();
    };
    const check = (): void => {
      const diagnostics = pathwayDiagnostics(uri);
      if (accept(diagnostics)) settle(() => resolve(diagnostics));
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      const seen = describe(pathwayDiagnostics(uri));
      settle(() =>
        reject(
          new Error(`timed out after ${WAIT_MS} ms waiting for ${what}; diagnostics: ${seen}`),
        ),
      );
    }, WAIT_MS);
    if (trigger) {
      trigger().then(undefined, (error: unknown) =>
        settle(() => reject(error instanceof Error ? error : new Error(String(error)))),
      );
    } else {
      check();
    }
  });
}

/** Waits for the diagnostics published after `trigger`, whatever they are. */
export function nextDiagnostics(
  uri: vscode.Uri,
  what: string,
  trigger: () => Thenable<unknown>,
): Promise<vscode.Diagnostic[]> {
  return diagnosticsWhen(uri, () => true, what, trigger);
}

/** The position of the first match of `pattern` in the document (at its first group if any). */
export function positionOf(document: vscode.TextDocument, pattern: RegExp): vscode.Position {
  const text = document.getText();
  const match = pattern.exec(text);
  if (!match) throw new Error(`${pattern} not found in ${document.uri.path}`);
  const group = match[1];
  const offset = group === undefined ? match.index : match.index + match[0].indexOf(group);
  return document.positionAt(offset);
}

/**
 * Opens a file in an editor. The first time, also waits for the diagnostics the server
 * publishes for it (it publishes once on open, empty or not), so they are settled.
 */
export async function openChecked(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const isOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  if (!isOpen) await nextDiagnostics(uri, `the first diagnostics of ${uri.path}`, () => open(uri));
  return open(uri);
}

/** Replaces the whole text of a document and saves it (to undo a test's edits). */
export async function restore(document: vscode.TextDocument, text: string): Promise<void> {
  if (document.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    const all = new vscode.Range(
      document.positionAt(0),
      document.positionAt(document.getText().length),
    );
    edit.replace(document.uri, all, text);
    await vscode.workspace.applyEdit(edit);
  }
  if (document.isDirty) await document.save();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Resolves when `accept` holds for a value `event` fires after `trigger` starts. */
export function eventWhen<T>(
  event: vscode.Event<T>,
  accept: (value: T) => boolean,
  what: string,
  trigger: () => Thenable<unknown>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`));
    }, WAIT_MS);
    const listener = event((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(value);
    });
    trigger().then(undefined, (error: unknown) => {
      clearTimeout(timer);
      listener.dispose();
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

/**
 * Writes files into the workspace folder and resolves once the editor's file watcher has seen
 * each one. Missing folders are made one level at a time, each seen before anything goes in
 * it: a watcher starts watching a new folder only when told of it, and misses what was
 * already inside by then.
 */
export async function writeSeen(
  files: ReadonlyArray<readonly [vscode.Uri, string]>,
): Promise<void> {
  const root = workspaceFolder();
  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root, '**'));
  const seen = (uri: vscode.Uri, what: string, make: () => Promise<void>): Promise<unknown> =>
    eventWhen(watcher.onDidCreate, (created) => created.fsPath === uri.fsPath, what, make);
  try {
    for (const [file, text] of files) {
      const folders: vscode.Uri[] = [];
      for (let folder = vscode.Uri.joinPath(file, '..'); !fs.existsSync(folder.fsPath);) {
        folders.unshift(folder);
        folder = vscode.Uri.joinPath(folder, '..');
      }
      for (const folder of folders) {
        await seen(folder, `the editor seeing the new folder ${folder.fsPath}`, () =>
          fs.promises.mkdir(folder.fsPath),
        );
      }
      await seen(file, `the editor seeing the new file ${file.fsPath}`, () =>
        fs.promises.writeFile(file.fsPath, text),
      );
    }
  } finally {
    watcher.dispose();
  }
}

/** What the active extension exports (its API for tests), typed as the caller reads it. */
export function extensionApi<T>(): T {
  const extension = vscode.extensions.getExtension<T>(EXTENSION_ID);
  assert.ok(extension?.isActive, 'the extension is active');
  return extension.exports;
}

/** Resolves when the preview of `uri` has drawn a picture, after `trigger` starts. */
export function previewDrawn(uri: vscode.Uri, trigger: () => Thenable<unknown>): Promise<unknown> {
  const { preview } = extensionApi<{
    readonly preview: { readonly onDidRender: vscode.Event<{ readonly uri: string }> };
  }>();
  return eventWhen(
    preview.onDidRender,
    (event) => event.uri === uri.toString(),
    `a picture of ${uri.path} in its preview`,
    trigger,
  );
}
