// One corpus of hostile text for every escaper (HTML and SVG, Markdown, the terminal) and
// the pathway that puts a string in every field that holds text. The browser tests draw it
// in real Chromium; the unit tests run each escaper and each output over it.

/** Markup: each one tries to run `alert(n)` or set `window.__pwned`, or to reach the network. */
export const MARKUP_STRINGS: readonly string[] = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '" onmouseover="alert(3)" x="',
  "' onfocus='alert(4)' autofocus x='",
  'javascript:alert(5)',
  '<svg onload=alert(6)>',
  '<svg><foreignObject><iframe srcdoc="<script>alert(7)</script>">',
  '</style><script>alert(8)</script>',
  '</title><script>alert(9)</script>',
  ']]><script>alert(10)</script>',
  '<a href="javascript:alert(11)">click me</a>',
  '*{background:url(//evil.example/x.png)}',
  '<style>@import url(//evil.example/a.css)</style>',
  '&lt;b&gt; already &amp; escaped',
  '<!-- --><script>alert(12)</script>',
  '<math><mi xlink:href="javascript:alert(13)">x</mi></math>',
  "{{constructor.constructor('alert(14)')()}}",
  '<x:script xmlns:x="http://www.w3.org/1999/xhtml">alert(15)</x:script>',
  '<![CDATA[<script>alert(16)</script>]]>',
  '<details open ontoggle=alert(17)>',
  '<use href="data:image/svg+xml,<svg id=x onload=alert(18)>#x"/>',
  '<base href="https://evil.example/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(19)">',
  'constructor',
  '__proto__',
];

/**
 * Markdown: each one would format, link, start a block or end a table cell if written into
 * Markdown as it is ("Do ~~not~~ offer" would read "Do offer").
 */
export const MARKDOWN_STRINGS: readonly string[] = [
  'Do ~~not~~ offer',
  'Do ~not~ offer',
  'Offer | do not offer || either',
  'Assess\n# Forged heading',
  'Assess\n## Recommendations (0)\n\nNone.',
  'Underlined\n===',
  'Underlined\n---',
  '[click](javascript:alert(1))',
  '[click][r]\n\n[r]: javascript:alert(1)',
  '![pixel](https://evil.example/pixel.png)',
  '<script>alert(1)</script>',
  '<b onmouseover=alert(1)>bold</b>',
  '<!-- hidden -->',
  '`code` and ``two` ticks``',
  '```',
  '*emphasis* **strong** _under_ __double__',
  'snake_case_name and 2*3*4',
  'back\\slash \\* \\',
  '&amp; &lt;b&gt; &#x41; &copy;',
  '<http://evil.example/> <mailto:a@evil.example>',
  'https://evil.example www.evil.example a@evil.example',
  '- list item',
  '* star item',
  '+ plus item',
  '1. ordered',
  '1) ordered',
  '> quoted',
  '    indented like code',
  '---',
  '[^1] and [^1]: a footnote',
  '- [ ] task',
  '$x$ and \\(y\\)',
  '# heading',
  'ends with a backslash \\',
  'ends with two spaces  ',
];

/** Terminal: each one would ring, recolour, retitle, overwrite or reorder what is shown. */
export const TERMINAL_STRINGS: readonly string[] = [
  'Do \u001b[8mnot\u001b[0m offer',
  'Ring \u0007 the bell',
  '\u001b]0;retitled\u0007 window title',
  'Overwritten\r  Offer',
  '\u001b[2J\u001b[H cleared screen',
  'C1 \u009b31m control',
  'Delete\u007f',
  'Do \u202eton\u202c offer',
  '\u2067reordered\u2069 isolate',
  'Right\u200fto\u200eleft marks',
];

export const HOSTILE_TEXT: readonly string[] = [
  ...MARKUP_STRINGS,
  ...MARKDOWN_STRINGS,
  ...TERMINAL_STRINGS,
];

/**
 * A YAML double-quoted scalar holding exactly `value`: what YAML does not allow in a file
 * (control characters) is written as an escape, which YAML turns back into the character.
 */
export function yamlString(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\u009f]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A pathway with `text` in every field that holds text: titles, conditions, ids, references.
 * With `url`, the first reference's address (otherwise one made from the text).
 */
export function hostilePathway(text: string, options: { url?: string } = {}): string {
  const q = yamlString;
  const url =
    options.url ?? (text.startsWith('javascript:') ? text : `https://example.org/${text}`);
  return `pathway: 1
id: hostile
title: ${q(`${text} (pathway)`)}
version: "1"
population: ${q(text)}
start: ask
steps:
  ask:
    kind: decision
    title: ${q(text)}
    detail: ${q(text)}
    branches:
      - when: ${q(text)}
        next: recommend
      - when: ${q(`${text} again`)}
        next: ${q(text)}
    otherwise: done
  recommend:
    kind: recommendation
    title: ${q(`${text} (recommendation)`)}
    detail: ${q(text)}
    strength: strong
    direction: for
    certainty: ${q(text)}
    rationale: ${q(text)}
    cite: [evidence, ${q(text)}]
    next: done
  ${q(text)}:
    kind: action
    title: ${q(`${text} (action)`)}
    next: done
  done:
    kind: end
    title: ${q(`${text} (end)`)}
    outcome: ${q(text)}
references:
  evidence:
    title: ${q(text)}
    source: ${q(text)}
    url: ${q(url)}
    doi: ${q(`10.1234/${text}`)}
  ${q(text)}:
    title: ${q(`${text} (reference)`)}
    source: ${q(text)}
    url: ${q('javascript:alert(20)')}
`;
}
