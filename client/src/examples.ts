import * as vscode from 'vscode';

/** The example a new user opens first: short, realistic, and clean. */
const FIRST_EXAMPLE = 'brlp-manipulation.pathway.yaml';

/**
 * Copies the bundled examples somewhere writable (the extension's own folder is not the
 * place to edit) and opens one, so a new user can change it and watch the checks respond.
 */
export async function openExample(
  context: vscode.ExtensionContext,
  name = FIRST_EXAMPLE,
): Promise<vscode.TextEditor> {
  const source = vscode.Uri.joinPath(context.extensionUri, 'examples');
  const target = vscode.Uri.joinPath(context.globalStorageUri, 'examples');
  await vscode.workspace.fs.createDirectory(target);
  for (const [file, type] of await vscode.workspace.fs.readDirectory(source)) {
    if (type !== vscode.FileType.File || !file.endsWith('.pathway.yaml')) continue;
    const destination = vscode.Uri.joinPath(target, file);
    // Keep the user's own edits to an example they opened before.
    const exists = await vscode.workspace.fs.stat(destination).then(
      () => true,
      () => false,
    );
    if (!exists) await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, file), destination);
  }
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(target, name));
  return vscode.window.showTextDocument(document);
}
