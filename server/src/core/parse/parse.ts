import { isScalar, parseAllDocuments, type YAMLError } from 'yaml';
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

/** Plain words for the parser errors authors meet most; other errors keep the parser's words. */
const SYNTAX_MESSAGES: Partial<Record<string, string>> = {
  TAB_AS_INDENT: 'A tab is used for indentation here; YAML indents with spaces only.',
  BAD_INDENT:
    "This line's indentation does not fit the lines above it; line it up with its siblings.",
  MISSING_CHAR: 'A quote or bracket opened here is never closed.',
  MULTILINE_IMPLICIT_KEY:
    'A key must fit on one line; a closing quote or a colon is probably missing above this line.',
  BLOCK_AS_IMPLICIT_KEY:
    'A value contains ": " (a colon and a space), which YAML reads as the start of a new key. Put the whole value in quotes.',
  BAD_SCALAR_START: 'A plain value cannot start with this character; put the value in quotes.',
  DUPLICATE_KEY: 'The same key appears twice here.',
};

function describeYamlError(error: YAMLError): string {
  const known = SYNTAX_MESSAGES[error.code];
  if (known) return known;
  if (error.code === 'UNEXPECTED_TOKEN') {
    return /flow-(seq|map)-end/.test(error.message)
      ? 'There is a closing bracket here without its opening pair.'
      : 'This text is not where YAML expects it: a key, a colon or the indentation is probably wrong here or on a line above.';
  }
  const first = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
  return first.endsWith('.') ? first : `${first}.`;
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
  // The YAML 1.2 core schema, whatever a %YAML directive says: `Yes` stays text.
  const documents = parseAllDocuments(text, {
    uniqueKeys: false,
    prettyErrors: false,
    schema: 'core',
  });
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
  const contents = first.contents;
  const nothingWritten =
    contents === null ||
    (isScalar(contents) &&
      contents.value === null &&
      contents.source === '' &&
      contents.range?.[0] === contents.range?.[1]);
  if (nothingWritten) return { ...base, empty: true, extraDocument };

  const tree = buildSourceTree(first, text);
  for (const problem of tree.problems) addSyntax(problem);
  if (syntax.length > 0) return { ...base, syntax, empty: false };

  return { text, lines, syntax, tree, empty: false, extraDocument };
}
