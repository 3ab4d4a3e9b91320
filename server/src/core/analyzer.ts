// Checking successive versions of a document fast: only the steps and references an edit
// touched are parsed again, with the same findings as checking the whole text.
import type { ErrorObject } from 'ajv';
import { isMap, isPair, isScalar, parseDocument, type Pair } from 'yaml';
import {
  analyzeParsedSteps,
  analyzeTooLarge,
  analyzeWholeSteps,
  type Analysis,
  type AnalysisContext,
} from './analysis';
import { maxFileSizeOf, utf8Size, type CheckOptions } from './options';
import { resplitBlocks, splitBlocks, type Block, type BlockRole } from './parse/blocks';
import { tooDeepAt } from './parse/nesting';
import { YAML_OPTIONS, type ParsedFile } from './parse/parse';
import { commentStarts, directiveMentions, directiveMentionsAfterEdit } from './suppression';
import { setOwn, SourceTreeBuilder, type DuplicateKey, type SourceNode } from './parse/sourceTree';
import {
  entryPointer,
  validateAgainstSchema,
  validateEntry,
  validateInParts,
} from './schema/schema';
import { finish, type Steps } from './steps';
import { LineIndex } from './text/lineIndex';
import type { Span, TextEdit } from './types';

/** One block, read: its key and value with their spans in the file. */
interface ReadBlock {
  readonly role: BlockRole;
  readonly start: number;
  readonly end: number;
  readonly key: string;
  readonly keySpan: Span;
  /** Absent for a header: its value is put together from the entries below it. */
  readonly node: SourceNode | undefined;
  readonly duplicateKeys: readonly DuplicateKey[];
  /** The yaml range of the block's one-entry mapping: start, value end, end with comments. */
  readonly range: readonly [number, number, number];
  /** Schema errors of an entry, once asked for; shared by the block's moved copies. */
  readonly checked: { errors?: readonly ErrorObject[] };
  /**
   * Where comments mentioning suppression directives start, from the block's start, once
   * asked for (see commentStarts); shared by the block's moved copies.
   */
  readonly comments: { starts?: readonly number[] };
  /** Every span in the block's tree, each once: moved in place when the block moves. */
  readonly spans: Span[];
  /**
   * Read with the entries after it: `range[2]` (where trailing comments end) is then not
   * known, and the block must be read again if it becomes the last of its section.
   */
  readonly readWithNext?: boolean;
}

/** How many entries are parsed together when many are new (a file just opened). */
const GROUP = 64;

const BOM = '\uFEFF';

/** Reads one block on its own; undefined when it cannot be shown to read as in the file. */
function readBlock(text: string, block: Block): ReadBlock | undefined {
  const base = block.start;
  if (block.role === 'header') {
    const keySpan = { start: base, end: base + block.name.length };
    return {
      role: block.role,
      start: block.start,
      end: block.end,
      key: block.name,
      keySpan,
      node: undefined,
      duplicateKeys: [],
      range: [base, base, base],
      checked: {},
      comments: {},
      spans: [keySpan],
    };
  }
  const source = text.slice(block.start, block.end);
  // Nested too deep for the parser: the whole reading measures it again and says where.
  if (tooDeepAt(source, block.role === 'section' ? 0 : 1) !== undefined) return undefined;
  const doc = parseDocument(source, YAML_OPTIONS);
  if (doc.errors.length > 0) return undefined;
  const map = doc.contents;
  if (!isMap(map) || map.items.length !== 1 || !map.range) return undefined;
  const pair = map.items[0];
  if (!isPair(pair) || !isScalar(pair.key) || pair.key.range?.[0] !== block.indent) {
    return undefined;
  }
  const builder = new SourceTreeBuilder(doc, source, base);
  const [start, valueEnd, end] = map.range;
  const read = readEntry(builder, block, pair, block.role === 'section' ? [] : [block.name], {
    own: [start + base, valueEnd + base],
    range: [start + base, valueEnd + base, end + base],
    readWithNext: false,
  });
  if (builder.usesAnchors || builder.problems.length > 0) return undefined;
  return read;
}

/**
 * One entry of a parsed block as a read block: its key and tree as `builder` reads them,
 * the key repeats found inside it, and every span made for it listed (to move them).
 */
function readEntry(
  builder: SourceTreeBuilder,
  block: Block,
  pair: Pair,
  path: readonly string[],
  where: Pick<ReadBlock, 'range' | 'readWithNext'> & {
    /** Where the entry's mapping runs: its start and the end of its value. */
    readonly own: readonly [number, number];
  },
): ReadBlock {
  const spans: Span[] = [];
  builder.collectSpans(spans);
  const known = builder.duplicateKeys.length;
  const entry = builder.entry(pair, path, builder.span(...where.own), undefined);
  const node = entry.child();
  return {
    role: block.role,
    start: block.start,
    end: block.end,
    key: entry.key,
    keySpan: entry.keySpan,
    node,
    duplicateKeys: builder.duplicateKeys.slice(known),
    range: where.range,
    checked: {},
    comments: {},
    spans,
    readWithNext: where.readWithNext,
  };
}

/**
 * Reads consecutive entries of one section (none the last of it) with one parse: the same
 * reading as one by one, with the parser's fixed cost paid once per group. Undefined when
 * the group cannot be shown to read as its entries would alone.
 */
function readGroup(text: string, group: readonly Block[]): ReadBlock[] | undefined {
  const first = group[0] as Block;
  const last = group[group.length - 1] as Block;
  const base = first.start;
  const source = text.slice(base, last.end);
  if (tooDeepAt(source, 1) !== undefined) return undefined;
  const doc = parseDocument(source, YAML_OPTIONS);
  if (doc.errors.length > 0) return undefined;
  const map = doc.contents;
  if (!isMap(map) || map.items.length !== group.length || !map.range) return undefined;
  const builder = new SourceTreeBuilder(doc, source, base);
  const read: ReadBlock[] = [];
  for (const [i, block] of group.entries()) {
    const pair = map.items[i];
    if (!isPair(pair) || !isScalar(pair.key)) return undefined;
    if (pair.key.range?.[0] !== block.start - base + block.indent) return undefined;
    const valueRange = (pair.value as { range?: [number, number, number] } | null)?.range;
    if (!valueRange) return undefined;
    read.push(
      readEntry(builder, block, pair, [block.name], {
        own: [block.start, valueRange[2] + base],
        range: [block.start + block.indent, valueRange[2] + base, NaN],
        readWithNext: true,
      }),
    );
  }
  if (builder.usesAnchors || builder.problems.length > 0) return undefined;
  return read;
}

/**
 * The block moved by `by` characters (text inserted or removed above it). Its tree is kept
 * and its spans are moved where they are: a tree with tens of thousands of nodes after an
 * edit near the top is not copied. So the spans of the analysis of the version before
 * move too (see IncrementalAnalyzer).
 */
function shiftBlock(block: ReadBlock, by: number): ReadBlock {
  if (by === 0) return block;
  for (const span of block.spans as { start: number; end: number }[]) {
    span.start += by;
    span.end += by;
  }
  return {
    ...block,
    start: block.start + by,
    end: block.end + by,
    range: [block.range[0] + by, block.range[1] + by, block.range[2] + by],
  };
}

/** Length of the common start of two strings, compared a chunk at a time. */
function commonPrefix(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  const CHUNK = 4096;
  let i = 0;
  while (i + CHUNK <= limit && a.slice(i, i + CHUNK) === b.slice(i, i + CHUNK)) i += CHUNK;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common end of two strings, not reaching into the first `floor` characters. */
function commonSuffix(a: string, b: string, floor: number): number {
  const limit = Math.min(a.length, b.length) - floor;
  const CHUNK = 4096;
  let n = 0;
  while (
    n + CHUNK <= limit &&
    a.slice(a.length - n - CHUNK, a.length - n) === b.slice(b.length - n - CHUNK, b.length - n)
  ) {
    n += CHUNK;
  }
  while (n < limit && a.charCodeAt(a.length - n - 1) === b.charCodeAt(b.length - n - 1)) n++;
  return n;
}

/** The edit that turned one text into another: what they share at the start and the end. */
function editBetween(before: string, after: string): TextEdit {
  const prefix = commonPrefix(before, after);
  const suffix = commonSuffix(before, after, prefix);
  return { prefix, suffixStart: after.length - suffix, moved: after.length - before.length };
}

/**
 * The UTF-8 size of a text when it may be above `limit` (undefined when it cannot be),
 * from the size of the version before when known: only the edited part is counted, with
 * one character more on each side so that a surrogate pair the edit made or broke counts
 * as it does in the whole text.
 */
function utf8SizeFor(
  text: string,
  limit: number,
  before: Version | undefined,
  edit: TextEdit | undefined,
): number | undefined {
  if (text.length * 3 <= limit) return undefined;
  if (before?.size === undefined || !edit) return utf8Size(text);
  const from = Math.max(0, edit.prefix - 1);
  const removed = before.input.slice(from, edit.suffixStart - edit.moved + 1);
  const added = text.slice(from, edit.suffixStart + 1);
  return before.size - utf8Size(removed) + utf8Size(added);
}

/** One version of the document as read in blocks, kept to read the next one. */
interface Version {
  /** The text as given (with its byte order mark, if any). */
  readonly input: string;
  /** Its UTF-8 size, when it was counted. */
  readonly size: number | undefined;
  readonly layout: readonly Block[];
  readonly blocks: readonly ReadBlock[];
  readonly lines: LineIndex;
  /** Where the text (without its byte order mark) mentions suppression directives. */
  readonly mentions: readonly number[];
}

/** A section's value with everything below it, as one whole-file reading builds it. */
interface Section {
  readonly key: string;
  readonly keySpan: Span;
  readonly node: SourceNode;
  readonly duplicateKeys: DuplicateKey[];
  /** The entries kept (first of each key), for validating them one by one. */
  readonly entries: Map<string, ReadBlock> | undefined;
  /** Where the root mapping ends when this section is the last. */
  readonly rootEnd: number;
  readonly start: number;
}

function sectionOf(header: ReadBlock, entries: readonly ReadBlock[]): Section {
  const first = entries[0] as ReadBlock;
  const last = entries[entries.length - 1] as ReadBlock;
  const value: Record<string, unknown> = {};
  const kept = new Map<string, ReadBlock>();
  const children = new Map<string, SourceNode>();
  const duplicateKeys: DuplicateKey[] = [];
  for (const entry of entries) {
    if (kept.has(entry.key)) {
      duplicateKeys.push({ key: entry.key, span: entry.keySpan, path: [header.key] });
      continue;
    }
    const node = entry.node as SourceNode;
    kept.set(entry.key, entry);
    children.set(entry.key, node);
    setOwn(value, entry.key, node.value);
    for (const duplicate of entry.duplicateKeys) duplicateKeys.push(duplicate);
  }
  return {
    key: header.key,
    keySpan: header.keySpan,
    node: {
      value,
      span: { start: first.range[0], end: last.range[1] },
      keySpan: header.keySpan,
      empty: false,
      entries: children,
      firstKeySpan: first.keySpan,
    },
    duplicateKeys,
    entries: kept,
    rootEnd: last.range[2],
    start: header.start,
  };
}

/**
 * Checks successive versions of one document, re-reading only the blocks an edit touched:
 * the text is split into top-level entries, steps and references (see splitBlocks); each
 * block is parsed on its own and kept with its schema errors; blocks before an edit are
 * reused as they are and blocks after it moved by the edit's length; the model, the graph
 * and every rule are then run over the whole. Whatever cannot be shown to read the same in
 * pieces as whole (see splitBlocks and readBlock) is checked whole with `analyze`, and the
 * findings are always those `analyze` gives for the same text.
 *
 * An analysis it returns describes the latest text: the trees of unchanged blocks are
 * shared with the next version, and their spans move when it is read. Take what is needed
 * from an analysis (ranges, lines) before handing the analyzer the next version.
 */
export class IncrementalAnalyzer {
  private previous: Version | undefined;
  /** How the last text was checked, for tests and measurements. */
  lastMode: 'incremental' | 'whole' = 'whole';
  /** Blocks parsed for the last text (the rest were reused). */
  lastParsed = 0;

  analyze(input: string, options: CheckOptions = {}, context: AnalysisContext = {}): Analysis {
    return finish(this.steps(input, options, context));
  }

  /**
   * `analyze` in steps (see ./steps): a group of entries read, the model, one rule... A
   * caller may stop between steps. Stopped while reading, the next text is read from
   * scratch; stopped while checking, what was read is kept and the next text is read
   * incrementally from it.
   */
  *steps(
    input: string,
    options: CheckOptions = {},
    context: AnalysisContext = {},
  ): Steps<Analysis> {
    const before = this.previous;
    this.previous = undefined;
    const edit = before && editBetween(before.input, input);
    const limit = maxFileSizeOf(options);
    const size = utf8SizeFor(input, limit, before, edit);
    if (size !== undefined && size > limit) {
      this.lastMode = 'whole';
      return analyzeTooLarge(size, options, input);
    }
    let analysis: Analysis | undefined;
    try {
      analysis = yield* this.inPieces(input, size, before, edit, options, context);
    } catch {
      // Read it whole below: that reading reports its own failures as findings.
      this.previous = undefined;
      analysis = undefined;
    }
    if (analysis) {
      this.lastMode = 'incremental';
      return analysis;
    }
    this.lastMode = 'whole';
    return yield* analyzeWholeSteps(input, options, context);
  }

  private *inPieces(
    input: string,
    size: number | undefined,
    previous: Version | undefined,
    inputEdit: TextEdit | undefined,
    options: CheckOptions,
    context: AnalysisContext,
  ): Steps<Analysis | undefined> {
    const bom = input.startsWith(BOM) ? 1 : 0;
    const text = bom ? input.slice(1) : input;
    // The edit in the text without its byte order mark; none when the mark came or went.
    const edit =
      previous && inputEdit && previous.input.startsWith(BOM) === (bom === 1)
        ? { ...inputEdit, prefix: inputEdit.prefix - bom, suffixStart: inputEdit.suffixStart - bom }
        : undefined;
    const layout =
      previous && edit ? resplitBlocks(previous.layout, text, edit) : splitBlocks(text);
    if (!layout) return undefined;
    // Each pass over a whole text just opened is a step of its own.
    if (!previous) yield 'read';

    const old = previous?.blocks ?? [];
    let oldAt = 0;
    /** The previous version's block that started at `start` (asked in increasing order). */
    const oldBlockAt = (start: number): ReadBlock | undefined => {
      while (oldAt < old.length && (old[oldAt] as ReadBlock).start < start) oldAt++;
      const block = old[oldAt];
      return block?.start === start ? block : undefined;
    };
    let prefix = 0;
    let suffixStart = text.length;
    let moved = 0;
    let lines: LineIndex | undefined;
    if (previous && edit) {
      ({ prefix, suffixStart, moved } = edit);
      lines = LineIndex.edited(previous.lines, text, prefix, suffixStart);
    }
    if (!lines) {
      lines = new LineIndex(text);
      yield 'read';
    }
    const mentions =
      previous && edit
        ? directiveMentionsAfterEdit(previous.mentions, text, edit)
        : directiveMentions(text);
    const blocks: ReadBlock[] = [];
    let parsedCount = 0;
    /** The block at `at` is the last of its section's entries. */
    const isLastEntry = (at: number): boolean => layout[at + 1]?.role !== layout[at]?.role;
    /** The block at `at` lies where the text did not change (it may be reused). */
    const unchanged = (at: number): boolean => {
      const block = layout[at] as Block;
      return edit !== undefined && (block.end <= prefix || block.start >= suffixStart);
    };
    let pending: ReadBlock[] = [];
    let groupedUpTo = -1;
    for (const [at, block] of layout.entries()) {
      let read: ReadBlock | undefined;
      if (at <= groupedUpTo) {
        read = pending.shift();
      } else {
        if (block.end <= prefix) {
          const kept = oldBlockAt(block.start);
          if (kept && kept.end === block.end && kept.role === block.role) read = kept;
        } else if (block.start >= suffixStart) {
          const kept = oldBlockAt(block.start - moved);
          if (kept && kept.end === block.end - moved && kept.role === block.role) {
            read = shiftBlock(kept, moved);
          }
        }
        if (read?.readWithNext && isLastEntry(at)) read = undefined;
        const isEntry = block.role === 'steps' || block.role === 'references';
        if (!read && isEntry && !isLastEntry(at)) {
          // A run of new entries (a file just opened): read them together, the section's
          // last entry excepted (where its trailing comments end matters).
          let end = at;
          while (end + 1 - at < GROUP && !isLastEntry(end + 1) && !unchanged(end + 1)) end++;
          if (end > at) {
            const group = readGroup(text, layout.slice(at, end + 1));
            if (group) {
              read = group[0];
              pending = group.slice(1);
              groupedUpTo = end;
              parsedCount += group.length;
              yield 'read';
            }
          }
        }
      }
      if (!read) {
        read = readBlock(text, block);
        if (!read) return undefined;
        parsedCount++;
        yield 'read';
      }
      blocks.push(read);
    }
    this.previous = { input, size, layout, blocks, lines, mentions };
    this.lastParsed = parsedCount;
    return yield* this.check(text, lines, blocks, mentions, options, context);
  }

  private *check(
    text: string,
    lines: LineIndex,
    blocks: readonly ReadBlock[],
    mentions: readonly number[],
    options: CheckOptions,
    context: AnalysisContext,
  ): Steps<Analysis> {
    const sections: Section[] = [];
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i] as ReadBlock;
      if (block.role === 'header') {
        const entries: ReadBlock[] = [];
        while (i + 1 < blocks.length && (blocks[i + 1] as ReadBlock).role !== 'header') {
          const next = blocks[i + 1] as ReadBlock;
          if (next.role === 'section') break;
          entries.push(next);
          i++;
        }
        sections.push(sectionOf(block, entries));
      } else {
        const node = block.node as SourceNode;
        sections.push({
          key: block.key,
          keySpan: block.keySpan,
          node,
          duplicateKeys: [...block.duplicateKeys],
          entries: undefined,
          rootEnd: block.range[1],
          start: block.start,
        });
      }
    }

    const value: Record<string, unknown> = {};
    const entries = new Map<string, SourceNode>();
    const kept = new Map<string, Section>();
    const duplicateKeys: DuplicateKey[] = [];
    for (const section of sections) {
      if (kept.has(section.key)) {
        duplicateKeys.push({ key: section.key, span: section.keySpan, path: [] });
        continue;
      }
      kept.set(section.key, section);
      entries.set(section.key, section.node);
      setOwn(value, section.key, section.node.value);
      for (const duplicate of section.duplicateKeys) duplicateKeys.push(duplicate);
    }
    const first = sections[0] as Section;
    const last = sections[sections.length - 1] as Section;
    const root: SourceNode = {
      value,
      span: { start: first.start, end: last.rootEnd },
      empty: false,
      entries,
      firstKeySpan: first.keySpan,
    };
    const parsed: ParsedFile = {
      text,
      lines,
      syntax: [],
      tree: { root, duplicateKeys, problems: [] },
      empty: false,
      extraDocument: undefined,
    };
    yield 'check';
    if (options.rules?.schema !== 'off') yield* checkEntries(kept);
    return yield* analyzeParsedSteps(
      parsed,
      options,
      {
        schemaErrors: () => schemaErrors(root, kept),
        directiveMentions: mentions,
        isComment: (offset) => isCommentIn(text, blocks, offset),
      },
      context,
    );
  }
}

/** How many entries are validated between two pauses when many are new. */
const VALIDATED_PER_STEP = 256;

/**
 * Validates the entries not validated yet (a file just opened) a few at a time, so that
 * the schema rule then finds their errors ready (see schemaErrors).
 */
function* checkEntries(sections: ReadonlyMap<string, Section>): Steps<void> {
  let validated = 0;
  for (const name of ['steps', 'references'] as const) {
    for (const [key, entry] of sections.get(name)?.entries ?? []) {
      if (entry.checked.errors) continue;
      entryErrors(name, key, entry);
      if (++validated % VALIDATED_PER_STEP === 0) yield 'check';
    }
  }
}

/** An entry's schema errors, kept with it (the moved copies of a block share them). */
function entryErrors(
  name: 'steps' | 'references',
  key: string,
  entry: ReadBlock,
): readonly ErrorObject[] {
  entry.checked.errors ??= validateEntry(name, entry.node?.value).map((error) => ({
    ...error,
    instancePath: entryPointer(name, key) + error.instancePath,
  }));
  return entry.checked.errors;
}

/**
 * Whether a `#` at `offset` starts a comment, from a lexer's reading of the one block that
 * holds it: a block reads the same alone as in the file, and is small, so a directive costs
 * little to confirm however large the file is. What comes before the first block is blank
 * and comment lines only (see splitBlocks).
 */
function isCommentIn(text: string, blocks: readonly ReadBlock[], offset: number): boolean {
  let low = -1;
  let high = blocks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((blocks[mid] as ReadBlock).start <= offset) low = mid;
    else high = mid - 1;
  }
  const block = blocks[low];
  if (!block) return true;
  block.comments.starts ??= commentStarts(text.slice(block.start, block.end));
  return block.comments.starts.includes(offset - block.start);
}

/** The validator's errors for the whole, from the top level and each entry's kept errors. */
function schemaErrors(root: SourceNode, sections: ReadonlyMap<string, Section>): ErrorObject[] {
  const whole = (['steps', 'references'] as const).some((name) => {
    const section = sections.get(name);
    const data = section?.node.value;
    // A section read whole whose value is a mapping: its entries were not read one by one.
    return (
      section !== undefined &&
      section.entries === undefined &&
      typeof data === 'object' &&
      data !== null &&
      !Array.isArray(data)
    );
  });
  if (whole) return validateAgainstSchema(root.value);
  return validateInParts(root.value, (name) => {
    const section = sections.get(name);
    if (!section?.entries) return [];
    const errors: ErrorObject[] = [];
    // The validator visits an object's keys in JavaScript's order (integer-like keys first).
    for (const key of Object.keys(section.node.value as object)) {
      const entry = section.entries.get(key);
      if (!entry) continue;
      for (const error of entryErrors(name, key, entry)) errors.push(error);
    }
    return errors;
  });
}

/**
 * Parses and checks a pathway text. Never throws: a failure becomes an internal-error
 * finding. Read in blocks when the text allows (see IncrementalAnalyzer): each block's parse
 * is garbage at once, where one whole parse keeps the whole file's syntax tree alive while
 * the source tree is built beside it.
 */
export function analyze(
  text: string,
  options: CheckOptions = {},
  context: AnalysisContext = {},
): Analysis {
  return new IncrementalAnalyzer().analyze(text, options, context);
}
