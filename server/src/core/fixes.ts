// Quick fixes for findings: create a missing step or reference, take a suggested spelling
// (of a step, a reference, an input or a choice's value), remove an unused reference, add an
// otherwise, add a branch for the patients no branch takes, let the first branch that holds
// win, and the like, as text edits.
import type { Analysis } from './analysis';
import { reachAnalysis } from './checks/reach';
import { boxCondition, full, intersection, isEmpty, setCondition, type SetResult } from './logic';
import { branchList, type Step, type StepKind } from './model/pathway';
import { unquotedSpan } from './model/symbols';
import type { SourceNode } from './parse/sourceTree';
import { ID_PATTERNS, STEP_KIND_VALUES } from './schema/vocabulary';
import type { Finding, RuleCode, Span } from './types';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
  /**
   * The same text as a snippet (`${1:placeholder}`), for an editor that places the cursor on
   * what is left to choose; `newText` is what any other editor inserts.
   */
  readonly snippet?: string;
}

/** A quick fix: a titled set of edits that resolves one finding. */
export interface Fix {
  readonly title: string;
  readonly code: RuleCode;
  readonly edits: readonly TextEdit[];
  /** The fix an editor should offer first (auto-fix). */
  readonly preferred?: boolean;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** The line break style of the file, so inserted lines match it. */
function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The end of the last written line of a node: where new sibling lines go. */
function endOfLastLine(text: string, span: Span): number {
  let end = span.end;
  while (end > span.start && /\s/.test(text[end - 1] ?? '')) end--;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline === -1 ? text.length : newline;
  return text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
}

function isFlow(text: string, node: SourceNode): boolean {
  const first = text[node.span.start];
  return first === '{' || first === '[';
}

/** Indentation of a block mapping's keys, measured from its first key. */
function keyIndent(text: string, node: SourceNode): number | undefined {
  if (!node.firstKeySpan || isFlow(text, node)) return undefined;
  return columnOf(text, node.firstKeySpan.start);
}

function titleFromId(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function stubLines(id: string, kind: StepKind): string[] {
  const title = `title: ${titleFromId(id)}`;
  switch (kind) {
    case 'assessment':
    case 'action':
      return [`kind: ${kind}`, title, 'next: '];
    case 'recommendation':
      return [`kind: ${kind}`, title, 'strength: ', 'certainty: ', 'cite: []', 'next: '];
    case 'decision':
      return [`kind: ${kind}`, title, 'branches:', '  - when: ', '    next: ', 'otherwise: '];
    case 'end':
      return [`kind: ${kind}`, title];
    case 'pathway':
      return [`kind: ${kind}`, title, 'use: ', 'next: '];
  }
}

/** Appends `id:` with fields under a block mapping (the steps or the references). */
function appendEntry(text: string, table: SourceNode, id: string, fields: string[]): TextEdit[] {
  const indent = keyIndent(text, table);
  if (indent === undefined) return [];
  const firstEntry = [...(table.entries?.values() ?? [])][0];
  const inner = firstEntry ? keyIndent(text, firstEntry) : undefined;
  const fieldIndent = inner !== undefined && inner > indent ? inner : indent + 2;
  const eol = eolOf(text);
  const lines = [
    `${' '.repeat(indent)}${id}:`,
    ...fields.map((field) => `${' '.repeat(fieldIndent)}${field}`),
  ];
  const at = endOfLastLine(text, table.span);
  return [{ span: { start: at, end: at }, newText: eol + lines.join(eol) }];
}

/**
 * Inserts whole lines after the last written line of a node. They go at the start of the next
 * line, with their own line break: an editor that inserts a snippet indents its later lines
 * by the text before the cursor, and there is none. At the end of a file without a final
 * line break they go after it, and without a snippet.
 */
function insertLines(
  text: string,
  span: Span,
  lines: readonly string[],
  snippetLines?: readonly string[],
): TextEdit {
  const eol = eolOf(text);
  const end = endOfLastLine(text, span);
  const lineBreak = text.startsWith('\r\n', end) ? 2 : text[end] === '\n' ? 1 : 0;
  if (lineBreak === 0) {
    return { span: { start: end, end }, newText: eol + lines.join(eol) };
  }
  const at = end + lineBreak;
  return {
    span: { start: at, end: at },
    newText: lines.join(eol) + eol,
    ...(snippetLines ? { snippet: snippetLines.join(eol) + eol } : {}),
  };
}

/** Adds a field line at the end of a step's block of fields (`snippetLine`: as a snippet). */
function appendField(
  text: string,
  step: SourceNode,
  line: string,
  snippetLine?: string,
): TextEdit[] {
  const indent = keyIndent(text, step);
  if (indent === undefined) return [];
  const pad = ' '.repeat(indent);
  return [
    insertLines(
      text,
      step.span,
      [pad + line],
      snippetLine !== undefined ? [pad + snippetLine] : undefined,
    ),
  ];
}

function createStepFixes(analysis: Analysis, id: string): Fix[] {
  const table = analysis.model?.root.entries?.get('steps');
  if (!table?.entries || !ID_PATTERNS.step.test(id)) return [];
  return STEP_KIND_VALUES.flatMap((kind) => {
    const edits = appendEntry(analysis.parsed.text, table, id, stubLines(id, kind));
    return edits.length > 0
      ? [
          {
            title: `Create step "${id}" as ${kind === 'assessment' || kind === 'action' || kind === 'end' ? `an ${kind}` : `a ${kind}`}`,
            code: 'unknown-step' as const,
            edits,
          },
        ]
      : [];
  });
}

function createReferenceFix(analysis: Analysis, id: string): Fix[] {
  const text = analysis.parsed.text;
  const root = analysis.model?.root;
  if (!root || !ID_PATTERNS.reference.test(id)) return [];
  const fields = ['title: ', 'source: '];
  const table = root.entries?.get('references');
  let edits: TextEdit[];
  if (table?.entries && table.entries.size > 0) {
    edits = appendEntry(text, table, id, fields);
  } else if (!table && !isFlow(text, root)) {
    const eol = eolOf(text);
    const at = endOfLastLine(text, root.span);
    edits = [
      {
        span: { start: at, end: at },
        newText: [``, `references:`, `  ${id}:`, `    title: `, `    source: `].join(eol),
      },
    ];
  } else {
    edits = [];
  }
  return edits.length > 0
    ? [{ title: `Create reference "${id}"`, code: 'unknown-reference', edits }]
    : [];
}

function replaceFix(analysis: Analysis, finding: Finding): Fix[] {
  const suggestion = finding.data?.suggestion;
  if (suggestion === undefined) return [];
  return [
    {
      title: `Change to "${suggestion}"`,
      code: finding.code,
      preferred: true,
      edits: [{ span: unquotedSpan(analysis.parsed.text, finding.span), newText: suggestion }],
    },
  ];
}

function stepAt(analysis: Analysis, finding: Finding): SourceNode | undefined {
  for (const step of analysis.model?.steps.values() ?? []) {
    if (step.keySpan.start === finding.span.start) return step.node;
    const strength = step.strength;
    if (strength && strength.span.start === finding.span.start) return step.node;
  }
  return undefined;
}

function removeReferenceFix(analysis: Analysis, finding: Finding): Fix[] {
  const text = analysis.parsed.text;
  const table = analysis.model?.root.entries?.get('references');
  const reference = [...(analysis.model?.references.values() ?? [])].find(
    (r) => r.keySpan.start === finding.span.start,
  );
  if (!table?.entries || !reference || isFlow(text, table)) return [];
  const only = table.entries.size === 1;
  // Remove whole lines: from the key's line (or the `references:` line) to the block's end.
  const start = lineStartOf(
    text,
    only ? (table.keySpan?.start ?? reference.keySpan.start) : reference.keySpan.start,
  );
  const lastLineEnd = endOfLastLine(text, reference.node.span);
  const end = text.startsWith('\r\n', lastLineEnd)
    ? lastLineEnd + 2
    : text[lastLineEnd] === '\n'
      ? lastLineEnd + 1
      : lastLineEnd;
  return [
    {
      title: `Remove the unused reference "${reference.id}"`,
      code: 'unused-reference',
      preferred: true,
      edits: [{ span: { start, end }, newText: '' }],
    },
  ];
}

/** The first end step: where a new route leads until the author chooses (named in the title). */
function firstEnd(analysis: Analysis): string {
  return [...(analysis.model?.steps.values() ?? [])].find((s) => s.kind === 'end')?.id ?? '';
}

/** A snippet placeholder holding `value`, escaped for snippet syntax. */
function placeholder(tabStop: number, value: string): string {
  return `\${${tabStop}:${value.replace(/[\\$}]/g, (c) => `\\${c}`)}}`;
}

function addOtherwiseFix(analysis: Analysis, finding: Finding): Fix[] {
  const node = stepAt(analysis, finding);
  if (!node) return [];
  const target = firstEnd(analysis);
  const edits = appendField(
    analysis.parsed.text,
    node,
    `otherwise: ${target}`,
    `otherwise: ${placeholder(1, target)}`,
  );
  return edits.length > 0
    ? [
        {
          title: target ? `Add "otherwise" leading to "${target}"` : 'Add "otherwise"',
          code: finding.code,
          edits,
        },
      ]
    : [];
}

/** The decision of a finding placed on one of its branches' `if` values. */
function decisionOfIf(analysis: Analysis, finding: Finding): Step | undefined {
  for (const step of analysis.model?.steps.values() ?? []) {
    for (const branch of branchList(step) ?? []) {
      const condition = branch.node.entries?.get('if');
      if (condition && condition.span.start === finding.span.start) return step;
    }
  }
  return undefined;
}

/** Sets `match: first` on an overlapping decision: the first branch that holds is taken. */
function matchFirstFix(analysis: Analysis, finding: Finding): Fix[] {
  const step = decisionOfIf(analysis, finding);
  if (!step) return [];
  const text = analysis.parsed.text;
  const title = 'Let the first branch that holds win (match: first)';
  const match = step.node.entries?.get('match');
  if (match) {
    return [{ title, code: finding.code, edits: [{ span: match.span, newText: 'first' }] }];
  }
  // Written just above the branches, where a reader meets it; else at the end of the step.
  const branches = step.node.entries?.get('branches');
  const keyStart = branches?.keySpan?.start;
  if (keyStart !== undefined && keyIndent(text, step.node) !== undefined) {
    const lineStart = lineStartOf(text, keyStart);
    const indent = text.slice(lineStart, keyStart);
    if (/^ *$/.test(indent)) {
      const at = { start: lineStart, end: lineStart };
      return [
        {
          title,
          code: finding.code,
          edits: [{ span: at, newText: `${indent}match: first${eolOf(text)}` }],
        },
      ];
    }
  }
  const edits = appendField(text, step.node, 'match: first');
  return edits.length > 0 ? [{ title, code: finding.code, edits }] : [];
}

/** The most groups of patients the new branch's condition lists before it keeps to the first. */
const MAX_BRANCH_GROUPS = 6;

/** YAML reads these plain words as booleans or null: such a condition is written in quotes. */
const NOT_PLAIN = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;

/**
 * Adds a branch whose `if` names exactly the patients no branch of the decision takes (over
 * every patient, so it stays short and apart from the other branches), with a `when` to put
 * in words and, until the author chooses, the first end step as its `next`.
 */
function uncoveredBranchFix(analysis: Analysis, finding: Finding): Fix[] {
  const { model, graph } = analysis;
  const text = analysis.parsed.text;
  const step = [...(model?.steps.values() ?? [])].find(
    (s) => s.keySpan.start === finding.span.start,
  );
  if (!model || !step) return [];
  const reach = reachAnalysis(model, graph, text);
  const decision = reach?.logic.decisions.get(step.id);
  const split = reach?.sets.get(step.id);
  if (!reach || !decision || !split) return [];
  let none: SetResult = full(reach.logic.inputs);
  for (const fails of split.negations) {
    if (none.kind === 'too-large') return [];
    none = intersection(none, fails);
  }
  if (none.kind === 'too-large' || isEmpty(none)) return [];
  const order = decision.branches.flatMap((b) => b.names);
  // Too many groups make a condition no one reads: the first group then, said in the title.
  const some = none.boxes.length > MAX_BRANCH_GROUPS;
  const condition = some
    ? boxCondition(none.boxes[0] ?? new Map(), reach.logic.inputs, order)
    : setCondition(none, order);
  const written = NOT_PLAIN.test(condition) ? `"${condition}"` : condition;

  const branches = step.node.entries?.get('branches');
  const last = branches?.items?.[branches.items.length - 1];
  if (!branches || !last || isFlow(text, branches)) return [];
  const dash = text.lastIndexOf('-', last.span.start);
  if (dash < lineStartOf(text, last.span.start)) return [];
  const dashIndent = ' '.repeat(columnOf(text, dash));
  const fieldIndent = ' '.repeat(keyIndent(text, last) ?? columnOf(text, dash) + 2);
  const target = firstEnd(analysis);
  const when = 'TODO: say in words who these patients are';
  const lines = (whenText: string, nextText: string): string[] => [
    `${dashIndent}- when: ${whenText}`,
    `${fieldIndent}if: ${written}`,
    `${fieldIndent}next: ${nextText}`,
  ];
  return [
    {
      title: `Add a branch for ${some ? 'some of ' : ''}the uncovered patients${target ? `, leading to "${target}"` : ''}`,
      code: finding.code,
      preferred: true,
      edits: [
        insertLines(
          text,
          branches.span,
          lines(`"${when}"`, target),
          lines(`"${placeholder(1, when)}"`, placeholder(2, target)),
        ),
      ],
    },
  ];
}

function discordantFixes(analysis: Analysis, finding: Finding): Fix[] {
  const node = stepAt(analysis, finding);
  if (!node) return [];
  const fixes: Fix[] = [];
  const rationale = node.entries?.get('rationale');
  const edits = rationale
    ? [{ span: rationale.span, newText: '""' }]
    : appendField(analysis.parsed.text, node, 'rationale: ""');
  if (edits.length > 0 && !rationale) {
    fixes.push({
      title: 'Add a "rationale" for the strong recommendation',
      code: finding.code,
      edits,
    });
  }
  fixes.push({
    title: 'Make the recommendation conditional',
    code: finding.code,
    edits: [{ span: finding.span, newText: 'conditional' }],
  });
  return fixes;
}

/** The quick fixes offered for one finding of an analysis. */
export function fixesFor(analysis: Analysis, finding: Finding): Fix[] {
  switch (finding.code) {
    case 'unknown-step':
      return [
        ...replaceFix(analysis, finding),
        ...createStepFixes(analysis, finding.data?.unknownId ?? ''),
      ];
    case 'unknown-reference':
      return [
        ...replaceFix(analysis, finding),
        ...createReferenceFix(analysis, finding.data?.unknownId ?? ''),
      ];
    case 'missing-otherwise':
      return addOtherwiseFix(analysis, finding);
    case 'uncovered-patients':
      return [...uncoveredBranchFix(analysis, finding), ...addOtherwiseFix(analysis, finding)];
    case 'overlapping-branches':
      return matchFirstFix(analysis, finding);
    case 'unknown-input':
    case 'invalid-condition':
      return replaceFix(analysis, finding);
    case 'unused-reference':
      return removeReferenceFix(analysis, finding);
    case 'discordant-recommendation':
      return discordantFixes(analysis, finding);
    default:
      return [];
  }
}
