// The flowchart as `pathway render` and the preview draw it: a golden SVG per example (the
// layout and the drawing, reviewed as a diff), the same picture every time, and every text
// from the pathway escaped, however hostile.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  buildDiagram,
  layoutDiagram,
  renderPicture,
  renderSvg,
  type Analysis,
} from '../../server/src/core';
import { UPDATE_GOLDENS } from '../support/goldens';
import { EXAMPLES, ROOT } from '../support/paths';

const GOLDENS = path.join(ROOT, 'test', 'goldens', 'render');
const HOSTILE = path.join(ROOT, 'test', 'inputs', 'hostile.pathway.yaml');

const DRAWABLE = [
  ...fs
    .readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.pathway.yaml'))
    .map((name) => path.join(EXAMPLES, name)),
  path.join(EXAMPLES, 'flawed', 'flawed.pathway.yaml'),
  // Chinese, Japanese, Korean, Arabic, emoji and combining accents: cut and measured as drawn.
  path.join(ROOT, 'test', 'inputs', 'international.pathway.yaml'),
  // Computable decisions: each branch's `if` under its words, "first that holds" and the
  // order of its branches, recorded inputs, and the logic findings on the decisions.
  path.join(ROOT, 'test', 'inputs', 'computable.pathway.yaml'),
  path.join(ROOT, 'test', 'inputs', 'computable-flawed.pathway.yaml'),
];

function analyzeFile(file: string): Analysis {
  return analyze(fs.readFileSync(file, 'utf8'));
}

/** The elements and attributes the drawing uses: anything else in the output is an injection. */
const SVG_ELEMENTS = new Set([
  'svg',
  'title',
  'desc',
  'style',
  'defs',
  'marker',
  'path',
  'g',
  'rect',
  'polygon',
  'line',
  'text',
  'tspan',
]);
const SVG_ATTRIBUTES = new Set([
  'xmlns',
  'class',
  'viewBox',
  'width',
  'height',
  'role',
  'aria-label',
  'aria-description',
  'aria-hidden',
  'id',
  'refX',
  'refY',
  'markerWidth',
  'markerHeight',
  'orient',
  'd',
  'marker-end',
  'data-edge',
  'data-from',
  'data-to',
  'data-step',
  'data-line',
  'transform',
  'points',
  'rx',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'text-anchor',
]);

interface Markup {
  readonly elements: string[];
  readonly attributes: { name: string; value: string }[];
  /** Text between the tags, entities decoded. */
  readonly text: string;
}

const ENTITY = /&(amp|lt|gt|quot|#39);/g;
const DECODED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };
const decode = (text: string): string =>
  text.replace(ENTITY, (_, name: string) => DECODED[name] ?? '');

/**
 * A strict reading of the generator's XML: every tag well formed with double-quoted
 * attributes, no `<`, `>` or stray `&` in text or values, `<style>` holding only CSS.
 * Anything the pathway smuggled in as markup breaks one of these.
 */
function readMarkup(xml: string): Markup {
  const elements: string[] = [];
  const attributes: { name: string; value: string }[] = [];
  let text = '';
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<>]*")*)\s*(\/?)>/y;
  const attribute = /\s+([A-Za-z_:][\w:.-]*)="([^"<>]*)"/g;
  let at = 0;
  while (at < xml.length) {
    const open = xml.indexOf('<', at);
    const chunk = xml.slice(at, open === -1 ? xml.length : open);
    assert.doesNotMatch(chunk, />/, `a raw ">" in text: ${chunk}`);
    assert.doesNotMatch(chunk.replace(ENTITY, ''), /&/, `a stray "&" in text: ${chunk}`);
    text += decode(chunk);
    if (open === -1) break;
    if (xml.startsWith('<!DOCTYPE html>', open)) {
      at = open + '<!DOCTYPE html>'.length;
      continue;
    }
    tag.lastIndex = open;
    const match = tag.exec(xml);
    assert.ok(match, `malformed markup at ${xml.slice(open, open + 80)}`);
    const [whole, closing, name = '', attrs = ''] = match;
    if (!closing) {
      elements.push(name);
      for (const [, attrName = '', value = ''] of attrs.matchAll(attribute)) {
        assert.doesNotMatch(value.replace(ENTITY, ''), /&/, `a stray "&" in ${attrName}`);
        attributes.push({ name: attrName, value: decode(value) });
      }
    }
    at = open + whole.length;
    if (name === 'style' && !closing) {
      const end = xml.indexOf('</style>', at);
      assert.doesNotMatch(xml.slice(at, end), /</, 'markup inside <style>');
      at = end;
    }
  }
  return { elements, attributes, text };
}

function assertInert(
  markup: Markup,
  allowedElements: ReadonlySet<string>,
  allowedAttributes: ReadonlySet<string>,
): void {
  for (const element of markup.elements) {
    assert.ok(allowedElements.has(element.toLowerCase()), `unexpected element <${element}>`);
  }
  for (const { name, value } of markup.attributes) {
    assert.ok(allowedAttributes.has(name), `unexpected attribute ${name}="${value}"`);
  }
}

describe('flowchart rendering', () => {
  for (const file of DRAWABLE) {
    const name = path.basename(file, '.pathway.yaml');
    it(`draws ${name} as its golden SVG (test/goldens/render/${name}.svg)`, async () => {
      const svg = await renderPicture(analyzeFile(file), 'svg');
      const golden = path.join(GOLDENS, `${name}.svg`);
      if (UPDATE_GOLDENS || !fs.existsSync(golden)) {
        if (!UPDATE_GOLDENS) assert.fail(`no golden ${golden}: run with UPDATE_GOLDENS=1`);
        fs.mkdirSync(GOLDENS, { recursive: true });
        fs.writeFileSync(golden, svg);
      }
      assert.equal(svg, fs.readFileSync(golden, 'utf8'));
      const markup = readMarkup(svg);
      assertInert(markup, SVG_ELEMENTS, SVG_ATTRIBUTES);
      const steps = markup.attributes.filter((a) => a.name === 'data-step').map((a) => a.value);
      assert.deepEqual(steps, [...(analyzeFile(file).model?.steps.keys() ?? [])]);
    });
  }

  it('lays out and draws the same picture every time', async () => {
    for (const file of DRAWABLE) {
      const diagram = buildDiagram(analyzeFile(file));
      const first = await layoutDiagram(diagram);
      const second = await layoutDiagram(diagram);
      assert.deepEqual(first, second, path.basename(file));
      const third = await layoutDiagram(buildDiagram(analyzeFile(file)));
      assert.equal(renderSvg(third), renderSvg(first), path.basename(file));
    }
  });

  describe('escaping hostile text', () => {
    const hostile = (): Analysis => analyzeFile(HOSTILE);
    const attacks = [
      '<img src=x onerror=alert(1)>',
      '</svg><script>alert(1)</script>',
      '" onmouseover="alert(1)" x="',
      'javascript:alert(1)',
      `Fish & chips "quoted" 'single' <b>bold</b> &amp; &lt;`,
    ];

    it('draws the hostile pathway', () => {
      const steps = [...(hostile().model?.steps.keys() ?? [])];
      assert.ok(steps.includes('<img src=y onerror=alert(2)>'), 'a hostile id is a step');
      assert.ok(steps.includes('" onmouseover="alert(3)'), 'an id that closes an attribute');
    });

    for (const [what, draw] of [
      ['the standalone SVG', (a: Analysis) => renderPicture(a, 'svg')],
      [
        'the preview SVG',
        async (a: Analysis) => renderSvg(await layoutDiagram(buildDiagram(a)), { legend: false }),
      ],
    ] as const) {
      it(`${what} shows titles, conditions and ids only as text`, async () => {
        const svg = await draw(hostile());
        // Raw tags from the pathway; as text they appear only escaped (&lt;script…).
        assert.doesNotMatch(svg, /<script|<img|<svg onload|<b>|" onmouseover/i);
        const markup = readMarkup(svg);
        assertInert(markup, SVG_ELEMENTS, SVG_ATTRIBUTES);
        for (const attack of attacks) {
          assert.ok(markup.text.includes(attack), `"${attack}" shows as text`);
        }
        const steps = markup.attributes.filter((a) => a.name === 'data-step').map((a) => a.value);
        assert.ok(steps.includes('<img src=y onerror=alert(2)>'));
        assert.ok(steps.includes('" onmouseover="alert(3)'));
        const targets = markup.attributes.filter((a) => a.name === 'data-to').map((a) => a.value);
        assert.ok(targets.includes('" onmouseover="alert(3)'), 'an edge to the hostile id');
      });
    }

    it('the standalone HTML page shows them only as text, and allows no script', async () => {
      const html = await renderPicture(hostile(), 'html');
      assert.doesNotMatch(html, /<script|<img|<svg onload|<b>|" onmouseover/i);
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
      assert.match(csp ?? '', /default-src 'none'/);
      assert.doesNotMatch(csp ?? '', /script-src/, 'no script may run');
      const markup = readMarkup(html);
      assertInert(
        markup,
        new Set([...SVG_ELEMENTS, 'html', 'head', 'meta', 'body', 'header', 'h1', 'p', 'main']),
        new Set([...SVG_ATTRIBUTES, 'lang', 'charset', 'http-equiv', 'content', 'name']),
      );
      const heading = /<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? '';
      assert.equal(heading, '&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
      for (const attack of attacks) {
        assert.ok(markup.text.includes(attack), `"${attack}" shows as text`);
      }
    });
  });
});
