import * as assert from 'node:assert/strict';
import {
  cleanMessage,
  escapeXml,
  markdown,
  showControls,
  terminalJson,
  terminalText,
} from '../../server/src/core';
import {
  HOSTILE_TEXT,
  MARKDOWN_STRINGS,
  MARKUP_STRINGS,
  TERMINAL_STRINGS,
} from '../support/hostileText';
import { markdownLinks, markdownShape, markdownTexts } from '../support/markdown';

// The three escapers of the core (server/src/core/text/), each run over the whole corpus.

/** Any character that acts in a terminal or reorders text: C0 but tab, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex -- looking for them is the point
const ACTS = /[\x00-\x08\x0A-\x1F\x7F-\x9F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

const SAFE_TEXT = [
  'Plain words, with punctuation: a (b) c; d.',
  '高血压患者的初始治疗',
  '腰痛の急性期には安静よりも活動を',
  'ألم أسفل الظهر',
  '👨‍👩‍👧 family 🇫🇷 flag 👍🏽 thumb',
  'e\u0301 combining, Å and ñ',
  'tab\tinside',
];

describe('escapers: one per output language, one hostile corpus', () => {
  describe('HTML and SVG (escapeXml)', () => {
    const decode = (escaped: string): string =>
      escaped
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');

    it('every hostile string becomes text: no markup character is left, decoding gives it back', () => {
      for (const text of HOSTILE_TEXT) {
        const escaped = escapeXml(text);
        assert.doesNotMatch(escaped, /[<>"']/, text);
        assert.doesNotMatch(escaped, /&(?!(lt|gt|quot|#39|amp);)/, text);
        // eslint-disable-next-line no-control-regex -- what XML forbids or discourages is dropped
        const kept = text.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/g, '');
        assert.equal(decode(escaped), kept, text);
      }
    });

    it('drops control characters and makes a lone half of a surrogate pair U+FFFD', () => {
      assert.equal(escapeXml('a\u0000b\u001bc\u0085d\u009be\uFFFE'), 'abcde');
      assert.equal(escapeXml('cut \uD83D'), 'cut \uFFFD');
      assert.equal(escapeXml('\uDE00 alone'), '\uFFFD alone');
      for (const text of SAFE_TEXT) assert.equal(escapeXml(text), text);
    });
  });

  describe('Markdown (mdast-util-to-markdown with GFM)', () => {
    const { code, emphasis, heading, link, list, markdownDocument, paragraph, strong, table } =
      markdown;
    const t = markdown.text;
    const URL = 'https://example.org/evidence';

    /** The string in every place the checker writes text into Markdown. */
    function document(s: string): string {
      return markdownDocument([
        heading(1, t(`Audit report: ${s}`)),
        heading(3, t(`Path 1: ends at “${s}” (`), code(s), t(')')),
        paragraph(t(s)),
        paragraph(t(`Do ${s} now`), t(' → '), emphasis(t(s)), t('; '), strong(t(s))),
        list([[t(s)], [t('Steps: '), code(s), t(' → '), code(s)], [t(`${s} (`), code(s), t(')')]]),
        table(
          [[t('Step')], [t('Recommendation')], [t('Evidence')]],
          [[[code(s), t(' (line 1)')], [t(s)], link(URL, t(s))]],
        ),
        paragraph(...link(URL, t(s))),
      ]);
    }

    const PLACEHOLDER = 'PLACEHOLDER';
    const plain = document(PLACEHOLDER);

    it('every hostile string reads back as written and forges no heading, list, table cell, link, HTML or strikethrough', () => {
      const shape = markdownShape(plain);
      const failures: string[] = [];
      for (const text of HOSTILE_TEXT) {
        const written = document(text);
        if (markdownShape(written) !== shape) failures.push(`${JSON.stringify(text)}: structure`);
        const expected = markdownTexts(plain).map((words) =>
          words.split(PLACEHOLDER).join(terminalText(text)).trim(),
        );
        const read = markdownTexts(written).map((words) => words.trim());
        if (JSON.stringify(read) !== JSON.stringify(expected))
          failures.push(`${JSON.stringify(text)}: read back as ${JSON.stringify(read)}`);
        if (markdownLinks(written).some((url) => url !== URL))
          failures.push(`${JSON.stringify(text)}: links ${markdownLinks(written).join(', ')}`);
      }
      assert.deepEqual(failures, []);
    });

    it('the findings of the outside test: strikethrough, a table cell, a heading after a line break', () => {
      const strike = markdownDocument([paragraph(t('Do ~~not~~ offer'))]);
      assert.deepEqual(markdownTexts(strike), ['Do ~~not~~ offer']);
      assert.doesNotMatch(markdownShape(strike), /s_open|delete/);
      const cell = markdownDocument([table([[t('A')], [t('B')]], [[[t('x | y')], [t('z')]]])]);
      assert.deepEqual(markdownTexts(cell), ['A', 'B', 'x | y', 'z']);
      const title = markdownDocument([list([[t('Step "a" added: Assess\n# Forged')]])]);
      assert.doesNotMatch(markdownShape(title), /heading/);
      assert.deepEqual(markdownTexts(title), ['Step "a" added: Assess # Forged']);
    });

    it('links only to http(s): any other address gives its words alone', () => {
      for (const url of [
        'javascript:alert(1)',
        'JAVASCRIPT:alert(1)',
        ' javascript:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'vbscript:msgbox(1)',
        '//evil.example/x',
        'relative/path',
        'https://',
        'https://evil.example/a b',
      ]) {
        const written = markdownDocument([paragraph(...link(url, t('words')))]);
        assert.deepEqual(markdownLinks(written), [], url);
        assert.deepEqual(markdownTexts(written), ['words'], url);
      }
      // An http(s) address is kept, with what may not stand in a URL percent-encoded.
      const written = markdownDocument([
        paragraph(...link('https://example.org/a<b>"c"\u001b\uD83D', t('w'))),
      ]);
      assert.deepEqual(markdownLinks(written), [
        'https://example.org/a%3Cb%3E%22c%22%1B%EF%BF%BD',
        'https://example.org/a%3Cb%3E%22c%22%1B%EF%BF%BD',
      ]);
    });

    it('an id in a code span cannot close it, and a pathway’s own text keeps its characters', () => {
      for (const id of ['a`b', '`start', 'end`', '``', 'a | b', ' padded ']) {
        const written = markdownDocument([paragraph(t('id '), code(id), t(' here'))]);
        assert.deepEqual(markdownTexts(written), [`id ${id} here`], id);
        assert.match(markdownShape(written), /paragraph\(text inlineCode text\)/, id);
      }
      for (const text of SAFE_TEXT) {
        assert.deepEqual(markdownTexts(markdownDocument([paragraph(t(text))])), [text]);
      }
    });
  });

  describe('terminal text', () => {
    it('every hostile string is one line with each control and bidirectional character as <U+XXXX>', () => {
      for (const text of HOSTILE_TEXT) {
        const shown = terminalText(text);
        assert.doesNotMatch(shown, ACTS, text);
        assert.doesNotMatch(shown, /[\r\n\u2028\u2029]/, text);
        assert.equal(terminalText(shown), shown, `${text}: showing twice changes nothing`);
      }
      assert.equal(
        terminalText('Do \u001b[8mnot\u001b[0m offer'),
        'Do <U+001B>[8mnot<U+001B>[0m offer',
      );
      assert.equal(terminalText('Ring \u0007'), 'Ring <U+0007>');
      assert.equal(terminalText('C1 \u009b31m'), 'C1 <U+009B>31m');
      assert.equal(terminalText('Do \u202eton\u202c offer'), 'Do <U+202E>ton<U+202C> offer');
      assert.equal(terminalText('\u2067x\u2069'), '<U+2067>x<U+2069>');
      assert.equal(terminalText('Overwritten\r  Offer'), 'Overwritten Offer');
      assert.equal(
        showControls('a/b\nc'),
        'a/b<U+000A>c',
        'a file name keeps its line break visible',
      );
    });

    it('leaves printable text as it is: CJK, Arabic, emoji, accents, tabs', () => {
      for (const text of [
        ...SAFE_TEXT,
        ...MARKUP_STRINGS,
        ...MARKDOWN_STRINGS.filter((s) => !s.includes('\n')),
      ]) {
        assert.equal(terminalText(text), text);
      }
    });

    it('JSON for a terminal: every control written as \\uXXXX, the same data read back', () => {
      const value = {
        texts: HOSTILE_TEXT,
        ids: Object.fromEntries(HOSTILE_TEXT.map((t) => [t, t])),
      };
      const written = terminalJson(value);
      assert.deepEqual(JSON.parse(written), value);
      for (const line of written.split('\n')) assert.doesNotMatch(line, ACTS);
    });

    it('a message is clipped without cutting a character in half', () => {
      const message = `${'a'.repeat(998)}😀 and more`;
      const clipped = cleanMessage(message);
      assert.ok(clipped.length <= 1000);
      assert.doesNotMatch(clipped, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      assert.ok(clipped.endsWith('…'));
      for (const text of TERMINAL_STRINGS) assert.doesNotMatch(cleanMessage(text), ACTS);
    });
  });
});
