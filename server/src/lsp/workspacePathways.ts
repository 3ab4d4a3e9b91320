// The workspace as the cross-file features see it: its pathways (open ones as the editor
// holds them, the others analysed from disk), a references file by its path, and the files a
// path written in a document may name.
import * as path from 'node:path';
import type { CheckOptions } from '../core';
import { analyzeWhole, type AnalysisContext } from '../core/analysis';
import { isPathwayFileName } from '../../../shared/pathwayFiles';
import type { Analysed, SharedWorkspace } from './features/sharedReferences';
import { filePathOf, uriOfPath, type WorkspaceFiles } from './workspaceFiles';
import { listFiles, relativeFrom } from './workspaceWalk';

/** What the server gives: its open documents, their analyses, settings and contexts. */
export interface ServerSide {
  readonly files: WorkspaceFiles;
  openUris(): readonly string[];
  openAnalysed(uri: string): Promise<Analysed | undefined>;
  optionsOf(uri: string): Promise<CheckOptions>;
  contextOf(uri: string, options: CheckOptions): AnalysisContext;
}

export function sharedWorkspace(server: ServerSide): SharedWorkspace {
  const { files } = server;

  /**
   * A file of the workspace: as the editor holds it when open, else analysed from disk, once
   * until it or a file it reads changes (references and rename ask for every pathway).
   */
  async function analysedFile(file: string): Promise<Analysed | undefined> {
    const open = files.openUri(file);
    if (open !== undefined) return server.openAnalysed(open);
    const uri = uriOfPath(file);
    const options = await server.optionsOf(uri);
    const root = files.rootOf(file);
    const made = files
      .filesOf(root, options)
      .shared.derived(
        relativeFrom(root, file),
        `workspace analysis\n${JSON.stringify(options)}`,
        (text) => analyzeWhole(text, options, server.contextOf(uri, options)),
      );
    if ('problem' in made) return undefined;
    return { uri, file, analysis: made.value };
  }

  return {
    rootOf: (file) => files.rootOf(file),
    async pathwaysUnder(root) {
      const found = new Set(listFiles(root, isPathwayFileName));
      for (const uri of server.openUris()) {
        const file = filePathOf(uri);
        if (file !== undefined && isPathwayFileName(file)) found.add(file);
      }
      const analysed: Analysed[] = [];
      for (const file of [...found].sort()) {
        const one = await analysedFile(file);
        if (one) analysed.push(one);
      }
      return analysed;
    },
    referencesFile: analysedFile,
  };
}

/**
 * The files a path written in a document may name, relative to its folder: those of its root
 * (a document not on disk has none), and the document's own name.
 */
export function filesBeside(
  files: WorkspaceFiles,
  uri: string,
): { paths: string[]; self?: string } {
  const file = filePathOf(uri);
  if (file === undefined) return { paths: [] };
  const folder = path.dirname(file);
  const paths = listFiles(files.rootOf(file), () => true).map((found) =>
    relativeFrom(folder, found),
  );
  return { paths, self: path.basename(file) };
}
