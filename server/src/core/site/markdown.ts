// A step's `detail` on the published site: Markdown rendered to HTML that can neither run,
// nor style, nor fetch anything. markdown-it reads it (CommonMark with tables, strikethrough
// and bare http(s) addresses linked); what it writes is restricted here:
// - raw HTML is text (`html: false`), and every text and attribute goes through escapeXml;
// - a link leads only to http(s) or mailto, and carries rel="noopener noreferrer"; any other
//   destination (javascript:, data:, a relative path, an anchor) leaves its words unlinked;
// - an image is never loaded: it becomes a link to its address (or its words alone);
// - a table's column alignment is a class, never a style attribute (the site's policy has
//   no inline style);
// - headings are placed under the step's own heading, never skipping a level.
import MarkdownIt, { type Token } from 'markdown-it';
import { escapeXml } from '../text/xml';

/** The only addresses a link on the site may lead to. */
const SAFE_LINK = /^(?:https?:\/\/[^\s/?#]|mailto:[^\s])/i;

/** Whether `href` may be a link's destination on the site: http(s) or mailto, nothing else. */
export function isSafeLink(href: string): boolean {
  return SAFE_LINK.test(href);
}

/** The heading level of the step a detail belongs to: a detail's headings go below it. */
const STEP_HEADING = 3;

/** Text as the page shows it: escaped, every time. */
function textRule(tokens: Token[], index: number): string {
  return escapeXml(tokens[index]?.content ?? '');
}

function codeBlock(tokens: Token[], index: number): string {
  return `<pre><code>${escapeXml(tokens[index]?.content ?? '')}</code></pre>\n`;
}

function attributes(token: Token): string {
  return (token.attrs ?? [])
    .filter(([name]) => name !== 'style')
    .map(([name, value]) => ` ${escapeXml(name)}="${escapeXml(value)}"`)
    .join('');
}

/** A table cell's alignment as a class: the site's policy allows no style attribute. */
function alignAsClass(token: Token): void {
  const style = token.attrGet('style');
  if (style === null) return;
  const align = /^text-align:(left|right|center)$/.exec(style)?.[1];
  token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
  if (align) token.attrSet('class', `pw-align-${align}`);
}

/** Headings of a detail go under the step's heading, each at most one level below the last. */
function placeHeadings(tokens: Token[]): void {
  let previous = STEP_HEADING;
  let open = STEP_HEADING + 1;
  for (const token of tokens) {
    if (token.type === 'heading_open') {
      const written = Number(token.tag.slice(1)) + STEP_HEADING;
      open = Math.min(6, Math.max(STEP_HEADING + 1, Math.min(written, previous + 1)));
      previous = open;
      token.tag = `h${open}`;
    } else if (token.type === 'heading_close') {
      token.tag = `h${open}`;
    } else if (token.type === 'th_open' || token.type === 'td_open') {
      alignAsClass(token);
    }
  }
}

function makeRenderer(): MarkdownIt {
  const md = new MarkdownIt('default', {
    html: false,
    linkify: true,
    typographer: false,
    breaks: false,
  });
  const builtIn = md.validateLink;
  md.validateLink = (url) => builtIn(url) && isSafeLink(url.trim());
  md.core.ruler.push('pathway_site', (state) => placeHeadings(state.tokens));
  const rules = md.renderer.rules;
  md.renderer.renderAttrs = attributes;
  rules['text'] = textRule;
  rules['html_block'] = textRule;
  rules['html_inline'] = textRule;
  rules['code_inline'] = (tokens, index) =>
    `<code>${escapeXml(tokens[index]?.content ?? '')}</code>`;
  rules['code_block'] = codeBlock;
  rules['fence'] = codeBlock;
  // Links cannot nest in Markdown: one flag says whether the open link was written.
  rules['link_open'] = (tokens, index, _options, env) => {
    const href = tokens[index]?.attrGet('href') ?? '';
    const safe = isSafeLink(href);
    env['linkOpen'] = safe;
    return safe ? `<a href="${escapeXml(href)}" rel="noopener noreferrer">` : '';
  };
  rules['link_close'] = (_tokens, _index, _options, env) => {
    const safe = env['linkOpen'] === true;
    env['linkOpen'] = false;
    return safe ? '</a>' : '';
  };
  rules['image'] = (tokens, index, options, env, self) => {
    const token = tokens[index];
    const words = token ? self.renderInlineAsText(token.children ?? [], options, env) : '';
    const src = token?.attrGet('src') ?? '';
    if (!isSafeLink(src)) return escapeXml(words);
    return `<a class="pw-image-link" href="${escapeXml(src)}" rel="noopener noreferrer">${escapeXml(words ? `Image: ${words}` : 'Image')}</a>`;
  };
  return md;
}

let renderer: MarkdownIt | undefined;

/** A detail written in Markdown, as safe HTML for the site. */
export function renderMarkdown(markdown: string): string {
  renderer ??= makeRenderer();
  return renderer.render(markdown, {}).trimEnd();
}
