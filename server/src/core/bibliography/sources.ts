// Where a pathway's cites resolve: its own `references` first, then each file of its
// `bibliography` in the order listed. The one resolver every part of the checker asks (the
// rules, hover, the audit report, the preview, the FHIR export).
import { bibliographyFormat, type BibliographyEntry } from './read';
import type { Bibliography, UnreadableBibliography } from './read';
import { normalizedPath, resolvePath, type PathProblem } from '../files/paths';
import type { FileContext, FileProblem } from '../files/provider';
import type { PathwayModel, Reference } from '../model/pathway';
import type { SourceNode } from '../parse/sourceTree';
import type { Span } from '../types';

/** What became of one item of `bibliography`. */
export type ItemState =
  /** Not looked at: no files were given to the analysis, or the item is not text. */
  | { readonly kind: 'unchecked' }
  /** It names the same file as an earlier item, and adds nothing. */
  | { readonly kind: 'repeat'; readonly of: BibliographyItem }
  /** It names no readable file in the root. */
  | {
      readonly kind: 'unknown-file';
      readonly problem:
        | { readonly of: 'path'; readonly problem: PathProblem }
        | { readonly of: 'file'; readonly problem: FileProblem };
    }
  /** The file cannot be read in the format of its name, or its name says no format. */
  | { readonly kind: 'invalid'; readonly unreadable: UnreadableBibliography }
  | { readonly kind: 'read'; readonly bibliography: Bibliography };

export interface BibliographyItem {
  /** Its place in the list, from 0. */
  readonly index: number;
  /** The path as written; undefined when the item is not text. */
  readonly written: string | undefined;
  readonly node: SourceNode;
  /** Its path from the root, when it resolves to one. */
  readonly path: string | undefined;
  readonly state: ItemState;
}

/** A cite's reference, wherever it is defined. */
export interface ResolvedReference {
  readonly id: string;
  /** Its fields: as the pathway writes them, or as its bibliography gives them. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly origin:
    | { readonly kind: 'own'; readonly reference: Reference }
    | {
        readonly kind: 'bibliography';
        readonly item: BibliographyItem;
        readonly entry: BibliographyEntry;
      };
}

/** An id two sources define: the later definition is hidden by the earlier one. */
export interface Shadow {
  readonly id: string;
  /** Where it is reported: the own reference's id key, else the later item. */
  readonly span: Span;
  /** The source whose definition is used: the pathway's own references, or an earlier item. */
  readonly by: 'own' | BibliographyItem;
  /** The bibliography whose definition is hidden (the first such, when several). */
  readonly hidden: BibliographyItem;
}

export interface CitationSources {
  readonly items: readonly BibliographyItem[];
  /** Whether the pathway writes `bibliography` at all. */
  readonly listed: boolean;
  /** The reference an id names, from the first source that defines it. */
  resolve(id: string): ResolvedReference | undefined;
  /**
   * Whether a source that could not be read (a missing or unreadable file, one not looked at,
   * an entry that gives no reference) may define the id: its cite is then not unknown.
   */
  mayHold(id: string): boolean;
  /** Every id that resolves, the pathway's own first: what a misspelt cite may have meant. */
  ids(): readonly string[];
  /** Every id two sources define, once per id and per later item. */
  shadows(): readonly Shadow[];
}

function itemsOf(model: PathwayModel | undefined): SourceNode | undefined {
  return model?.root.entries?.get('bibliography');
}

function readItem(
  node: SourceNode,
  index: number,
  context: FileContext | undefined,
  seen: Map<string, BibliographyItem>,
): BibliographyItem {
  const written = typeof node.value === 'string' ? node.value : undefined;
  const base = { index, written, node };
  if (written === undefined) return { ...base, path: undefined, state: { kind: 'unchecked' } };
  const resolved = context ? resolvePath(context.path, written) : undefined;
  const path = resolved && 'path' in resolved ? resolved.path : undefined;
  const key =
    path !== undefined
      ? `path:${path}`
      : /^[\\/]|^[A-Za-z]:/.test(written)
        ? `text:${written}`
        : `relative:${normalizedPath(written)}`;
  const earlier = seen.get(key);
  if (earlier) return { ...base, path, state: { kind: 'repeat', of: earlier } };
  const item = ((): BibliographyItem => {
    if (!context || !resolved) return { ...base, path, state: { kind: 'unchecked' } };
    if ('problem' in resolved) {
      const problem = { of: 'path', problem: resolved.problem } as const;
      return { ...base, path, state: { kind: 'unknown-file', problem } };
    }
    const format = bibliographyFormat(resolved.path);
    if (format === undefined) {
      const unreadable = { format, why: 'its name says no bibliography format' };
      return { ...base, path, state: { kind: 'invalid', unreadable } };
    }
    const read = context.files.bibliography(resolved.path);
    if ('problem' in read) {
      const problem = { of: 'file', problem: read.problem } as const;
      return { ...base, path, state: { kind: 'unknown-file', problem } };
    }
    if ('unreadable' in read) {
      return { ...base, path, state: { kind: 'invalid', unreadable: read.unreadable } };
    }
    return { ...base, path, state: { kind: 'read', bibliography: read.bibliography } };
  })();
  seen.set(key, item);
  return item;
}

/**
 * The sources of a pathway's cites. `context` gives the other files of the run; without it
 * nothing of the bibliography is read, so that no cite a bibliography may hold is reported
 * unknown.
 */
export function citationSources(
  model: PathwayModel | undefined,
  context: FileContext | undefined,
): CitationSources {
  const list = itemsOf(model);
  const seen = new Map<string, BibliographyItem>();
  const items = (list?.items ?? []).map((node, index) => readItem(node, index, context, seen));
  const own = model?.references ?? new Map<string, Reference>();
  const read = items.flatMap((item) =>
    item.state.kind === 'read' ? [{ item, bibliography: item.state.bibliography }] : [],
  );
  // A value that is not a list (the schema reports it) may still have meant a file.
  const unread =
    (list !== undefined && list.items === undefined && list.value !== null) ||
    items.some((item) => item.state.kind !== 'read' && item.state.kind !== 'repeat');
  let brokenIds: Set<string> | undefined;
  let shadows: Shadow[] | undefined;

  const resolve = (id: string): ResolvedReference | undefined => {
    const reference = own.get(id);
    if (reference) return { id, fields: reference.fields, origin: { kind: 'own', reference } };
    for (const { item, bibliography } of read) {
      const entry = bibliography.entries.get(id);
      if (entry) return { id, fields: entry.fields, origin: { kind: 'bibliography', item, entry } };
    }
    return undefined;
  };

  return {
    items,
    listed: list !== undefined,
    resolve,
    mayHold(id) {
      if (unread) return true;
      brokenIds ??= new Set(
        read.flatMap(({ bibliography }) =>
          bibliography.broken.flatMap((entry) => (entry.id !== undefined ? [entry.id] : [])),
        ),
      );
      return brokenIds.has(id);
    },
    ids() {
      const all = new Set(own.keys());
      for (const { bibliography } of read)
        for (const id of bibliography.entries.keys()) all.add(id);
      return [...all];
    },
    shadows() {
      shadows ??= findShadows(own, read);
      return shadows;
    },
  };
}

function findShadows(
  own: ReadonlyMap<string, Reference>,
  read: readonly { item: BibliographyItem; bibliography: Bibliography }[],
): Shadow[] {
  const found: Shadow[] = [];
  // An own reference hides the same id in every bibliography: said once, naming the first.
  // Looked up from the pathway's side, as a bibliography may hold thousands of works.
  for (const [id, reference] of own) {
    const hidden = read.find(({ bibliography }) => bibliography.entries.has(id));
    if (hidden) found.push({ id, span: reference.keySpan, by: 'own', hidden: hidden.item });
  }
  // An id an earlier bibliography defines hides the later one's: said on the later item.
  read.forEach(({ item, bibliography }, at) => {
    if (at === 0) return;
    for (const id of bibliography.entries.keys()) {
      if (own.has(id)) continue;
      const earlier = read.find((before, i) => i < at && before.bibliography.entries.has(id));
      if (earlier) found.push({ id, span: item.node.span, by: earlier.item, hidden: item });
    }
  });
  return found;
}
