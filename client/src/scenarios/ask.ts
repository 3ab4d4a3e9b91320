// Asks the language server for a pathway file's scenarios: an open document by its URI (the
// server holds its text), any other file with its text read from disk.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { isFailure, ScenariosRequest, type ScenariosResult } from '../../../shared/serverRequests';

const MEGABYTE = 1024 * 1024;
/** The setting's default (pathway.maxFileSize, in megabytes). */
const DEFAULT_MAX_MB = 10;

/** The open document of `uri` that the language server holds, if any. */
function heldDocument(
  uri: vscode.Uri,
  selector: vscode.DocumentSelector,
): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find(
    (document) => document.uri.toString() === key && vscode.languages.match(selector, document) > 0,
  );
}

/** The largest file checked, as the user set it for this file (pathway.maxFileSize). */
function maxBytes(uri: vscode.Uri): number {
  const setting = vscode.workspace.getConfiguration('pathway', uri).get<unknown>('maxFileSize');
  const megabytes =
    typeof setting === 'number' && Number.isFinite(setting) && setting > 0
      ? setting
      : DEFAULT_MAX_MB;
  return megabytes * MEGABYTE;
}

/**
 * The scenarios of the file, run: from the open document's current text when the server holds
 * it, else from the file on disk. A file over the size limit is not read (the server would
 * not check it either), and one that cannot be read says why.
 */
export async function askScenarios(
  client: LanguageClient,
  uri: vscode.Uri,
  selector: vscode.DocumentSelector,
): Promise<ScenariosResult> {
  const key = uri.toString();
  if (heldDocument(uri, selector)) {
    const held = await client.sendRequest(ScenariosRequest, { uri: key });
    // Not held after all (the editor is closing it, or has not told the server yet): the disk.
    if (!isFailure(held) || held.version !== -1) return held;
  }
  const failure = (error: string): ScenariosResult => ({ uri: key, version: -1, error });
  let bytes: Uint8Array;
  try {
    const limit = maxBytes(uri);
    const { size } = await vscode.workspace.fs.stat(uri);
    if (size > limit)
      return failure(
        `Its scenarios are not run: the file is ${(size / MEGABYTE).toFixed(1)} MB, more than the ${limit / MEGABYTE} MB the checker reads (the pathway.maxFileSize setting).`,
      );
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    return failure(
      `Its scenarios cannot be run: the file cannot be read (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  // Bytes that are not UTF-8 are read as U+FFFD, as the command line reads them.
  const text = new TextDecoder('utf-8').decode(bytes);
  // An editor may have opened it meanwhile: the server then answers from the editor's text.
  return client.sendRequest(ScenariosRequest, { uri: key, text });
}
