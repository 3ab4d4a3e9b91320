// Find references and rename for a reference of a references file (`*.references.yaml`),
// across the workspace: its key in that file and every cite that resolves to it in a pathway
// that names the file in its `bibliography`, whether the pathway is open or only on disk.
import * as path from 'node:path';
import {
  ErrorCodes,
  ResponseError,
  type Location,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Analysis } from '../../core';
import {
  bibliographyEntryOf,
  citesOfEntry,
  isValidId,
  namesSymbol,
  occurrencesOf,
  referenceAt,
} from '../../core/language';
import { isReferencesFileName } from '../../../../shared/pathwayFiles';
import { toRange } from '../convert';
import { relativeFrom } from '../workspaceWalk';

/** One file's analysis, and where it is. */
export interface Analysed {
  readonly uri: string;
  /** Its full path on disk. */
  readonly file: string;
  readonly analysis: Analysis;
}

/** What the cross-file features need of the workspace. */
export interface SharedWorkspace {
  rootOf(file: string): string;
  /** The pathways under a root: open ones as the editor holds them, the others from disk. */
  pathwaysUnder(root: string): Promise<readonly Analysed[]>;
  /** A references file: as the editor holds it when open, else read from disk. */
  referencesFile(file: string): Promise<Analysed | undefined>;
}

/**
 * Why a cite resolved by a BibTeX or CSL-JSON file is not renamed here (its key belongs to
 * the reference manager that exports the file); undefined for any other place.
 */
export function exportedEntryRefusal(document: Analysed, offset: number): string | undefined {
  const here = referenceAt(document.analysis, offset);
  if (!here || isReferencesFileName(document.file)) return undefined;
  const entry = bibliographyEntryOf(document.analysis, here.id);
  if (!entry || entry.format === 'references') return undefined;
  return `"${here.id}" is the key of an entry of ${entry.path}, which a reference manager exports: change the key there and export the file again, then change the cites.`;
}

/** A reference of a references file, named at the cursor. */
export interface SharedTarget {
  /** The references file's full path. */
  readonly file: string;
  readonly id: string;
  /** Where the id is written at the cursor, in the document asked about. */
  readonly span: { readonly start: number; readonly end: number };
}

/**
 * The reference of a references file at an offset: its key in that file, or a cite that a
 * references file in the pathway's bibliography resolves. Undefined for anything else.
 */
export function sharedTarget(
  document: Analysed,
  offset: number,
  workspace: Pick<SharedWorkspace, 'rootOf'>,
): SharedTarget | undefined {
  const here = referenceAt(document.analysis, offset);
  if (!here) return undefined;
  if (isReferencesFileName(document.file)) {
    return document.analysis.model?.references.has(here.id)
      ? { file: document.file, id: here.id, span: here.nameSpan }
      : undefined;
  }
  const entry = bibliographyEntryOf(document.analysis, here.id);
  if (entry?.format !== 'references') return undefined;
  const root = workspace.rootOf(document.file);
  return { file: path.join(root, ...entry.path.split('/')), id: here.id, span: here.nameSpan };
}

interface Place {
  readonly uri: string;
  readonly range: Range;
  readonly role: 'definition' | 'use';
}

/** The key of the reference in its file, and every cite of it in the workspace's pathways. */
async function placesOf(
  target: SharedTarget,
  workspace: SharedWorkspace,
): Promise<{ places: Place[]; pathways: Analysed[]; file: Analysed | undefined }> {
  const places: Place[] = [];
  const file = await workspace.referencesFile(target.file);
  if (file) {
    for (const o of occurrencesOf(file.analysis)) {
      if (o.kind !== 'reference' || o.id !== target.id || !namesSymbol(o)) continue;
      places.push({ uri: file.uri, range: toRange(file.analysis, o.nameSpan), role: o.role });
    }
  }
  const pathways: Analysed[] = [];
  for (const pathway of await workspace.pathwaysUnder(workspace.rootOf(target.file))) {
    const relative = relativeFrom(workspace.rootOf(pathway.file), target.file);
    if (relative.startsWith('../') || path.isAbsolute(relative)) continue;
    const cites = citesOfEntry(pathway.analysis, relative, target.id);
    if (cites.length === 0) continue;
    pathways.push(pathway);
    for (const cite of cites) {
      places.push({
        uri: pathway.uri,
        range: toRange(pathway.analysis, cite.nameSpan),
        role: 'use',
      });
    }
  }
  return { places, pathways, file };
}

/** Find references: the reference's cites in every pathway (and its key, if asked). */
export async function sharedReferences(
  target: SharedTarget,
  workspace: SharedWorkspace,
  includeDeclaration: boolean,
): Promise<Location[]> {
  const { places } = await placesOf(target, workspace);
  return places
    .filter((place) => includeDeclaration || place.role === 'use')
    .map(({ uri, range }) => ({ uri, range }));
}

/** Renames the reference in its file and every cite of it, in one edit of the workspace. */
export async function renameShared(
  target: SharedTarget,
  workspace: SharedWorkspace,
  newName: string,
): Promise<WorkspaceEdit> {
  const name = newName.trim();
  if (!isValidId('reference', name)) {
    throw refusal(
      `"${name}" is not a valid reference id: a reference id starts with a letter or digit and uses only letters, digits, "_", ".", ":" and "-".`,
    );
  }
  const { places, pathways, file } = await placesOf(target, workspace);
  if (!file) {
    throw refusal(`The references file "${path.basename(target.file)}" cannot be read.`);
  }
  if (name !== target.id) {
    if (file.analysis.model?.references.has(name)) {
      throw refusal(
        `A reference called "${name}" already exists in ${path.basename(target.file)}; choose another id.`,
      );
    }
    // A cite renamed to an id its pathway already resolves would change which work it cites.
    const taken = pathways.find((p) => p.analysis.sources.resolve(name) !== undefined);
    if (taken) {
      throw refusal(
        `"${name}" already names a reference that ${path.basename(taken.file)} cites from elsewhere; choose another id.`,
      );
    }
  }
  const changes: Record<string, TextEdit[]> = {};
  for (const { uri, range } of places) (changes[uri] ??= []).push({ range, newText: name });
  return { changes };
}

/** The range and name a rename starts from. */
export function prepareShared(
  target: SharedTarget,
  document: Analysed,
): { range: Range; placeholder: string } {
  return { range: toRange(document.analysis, target.span), placeholder: target.id };
}

function refusal(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidRequest, message);
}
