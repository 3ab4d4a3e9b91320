/**
 * How deep a YAML text nests, measured in one linear pass before it is parsed: `yaml`'s
 * parser takes time and memory far beyond linear on deep nesting (6 MB of "[" ran it for a
 * minute into gigabytes), so a file nested past MAX_NESTING_DEPTH is refused before the
 * parser sees it.
 *
 * The pass follows the states of `yaml`'s own lexer (parse/lexer.js of yaml 2), so that a
 * bracket counts exactly where the parser would open a flow collection: never inside a
 * quoted scalar, a comment, a block scalar or a plain scalar (where "[" is just text in
 * block context). It builds no tokens. On top, a stack of columns measures block nesting:
 * each "- ", "? " and "key:" opens a level at its column, a line closes the levels at or
 * right of its first column. A value's depth is counted as the source tree counts it (the
 * number of keys and indexes above it). Where it cannot be exact it errs on the safe side
 * for each case: a flow pair such as `[a: b]`, which adds a mapping, is not counted, so the
 * measure may fall short near the limit (the source tree's own check, see
 * SourceTreeBuilder, still reports those files after a parse that is then cheap); a "- ",
 * "? " or ": " written after a value on the same line counts as a level, as the parser may
 * build one (it takes seconds on thousands of them), which overcounts only text no
 * pathway holds.
 */
import { MAX_NESTING_DEPTH } from './sourceTree';

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

/** The lexer's isEmpty: the end of the text, a space, a tab or a line break. */
function isEmpty(code: number): boolean {
  return (
    code !== code /* NaN: past the end */ ||
    code === SPACE ||
    code === LF ||
    code === CR ||
    code === TAB
  );
}

const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

function isFlowIndicator(code: number): boolean {
  return (
    code === COMMA ||
    code === OPEN_BRACKET ||
    code === CLOSE_BRACKET ||
    code === OPEN_BRACE ||
    code === CLOSE_BRACE
  );
}

/** Characters that end an anchor or an alias name. */
function endsAnchor(code: number): boolean {
  return isEmpty(code) || isFlowIndicator(code);
}

const TAG_CHARACTERS = new Set(
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()",
);

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);
}

type State = 'stream' | 'line-start' | 'block-start' | 'doc' | 'flow';

/**
 * Where the text first nests a collection MAX_NESTING_DEPTH levels deep (an offset), or
 * undefined when it never does. `base` is the depth of the text's top level: 1 for a step
 * read on its own, whose place in the file is under `steps`.
 */
export function tooDeepAt(text: string, base = 0): number | undefined {
  return measureNesting(text, base).tooDeepAt;
}

export interface NestingMeasure {
  /** Where a collection is first nested MAX_NESTING_DEPTH deep; the scan stops there. */
  readonly tooDeepAt: number | undefined;
  /** The depth of the deepest collection met (the top level's is `base`), -1 when none. */
  readonly deepest: number;
  /** The most flow collections met open at once. */
  readonly deepestFlow: number;
}

export function measureNesting(text: string, base = 0): NestingMeasure {
  const scan = new NestingScan(text, base);
  const tooDeepAt = scan.run();
  return { tooDeepAt, deepest: scan.deepest, deepestFlow: scan.deepestFlow };
}

class NestingScan {
  private pos = 0;
  private flowLevel = 0;
  private flowKey = false;
  private indentNext = 0;
  private indentValue = 0;
  private blockScalarIndent = -1;
  private blockScalarKeep = false;
  /** The first line feed at or after `newlineSearch` (-1: none), as last found. */
  private newline = -2;
  private newlineSearch = 0;

  /**
   * Open block levels, `levels` of them: the column of each, the depth of what is written
   * under it, and whether it is a mapping key (a "- " may sit at a key's own column).
   */
  private levels = 0;
  private readonly columns: number[] = [];
  private readonly depths: number[] = [];
  private readonly keys: boolean[] = [];
  /** No token yet on the current line: its first one closes the levels it dedents. */
  private fresh = true;
  /** Depth of a node written at the current point of a block line. */
  private current: number;
  /** Where the last value on this line begins, which a ":" after it makes a key (-1: none). */
  private pendingKey = -1;
  /** Depth of the outermost open flow collection. */
  private flowBase = 0;
  private found: number | undefined;
  deepest = -1;
  deepestFlow = 0;

  /** For columns: offsets asked about only grow, so the line start is found by moving on. */
  private columnFrom = 0;
  private columnLineStart = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
  ) {
    this.current = base;
  }

  run(): number | undefined {
    const length = this.text.length;
    let state: State = 'stream';
    let lastPos = -1;
    let stalled = 0;
    while (this.pos < length && this.found === undefined) {
      // The lexer always moves on within a few states; should this pass ever not, it steps
      // over a character rather than spin (and goes on counting).
      if (this.pos === lastPos) {
        if (++stalled > 8) {
          this.pos++;
          state = this.flowLevel > 0 ? 'flow' : 'doc';
          continue;
        }
      } else {
        stalled = 0;
        lastPos = this.pos;
      }
      state = this.next(state);
    }
    return this.found;
  }

  private code(offset: number): number {
    return this.text.charCodeAt(offset);
  }

  private next(state: State): State {
    switch (state) {
      case 'stream':
        return this.parseStream();
      case 'line-start':
        return this.parseLineStart();
      case 'block-start':
        return this.parseBlockStart();
      case 'doc':
        return this.parseDocument();
      case 'flow':
        return this.parseFlowCollection();
    }
  }

  /**
   * The first line feed at or after `from` (-1: none). Asked with offsets that only grow,
   * it searches each stretch of the text once, however many tokens a long line holds.
   */
  private newlineFrom(from: number): number {
    const known =
      this.newline !== -2 &&
      from >= this.newlineSearch &&
      (this.newline === -1 || this.newline >= from);
    if (!known) {
      this.newlineSearch = from;
      this.newline = this.text.indexOf('\n', from);
    }
    return this.newline;
  }

  /** Where the current line's content ends (before "\r\n"), as the lexer's getLine. */
  private contentEnd(): number {
    const lineEnd = this.newlineFrom(this.pos);
    if (lineEnd === -1) return this.text.length;
    const end = this.code(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
    return Math.max(end, this.pos);
  }

  /** The character `n` places on in the current line, NaN past its end. */
  private lineCode(n: number, end: number): number {
    return this.pos + n < end ? this.code(this.pos + n) : NaN;
  }

  /** The column of `offset`; offsets asked about grow, so each stretch is looked at once. */
  private column(offset: number): number {
    if (offset < this.columnFrom) return offset - (this.text.lastIndexOf('\n', offset - 1) + 1);
    for (let i = offset - 1; i >= this.columnFrom; i--) {
      if (this.text.charCodeAt(i) === LF) {
        this.columnLineStart = i + 1;
        break;
      }
    }
    this.columnFrom = offset;
    return offset - this.columnLineStart;
  }

  // Depth bookkeeping, called where the lexer meets tokens in block context.

  private newDocument(): void {
    this.levels = 0;
    this.fresh = true;
    this.current = this.base;
    this.pendingKey = -1;
  }

  /** The first token of a line closes the levels at or right of its column. */
  private startLine(offset: number, sequenceItem: boolean): number {
    const column = this.column(offset);
    this.fresh = false;
    const { columns, keys } = this;
    let top = this.levels - 1;
    while (top >= 0) {
      const at = columns[top] as number;
      // A sequence may be written at its key's own column (`key:` then `- item`).
      if (at < column || (at === column && sequenceItem && keys[top] === true)) break;
      top--;
    }
    this.levels = top + 1;
    this.current = top >= 0 ? (this.depths[top] as number) : this.base;
    this.pendingKey = -1;
    return column;
  }

  /** A collection begins at `offset` at the current depth: the first one too deep is kept. */
  private opens(offset: number, depth: number): void {
    if (depth > this.deepest) this.deepest = depth;
    if (depth >= MAX_NESTING_DEPTH && this.found === undefined) this.found = offset;
  }

  private push(column: number, key: boolean): void {
    this.current++;
    const at = this.levels++;
    if (at === this.columns.length) {
      this.columns.push(column);
      this.depths.push(this.current);
      this.keys.push(key);
    } else {
      this.columns[at] = column;
      this.depths[at] = this.current;
      this.keys[at] = key;
    }
  }

  /** "- " or "? " in block context: a sequence item or an explicit key. */
  private blockIndicator(offset: number, key: boolean): void {
    const column = this.fresh ? this.startLine(offset, !key) : this.column(offset);
    this.opens(offset, this.current);
    this.push(column, key);
    this.pendingKey = -1;
  }

  /** ":" in block context: after a value on this line it makes that value a key. */
  private mapValue(offset: number): void {
    const key = this.fresh || this.pendingKey < 0 ? offset : this.pendingKey;
    const column = this.fresh ? this.startLine(offset, false) : this.column(key);
    // The mapping begins at its first key.
    this.opens(key, this.current);
    this.push(column, true);
    this.pendingKey = -1;
  }

  /** A scalar, an alias or a flow collection begins in block context. */
  private value(offset: number): void {
    if (this.fresh) this.startLine(offset, false);
    // A key with its value on its own line: no sequence may follow at the key's column.
    else if (this.levels > 0) this.keys[this.levels - 1] = false;
    this.pendingKey = offset;
  }

  // The lexer's states, as in yaml's Lexer, without the tokens.

  private parseStream(): State {
    let end = this.contentEnd();
    if (this.code(this.pos) === 0xfeff) {
      this.pos++;
      end = Math.max(end, this.pos);
    }
    if (this.code(this.pos) === 37 /* % */ && this.pos < end) {
      // A directive line: the whole line is read as one token.
      this.pos = end;
      return 'stream';
    }
    if (this.atLineEnd()) {
      this.pos = end;
      this.pushNewline();
      return 'stream';
    }
    return this.parseLineStart();
  }

  private atLineEnd(): boolean {
    let i = this.pos;
    let ch = this.code(i);
    while (ch === SPACE || ch === TAB) ch = this.code(++i);
    if (ch !== ch || ch === 35 /* # */ || ch === LF) return true;
    if (ch === CR) return this.code(i + 1) === LF;
    return false;
  }

  private parseLineStart(): State {
    const ch = this.code(this.pos);
    if (
      (ch === 45 /* - */ || ch === 46) /* . */ &&
      this.code(this.pos + 1) === ch &&
      this.code(this.pos + 2) === ch &&
      isEmpty(this.code(this.pos + 3))
    ) {
      this.pos += 3;
      this.indentValue = 0;
      this.indentNext = 0;
      this.newDocument();
      return ch === 45 ? 'doc' : 'stream';
    }
    this.indentValue = this.pushSpaces(false);
    if (this.indentNext > this.indentValue && !isEmpty(this.code(this.pos + 1))) {
      this.indentNext = this.indentValue;
    }
    this.fresh = true;
    return this.parseBlockStart();
  }

  private parseBlockStart(): State {
    const ch0 = this.code(this.pos);
    const ch1 = this.code(this.pos + 1);
    if ((ch0 === 45 /* - */ || ch0 === 63 /* ? */ || ch0 === 58) /* : */ && isEmpty(ch1)) {
      if (ch0 === 58) this.mapValue(this.pos);
      else this.blockIndicator(this.pos, ch0 === 63);
      this.pos++;
      const n = 1 + this.pushSpaces(true);
      this.indentNext = this.indentValue + 1;
      this.indentValue += n;
      return 'block-start';
    }
    return 'doc';
  }

  private parseDocument(): State {
    this.pushSpaces(true);
    const end = this.contentEnd();
    this.pushIndicators();
    const ch = this.pos < end ? this.code(this.pos) : NaN;
    switch (ch) {
      case 35 /* # */:
        this.pos = end;
        this.pushNewline();
        return this.parseLineStart();
      case 123 /* { */:
      case 91 /* [ */:
        this.value(this.pos);
        this.flowBase = this.current;
        this.opens(this.pos, this.flowBase);
        this.pos++;
        this.flowKey = false;
        this.flowLevel = 1;
        if (this.deepestFlow < 1) this.deepestFlow = 1;
        return 'flow';
      case 125 /* } */:
      case 93 /* ] */:
        this.pos++;
        return 'doc';
      case 42 /* * */:
        this.value(this.pos);
        this.pushUntilAnchorEnd();
        return 'doc';
      case 34 /* " */:
      case 39 /* ' */:
        this.value(this.pos);
        return this.parseQuotedScalar();
      case 124 /* | */:
      case 62 /* > */:
        this.value(this.pos);
        this.parseBlockScalarHeader();
        this.pushSpaces(true);
        this.pos = Math.max(this.pos, end);
        this.pushNewline();
        return this.parseBlockScalar();
      default:
        if (ch !== ch) {
          this.pushNewline();
          return this.parseLineStart();
        }
        this.value(this.pos);
        return this.parsePlainScalar();
    }
  }

  private parseFlowCollection(): State {
    let newline: number;
    let spaces: number;
    let indent = -1;
    do {
      newline = this.pushNewline();
      if (newline > 0) {
        spaces = this.pushSpaces(false);
        this.indentValue = indent = spaces;
      } else {
        spaces = 0;
      }
      spaces += this.pushSpaces(true);
    } while (newline + spaces > 0);
    const end = this.contentEnd();
    const first = this.lineCode(0, end);
    if (
      (indent !== -1 && indent < this.indentNext && first !== 35) /* # */ ||
      (indent === 0 &&
        (this.text.startsWith('---', this.pos) || this.text.startsWith('...', this.pos)) &&
        isEmpty(this.lineCode(3, end)))
    ) {
      const atFlowEndMarker =
        indent === this.indentNext - 1 &&
        this.flowLevel === 1 &&
        (first === 93 /* ] */ || first === 125); /* } */
      if (!atFlowEndMarker) {
        // The lexer gives up on the collection here (an error) and reads on as block.
        this.flowLevel = 0;
        return this.parseLineStart();
      }
    }
    while (this.pos < end && this.code(this.pos) === 44 /* , */) {
      this.pos++;
      this.pushSpaces(true);
      this.flowKey = false;
    }
    this.pushIndicators();
    const ch = this.pos < end ? this.code(this.pos) : NaN;
    switch (ch) {
      case 35 /* # */:
        this.pos = end;
        return 'flow';
      case 123 /* { */:
      case 91 /* [ */:
        this.opens(this.pos, this.flowBase + this.flowLevel);
        this.pos++;
        this.flowKey = false;
        this.flowLevel += 1;
        if (this.flowLevel > this.deepestFlow) this.deepestFlow = this.flowLevel;
        return 'flow';
      case 125 /* } */:
      case 93 /* ] */:
        this.pos++;
        this.flowKey = true;
        this.flowLevel -= 1;
        return this.flowLevel ? 'flow' : 'doc';
      case 42 /* * */:
        this.pushUntilAnchorEnd();
        return 'flow';
      case 34 /* " */:
      case 39 /* ' */:
        this.flowKey = true;
        return this.parseQuotedScalar();
      case 58 /* : */: {
        const next = this.code(this.pos + 1);
        if (this.flowKey || isEmpty(next) || next === 44 /* , */) {
          this.flowKey = false;
          this.pos++;
          this.pushSpaces(true);
          return 'flow';
        }
        this.flowKey = false;
        return this.parsePlainScalar();
      }
      default:
        if (ch !== ch) return 'flow';
        this.flowKey = false;
        return this.parsePlainScalar();
    }
  }

  private parseQuotedScalar(): State {
    const { text } = this;
    const quote = text[this.pos] as string;
    let end = text.indexOf(quote, this.pos + 1);
    if (quote === "'") {
      while (end !== -1 && text.charCodeAt(end + 1) === 39) end = text.indexOf("'", end + 2);
    } else {
      while (end !== -1) {
        let n = 0;
        while (text.charCodeAt(end - 1 - n) === 92 /* \ */) n += 1;
        if (n % 2 === 0) break;
        end = text.indexOf('"', end + 1);
      }
    }
    if (end !== -1) {
      // A line inside the quotes indented too little ends the scalar there (an error).
      let newline = this.newlineFrom(this.pos);
      while (newline !== -1 && newline < end) {
        const next = this.continueScalar(newline + 1);
        if (next === -1) break;
        newline = this.newlineFrom(next);
      }
      if (newline !== -1 && newline < end) {
        end = newline - (text.charCodeAt(newline - 1) === CR ? 2 : 1);
      }
    }
    if (end === -1) end = text.length;
    this.pos = Math.max(this.pos, Math.min(end + 1, text.length));
    return this.flowLevel ? 'flow' : 'doc';
  }

  private parseBlockScalarHeader(): void {
    this.blockScalarIndent = -1;
    this.blockScalarKeep = false;
    let i = this.pos;
    for (;;) {
      const ch = this.code(++i);
      if (ch === 43 /* + */) this.blockScalarKeep = true;
      else if (ch > 48 && ch <= 57) this.blockScalarIndent = ch - 48 - 1;
      else if (ch !== 45 /* - */) break;
    }
    let end = this.pos;
    for (let ch = this.code(end); !isEmpty(ch) && ch !== 35 /* # */; ch = this.code(++end));
    this.pos = end;
  }

  private parseBlockScalar(): State {
    const { text } = this;
    let newline = this.pos - 1;
    let indent = 0;
    let i = this.pos;
    for (; i < text.length; ++i) {
      const ch = text.charCodeAt(i);
      if (ch === SPACE) indent += 1;
      else if (ch === LF) {
        newline = i;
        indent = 0;
      } else if (ch === CR && text.charCodeAt(i + 1) === LF) {
        continue;
      } else break;
    }
    if (indent >= this.indentNext) {
      if (this.blockScalarIndent === -1) this.indentNext = indent;
      else {
        this.indentNext = this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
      }
      do {
        const next = this.continueScalar(newline + 1);
        if (next === -1) break;
        newline = text.indexOf('\n', next);
      } while (newline !== -1);
      if (newline === -1) newline = text.length;
    }
    // Trailing tabs indented too little are kept in the scalar, as the lexer keeps them.
    i = newline + 1;
    let ch = text.charCodeAt(i);
    while (ch === SPACE) ch = text.charCodeAt(++i);
    if (ch === TAB) {
      while (ch === TAB || ch === SPACE || ch === CR || ch === LF) ch = text.charCodeAt(++i);
      newline = i - 1;
    } else if (!this.blockScalarKeep) {
      for (;;) {
        let j = newline - 1;
        let c = text.charCodeAt(j);
        if (c === CR) c = text.charCodeAt(--j);
        const lastChar = j;
        while (c === SPACE) c = text.charCodeAt(--j);
        if (c === LF && j >= this.pos && j + 1 + indent > lastChar) newline = j;
        else break;
      }
    }
    this.pos = Math.max(this.pos, Math.min(newline + 1, text.length));
    return this.parseLineStart();
  }

  private parsePlainScalar(): State {
    const { text } = this;
    const inFlow = this.flowLevel > 0;
    let end = this.pos - 1;
    let i = this.pos - 1;
    const length = text.length;
    while (++i < length) {
      let ch = text.charCodeAt(i);
      if (ch === 58 /* : */) {
        const next = text.charCodeAt(i + 1);
        if (isEmpty(next) || (inFlow && isFlowIndicator(next))) break;
        end = i;
      } else if (ch === SPACE || ch === TAB || ch === LF || ch === CR) {
        let next = text.charCodeAt(i + 1);
        if (ch === CR) {
          if (next === LF) {
            i += 1;
            ch = LF;
            next = text.charCodeAt(i + 1);
          } else end = i;
        }
        if (next === 35 /* # */ || (inFlow && isFlowIndicator(next))) break;
        if (ch === LF) {
          const next = this.continueScalar(i + 1);
          if (next === -1) break;
          i = Math.max(i, next - 2);
        }
      } else {
        if (inFlow && isFlowIndicator(ch)) break;
        end = i;
      }
    }
    this.pos = Math.max(this.pos, end + 1);
    return inFlow ? 'flow' : 'doc';
  }

  /** Where a scalar continues on the line starting at `offset`, -1 when it does not. */
  private continueScalar(offset: number): number {
    const { text } = this;
    let ch = text.charCodeAt(offset);
    if (this.indentNext > 0) {
      let indent = 0;
      while (ch === SPACE) ch = text.charCodeAt(++indent + offset);
      if (ch === CR && text.charCodeAt(indent + offset + 1) === LF) return offset + indent + 1;
      return ch === LF || indent >= this.indentNext ? offset + indent : -1;
    }
    if (
      (ch === 45 /* - */ || ch === 46) /* . */ &&
      text.charCodeAt(offset + 1) === ch &&
      text.charCodeAt(offset + 2) === ch &&
      isEmpty(text.charCodeAt(offset + 3))
    ) {
      return -1;
    }
    return offset;
  }

  private pushIndicators(): void {
    for (;;) {
      const ch = this.code(this.pos);
      if (ch === 33 /* ! */) {
        this.pushTag();
        this.pushSpaces(true);
        continue;
      }
      if (ch === 38 /* & */) {
        this.pushUntilAnchorEnd();
        this.pushSpaces(true);
        continue;
      }
      if (ch === 45 /* - */ || ch === 63 /* ? */ || ch === 58 /* : */) {
        const inFlow = this.flowLevel > 0;
        const ch1 = this.code(this.pos + 1);
        if (isEmpty(ch1) || (inFlow && isFlowIndicator(ch1))) {
          if (!inFlow) {
            this.indentNext = this.indentValue + 1;
            if (ch === 58) this.mapValue(this.pos);
            else this.blockIndicator(this.pos, ch === 63);
          } else if (this.flowKey) this.flowKey = false;
          this.pos++;
          this.pushSpaces(true);
          continue;
        }
      }
      return;
    }
  }

  private pushTag(): void {
    const { text } = this;
    if (text.charCodeAt(this.pos + 1) === 60 /* < */) {
      let i = this.pos + 2;
      let ch = text.charCodeAt(i);
      while (!isEmpty(ch) && ch !== 62 /* > */) ch = text.charCodeAt(++i);
      this.pos = ch === 62 ? i + 1 : i;
      return;
    }
    let i = this.pos + 1;
    for (;;) {
      const ch = text[i];
      if (ch === undefined) break;
      if (TAG_CHARACTERS.has(ch)) i++;
      else if (
        ch === '%' &&
        isHexDigit(text.charCodeAt(i + 1)) &&
        isHexDigit(text.charCodeAt(i + 2))
      ) {
        i += 3;
      } else break;
    }
    this.pos = i;
  }

  private pushUntilAnchorEnd(): void {
    let i = this.pos;
    while (!endsAnchor(this.code(i))) i++;
    this.pos = i;
  }

  private pushNewline(): number {
    const ch = this.code(this.pos);
    if (ch === LF) {
      this.pos += 1;
      return 1;
    }
    if (ch === CR && this.code(this.pos + 1) === LF) {
      this.pos += 2;
      return 2;
    }
    return 0;
  }

  private pushSpaces(allowTabs: boolean): number {
    let i = this.pos;
    let ch = this.code(i);
    while (ch === SPACE || (allowTabs && ch === TAB)) ch = this.code(++i);
    const n = i - this.pos;
    this.pos = i;
    return n;
  }
}
