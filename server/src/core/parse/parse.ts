import { parseAllDocuments, type YAMLError } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import type { Span } from '../types';
import { buildSourceTree, type SourceTree } from './sourceTree';

export interface SyntaxProblem {
  readonly message: string;
  readonly span: Span;
}

export interface ParsedFile {
  /** The text analysed: the input without a leading byte order mark. */
  readonly text: string;
  readonly lines: LineIndex;
  /** Parser errors, at most one per line; when any, nothing else is judged. */
  readonly syntax: readonly SyntaxProblem[];
  /** The first YAML document, absent when the file is empty or does not parse. */
  readonly tree: SourceTree | undefined;
  /** The file holds no YAML content at all (empty, or only comments). */
  readonly empty: boolean;
  /** Where a second YAML document begins, when the file has more than one. */
  readonly extraDocument: Span | undefined;
}

const BOM = '\uFEFF';

/** Plain-language hints for the parser errors authors meet most. */
const SYNTAX_HINTS: Partial<Record<string, string>> = {
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BAD_INDENT: 'check the indentation of this line against the lines above it',
  MISSING_CHAR: 'a bracket or quote was opened and not closed',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; check for a missing colon or quote above',
  BLOCK_AS_IMPLICIT_KEY:
    'a value cannot start a new mapping on the same line; check the indentation',
  UNEXPECTED_TOKEN: 'check for a stray character or a missing colon',
  DUPLICATE_KEY: 'each key may appear once',
};

function describeYamlError(error: YAMLError): string {
  const first = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  const hint = SYNTAX_HINTS[error.code];
  const sentence = first.endsWith('.') ? first.slice(0, -1) : first;
  return hint ? `${sentence}: ${hint}.` : `${sentence}.`;
}

/** Where a document after the first begins: its `---` marker, else its first content line. */
function documentStart(text: string, from: number): Span {
  const lines = text.slice(from).split(/(?<=\n)/);
  let offset = from;
  for (const line of lines) {
    const trimmed = line.replace(/\r?\n$/, '');
    if (/^---(\s|$)/.test(trimmed)) return { start: offset, end: offset + 3 };
    if (trimmed.trim() !== '' && !trimmed.trimStart().startsWith('#') && trimmed !== '...') {
      const indent = trimmed.length - trimmed.trimStart().length;
      return { start: offset + indent, end: offset + trimmed.trimEnd().length };
    }
    offset += line.length;
  }
  return { start: from, end: from };
}

export function parsePathwayText(input: string): ParsedFile {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const lines = new LineIndex(text);
  // Duplicate keys are found in buildSourceTree: the parser's own check is quadratic.
  const documents = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
  const docs = Array.isArray(documents) ? documents : [];
  const first = docs[0];

  const base = { text, lines, syntax: [], tree: undefined, extraDocument: undefined };
  if (!first) return { ...base, empty: true };

  const syntax: SyntaxProblem[] = [];
  const linesWithError = new Set<number>();
  const addSyntax = (problem: SyntaxProblem): void => {
    const line = lines.positionAt(problem.span.start).line;
    if (linesWithError.has(line)) return;
    linesWithError.add(line);
    syntax.push(problem);
  };
  for (const error of first.errors) {
    const [start, end] = error.pos;
    addSyntax({ message: describeYamlError(error), span: { start, end: Math.max(start, end) } });
  }
  if (syntax.length > 0) return { ...base, syntax, empty: false };

  const extraDocument = docs[1] ? documentStart(text, docs[1].range[0]) : undefined;
  if (first.contents === null) {
    return { ...base, empty: true, extraDocument };
  }

  const tree = buildSourceTree(first, text);
  for (const problem of tree.problems) addSyntax(problem);
  if (syntax.length > 0) return { ...base, syntax, empty: false };

  return { text, lines, syntax, tree, empty: false, extraDocument };
}
