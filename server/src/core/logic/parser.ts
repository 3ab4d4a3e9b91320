// Reads an `if` condition (pathway-logic §2) into a Condition, or says in plain words where
// and why it stops. Never throws; one pass over the tokens, nesting bounded.
import type { Span } from '../types';
import type { ComparisonOperator, Condition, Literal, NameRef } from './ast';
import { tokenize, type Token } from './lexer';

/** Where a condition stops making sense, and why, in words for the author. */
export interface ParseError {
  readonly message: string;
  /** The token where parsing failed, or the empty range at the end when the text ran out. */
  readonly span: Span;
}

export type ParseResult =
  | { readonly ok: true; readonly condition: Condition; readonly tokens: readonly Token[] }
  | { readonly ok: false; readonly error: ParseError; readonly tokens: readonly Token[] };

/** Brackets and `not` nested deeper than this are refused, so the stack stays bounded. */
export const MAX_NESTING = 100;

const COMPARISONS: ReadonlySet<string> = new Set(['=', '!=', '<', '<=', '>', '>=']);

/** Unwinds the parse at the first mistake; caught in parseCondition, never escapes. */
class Stop extends Error {
  constructor(readonly error: ParseError) {
    super(error.message);
  }
}

const shown = (token: Token): string => `"${token.text}"`;

export function parseCondition(text: string): ParseResult {
  const tokens = tokenize(text);
  const invalid = tokens.find((token) => token.kind === 'invalid');
  if (invalid) {
    return {
      ok: false,
      error: { message: invalid.problem ?? 'This cannot be used here.', span: invalid.span },
      tokens,
    };
  }
  try {
    const parser = new Parser(text, tokens);
    return { ok: true, condition: parser.parse(), tokens };
  } catch (error) {
    if (error instanceof Stop) return { ok: false, error: error.error, tokens };
    throw error;
  }
}

class Parser {
  private at = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parse(): Condition {
    if (this.tokens.length === 0) {
      this.fail(
        'The condition is empty: write a test such as "weeks > 6" or "red-flags".',
        this.endSpan(),
      );
    }
    const condition = this.condition();
    const extra = this.peek();
    if (extra) {
      const before = this.tokens[this.at - 1];
      if (extra.kind === ')') {
        this.fail('This ")" closes no "(": remove it or add the "(" it belongs to.', extra.span);
      }
      if (before?.kind === 'name' && (extra.kind === 'number' || extra.kind === 'name')) {
        this.fail(
          `Expected a comparison such as "=", "<" or "in" between "${before.text}" and ${shown(extra)}.`,
          extra.span,
        );
      }
      this.fail(
        `Expected "and", "or" or the end of the condition here, but found ${shown(extra)}.`,
        extra.span,
      );
    }
    return condition;
  }

  private condition(): Condition {
    return this.chain('or', () => this.term());
  }

  private term(): Condition {
    return this.chain('and', () => this.factor());
  }

  private chain(word: 'and' | 'or', operand: () => Condition): Condition {
    const first = operand();
    const operands = [first];
    const operators: Span[] = [];
    const start = first.span.start;
    while (this.peekKeyword(word)) {
      operators.push(this.take().span);
      operands.push(operand());
    }
    if (operands.length === 1) return first;
    return { kind: word, operands, operators, span: { start, end: this.lastEnd() } };
  }

  private factor(): Condition {
    const token = this.peek();
    if (!token) {
      const before = this.tokens[this.at - 1];
      this.fail(
        before
          ? `Expected a test after ${shown(before)}, but the condition ends here.`
          : 'Expected a test such as "weeks > 6".',
        this.endSpan(),
      );
    }
    if (token.kind === 'keyword' && token.text === 'not') {
      this.take();
      return this.nested(token, () => {
        const operand = this.factor();
        return {
          kind: 'not',
          operand,
          operator: token.span,
          span: { start: token.span.start, end: operand.span.end },
        };
      });
    }
    if (token.kind === '(') {
      this.take();
      return this.nested(token, () => {
        const inner = this.condition();
        const close = this.peek();
        if (!close) {
          this.fail(
            `Expected ")" to close the "(" at position ${token.span.start + 1}, but the condition ends here.`,
            this.endSpan(),
          );
        }
        if (close.kind !== ')') {
          this.fail(
            `Expected ")" to close the "(" at position ${token.span.start + 1}, or "and"/"or", but found ${shown(close)}.`,
            close.span,
          );
        }
        this.take();
        // The brackets belong to the operand: its range runs from "(" to ")".
        return { ...inner, span: { start: token.span.start, end: close.span.end } };
      });
    }
    if (token.kind === 'keyword' && (token.text === 'true' || token.text === 'false')) {
      this.take();
      return { kind: 'constant', value: token.text === 'true', span: token.span };
    }
    if (token.kind === 'name') {
      this.take();
      return this.test({ name: token.text, span: token.span });
    }
    this.fail(
      `Expected a test such as "weeks > 6", "red-flags" or "not red-flags" here, but found ${shown(token)}.`,
      token.span,
    );
  }

  private test(input: NameRef): Condition {
    const token = this.peek();
    if (token?.kind === 'operator' && COMPARISONS.has(token.text)) {
      this.take();
      const literal = this.literal(token);
      return {
        kind: 'compare',
        input,
        operator: token.text as ComparisonOperator,
        operatorSpan: token.span,
        literal,
        span: { start: input.span.start, end: literal.span.end },
      };
    }
    if (token?.kind === 'keyword' && (token.text === 'in' || token.text === 'not')) {
      // After a name, "not" can only begin "not in".
      this.take();
      let operatorSpan = token.span;
      if (token.text === 'not') {
        const next = this.peek();
        if (next?.kind !== 'keyword' || next.text !== 'in') {
          if (!next) {
            this.fail(
              `Expected "in" after "${input.name} not", but the condition ends here.`,
              this.endSpan(),
            );
          }
          this.fail(
            `Expected "in" after "${input.name} not" (as in "${input.name} not in [a, b]"), but found ${shown(next)}. To negate a test, put "not" before it: "not ${input.name}".`,
            next.span,
          );
        }
        this.take();
        operatorSpan = { start: token.span.start, end: next.span.end };
      }
      const operatorText = this.text.slice(operatorSpan.start, operatorSpan.end);
      const literals = this.list(operatorText);
      return {
        kind: 'member',
        input,
        negated: token.text === 'not',
        operatorSpan,
        literals,
        span: { start: input.span.start, end: this.lastEnd() },
      };
    }
    return { kind: 'flag', input, span: input.span };
  }

  private list(operatorText: string): Literal[] {
    const open = this.peek();
    if (!open) {
      this.fail(
        `Expected a list in square brackets after "${operatorText}", such as [a, b], but the condition ends here.`,
        this.endSpan(),
      );
    }
    if (open.kind !== '[') {
      this.fail(
        `Expected a list in square brackets after "${operatorText}", such as [a, b], but found ${shown(open)}.`,
        open.span,
      );
    }
    this.take();
    const literals = [this.literal(open)];
    for (;;) {
      const next = this.peek();
      if (!next) {
        this.fail(
          'Expected "," or "]" to go on with the list, but the condition ends here.',
          this.endSpan(),
        );
      }
      if (next.kind === ']') {
        this.take();
        return literals;
      }
      if (next.kind !== ',') {
        this.fail(`Expected "," or "]" in the list, but found ${shown(next)}.`, next.span);
      }
      this.take();
      literals.push(this.literal(next));
    }
  }

  private literal(after: Token): Literal {
    const token = this.peek();
    if (!token) {
      this.fail(
        `Expected a value after ${shown(after)}, but the condition ends here.`,
        this.endSpan(),
      );
    }
    if (token.kind === 'number') {
      this.take();
      return { kind: 'number', value: Number(token.text), text: token.text, span: token.span };
    }
    if (token.kind === 'name') {
      this.take();
      return { kind: 'name', name: token.text, span: token.span };
    }
    if (token.kind === 'keyword' && (token.text === 'true' || token.text === 'false')) {
      this.take();
      return { kind: 'boolean', value: token.text === 'true', span: token.span };
    }
    this.fail(
      `Expected a value (a number, a name, true or false) after ${shown(after)}, but found ${shown(token)}.`,
      token.span,
    );
  }

  private nested(opener: Token, inner: () => Condition): Condition {
    if (this.depth >= MAX_NESTING) {
      this.fail(
        `This condition nests brackets and "not" more than ${MAX_NESTING} deep: write it more simply.`,
        opener.span,
      );
    }
    this.depth++;
    const result = inner();
    this.depth--;
    return result;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private peekKeyword(word: string): boolean {
    const token = this.peek();
    return token?.kind === 'keyword' && token.text === word;
  }

  private take(): Token {
    const token = this.tokens[this.at];
    this.at++;
    // Only called after peek() found a token.
    return token as Token;
  }

  private lastEnd(): number {
    return this.tokens[this.at - 1]?.span.end ?? 0;
  }

  private endSpan(): Span {
    return { start: this.text.length, end: this.text.length };
  }

  private fail(message: string, span: Span): never {
    throw new Stop({ message, span });
  }
}
