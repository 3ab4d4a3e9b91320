// Completion in the editor: the core's suggestions for keys, values, step, reference and input
// ids, and the words of conditions.
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
} from 'vscode-languageserver';
import {
  completionsAt,
  type CompletionContext,
  pathCompletions,
  pathSlotAt,
  type Completion,
  type CompletionKind,
} from '../../core/language';

const ITEM_KIND: Record<CompletionKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  value: CompletionItemKind.EnumMember,
  'step-id': CompletionItemKind.Reference,
  'reference-id': CompletionItemKind.Value,
  input: CompletionItemKind.Variable,
  operator: CompletionItemKind.Operator,
  keyword: CompletionItemKind.Keyword,
  snippet: CompletionItemKind.Snippet,
  file: CompletionItemKind.File,
};

function toItem(found: Completion, line: number, character: number): CompletionItem {
  const item: CompletionItem = { label: found.label, kind: ITEM_KIND[found.kind] };
  if ('detail' in found) item.detail = found.detail;
  if (found.snippet !== undefined) item.insertTextFormat = InsertTextFormat.Snippet;
  const inserted = found.snippet ?? found.label;
  if (found.replaceFrom !== undefined) {
    // The part of a name already typed is replaced whole, whatever the editor takes for a word
    // (a "-" ends one in most): `weeks-of` becomes `weeks-of-symptoms`, not `weeks-weeks-…`.
    const start = { line, character: Math.min(found.replaceFrom, character) };
    item.textEdit = { range: { start, end: { line, character } }, newText: inserted };
  } else if (found.snippet !== undefined) {
    item.insertText = found.snippet;
  }
  if (found.sortText !== undefined) item.sortText = found.sortText;
  if (found.suggestAgain) {
    item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  }
  if (found.documentation !== undefined) {
    // A snippet's words are plain text; a key's and a value's are the schema's Markdown.
    item.documentation =
      found.kind === 'snippet'
        ? found.documentation
        : { kind: MarkupKind.Markdown, value: found.documentation };
  }
  return item;
}

/**
 * Completion at a zero-based line and character of a (possibly half-typed) document. Where a
 * path to another file is typed, `filesBeside` lists the files it may name, relative to the
 * document's folder.
 */
export function complete(
  text: string,
  line: number,
  character: number,
  filesBeside: () => { readonly paths: readonly string[]; readonly self?: string } = () => ({
    paths: [],
  }),
  context: CompletionContext = {},
): CompletionItem[] {
  const slot = pathSlotAt(text, line, character);
  const found = slot
    ? ((): Completion[] => {
        const { paths, self } = filesBeside();
        return pathCompletions(slot, paths, self);
      })()
    : completionsAt(text, line, character, context);
  return found.map((item) => toItem(item, line, character));
}

export interface CompletionFacts {
  /** What a step id is called, for the item detail (kind and title). */
  describeStep(id: string): string | undefined;
  describeReference(id: string): string | undefined;
}

/** An id item completed with what it names (the step's kind and title, the work's title). */
export function resolveCompletion(item: CompletionItem, facts: CompletionFacts): CompletionItem {
  if (item.detail !== undefined) return item;
  const detail =
    item.kind === ITEM_KIND['step-id']
      ? facts.describeStep(item.label)
      : item.kind === ITEM_KIND['reference-id']
        ? facts.describeReference(item.label)
        : undefined;
  return detail ? { ...item, detail } : item;
}
