// Splits an `if` condition into words, numbers and signs, each with its offsets, without ever
// failing: a character the language does not know becomes an `invalid` token with a message.
import type { Span } from '../types';
import { isReservedWord } from './inputs';

export type TokenKind =
  'name' | 'number' | 'keyword' | 'operator' | '(' | ')' | '[' | ']' | ',' | 'invalid';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly span: Span;
  /** Why an `invalid` token is not allowed. */
  readonly problem?: string;
}

const NUMBER = /^-?[0-9]+(\.[0-9]+)?$/u;

const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isNameChar = (c: string): boolean => isLetter(c) || isDigit(c) || c === '_' || c === '-';
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** A character as a message shows it: itself when plainly printable, else its code. */
export function describeCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code > 0x20 && code < 0x7f) return `"${char}"`;
  return `the character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

// Signs that people write from other languages, with what this one says instead.
const FOREIGN: Readonly<Record<string, string>> = {
  '==': 'Write "=" once to compare, e.g. "weeks = 6".',
  '&&': 'Write "and" to join two tests.',
  '&': 'Write "and" to join two tests.',
  '||': 'Write "or" between two alternatives.',
  '|': 'Write "or" between two alternatives.',
  '!': 'Write "not" before a test, or "!=" for "is not".',
  '<>': 'Write "!=" for "is not".',
  '=>': 'Write ">=" for "at least".',
  '=<': 'Write "<=" for "at most".',
};

/** The tokens of `text`, in order. Linear in the text's length. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const push = (kind: TokenKind, start: number, end: number, problem?: string): void => {
    const token: Token = { kind, text: text.slice(start, end), span: { start, end } };
    tokens.push(problem === undefined ? token : { ...token, problem });
  };
  while (at < text.length) {
    const c = text[at] ?? '';
    const next = text[at + 1] ?? '';
    const start = at;
    if (isSpace(c)) {
      at++;
    } else if (isLetter(c)) {
      while (at < text.length && isNameChar(text[at] ?? '')) at++;
      push(isReservedWord(text.slice(start, at)) ? 'keyword' : 'name', start, at);
    } else if (isDigit(c) || (c === '-' && isDigit(next))) {
      // Read the whole run a reader would take for one number, so "6weeks" or "1.5.2" is
      // one mistake rather than a number followed by something unexpected.
      at++;
      while (at < text.length && (isNameChar(text[at] ?? '') || text[at] === '.')) at++;
      const word = text.slice(start, at);
      if (NUMBER.test(word)) push('number', start, at);
      else
        push(
          'invalid',
          start,
          at,
          `"${word}" is not a number: write a number such as 6, -2 or 37.5, with a space before any word.`,
        );
    } else if (next !== '' && FOREIGN[c + next] !== undefined) {
      at += 2;
      push('invalid', start, at, FOREIGN[c + next]);
    } else if (c === '<' || c === '>' || c === '!') {
      at += next === '=' ? 2 : 1;
      if (c === '!' && next !== '=') push('invalid', start, at, FOREIGN['!']);
      else push('operator', start, at);
    } else if (c === '=') {
      at++;
      push('operator', start, at);
    } else if (c === '(' || c === ')' || c === '[' || c === ']' || c === ',') {
      at++;
      push(c, start, at);
    } else if (FOREIGN[c] !== undefined) {
      at++;
      push('invalid', start, at, FOREIGN[c]);
    } else {
      // One whole code point, so a range never splits a surrogate pair.
      const char = String.fromCodePoint(text.codePointAt(at) ?? 0xfffd);
      at += char.length;
      push(
        'invalid',
        start,
        at,
        `${describeCharacter(char)} cannot be used in a condition: write tests such as "weeks > 6", joined with "and", "or" and "not".`,
      );
    }
  }
  return tokens;
}
