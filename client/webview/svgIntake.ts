// Taking the host's SVG into the page safely: parsed as XML (never as HTML), only what the
// core draws with kept, then read into a Picture: its steps and arrows, as the others use them.
import { SVG_NS } from './dom';
import type { Arrow } from './logic/paths';

/** The elements the core draws with; anything else is dropped on arrival. */
const SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'title',
  'desc',
  'defs',
  'marker',
  'path',
  'rect',
  'polygon',
  'polyline',
  'line',
  'circle',
  'ellipse',
  'text',
  'tspan',
]);

/** An arrow of the picture, with the group that draws it. */
export interface Edge extends Arrow {
  readonly element: SVGGElement;
}

export interface Picture {
  readonly svg: SVGSVGElement;
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, SVGGElement>;
  readonly edges: readonly Edge[];
  /** The steps drawn as the start (one, unless the pathway is wrong). */
  readonly starts: readonly string[];
  readonly ends: readonly string[];
}

/** What the page shows now: nothing until the first picture arrives. */
export interface Shown {
  picture: Picture | undefined;
}

/** Parses the host's SVG and keeps only what the core draws with; a string says why not. */
export function parseSvg(text: string): SVGSVGElement | string {
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = parsed.documentElement;
  if (parsed.getElementsByTagName('parsererror').length > 0 || root.localName !== 'svg') {
    return 'The picture could not be read.';
  }
  for (const node of [...root.querySelectorAll('*')]) {
    if (node.namespaceURI !== SVG_NS || !SVG_ELEMENTS.has(node.localName)) {
      node.remove();
      continue;
    }
    for (const attribute of [...node.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name.endsWith('href') || name === 'style') {
        node.removeAttribute(attribute.name);
      }
    }
  }
  return document.importNode(root, true) as unknown as SVGSVGElement;
}

/** The core draws each step with an outline named in words: the step's face to the keyboard. */
export function faceOf(node: SVGGElement | undefined): SVGElement | null {
  return node?.querySelector<SVGElement>(':scope > .outline') ?? null;
}

/** The step drawn at (or around) an event's target, when it is in the picture. */
export function nodeOf(
  picture: Picture | undefined,
  target: EventTarget | null,
): SVGGElement | undefined {
  const found = target instanceof Element ? target.closest('g.node[data-step]') : null;
  return found instanceof SVGGElement && picture?.svg.contains(found) ? found : undefined;
}

/** Reads a parsed picture's steps and arrows, and makes it fill the viewport. */
export function readPicture(svg: SVGSVGElement): Picture {
  const box = svg.viewBox.baseVal;
  const nodes = new Map<string, SVGGElement>();
  for (const node of svg.querySelectorAll<SVGGElement>('g.node[data-step]')) {
    nodes.set(node.dataset['step'] ?? '', node);
    // Here a step does something: it is a button, reached with the arrow keys (one tab stop).
    const face = faceOf(node);
    face?.setAttribute('role', 'button');
    face?.setAttribute('tabindex', '-1');
  }
  const edges = [...svg.querySelectorAll<SVGGElement>('g.edge[data-from][data-to]')].map(
    (element): Edge => ({
      from: element.dataset['from'] ?? '',
      to: element.dataset['to'] ?? '',
      element,
    }),
  );
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', '100%');
  svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
  const withClass = (name: string): string[] =>
    [...nodes].filter(([, node]) => node.classList.contains(name)).map(([id]) => id);
  return {
    svg,
    width: box.width || 1,
    height: box.height || 1,
    nodes,
    edges,
    starts: withClass('start'),
    ends: withClass('kind-end'),
  };
}
