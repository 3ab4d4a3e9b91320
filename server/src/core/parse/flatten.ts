/**
 * A parsed file as flat data, to hand over a file parsed elsewhere: the language server
 * reads a large file that cannot be read in blocks in a worker thread, and rebuilds the
 * source tree here a slice at a time. The tree becomes three arrays (one row of numbers per
 * node, the text of every key and string value run together, and the number values), which
 * cross between threads without copying, where the tree's million small objects would take
 * as long to copy as to build.
 */
import { finish, type Steps } from '../steps';
import { LineIndex } from '../text/lineIndex';
import type { Span } from '../types';
import type { ParsedFile, SyntaxProblem } from './parse';
import { setOwn, type DuplicateKey, type SourceNode, type TreeProblem } from './sourceTree';

/** A parsed file without its text (which the receiver has) and its line index. */
export interface FlatParsedFile {
  readonly syntax: readonly SyntaxProblem[];
  readonly empty: boolean;
  readonly extraDocument: Span | undefined;
  readonly tree: FlatTree | undefined;
}

export interface FlatTree {
  /** ROW numbers per node, in pre-order: see the offsets below. */
  readonly nodes: Int32Array;
  /** Map keys and string values, in the order they are met, run together. */
  readonly strings: string;
  /** Where each of them ends in `strings`. */
  readonly stringEnds: Int32Array;
  /** Number values, in the order they are met. */
  readonly numbers: Float64Array;
  readonly duplicateKeys: readonly DuplicateKey[];
  readonly problems: readonly TreeProblem[];
}

// A node's row: flags, number of children, then span, key span and first key span as
// start and end (-1 when there is none).
const ROW = 8;
const FLAGS = 0;
const CHILDREN = 1;
const SPAN = 2;
const KEY_SPAN = 4;
const FIRST_KEY_SPAN = 6;

const MAP = 1;
const SEQUENCE = 2;
const EMPTY = 4;
const FLOAT_LITERAL = 8;
/** The node has a keySpan property (set or undefined); an empty sequence item has none. */
const KEY_SPAN_PROPERTY = 16;
// A leaf's value.
const STRING = 32;
const NUMBER = 64;
const TRUE = 128;
const FALSE = 256;

export function flattenParsed(parsed: ParsedFile): FlatParsedFile {
  return {
    syntax: parsed.syntax,
    empty: parsed.empty,
    extraDocument: parsed.extraDocument,
    tree: parsed.tree && {
      ...flattenNode(parsed.tree.root),
      duplicateKeys: parsed.tree.duplicateKeys,
      problems: parsed.tree.problems,
    },
  };
}

/** Grows by doubling, as typed arrays do not. */
class IntBuffer {
  data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

function flattenNode(
  root: SourceNode,
): Pick<FlatTree, 'nodes' | 'strings' | 'stringEnds' | 'numbers'> {
  const nodes = new IntBuffer();
  const stringEnds = new IntBuffer();
  const strings: string[] = [];
  let stringLength = 0;
  const numbers: number[] = [];
  const addString = (value: string): void => {
    strings.push(value);
    stringLength += value.length;
    stringEnds.push(stringLength);
  };
  const addSpan = (span: Span | undefined): void => {
    nodes.push(span ? span.start : -1);
    nodes.push(span ? span.end : -1);
  };
  // Pre-order, with the key of each mapping entry just before its value.
  const stack: (SourceNode | string)[] = [root];
  while (stack.length > 0) {
    const item = stack.pop() as SourceNode | string;
    if (typeof item === 'string') {
      addString(item);
      continue;
    }
    let flags = 0;
    if (item.entries) flags |= MAP;
    else if (item.items) flags |= SEQUENCE;
    if (item.empty) flags |= EMPTY;
    if (item.floatLiteral) flags |= FLOAT_LITERAL;
    if ('keySpan' in item) flags |= KEY_SPAN_PROPERTY;
    const { value } = item;
    if (!item.entries && !item.items) {
      if (typeof value === 'string') {
        flags |= STRING;
        addString(value);
      } else if (typeof value === 'number') {
        flags |= NUMBER;
        numbers.push(value);
      } else if (value === true) flags |= TRUE;
      else if (value === false) flags |= FALSE;
    }
    nodes.push(flags);
    nodes.push(item.entries?.size ?? item.items?.length ?? 0);
    addSpan(item.span);
    addSpan(item.keySpan);
    addSpan(item.firstKeySpan);
    if (item.entries) {
      const children = [...item.entries];
      for (let i = children.length - 1; i >= 0; i--) {
        const [key, child] = children[i] as [string, SourceNode];
        stack.push(child, key);
      }
    } else if (item.items) {
      for (let i = item.items.length - 1; i >= 0; i--) stack.push(item.items[i] as SourceNode);
    }
  }
  return {
    nodes: nodes.done(),
    strings: strings.join(''),
    stringEnds: stringEnds.done(),
    numbers: Float64Array.from(numbers),
  };
}

/** How many nodes are rebuilt between two pauses. */
const NODES_PER_STEP = 20_000;

/** The parsed file of `text` back from its flat form, in steps (see ../steps). */
export function* unflattenParsed(input: string, flat: FlatParsedFile): Steps<ParsedFile> {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const lines = new LineIndex(text);
  yield 'read';
  const { syntax, empty, extraDocument } = flat;
  if (!flat.tree) return { text, lines, syntax, tree: undefined, empty, extraDocument };
  const root = yield* unflattenTree(flat.tree);
  const tree = { root, duplicateKeys: flat.tree.duplicateKeys, problems: flat.tree.problems };
  return { text, lines, syntax, tree, empty, extraDocument };
}

/** The same at once. */
export function unflattenParsedNow(input: string, flat: FlatParsedFile): ParsedFile {
  return finish(unflattenParsed(input, flat));
}

interface Open {
  readonly node: Omit<SourceNode, 'value'> & { value: unknown };
  remaining: number;
  /** The key the next child goes under, in a mapping. */
  key: string;
}

function* unflattenTree(flat: FlatTree): Steps<SourceNode> {
  const { nodes, strings, stringEnds, numbers } = flat;
  let stringAt = 0;
  let numberAt = 0;
  const nextString = (): string => {
    const start = stringAt === 0 ? 0 : (stringEnds[stringAt - 1] as number);
    return strings.slice(start, stringEnds[stringAt++]);
  };
  const span = (at: number): Span | undefined => {
    const start = nodes[at] as number;
    return start < 0 ? undefined : { start, end: nodes[at + 1] as number };
  };
  const open: Open[] = [];
  let root: SourceNode | undefined;
  /** Puts a finished node in its parent (which may then be finished too). */
  const attach = (done: SourceNode): void => {
    let child = done;
    for (;;) {
      const parent = open[open.length - 1];
      if (!parent) {
        root = child;
        return;
      }
      const node = parent.node;
      if (node.entries) {
        (node.entries as Map<string, SourceNode>).set(parent.key, child);
        setOwn(node.value as Record<string, unknown>, parent.key, child.value);
      } else {
        (node.items as SourceNode[]).push(child);
        (node.value as unknown[]).push(child.value);
      }
      if (--parent.remaining > 0) return;
      open.pop();
      child = node;
    }
  };
  for (let at = 0, count = 0; at < nodes.length; at += ROW, count++) {
    if (count % NODES_PER_STEP === NODES_PER_STEP - 1) yield 'read';
    const parent = open[open.length - 1];
    if (parent?.node.entries) parent.key = nextString();
    const flags = nodes[at + FLAGS] as number;
    const children = nodes[at + CHILDREN] as number;
    const node: Open['node'] = {
      value: null,
      span: span(at + SPAN) as Span,
      ...(flags & KEY_SPAN_PROPERTY ? { keySpan: span(at + KEY_SPAN) } : {}),
      empty: (flags & EMPTY) !== 0,
    };
    if (flags & MAP) {
      node.value = {};
      Object.assign(node, {
        entries: new Map<string, SourceNode>(),
        firstKeySpan: span(at + FIRST_KEY_SPAN),
      });
    } else if (flags & SEQUENCE) {
      node.value = [];
      Object.assign(node, { items: [] });
    } else if (flags & STRING) node.value = nextString();
    else if (flags & NUMBER) node.value = numbers[numberAt++];
    else if (flags & TRUE) node.value = true;
    else if (flags & FALSE) node.value = false;
    if (flags & FLOAT_LITERAL) Object.assign(node, { floatLiteral: true });
    if ((flags & (MAP | SEQUENCE)) !== 0 && children > 0) {
      open.push({ node, remaining: children, key: '' });
    } else {
      attach(node);
    }
  }
  return root as SourceNode;
}
