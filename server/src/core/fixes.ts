// Quick fixes for findings: create a missing step or reference, take a suggested spelling,
// remove an unused reference, add an otherwise, and the like, as text edits.
import type { Analysis } from './analysis';
import type { StepKind } from './model/pathway';
import { unquotedSpan } from './model/symbols';
import type { SourceNode } from './parse/sourceTree';
import { ID_PATTERNS, STEP_KIND_VALUES } from './schema/vocabulary';
import type { Finding, RuleCode, Span } from './types';

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
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

/** Adds a field line at the end of a step's block of fields. */
function appendField(text: string, step: SourceNode, line: string): TextEdit[] {
  const indent = keyIndent(text, step);
  if (indent === undefined) return [];
  const at = endOfLastLine(text, step.span);
  return [{ span: { start: at, end: at }, newText: `${eolOf(text)}${' '.repeat(indent)}${line}` }];
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

function addOtherwiseFix(analysis: Analysis, finding: Finding): Fix[] {
  const node = stepAt(analysis, finding);
  if (!node) return [];
  const ends = [...(analysis.model?.steps.values() ?? [])].filter((s) => s.kind === 'end');
  const target = ends[0]?.id ?? '';
  const edits = appendField(analysis.parsed.text, node, `otherwise: ${target}`);
  return edits.length > 0
    ? [
        {
          title: target ? `Add "otherwise" leading to "${target}"` : 'Add "otherwise"',
          code: 'missing-otherwise',
          edits,
        },
      ]
    : [];
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
    case 'unused-reference':
      return removeReferenceFix(analysis, finding);
    case 'discordant-recommendation':
      return discordantFixes(analysis, finding);
    default:
      return [];
  }
}
