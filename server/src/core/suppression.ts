// `# pathway-disable` comments: which findings a file's comments silence, by code and line.
import { CST, Lexer } from 'yaml';
import type { LineIndex } from './text/lineIndex';
import type { TextEdit } from './types';

/**
 * Comments that silence findings, as linters allow:
 *   # pathway-disable-next-line CODE[, CODE]   the findings starting on the next line
 *   # pathway-disable CODE[, CODE]             the whole file
 * Without codes, every code is silenced. Only a real YAML comment is a directive: the same
 * words inside a text (a `detail: |` block, a quoted title) are clinical text, not
 * comments (see commentStarts).
 */
export interface Suppressions {
  isSuppressed(code: string, line: number): boolean;
}

const DIRECTIVE = /^\s*#\s*pathway-(disable-next-line|disable)\b(.*)$/;
const ALL = '*';

function codesOf(rest: string): string[] {
  // Text after " -- " is a reason for the reader, as in ESLint.
  const list = rest.split(/\s--\s/)[0] ?? '';
  const codes = list
    .split(/[\s,]+/)
    .map((code) => code.trim())
    .filter((code) => code !== '');
  return codes.length > 0 ? codes : [ALL];
}

/** The word every directive holds: only lines that mention it can hold one. */
const WORD = 'pathway-disable';

/** Where a text mentions the directives' word. */
export function directiveMentions(text: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(WORD); at >= 0; at = text.indexOf(WORD, at + 1)) found.push(at);
  return found;
}

/**
 * Where a text mentions the directives' word, from where its version before the edit did:
 * only the edited part (and the word's length around it) is searched.
 */
export function directiveMentionsAfterEdit(
  before: readonly number[],
  text: string,
  edit: TextEdit,
): number[] {
  const from = Math.max(0, edit.prefix - WORD.length + 1);
  const oldSuffixStart = edit.suffixStart - edit.moved;
  const found = before.filter((at) => at < from);
  const edited = text.slice(from, edit.suffixStart + WORD.length - 1);
  for (const at of directiveMentions(edited)) found.push(from + at);
  for (const at of before) if (at >= oldSuffixStart) found.push(at + edit.moved);
  return found;
}

/**
 * Where comments that mention the directives' word start in a YAML text, as yaml's own lexer
 * reads it: the lexer knows where a block scalar or a quoted text runs, so a `#` inside one
 * is not a comment start. Offsets are relative to `source`; the lexer stops past `until`.
 */
export function commentStarts(source: string, until = Infinity): number[] {
  const found: number[] = [];
  let offset = 0;
  let scalarNext = false;
  for (const lexeme of new Lexer().lex(source)) {
    if (offset > until) break;
    if (scalarNext) {
      // The text of a plain or block scalar: it may begin with `#` without being a comment.
      scalarNext = false;
      offset += lexeme.length;
      continue;
    }
    // Markers the lexer adds that take no room in the text (as yaml's Parser counts them).
    if (lexeme === CST.SCALAR) {
      scalarNext = true;
      continue;
    }
    if (lexeme === CST.DOCUMENT || lexeme === CST.FLOW_END) continue;
    if (lexeme.startsWith('#') && lexeme.includes(WORD)) found.push(offset);
    offset += lexeme.length;
  }
  return found;
}

/**
 * The directives of a text. `mentions` (see directiveMentions) are where its lines mention
 * the word; `isComment` tells whether a `#` at an offset starts a real comment (by default
 * from commentStarts over the whole text).
 */
export function readSuppressions(
  lines: LineIndex,
  mentions: readonly number[] = directiveMentions(lines.text),
  isComment?: (offset: number) => boolean,
): Suppressions {
  const fileWide = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  const mentioned: number[] = [];
  for (const at of mentions) {
    const line = lines.positionAt(at).line;
    if (mentioned[mentioned.length - 1] !== line) mentioned.push(line);
  }
  const candidates: { line: number; hash: number; match: RegExpExecArray }[] = [];
  for (const line of mentioned) {
    const text = lines.lineText(line);
    const match = DIRECTIVE.exec(text);
    if (match) candidates.push({ line, hash: lines.lineStart(line) + text.indexOf('#'), match });
  }
  let wholeText: Set<number> | undefined;
  // The text is lexed only as far as the last line that looks like a directive.
  const last = candidates[candidates.length - 1]?.hash ?? 0;
  const commentAt =
    isComment ??
    ((offset: number) => (wholeText ??= new Set(commentStarts(lines.text, last))).has(offset));
  for (const { line, hash, match } of candidates) {
    if (!commentAt(hash)) continue;
    const codes = codesOf(match[2] ?? '');
    if (match[1] === 'disable') {
      for (const code of codes) fileWide.add(code);
    } else {
      const target = byLine.get(line + 1) ?? new Set<string>();
      for (const code of codes) target.add(code);
      byLine.set(line + 1, target);
    }
  }
  return {
    isSuppressed(code, line) {
      if (fileWide.has(code) || fileWide.has(ALL)) return true;
      const forLine = byLine.get(line);
      return forLine !== undefined && (forLine.has(code) || forLine.has(ALL));
    },
  };
}
