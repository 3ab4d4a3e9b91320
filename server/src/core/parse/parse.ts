// Reading a pathway's text as YAML, safely: syntax problems, a second document, forbidden
// characters and runaway aliases reported, and a tree that remembers where each value is.
import { isScalar, parseAllDocuments, type YAMLError } from 'yaml';
import { LineIndex } from '../text/lineIndex';
import type { Span } from '../types';
import { explainIndentation } from './misindentation';
import { tooDeepAt } from './nesting';
import {
  buildSourceTree,
  DEFAULT_ALIAS_TEXT,
  TOO_DEEP_MESSAGE,
  type SourceTree,
} from './sourceTree';

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
  /** Set when the file is over the size limit and was not read: its size and the limit, in bytes. */
  readonly tooLarge?: { readonly size: number; readonly limit: number };
}

const BOM = '\uFEFF';

/**
 * How every YAML text is read: the YAML 1.2 core schema whatever a %YAML directive says
 * (`Yes` stays text), and no tag resolved beyond it, so that YAML 1.1's `!!binary`,
 * `!!timestamp`, `!!set`, `!!omap` and `!!pairs` keep the text or list they are written as,
 * like any other tag. Duplicate keys are found in buildSourceTree: the parser's own check
 * is quadratic.
 */
export const YAML_OPTIONS = {
  uniqueKeys: false,
  prettyErrors: false,
  schema: 'core',
  resolveKnownTags: false,
} as const;

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
  // The parser's guard against its own stack running out: nesting far too deep.
  if (error.code === 'RESOURCE_EXHAUSTION') return TOO_DEEP_MESSAGE;
  // A `[` or `{` left open: the parser notices at the next line that is not indented under it.
  const flow = error.code === 'BAD_INDENT' ? /^Flow (sequence|map)/.exec(error.message) : null;
  if (flow) {
    const [open, close, what] =
      flow[1] === 'sequence' ? ['[', ']', 'list'] : ['{', '}', 'group of keys'];
    return `A "${open}" opened above is never closed with "${close}": add the "${close}" where the ${what} ends, or indent this line further if it continues the ${what}.`;
  }
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

/** The parser's errors in the first document of a text, as parsePathwayText reads it. */
function firstDocumentErrors(text: string): readonly YAMLError[] {
  const documents = parseAllDocuments(text, YAML_OPTIONS);
  return (Array.isArray(documents) ? documents[0]?.errors : undefined) ?? [];
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

/**
 * The characters YAML never allows, as the body of a character class: C0 and C1 controls
 * but tab, line breaks and NEL, DEL, U+FFFE and U+FFFF. (Halves of surrogate pairs on
 * their own are not allowed either; whether a half is alone depends on its neighbour.)
 */
export const FORBIDDEN_CHARACTERS =
  '\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x84\\x86-\\x9F\\uFFFE\\uFFFF';

/**
 * Characters a YAML text may not hold (YAML 1.2 allows only its "printable" set): the
 * forbidden ones and halves of surrogate pairs on their own. A NUL usually means a binary
 * file, or text saved as UTF-16.
 */
const NOT_PRINTABLE = new RegExp(
  `[${FORBIDDEN_CHARACTERS}]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]`,
  'g',
);

const CONTROL_NAMES: Partial<Record<number, string>> = { 0: 'NUL', 0x1b: 'ESC', 0x7f: 'DEL' };

function codePointName(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = CONTROL_NAMES[code];
  return name ? `${hex} (${name})` : hex;
}

/** The first character YAML does not allow, with how many there are; undefined when none. */
function notPrintable(text: string): SyntaxProblem | undefined {
  NOT_PRINTABLE.lastIndex = 0;
  const first = NOT_PRINTABLE.exec(text);
  if (!first) return undefined;
  let count = 1;
  let binary = first[0] === '\0';
  for (let next = NOT_PRINTABLE.exec(text); next; next = NOT_PRINTABLE.exec(text)) {
    count++;
    if (next[0] === '\0') binary = true;
  }
  const code = first[0].charCodeAt(0);
  const what =
    code >= 0xd800 && code <= 0xdfff
      ? `half of a character (${codePointName(code)} on its own)`
      : `the character ${codePointName(code)}`;
  const more = count > 1 ? `, and ${count - 1} more such character${count > 2 ? 's' : ''}` : '';
  const hint = binary
    ? ' Is it a binary file, or text saved as UTF-16? Save it as UTF-8 text.'
    : ' Remove it, or write it as an escape such as "\\t" inside double quotes.';
  return {
    message: `The file holds ${what}${more}, which a YAML text may not contain.${hint}`,
    span: { start: first.index, end: first.index + first[0].length },
  };
}

const CONFLICT_MARKER = /^(<{7}|\|{7}|={7}|>{7})(?=[ \t\r\n]|$)/gm;

const CONFLICT_MESSAGES: Record<string, string> = {
  '<': 'A merge conflict was left unresolved here (git\'s "<<<<<<<" marker): the lines from here to "=======" are one version, the lines after it to ">>>>>>>" the other. Keep the right lines and delete the three marker lines.',
  '|': 'The common ancestor of a merge conflict starts here (git\'s "|||||||" marker): keep the right lines and delete the marker lines.',
  '=': 'The middle of an unresolved merge conflict (git\'s "=======" marker): keep the lines of one version and delete the marker lines.',
  '>': 'The end of an unresolved merge conflict (git\'s ">>>>>>>" marker): keep the right lines and delete the marker lines.',
};

/** Git's conflict markers at the start of a line, one problem each. */
function conflictMarkers(text: string): SyntaxProblem[] {
  const found: SyntaxProblem[] = [];
  for (const match of text.matchAll(CONFLICT_MARKER)) {
    const marker = match[1] ?? '';
    found.push({
      message: CONFLICT_MESSAGES[marker.charAt(0)] ?? 'A merge conflict marker.',
      span: { start: match.index, end: match.index + marker.length },
    });
  }
  return found;
}

/** True when `offset` falls between the two halves of a character written as a surrogate pair. */
function splitsPair(text: string, offset: number): boolean {
  const high = text.charCodeAt(offset - 1);
  const low = text.charCodeAt(offset);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/** A parser's span widened to whole characters: it may point at half of an emoji. */
function wholeCharacters(text: string, span: Span): Span {
  const start = splitsPair(text, span.start) ? span.start - 1 : span.start;
  const end = splitsPair(text, span.end) ? span.end + 1 : span.end;
  return { start, end: Math.max(start, end) };
}

/**
 * Reads a pathway text as YAML. `aliasText` is the most text, in characters, its aliases
 * may repeat (see SourceTreeBuilder).
 */
export function parsePathwayText(input: string, aliasText = DEFAULT_ALIAS_TEXT): ParsedFile {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const lines = new LineIndex(text);
  // Control characters make the text unreadable as YAML; binary files stop here, unparsed.
  const unprintable = notPrintable(text);
  if (unprintable) {
    const base = { text, lines, tree: undefined, empty: false, extraDocument: undefined };
    return { ...base, syntax: [unprintable] };
  }
  // Deep nesting makes the parser take minutes and gigabytes: measured first, in one pass.
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    const base = { text, lines, tree: undefined, empty: false, extraDocument: undefined };
    return { ...base, syntax: [{ message: TOO_DEEP_MESSAGE, span: { start: deep, end: deep } }] };
  }
  const documents = parseAllDocuments(text, YAML_OPTIONS);
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
    syntax.push({ message: problem.message, span: wholeCharacters(text, problem.span) });
  };
  if (first.errors.length > 0) {
    // Markers of a merge left unresolved are the cause to show, not what they break.
    const conflicts = conflictMarkers(text);
    if (conflicts.length > 0) return { ...base, syntax: conflicts, empty: false };
  }
  // An indentation mistake is named on its own line, and what it alone broke is not reported.
  const explained = explainIndentation(text, first.errors, firstDocumentErrors);
  for (const mistake of explained.mistakes) addSyntax(mistake);
  for (const { error, span } of explained.rest) {
    addSyntax({ message: describeYamlError(error), span });
  }
  if (syntax.length > 0) {
    syntax.sort((a, b) => a.span.start - b.span.start);
    return { ...base, syntax, empty: false };
  }

  const extraDocument = docs[1] ? documentStart(text, docs[1].range[0]) : undefined;
  const contents = first.contents;
  const nothingWritten =
    contents === null ||
    (isScalar(contents) &&
      contents.value === null &&
      contents.source === '' &&
      contents.range?.[0] === contents.range?.[1]);
  if (nothingWritten) return { ...base, empty: true, extraDocument };

  const tree = buildSourceTree(first, text, aliasText);
  for (const problem of tree.problems) addSyntax(problem);
  if (syntax.length > 0) return { ...base, syntax, empty: false };

  return { text, lines, syntax, tree, empty: false, extraDocument };
}
