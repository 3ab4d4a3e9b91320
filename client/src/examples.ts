// "Open an Example Pathway": the first file a new user sees, ready to change.
import * as vscode from 'vscode';

/** The example a new user opens first: short, realistic, and clean. */
const FIRST_EXAMPLE = 'brlp-manipulation.pathway.yaml';

/**
 * Opens a bundled example. When the open folder already has a file of that name (the
 * project's own examples, say), that file opens, so the user never has two tabs of one
 * example. Otherwise the bundled examples are copied somewhere writable (the extension's
 * own folder is not the place to edit) and the copy opens.
 */
export async function openExample(
  context: vscode.ExtensionContext,
  name: unknown = FIRST_EXAMPLE,
): Promise<vscode.TextEditor | undefined> {
  const source = vscode.Uri.joinPath(context.extensionUri, 'examples');
  const bundled = (await vscode.workspace.fs.readDirectory(source))
    .filter(([file, type]) => type === vscode.FileType.File && file.endsWith('.pathway.yaml'))
    .map(([file]) => file);
  // The name may come from a command link: only a bundled example's name is accepted.
  if (typeof name !== 'string' || !bundled.includes(name)) {
    void vscode.window.showErrorMessage(`There is no example named ${JSON.stringify(name)}.`);
    return undefined;
  }
  const [inWorkspace] = await vscode.workspace.findFiles(`**/${name}`, '**/node_modules/**', 1);
  if (inWorkspace) return vscode.window.showTextDocument(inWorkspace);

  const target = vscode.Uri.joinPath(context.globalStorageUri, 'examples');
  await vscode.workspace.fs.createDirectory(target);
  // Every file and folder beside them too: the references file and the BibTeX export they
  // cite from, and the red-flag screen they use.
  const entries = (await vscode.workspace.fs.readDirectory(source)).map(([file]) => file);
  for (const file of entries) {
    const destination = vscode.Uri.joinPath(target, file);
    // Keep the user's own edits to an example they opened before.
    const exists = await vscode.workspace.fs.stat(destination).then(
      () => true,
      () => false,
    );
    if (!exists) await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, file), destination);
  }
  return vscode.window.showTextDocument(vscode.Uri.joinPath(target, name));
}
