// Drawing the placed flowchart as SVG: a shape for each kind of step, the arrows with their
// conditions, the grade badges, the problems and the legend.
import { describeDiagram, describeSteps, recordWords, type StepWords } from './describe';
import { FIRST_MATCH_WORDS, LABEL_LINE_HEIGHT, LINE_HEIGHT, useHeight } from './metrics';
import { CERTAINTY_WORDS } from '../report/certainty';
import { escapeXml } from '../text/xml';
import { DIAGRAM_CSS, SUB_PATHWAY_CSS } from './style';
import {
  labelLines,
  type LaidOutDiagram,
  type PlacedEdge,
  type PlacedNode,
  type Point,
} from './layout';

const LEGEND_HEIGHT = 72;
/** The legend's line for sub-pathways, drawn only on a chart that has some. */
const SUB_PATHWAY_LEGEND_HEIGHT = 18;

function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

function shape(node: PlacedNode): string {
  const { width: w, height: h } = node;
  switch (node.kind) {
    case 'decision':
      return `<polygon class="shape" points="${num(w / 2)},0 ${num(w)},${num(h / 2)} ${num(w / 2)},${num(h)} 0,${num(h / 2)}"/>`;
    case 'end':
      return `<rect class="shape" width="${num(w)}" height="${num(h)}" rx="${num(Math.min(h / 2, 22))}"/>`;
    case 'recommendation':
      return (
        `<rect class="shape" width="${num(w)}" height="${num(h)}" rx="6"/>` +
        `<rect class="band" width="7" height="${num(h)}" rx="3"/>`
      );
    case 'action':
      return (
        `<rect class="shape" width="${num(w)}" height="${num(h)}" rx="2"/>` +
        `<line class="shape" x1="8" y1="0" x2="8" y2="${num(h)}"/>` +
        `<line class="shape" x1="${num(w - 8)}" y1="0" x2="${num(w - 8)}" y2="${num(h)}"/>`
      );
    case 'pathway':
      // A box within a box: the step is a whole pathway of its own.
      return (
        `<rect class="shape" width="${num(w)}" height="${num(h)}" rx="4"/>` +
        `<rect class="shape inner" x="4" y="4" width="${num(w - 8)}" height="${num(h - 8)}" rx="2"/>`
      );
    case 'assessment':
    case 'unknown':
      return `<rect class="shape" width="${num(w)}" height="${num(h)}" rx="4"/>`;
  }
}

function badgeText(node: PlacedNode): string | undefined {
  const r = node.recommendation;
  if (!r) return undefined;
  const direction = r.direction === 'against' ? '✗ Against' : '✓ For';
  const strength =
    r.strength === 'strong' ? 'strong' : r.strength === 'conditional' ? 'conditional' : '?';
  const certainty = r.certainty
    ? `${CERTAINTY_WORDS.get(r.certainty)?.symbol ?? ''} ${CERTAINTY_WORDS.get(r.certainty)?.words ?? r.certainty}`
    : '? certainty';
  const refs = `${r.citations} ref${r.citations === 1 ? '' : 's'}`;
  return `${direction} · ${strength} · ${certainty} · ${refs}`;
}

/**
 * A value from the file as part of a class name: the words the format knows pass, anything
 * else (quotes, spaces, markup) becomes "other", so that no value can leave the attribute.
 */
function classWord(value: string | undefined): string {
  if (value === undefined) return 'unknown';
  return /^[a-z][a-z0-9-]*$/.test(value) ? value : 'other';
}

function nodeClasses(node: PlacedNode): string {
  const classes = ['node', `kind-${node.kind}`];
  if (node.isStart) classes.push('start');
  if (!node.reachable) classes.push('unreachable');
  if (node.severity) classes.push(`severity-${node.severity}`);
  if (node.diff) classes.push(`diff-${node.diff.status}`);
  if (node.expanded) classes.push('expanded');
  const r = node.recommendation;
  if (r) {
    classes.push(
      `strength-${classWord(r.strength)}`,
      `certainty-${classWord(r.certainty)}`,
      `direction-${classWord(r.direction)}`,
    );
  }
  return classes.join(' ');
}

const MAX_TOOLTIP_MESSAGES = 20;

function tooltip(node: PlacedNode): string {
  const lines = [`${node.title} (${node.kind === 'unknown' ? 'step' : node.kind}, ${node.id})`];
  const badge = badgeText(node);
  if (badge) lines.push(badge);
  if (!node.reachable) lines.push('Not reachable from the start.');
  if (node.firstMatch) lines.push('Takes the first branch that holds, in the order numbered.');
  if (node.verdict) lines.push(`Logic: ${node.verdict}.`);
  if (node.records) lines.push(`Records: ${recordWords(node.records)}.`);
  // A tooltip, not a report: a step with thousands of problems lists the first few.
  for (const message of node.messages.slice(0, MAX_TOOLTIP_MESSAGES)) lines.push(message);
  if (node.messages.length > MAX_TOOLTIP_MESSAGES) {
    lines.push(`… and ${node.messages.length - MAX_TOOLTIP_MESSAGES} more problems.`);
  }
  if (node.diff?.status === 'added') lines.push('Added in this version.');
  if (node.diff?.status === 'removed') lines.push('Removed in this version.');
  lines.push(...(node.diff?.changes ?? []));
  const uses = useWords(node);
  if (uses) lines.splice(1, 0, uses);
  return lines.join('\n');
}

/** What a `pathway` step uses, in one line: "Uses Red-flag screen (screens/red-flags.pathway.yaml)." */
export function useWords(node: PlacedNode): string | undefined {
  const uses = node.uses;
  if (!uses) return undefined;
  return uses.title ? `Uses ${uses.title} (${uses.file}).` : `Uses ${uses.file}.`;
}

/** How far the focus ring stands off the step's shape. */
const RING_GAP = 5;

/**
 * The step as the reader meets it: an invisible box over the whole step that carries the
 * tooltip and, for assistive technology, the step's name in words (the drawn texts, which
 * repeat it cut to fit, are hidden from it). The preview makes it the step's focusable button
 * and draws it as the focus ring.
 */
function outline(node: PlacedNode, words: StepWords | undefined): string {
  const corner = node.kind === 'end' ? Math.min(node.height / 2, 22) + RING_GAP : 6 + RING_GAP;
  const name = words?.name ?? node.title;
  const description = words?.description ?? '';
  return (
    `<rect class="outline" x="${-RING_GAP}" y="${-RING_GAP}" width="${num(node.width + 2 * RING_GAP)}" height="${num(node.height + 2 * RING_GAP)}" rx="${num(corner)}" role="img" aria-label="${escapeXml(name)}" aria-description="${escapeXml(description)}">` +
    `<title>${escapeXml(tooltip(node))}</title></rect>`
  );
}

function renderNode(node: PlacedNode, words: StepWords | undefined): string {
  const badge = badgeText(node) ?? (node.firstMatch ? FIRST_MATCH_WORDS : undefined);
  const records = node.recordLines ?? [];
  const textLines = node.lines.length;
  const recordHeight = records.length > 0 ? records.length * LABEL_LINE_HEIGHT + 4 : 0;
  const uses = node.uses;
  const blockHeight =
    textLines * LINE_HEIGHT +
    (badge ? LINE_HEIGHT + 4 : 0) +
    recordHeight +
    (uses ? useHeight(uses) : 0);
  // An expanded sub-pathway's words head its box; the steps inside it fill the rest.
  const room = node.headerHeight ?? node.height;
  const top = (room - blockHeight) / 2 + LINE_HEIGHT - 4;
  const cx = node.kind === 'recommendation' ? node.width / 2 + 3 : node.width / 2;
  const title = node.lines
    .map(
      (line, i) =>
        `<tspan x="${num(cx)}" y="${num(top + i * LINE_HEIGHT)}">${escapeXml(line)}</tspan>`,
    )
    .join('');
  const parts = [
    `<g class="${escapeXml(nodeClasses(node))}" data-step="${escapeXml(node.id)}" data-line="${node.line}" transform="translate(${num(node.x)},${num(node.y)})" role="listitem">`,
    shape(node),
    `<text class="label" text-anchor="middle" aria-hidden="true">${title}</text>`,
  ];
  let below = top + textLines * LINE_HEIGHT + 4;
  if (badge) {
    parts.push(
      `<text class="${node.firstMatch && !node.recommendation ? 'match-mark' : 'badge'}" aria-hidden="true" text-anchor="middle" x="${num(cx)}" y="${num(below)}">${escapeXml(badge)}</text>`,
    );
    below += LINE_HEIGHT + 4;
  }
  if (records.length > 0) {
    const tspans = records
      .map(
        (line, i) =>
          `<tspan x="${num(cx)}" y="${num(below - 2 + i * LABEL_LINE_HEIGHT)}">${escapeXml(line)}</tspan>`,
      )
      .join('');
    parts.push(`<text class="records" aria-hidden="true" text-anchor="middle">${tspans}</text>`);
    below += recordHeight;
  }
  if (uses) {
    const tspans = [
      ...uses.titleLines.map(
        (line, i) =>
          `<tspan x="${num(cx)}" y="${num(below + i * LABEL_LINE_HEIGHT)}">${escapeXml(line)}</tspan>`,
      ),
      ...uses.fileLines.map(
        (line, i) =>
          `<tspan class="use-file" x="${num(cx)}" y="${num(below + (uses.titleLines.length + i) * LABEL_LINE_HEIGHT)}">${escapeXml(line)}</tspan>`,
      ),
    ].join('');
    parts.push(`<text class="uses" aria-hidden="true" text-anchor="middle">${tspans}</text>`);
  }
  if (node.isStart)
    parts.push('<text class="start-marker" aria-hidden="true" x="0" y="-6">▶ Start</text>');
  if (node.severity) {
    const mark = node.severity === 'error' ? '✖' : node.severity === 'warning' ? '▲' : 'ℹ';
    parts.push(
      `<text class="problem-mark" aria-hidden="true" x="${num(node.width - 4)}" y="-4" text-anchor="end">${mark} ${node.messages.length}</text>`,
    );
  }
  parts.push(outline(node, words), '</g>');
  return parts.join('');
}

function pathData(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${num(p.x)},${num(p.y)}`).join(' ');
}

function renderEdge(edge: PlacedEdge): string {
  const parts = [
    `<g class="edge edge-${edge.kind}${edge.diff ? ` diff-${edge.diff}` : ''}" data-edge="${edge.id}" data-from="${escapeXml(edge.from)}" data-to="${escapeXml(edge.to)}">`,
    `<path d="${pathData(edge.points)}" marker-end="url(#pw-arrow)"/>`,
  ];
  if ((edge.label || edge.test) && edge.labelBox) {
    const box = edge.labelBox;
    const { words, code } = labelLines(edge);
    const x = num(box.x + box.width / 2);
    const y = (i: number): string => num(box.y + 13 + i * LABEL_LINE_HEIGHT);
    const tspans = [
      ...words.map((line, i) => `<tspan x="${x}" y="${y(i)}">${escapeXml(line)}</tspan>`),
      ...code.map(
        (line, i) =>
          `<tspan class="test" x="${x}" y="${y(words.length + i)}">${escapeXml(line)}</tspan>`,
      ),
    ].join('');
    // The words as written, for a pointer resting on the label (the drawing may cut only text
    // of absurd length, and a zoomed-out preview is hard to read); the whole `if` below them.
    const whole = [
      edge.order !== undefined ? `Branch ${edge.order}` : undefined,
      edge.condition ?? (words.length > 0 ? words.join(' ') : undefined),
      edge.test ? `if ${edge.test.text}` : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    parts.push(
      `<g class="edge-label"><title>${escapeXml(whole)}</title><rect x="${num(box.x)}" y="${num(box.y)}" width="${num(box.width)}" height="${num(box.height)}" rx="3"/>`,
      `<text text-anchor="middle">${tspans}</text></g>`,
    );
  }
  parts.push('</g>');
  return parts.join('');
}

function renderLegend(y: number, subPathways: boolean): string {
  const certainties = ['high', 'moderate', 'low', 'very-low'];
  const swatches = certainties
    .map((c, i) => {
      const x = 24 + i * 180;
      return (
        `<g class="certainty-${c}"><rect class="band" x="${x}" y="${y + 22}" width="12" height="12" rx="2"/>` +
        `<text x="${x + 18}" y="${y + 32}">${CERTAINTY_WORDS.get(c)?.symbol ?? ''} ${CERTAINTY_WORDS.get(c)?.words ?? c} certainty</text></g>`
      );
    })
    .join('');
  return (
    `<g class="legend" transform="translate(0,0)" aria-hidden="true">` +
    `<text class="legend-title" x="24" y="${y + 12}">Recommendations (GRADE)</text>` +
    swatches +
    `<text x="24" y="${y + 54}">thick border: strong · thin border: conditional · ✓ for · ✗ against · dashed arrow: otherwise · faded: unreachable · ✖ ▲: problems (hover for details)</text>` +
    (subPathways
      ? `<text x="24" y="${y + 72}">box within a box: a sub-pathway, another pathway file followed there; its arrows leave by the sub-pathway's ends</text>`
      : '') +
    `</g>`
  );
}

export interface SvgOptions {
  /** Draw the legend under the flowchart (standalone pictures); the preview shows its own. */
  readonly legend?: boolean;
  /** Put the styles inside the SVG, for a picture that stands alone. */
  readonly embedStyle?: boolean;
}

/**
 * The flowchart as a standalone SVG document; every text from the pathway is escaped.
 *
 * For assistive technology it is a group named after the pathway holding a list of steps,
 * each named in words with where it leads; the arrows and the legend, which those words
 * already say, are hidden from it (docs/accessibility.md).
 */
export function renderSvg(diagram: LaidOutDiagram, options: SvgOptions = {}): string {
  const legend = options.legend ?? true;
  const subPathways = diagram.nodes.some((node) => node.kind === 'pathway');
  const width = Math.max(diagram.width, legend ? 760 : 0);
  const height =
    diagram.height + (legend ? LEGEND_HEIGHT + (subPathways ? SUB_PATHWAY_LEGEND_HEIGHT : 0) : 0);
  // The box of an expanded sub-pathway is filled beneath the arrows that run inside it.
  const frames = diagram.nodes
    .filter((node) => node.expanded)
    .map(
      (node) =>
        `<rect class="frame" x="${num(node.x)}" y="${num(node.y)}" width="${num(node.width)}" height="${num(node.height)}" rx="4"/>`,
    )
    .join('');
  const words = describeSteps(diagram);
  const title = diagram.title || 'Pathway';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="pathway-diagram" viewBox="0 0 ${num(width)} ${num(height)}" width="${num(width)}" height="${num(height)}" role="group" aria-label="${escapeXml(`Flowchart: ${title}`)}">`,
    `<title>${escapeXml(title)}</title>`,
    `<desc>${escapeXml(describeDiagram(diagram))}</desc>`,
    options.embedStyle ? `<style>${DIAGRAM_CSS}${subPathways ? SUB_PATHWAY_CSS : ''}</style>` : '',
    '<defs><marker id="pw-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path class="arrowhead" d="M0,0 L10,5 L0,10 z"/></marker></defs>',
    `${frames ? `<g class="frames" aria-hidden="true">${frames}</g>` : ''}<g class="edges" aria-hidden="true">${diagram.edges.map(renderEdge).join('')}</g>`,
    `<g class="nodes" role="list" aria-label="Steps">${diagram.nodes.map((node) => renderNode(node, words.get(node.id))).join('')}</g>`,
    legend ? renderLegend(diagram.height, subPathways) : '',
    '</svg>',
  ].join('\n');
}
