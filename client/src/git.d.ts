// The few declarations of VS Code's built-in Git extension (id "vscode.git", API version 1)
// that comparing with a git revision needs. The whole API is declared in the VS Code
// repository, extensions/git/src/api/git.d.ts; only what is used here is repeated.
import type { Event, Uri } from 'vscode';

/** What the Git extension exports. */
export interface GitExtension {
  /** False when git is turned off (the git.enabled setting): getAPI then throws. */
  readonly enabled: boolean;
  readonly onDidChangeEnablement: Event<boolean>;
  getAPI(version: 1): GitApi;
}

export interface GitApi {
  /** The open repository that holds `uri`, if any. */
  getRepository(uri: Uri): GitRepository | null;
  /**
   * Opens the repository at or above `root`, as the user's git settings allow (a repository
   * in a folder above the workspace, or one that is ignored, is not opened).
   */
  openRepository(root: Uri): Promise<GitRepository | null>;
}

export interface GitRepository {
  readonly rootUri: Uri;
  /** The text of the file at `path` (absolute, or relative to the root) at `ref`. */
  show(ref: string, path: string): Promise<string>;
}
