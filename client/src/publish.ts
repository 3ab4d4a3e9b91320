// "Publish Pathways…": runs `pathway publish` (the bundled command, in a child process) over the
// workspace's folders into a folder the author picks, then opens the site's index in the
// browser. The site is what `pathway publish` writes from a terminal, byte for byte.
import { fork } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Where the last site of this workspace went, offered first next time. */
const LAST_FOLDER = 'pathway.publish.lastFolder';
/** The comparison asked for last time (a git revision), offered first next time. */
const LAST_SINCE = 'pathway.publish.lastSince';

/** What a publish was asked for: from the command's arguments (tests, keybindings) or asked. */
export interface PublishRequest {
  /** The folder the site is written to. */
  readonly output: string;
  /** A git revision to mark the changes since. */
  readonly since?: string;
  /** Open the index in the browser afterwards (default true). */
  readonly open?: boolean;
}

export interface PublishOutcome {
  /** The `pathway publish` exit status: 0 published, 1 published with errors, 2 not published. */
  readonly status: number;
  /** The site's index page, when one was written. */
  readonly index?: vscode.Uri;
  /** What the command said on stderr. */
  readonly message: string;
  /** What the notification said of the progress as it went ("3 of 8 files", …). */
  readonly progress: readonly string[];
}

function isRequest(value: unknown): value is PublishRequest {
  if (typeof value !== 'object' || value === null) return false;
  const { output, since, open } = value as Record<string, unknown>;
  return (
    typeof output === 'string' &&
    (since === undefined || typeof since === 'string') &&
    (open === undefined || typeof open === 'boolean')
  );
}

/** Asks where the site goes and what to compare with; undefined when the author cancels. */
async function askRequest(
  state: vscode.Memento,
  workspace: readonly vscode.WorkspaceFolder[],
): Promise<PublishRequest | undefined> {
  const last = state.get<string>(LAST_FOLDER);
  const first = workspace[0];
  const defaultUri = last
    ? vscode.Uri.file(last)
    : first
      ? vscode.Uri.joinPath(first.uri, 'site')
      : undefined;
  const picked = await vscode.window.showOpenDialog({
    title: 'Publish Pathways: choose the folder for the site',
    openLabel: 'Publish Here',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    ...(defaultUri ? { defaultUri } : {}),
  });
  const folder = picked?.[0];
  if (!folder) return undefined;
  const lastSince = state.get<string>(LAST_SINCE);
  const items: (vscode.QuickPickItem & { since?: string; ask?: true })[] = [
    { label: 'Publish', description: 'the pathways as they are saved' },
    {
      label: 'Publish with changes since a revision…',
      description: 'mark what changed since a git tag, branch or commit',
      ask: true,
    },
  ];
  if (lastSince) {
    items.splice(1, 0, {
      label: `Publish with changes since ${lastSince}`,
      description: 'as last time',
      since: lastSince,
    });
  }
  const choice = await vscode.window.showQuickPick(items, {
    title: 'Publish Pathways',
    placeHolder: `The site goes to ${folder.fsPath}`,
  });
  if (!choice) return undefined;
  let since = choice.since;
  if (choice.ask) {
    since = await vscode.window.showInputBox({
      title: 'Publish Pathways: changes since',
      prompt: 'A git revision: a tag such as v1.0, a branch, or a commit',
      value: lastSince ?? '',
      validateInput: (value) =>
        value.trim() === ''
          ? 'Name a revision, such as v1.0 or main.'
          : value.trim().startsWith('-')
            ? 'A revision does not start with "-".'
            : undefined,
    });
    if (since === undefined) return undefined;
    since = since.trim();
  }
  await state.update(LAST_FOLDER, folder.fsPath);
  if (since !== undefined) await state.update(LAST_SINCE, since);
  return { output: folder.fsPath, ...(since !== undefined ? { since } : {}) };
}

/** What the command tells of its progress over the channel to this process. */
function isProgress(message: unknown): message is { done: number; total: number } {
  if (typeof message !== 'object' || message === null) return false;
  const { type, done, total } = message as Record<string, unknown>;
  return type === 'progress' && typeof done === 'number' && typeof total === 'number';
}

/**
 * Runs the bundled `pathway publish` in a child process; a cancel stops it. `onProgress`
 * hears how many of the files are published, as the command tells it.
 */
function runPublish(
  cli: string,
  args: readonly string[],
  cwd: string | undefined,
  token: vscode.CancellationToken,
  onProgress: (done: number, total: number) => void,
): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = fork(cli, [...args], { cwd, silent: true, execArgv: [] });
    child.on('message', (message) => {
      if (isProgress(message)) onProgress(message.done, message.total);
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // The site goes to a folder; stdout says nothing needed here, but it must be drained.
    child.stdout?.resume();
    const cancel = token.onCancellationRequested(() => child.kill());
    child.on('error', (error) => {
      cancel.dispose();
      resolve({ status: 2, stderr: `${stderr}${error.message}` });
    });
    child.on('exit', (code, signal) => {
      cancel.dispose();
      resolve({ status: code ?? 2, stderr: signal ? `${stderr}Publishing was stopped.` : stderr });
    });
  });
}

/** The command's last line on stderr, without the `pathway:` it starts with. */
function lastWords(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.replace(/^pathway: /, '').trim())
    .filter((line) => line !== '');
  return lines.at(-1) ?? '';
}

/**
 * Publishes the workspace's pathways: saves nothing behind the author's back (unsaved changes
 * are offered to be saved first, since the site is written from the files on disk), shows
 * progress, and opens the index unless asked not to.
 */
export async function publishPathways(
  context: vscode.ExtensionContext,
  argument: unknown,
): Promise<PublishOutcome | undefined> {
  const workspace = vscode.workspace.workspaceFolders ?? [];
  if (workspace.length === 0) {
    void vscode.window.showInformationMessage(
      'Open a folder with pathway files to publish them as a site.',
    );
    return undefined;
  }
  const request = isRequest(argument)
    ? argument
    : await askRequest(context.workspaceState, workspace);
  if (!request) return undefined;

  const unsaved = vscode.workspace.textDocuments.filter(
    (document) => document.isDirty && /\.pathway\.ya?ml$/.test(document.fileName),
  );
  if (unsaved.length > 0 && !isRequest(argument)) {
    const save = 'Save All and Publish';
    const answer = await vscode.window.showWarningMessage(
      unsaved.length === 1
        ? `${path.basename(unsaved[0]?.fileName ?? '')} has unsaved changes. The site is written from the saved files.`
        : `${unsaved.length} pathway files have unsaved changes. The site is written from the saved files.`,
      save,
      'Publish Saved Versions',
    );
    if (answer === undefined) return undefined;
    if (answer === save) await vscode.workspace.saveAll(false);
  }

  const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
  const args = [
    'publish',
    ...workspace.map((folder) => folder.uri.fsPath),
    '-o',
    request.output,
    ...(request.since !== undefined ? ['--since', request.since] : []),
  ];
  const said: string[] = [];
  const { status, stderr } = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'Publishing pathways…',
      cancellable: true,
    },
    (progress, token) => {
      let share = 0;
      return runPublish(cli, args, workspace[0]?.uri.fsPath, token, (done, total) => {
        const now = total > 0 ? (done / total) * 100 : 100;
        const message = `${done} of ${total} files`;
        said.push(message);
        progress.report({ message, increment: now - share });
        share = now;
      });
    },
  );
  const message = lastWords(stderr);
  if (status === 2) {
    void vscode.window.showErrorMessage(`The pathways were not published: ${message}`);
    return { status, message, progress: said };
  }
  const index = vscode.Uri.file(path.join(request.output, 'index.html'));
  if (status === 1) {
    void vscode.window.showWarningMessage(
      'The site is published. Some pathways have errors or failing scenarios: the index lists them.',
    );
  }
  if (request.open !== false) await vscode.env.openExternal(index);
  return { status, index, message, progress: said };
}
