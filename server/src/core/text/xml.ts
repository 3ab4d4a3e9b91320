/**
 * Text from a pathway file in XML and HTML (the flowchart's SVG, the exported pages, the
 * report, the preview's page): the one escaper for markup.
 */

const ENTITIES = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
} as const;

/**
 * Characters XML forbids (the C0 controls but tab and line breaks, U+FFFE, U+FFFF) and those
 * it discourages and HTML reports as errors (DEL and the C1 controls): dropped, so that the
 * preview's XML parser accepts the picture and a picture printed to a terminal cannot drive it.
 */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to drop
const NOT_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;

/** Half of a surrogate pair without its other half: not a character, and XML forbids it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Any character the escaper changes: most texts hold none, and are given back as they are
 * after one pass instead of three (a published page escapes tens of thousands of them).
 */
const CHANGED =
  // eslint-disable-next-line no-control-regex -- the characters NOT_TEXT drops, among others
  /[&<>"'\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Characters that are not text or not whole: rare, so looked for before they are mended. */
// eslint-disable-next-line no-control-regex -- the characters NOT_TEXT drops, and surrogates
const NOT_PLAIN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Escapes text for XML/HTML content and quoted attribute values; drops what is not text. */
export function escapeXml(text: string): string {
  if (!CHANGED.test(text)) return text;
  const mended = NOT_PLAIN.test(text)
    ? text.replace(NOT_TEXT, '').replace(LONE_SURROGATE, '\uFFFD')
    : text;
  // One pass per character, each with a fixed replacement: faster than one pass that calls
  // back for every match (a page's JSON data holds thousands of quotes). `&` goes first.
  return mended
    .replace(/&/g, ENTITIES['&'])
    .replace(/</g, ENTITIES['<'])
    .replace(/>/g, ENTITIES['>'])
    .replace(/"/g, ENTITIES['"'])
    .replace(/'/g, ENTITIES["'"]);
}
