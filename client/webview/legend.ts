// The legend over the picture's right side, drawn with the diagram's own classes so that it
// follows the theme; the toolbar's Legend button (and L) shows and hides it.
import { element, heading, SVG_NS } from './dom';

function swatch(draw: (g: SVGGElement) => void, classes: string, width = 34, height = 20): Element {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'pathway-diagram swatch');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('aria-hidden', 'true');
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', classes);
  draw(g);
  svg.append(g);
  return svg;
}

function svgChild(parent: Element, tag: string, attributes: Record<string, string>): Element {
  const child = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) child.setAttribute(name, value);
  parent.append(child);
  return child;
}

const box =
  (rx: string, band = false) =>
  (g: SVGGElement): void => {
    svgChild(g, 'rect', { class: 'shape', x: '2', y: '3', width: '30', height: '14', rx });
    if (band) svgChild(g, 'rect', { class: 'band', x: '2', y: '3', width: '5', height: '14' });
  };

const arrow = (g: SVGGElement): void => {
  svgChild(g, 'path', { d: 'M2,10 L26,10' });
  svgChild(g, 'path', { class: 'arrowhead', d: 'M25,6 L32,10 L25,14 z' });
};

/** What the legend's keys say of the page: Enter on a step, and whether S and H export. */
export interface LegendWords {
  /** "show it in the editor". */
  readonly enter: string;
  /** Whether picking a sub-pathway's box opens the used pathway's preview. */
  readonly opensPathways?: boolean;
  readonly exports: boolean;
  /** The level of the legend's headings. */
  readonly level: number;
}

function buildLegend(words: LegendWords): HTMLElement {
  // A tab stop, so that a legend longer than the panel scrolls from the keyboard too.
  const aside = element('aside', {
    class: 'legend-panel pathway-diagram',
    'aria-label': 'Legend',
    tabindex: '0',
  });
  const section = (title: string, rows: [Element, string][]): void => {
    aside.append(heading(words.level, title));
    const list = element('ul');
    for (const [picture, words] of rows) {
      const item = element('li');
      item.append(picture, element('span', {}, words));
      list.append(item);
    }
    aside.append(list);
  };
  section('Steps', [
    [swatch(box('3'), 'node kind-assessment'), 'assessment'],
    [
      swatch((g) => {
        box('1')(g);
        svgChild(g, 'line', { class: 'shape', x1: '7', y1: '3', x2: '7', y2: '17' });
        svgChild(g, 'line', { class: 'shape', x1: '27', y1: '3', x2: '27', y2: '17' });
      }, 'node kind-action'),
      'action',
    ],
    [swatch(box('3', true), 'node kind-recommendation certainty-moderate'), 'recommendation'],
    [
      swatch((g) => {
        svgChild(g, 'polygon', { class: 'shape', points: '17,1 33,10 17,19 1,10' });
      }, 'node kind-decision'),
      'decision',
    ],
    [swatch(box('7'), 'node kind-end'), 'end'],
    [
      swatch((g) => {
        box('3')(g);
        svgChild(g, 'rect', {
          class: 'shape inner',
          x: '5',
          y: '6',
          width: '24',
          height: '8',
          rx: '1',
        });
      }, 'node kind-pathway'),
      words.opensPathways
        ? 'sub-pathway: another pathway file, followed there (Enter or a click opens its preview)'
        : 'sub-pathway: another pathway file, followed there',
    ],
  ]);
  section('Recommendations (GRADE)', [
    [swatch(box('3', true), 'node kind-recommendation certainty-high'), '⊕⊕⊕⊕ high certainty'],
    [
      swatch(box('3', true), 'node kind-recommendation certainty-moderate'),
      '⊕⊕⊕◯ moderate certainty',
    ],
    [swatch(box('3', true), 'node kind-recommendation certainty-low'), '⊕⊕◯◯ low certainty'],
    [
      swatch(box('3', true), 'node kind-recommendation certainty-very-low'),
      '⊕◯◯◯ very low certainty',
    ],
    [
      swatch(box('3'), 'node kind-recommendation strength-strong'),
      'thick border: strong recommendation',
    ],
    [
      swatch(box('3'), 'node kind-recommendation strength-conditional'),
      'thin border: conditional recommendation',
    ],
    [element('span', { class: 'glyph' }, '✓ ✗'), 'for / against; “2 refs”: citations'],
  ]);
  section('Arrows', [
    [swatch(arrow, 'edge edge-next'), 'next step, or a branch with its condition'],
    [swatch(arrow, 'edge edge-otherwise'), 'otherwise'],
    [element('code', { class: 'glyph' }, 'if …'), 'the condition a computable branch tests'],
    [
      element('span', { class: 'glyph' }, '1. 2.'),
      'numbered, under “↓ first that holds”: the first branch that holds is taken',
    ],
  ]);
  section('Problems', [
    [swatch(box('3'), 'node severity-error'), '✖ errors on the step (hover for details)'],
    [swatch(box('3'), 'node severity-warning'), '▲ warnings on the step'],
    [swatch(box('3'), 'node unreachable'), 'faded and dashed: not reachable from the start'],
  ]);
  const key = (keys: string): Element => element('kbd', { class: 'glyph' }, keys);
  section('Keys on a step', [
    [key('↓'), 'follow its arrow to the next step'],
    [key('↑'), 'back to the step before'],
    [key('← →'), 'the other branches of the step before'],
    [key('Home'), 'the start'],
    [key('Enter'), `${words.enter}; walking through, take that branch`],
    [key('⇧ ↑↓←→'), 'move the picture'],
    [key('+ − 0 1'), 'zoom, fit the width (again: all of it), actual size'],
    [key('W L'), 'walk through, show or hide this legend'],
    ...(words.exports
      ? [[key('S H'), 'export the picture as SVG, as HTML'] satisfies [Element, string]]
      : []),
  ]);
  return aside;
}

export interface Legend {
  readonly element: HTMLElement;
  readonly shown: boolean;
  show(shown: boolean): void;
}

/** The legend, its state mirrored on the toolbar's `toggle` button. */
export function createLegend(toggle: HTMLButtonElement, words: LegendWords): Legend {
  const aside = buildLegend(words);
  return {
    element: aside,
    get shown() {
      return !aside.hidden;
    },
    show(shown) {
      aside.hidden = !shown;
      toggle.setAttribute('aria-pressed', String(shown));
    },
  };
}
