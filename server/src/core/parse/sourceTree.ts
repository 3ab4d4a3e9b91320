// The YAML read as a tree that knows where each value was written, so that every finding
// points at its text; keys written twice and nesting too deep are noted as it is built.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import { DEFAULT_MAX_FILE_SIZE, formatSize } from '../options';
import type { Span } from '../types';

/**
 * A YAML value together with where it was written. The plain `value` is what the schema
 * validator sees; `entries` and `items` lead back from any JSON path to the text.
 */
export interface SourceNode {
  readonly value: unknown;
  /** The value as written; for a key with nothing after its colon, the key. */
  readonly span: Span;
  /** The key this value sits under, when it is a mapping value. */
  readonly keySpan?: Span;
  /** A key with no value written after it (`title:`). */
  readonly empty: boolean;
  /** Mapping entries in file order; for a repeated key only the first is kept. */
  readonly entries?: ReadonlyMap<string, SourceNode>;
  readonly items?: readonly SourceNode[];
  /** The first key written in a mapping (repeats included). */
  readonly firstKeySpan?: Span;
  /** A number written with a fraction or exponent (`1.0`), where a whole number may be due. */
  readonly floatLiteral?: boolean;
}

/** A key written a second time in one mapping. */
export interface DuplicateKey {
  readonly key: string;
  readonly span: Span;
  /** JSON path of the mapping that holds the key. */
  readonly path: readonly (string | number)[];
}

export interface TreeProblem {
  readonly message: string;
  readonly span: Span;
}

export interface SourceTree {
  readonly root: SourceNode;
  readonly duplicateKeys: readonly DuplicateKey[];
  /** YAML-level problems found while resolving the document (aliases). */
  readonly problems: readonly TreeProblem[];
}

/** More alias expansion than any real pathway needs: protects against "billion laughs". */
export const MAX_ALIAS_EXPANSION = 10_000;

/**
 * The most text aliases may repeat, in characters, unless the reader says otherwise: the
 * file-size limit. A few aliases of one long value would otherwise fill the model, the
 * flowchart and the report with hundreds of megabytes the file does not hold.
 */
export const DEFAULT_ALIAS_TEXT = DEFAULT_MAX_FILE_SIZE;

/**
 * Deeper nesting than any pathway needs (a branch's `when` sits 5 levels down). Reading
 * stops there, so that nothing recursive over the tree can exhaust the stack.
 */
export const MAX_NESTING_DEPTH = 100;

/** Words for a file nested past the limit, shared with the parser's own stack guard. */
export const TOO_DEEP_MESSAGE = `Values here are nested more than ${MAX_NESTING_DEPTH} levels deep; a pathway needs only a few levels (a branch's "when" is 5 levels down). Is a bracket or an indentation wrong, or was something pasted in by mistake?`;

/**
 * What each alias refers to: the last node before it (in document order) with its anchor,
 * as YAML defines it. Found in one pass over the document: yaml's own Alias.resolve walks
 * the whole document for every alias, which many aliases make quadratic.
 */
function aliasTargets(doc: Document): Map<Node, Node | undefined> {
  const targets = new Map<Node, Node | undefined>();
  const lastAnchored = new Map<string, Node>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const item = stack.pop();
    if (isPair(item)) {
      stack.push(item.value, item.key);
      continue;
    }
    if (!item || typeof item !== 'object') continue;
    const node = item as Node;
    if (isAlias(node)) {
      targets.set(node, lastAnchored.get(node.source));
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) lastAnchored.set(anchor, node);
    if (isMap(node) || isSeq(node)) {
      const children = node.items as unknown[];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  return targets;
}

/** Defines an own property even for keys such as `__proto__`. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  // Assignment makes the same own property for every key but `__proto__`, and faster.
  if (key !== '__proto__') {
    target[key] = value;
    return;
  }
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Tags are data: whatever a tag asked for, a scalar stays a plain JSON value. */
function plainScalar(raw: unknown): string | number | boolean | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'bigint') return Number(raw);
  return JSON.stringify(raw) ?? null;
}

/**
 * Turns yaml nodes into SourceNodes. `text` is the text the document was parsed from and
 * `base` its offset in the file, so that a block parsed on its own gets the spans it would
 * have in the whole file.
 */
export class SourceTreeBuilder {
  readonly duplicateKeys: DuplicateKey[] = [];
  readonly problems: TreeProblem[] = [];
  /** An anchor or an alias was met: its meaning may reach beyond the text parsed. */
  usesAnchors = false;
  private readonly inProgress = new Set<Node>();
  private aliasBudget = MAX_ALIAS_EXPANSION;
  private budgetReported = false;
  /** Characters aliases may still repeat (keys and scalar values). */
  private aliasText: number;
  private textReported = false;
  private depthReported = false;
  private targets: Map<Node, Node | undefined> | undefined;
  /**
   * Every span made, when asked for (see `collectSpans`): a reader that keeps the tree
   * across edits moves them all when text is inserted or removed above.
   */
  private spans: Span[] | undefined;

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly base = 0,
    private readonly aliasTextLimit = DEFAULT_ALIAS_TEXT,
  ) {
    this.aliasText = aliasTextLimit;
  }

  /**
   * Counts `length` characters repeated by the alias at `alias`; false (and one problem,
   * at the alias that goes over) once aliases have repeated more than the limit.
   */
  private spendAliasText(length: number, alias: Span): boolean {
    this.aliasText -= length;
    if (this.aliasText >= 0) return true;
    if (!this.textReported) {
      this.textReported = true;
      this.problems.push({
        message: `Aliases here repeat more than ${formatSize(this.aliasTextLimit)} of text, more than a whole pathway file may hold; write the values out instead.`,
        span: alias,
      });
    }
    return false;
  }

  /** From now on, the spans made are also put in `into`. */
  collectSpans(into: Span[]): void {
    this.spans = into;
  }

  span(start: number, end: number): Span {
    const span = { start, end };
    this.spans?.push(span);
    return span;
  }

  private spanOf(node: Node | null | undefined, fallback: Span): Span {
    const range = node?.range;
    return range ? this.span(range[0] + this.base, range[1] + this.base) : fallback;
  }

  /** A sequence item with nothing written: point at its `-` rather than at nothing. */
  private emptyItemSpan(offset: number): Span {
    const text = this.text;
    let i = offset - this.base - 1;
    while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
    return text[i] === '-'
      ? this.span(i + this.base, i + this.base + 1)
      : this.span(offset, offset);
  }

  private keyText(key: unknown): string {
    if (key === null || key === undefined) return '';
    if (isScalar(key)) return plainScalar(key.value) === null ? '' : String(plainScalar(key.value));
    // A complex key (a list or mapping used as a key) is named by its text.
    const range = (key as Node).range;
    return range ? this.text.slice(range[0], range[1]) : '';
  }

  /** One entry of a mapping: its key, where the key is written, and its value. */
  entry(
    pair: Pair,
    path: readonly (string | number)[],
    own: Span,
    override: Span | undefined,
  ): { key: string; keySpan: Span; child: () => SourceNode } {
    const keyNode = pair.key as Node | null;
    if (keyNode && (isAlias(keyNode) || (keyNode as { anchor?: string }).anchor)) {
      this.usesAnchors = true;
    }
    const key = this.keyText(pair.key);
    const keySpan = override ?? this.spanOf(keyNode, this.spanOf(pair.value as Node | null, own));
    return {
      key,
      keySpan,
      child: () =>
        this.convert(
          pair.value as Node | null,
          [...path, key],
          this.span(keySpan.end, keySpan.end),
          keySpan,
          override,
        ),
    };
  }

  /**
   * `override` is set inside an alias: every span of the expanded value points at the
   * alias, where the author can see and fix the use.
   */
  convert(
    node: Node | null | undefined,
    path: (string | number)[],
    fallback: Span,
    keySpan: Span | undefined,
    override: Span | undefined,
  ): SourceNode {
    if (path.length >= MAX_NESTING_DEPTH) {
      if (!this.depthReported) {
        this.depthReported = true;
        const at = override ?? this.spanOf(node, fallback);
        this.problems.push({ message: TOO_DEEP_MESSAGE, span: { start: at.start, end: at.start } });
      }
      return { value: null, span: override ?? fallback, keySpan, empty: false };
    }
    if (override && --this.aliasBudget < 0) {
      if (!this.budgetReported) {
        this.budgetReported = true;
        this.problems.push({
          message: `Aliases here expand to more than ${MAX_ALIAS_EXPANSION} values; write the values out instead.`,
          span: override,
        });
      }
      return { value: null, span: override, keySpan, empty: false };
    }

    if (node === null || node === undefined) {
      return { value: null, span: keySpan ?? fallback, keySpan, empty: true };
    }

    if (isAlias(node)) {
      this.usesAnchors = true;
      const aliasSpan = override ?? this.spanOf(node, fallback);
      this.targets ??= aliasTargets(this.doc);
      const target = this.targets.get(node);
      if (!target) {
        this.problems.push({
          message: `The alias *${node.source} refers to no anchor: define &${node.source} before using it.`,
          span: aliasSpan,
        });
        return { value: null, span: aliasSpan, keySpan, empty: false };
      }
      if (this.inProgress.has(target)) {
        this.problems.push({
          message: `The alias *${node.source} refers to the value that contains it.`,
          span: aliasSpan,
        });
        return { value: null, span: aliasSpan, keySpan, empty: false };
      }
      return this.convert(target, path, fallback, keySpan, aliasSpan);
    }
    if ((node as { anchor?: string }).anchor) this.usesAnchors = true;

    const own = override ?? this.spanOf(node, fallback);
    this.inProgress.add(node);
    try {
      if (isMap(node)) {
        const value: Record<string, unknown> = {};
        const entries = new Map<string, SourceNode>();
        let firstKeySpan: Span | undefined;
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const {
            key,
            keySpan: pairKeySpan,
            child: convertChild,
          } = this.entry(pair, path, own, override);
          firstKeySpan ??= pairKeySpan;
          if (override && !this.spendAliasText(key.length, override)) break;
          if (entries.has(key)) {
            if (!override) this.duplicateKeys.push({ key, span: pairKeySpan, path: [...path] });
            continue;
          }
          const child = convertChild();
          entries.set(key, child);
          setOwn(value, key, child.value);
        }
        return { value, span: own, keySpan, empty: false, entries, firstKeySpan };
      }

      if (isSeq(node)) {
        const items: SourceNode[] = [];
        node.items.forEach((item, index) => {
          const itemNode = item as Node | null;
          const isBlank =
            itemNode === null ||
            (isScalar(itemNode) &&
              itemNode.value === null &&
              itemNode.range !== undefined &&
              itemNode.range !== null &&
              itemNode.range[0] === itemNode.range[1]);
          if (isBlank && itemNode && (itemNode as { anchor?: string }).anchor) {
            this.usesAnchors = true;
          }
          const at = this.spanOf(itemNode, own);
          const itemSpan = override ?? (isBlank ? this.emptyItemSpan(at.start) : at);
          const child = isBlank
            ? { value: null, span: itemSpan, empty: true }
            : this.convert(itemNode, [...path, index], itemSpan, undefined, override);
          items.push(child);
        });
        return { value: items.map((i) => i.value), span: own, keySpan, empty: false, items };
      }

      if (isScalar(node)) {
        const empty =
          node.value === null && !override && node.range !== undefined && node.range !== null
            ? node.range[0] === node.range[1]
            : false;
        let span = empty ? (keySpan ?? own) : own;
        if (!override && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) {
          // A block scalar's range runs past its trailing line breaks: end at its last character.
          let end = span.end;
          while (end > span.start + 1 && /\s/.test(this.text[end - this.base - 1] ?? '')) end--;
          span = this.span(span.start, end);
        }
        const value = plainScalar(node.value);
        if (
          override &&
          !this.spendAliasText(typeof value === 'string' ? value.length : 1, override)
        ) {
          return { value: null, span: override, keySpan, empty: false };
        }
        const floatLiteral =
          typeof value === 'number' &&
          !/^[-+]?(0x[0-9a-fA-F]+|0o[0-7]+|[0-9]+)$/.test(node.source ?? '');
        return { value, span, keySpan, empty, ...(floatLiteral ? { floatLiteral } : {}) };
      }

      return { value: null, span: own, keySpan, empty: false };
    } finally {
      this.inProgress.delete(node);
    }
  }
}

export function buildSourceTree(
  doc: Document,
  text: string,
  aliasText = DEFAULT_ALIAS_TEXT,
): SourceTree {
  const builder = new SourceTreeBuilder(doc, text, 0, aliasText);
  const whole = { start: 0, end: text.length };
  const root = builder.convert(doc.contents, [], whole, undefined, undefined);
  return { root, duplicateKeys: builder.duplicateKeys, problems: builder.problems };
}

/** Follows a JSON path through the tree; stops at the deepest node that exists. */
export function nodeAt(root: SourceNode, path: readonly (string | number)[]): SourceNode {
  let node = root;
  for (const segment of path) {
    const next =
      typeof segment === 'number' ? node.items?.[segment] : node.entries?.get(String(segment));
    if (!next) break;
    node = next;
  }
  return node;
}

/** The span to report a missing field on: the key of the mapping, else its first key. */
export function ownerSpan(node: SourceNode): Span {
  return node.keySpan ?? node.firstKeySpan ?? node.span;
}

/** What lies under an offset: the JSON path of the deepest node, and whether it is its key. */
export interface NodeLocation {
  readonly path: readonly (string | number)[];
  readonly node: SourceNode;
  readonly onKey: boolean;
}

function within(span: Span | undefined, offset: number): boolean {
  return span !== undefined && span.start <= offset && offset <= span.end;
}

export function locate(root: SourceNode, offset: number): NodeLocation | undefined {
  let node = root;
  const path: (string | number)[] = [];
  for (;;) {
    let next: { key: string | number; child: SourceNode } | undefined;
    for (const [key, child] of node.entries ?? []) {
      if (within(child.keySpan, offset)) return { path: [...path, key], node: child, onKey: true };
      if (!child.empty && within(child.span, offset)) next = { key, child };
    }
    node.items?.forEach((child, index) => {
      if (within(child.span, offset)) next = { key: index, child };
    });
    if (!next) return path.length > 0 ? { path, node, onKey: false } : undefined;
    path.push(next.key);
    node = next.child;
  }
}
