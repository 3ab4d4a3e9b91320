import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, buildDiagram } from '../../server/src/core';
import { displayWidth, graphemes, wrapToWidth } from '../../server/src/core/text/width';
import { ROOT } from '../support/paths';

// Measuring, wrapping and cutting the flowchart's text: by grapheme, in columns where a CJK
// character takes two and an emoji two and a half.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The text of the lines without the breaks and the final "…": a start of the text. */
function joined(lines: readonly string[]): string {
  return lines.join('').replace(/…$/, '').replace(/\s+/g, '');
}

function assertFits(text: string, width: number, maxLines: number): string[] {
  const lines = wrapToWidth(text, width, maxLines);
  assert.ok(lines.length <= maxLines, `${text}: ${lines.length} lines`);
  for (const line of lines) {
    assert.ok(displayWidth(line) <= width, `${JSON.stringify(line)} is wider than ${width}`);
    assert.doesNotMatch(line, LONE_SURROGATE, `${JSON.stringify(line)} holds half a character`);
    assert.ok(!line.includes('\uFFFD'), `${JSON.stringify(line)} holds U+FFFD`);
    assert.equal(line, line.trim(), `${JSON.stringify(line)} starts or ends with a space`);
  }
  // Nothing cut inside a grapheme: the lines are whole graphemes of the text, in order.
  const shown = [...graphemes(joined(lines))];
  const original = [...graphemes(text.replace(/\s+/g, ''))];
  assert.deepEqual(shown, original.slice(0, shown.length), text);
  return lines;
}

describe('text width and wrapping (the flowchart)', () => {
  it('measures columns: Latin 1, CJK 2, emoji 2.5 whatever their code points, accents 0', () => {
    const cases: [string, number][] = [
      ['Offer exercise', 14],
      ['高血压', 6],
      ['ひらがなカタカナ', 16],
      ['한국어', 6],
      ['ألم أسفل', 8],
      ['😀', 2.5],
      ['👨‍👩‍👧‍👦', 2.5],
      ['👩🏽‍⚕️', 2.5],
      ['🇫🇷', 2.5],
      ['e\u0301', 1],
      ['Z\u0308\u0324\u0301', 1],
      ['ｓ', 2],
      ['', 0],
    ];
    for (const [text, width] of cases) assert.equal(displayWidth(text), width, text);
  });

  it('graphemes keep an emoji sequence, a flag and a letter with its accents together', () => {
    assert.deepEqual([...graphemes('a👨‍👩‍👧🇫🇷e\u0301')], ['a', '👨‍👩‍👧', '🇫🇷', 'e\u0301']);
  });

  it('splits a long text in short runs into the graphemes the segmenter finds in it whole', () => {
    const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (const text of [
      '🇫🇷🇩🇪🇯🇵'.repeat(150),
      '👨‍👩‍👧‍👦e\u0301 中😀\r\n'.repeat(120),
      `${'a'.repeat(255)}😀e\u0301`,
      `${'x'.repeat(255)}\r\n`,
      // Plain ASCII is read without the segmenter: still the segmenter's graphemes.
      'Pain < 12 weeks?\tif weeks >= 12 & "acute"\n(~see {notes})',
      'line one\r\nline two',
    ]) {
      const whole = [...segmenter.segment(text)].map((s) => s.segment);
      assert.deepEqual([...graphemes(text)], whole);
    }
  });

  it('wraps Latin text at spaces, as before', () => {
    assert.deepEqual(
      assertFits(
        'Offer spinal manipulative therapy in addition to home exercise and advice',
        30,
        4,
      ),
      ['Offer spinal manipulative', 'therapy in addition to home', 'exercise and advice'],
    );
  });

  it('wraps Chinese and Japanese between characters, keeping closing punctuation on its line', () => {
    const chinese = assertFits(
      '评估腰痛患者的病史、体格检查以及危险信号筛查，包括马尾综合征的症状',
      30,
      4,
    );
    assert.deepEqual(chinese, [
      '评估腰痛患者的病史、体格检查以',
      '及危险信号筛查，包括马尾综合征',
      '的症状',
    ]);
    const japanese = assertFits('急性腰痛（発症から4週間未満）ですか？', 16, 4);
    for (const line of japanese) assert.doesNotMatch(line, /^[、。，）」？]/, line);
    for (const line of japanese) assert.doesNotMatch(line, /（$/, line);
  });

  it('cuts a long CJK title after four lines with "…", inside the width', () => {
    const lines = assertFits('持续性腰痛的多学科康复治疗'.repeat(10), 30, 4);
    assert.equal(lines.length, 4);
    assert.ok(lines[3]?.endsWith('…'));
  });

  it('never cuts an emoji, a joined family, a flag or an accent in half (U+FFFD no more)', () => {
    for (const text of [
      '😀'.repeat(40),
      '👨‍👩‍👧‍👦'.repeat(30),
      '🇫🇷🇩🇪🇯🇵🇬🇧🇨🇳'.repeat(8),
      '👍🏽'.repeat(40),
      'e\u0301'.repeat(200),
      `Offer ${'🩺'.repeat(50)}`,
      `${'a'.repeat(29)}😀😀`,
    ]) {
      for (const width of [10, 28, 29, 30])
        for (const maxLines of [1, 3, 4]) assertFits(text, width, maxLines);
    }
  });

  it('breaks a word longer than a line between graphemes, and Arabic at its spaces', () => {
    assert.deepEqual(assertFits('Pneumonoultramicroscopicsilicovolcanoconiosis', 20, 4), [
      'Pneumonoultramicrosc',
      'opicsilicovolcanocon',
      'iosis',
    ]);
    assert.deepEqual(assertFits('ألم أسفل الظهر مع عرق النسا لأكثر من أربعة أسابيع', 28, 3), [
      'ألم أسفل الظهر مع عرق النسا',
      'لأكثر من أربعة أسابيع',
    ]);
  });

  it('reads a huge title only as far as it draws', () => {
    const lines = assertFits(`a${' '.repeat(200_000)}b ${'中'.repeat(500_000)}`, 30, 4);
    assert.equal(lines.length, 4);
  });

  describe('the flowchart', () => {
    const file = path.join(ROOT, 'test', 'inputs', 'international.pathway.yaml');
    const diagram = buildDiagram(analyze(fs.readFileSync(file, 'utf8')));

    it('sizes each box to its text drawn at 13 px: CJK characters 13 px, emoji 16 px', () => {
      for (const node of diagram.nodes) {
        for (const line of node.lines) {
          let drawn = 0;
          for (const grapheme of graphemes(line)) {
            const width = displayWidth(grapheme);
            drawn += width === 2 ? 13 : width === 2.5 ? 16.2 : width * 7;
          }
          // A decision's diamond holds its text in the middle half of its width.
          const room = node.kind === 'decision' ? (node.width - 40) / 1.5 : node.width - 32;
          assert.ok(drawn <= room + 8, `${node.id}: ${line} (${drawn} px) in ${room} px`);
        }
      }
    });

    it('cuts no character of any title or condition in half', () => {
      for (const node of diagram.nodes) {
        for (const line of node.lines) assert.doesNotMatch(line, LONE_SURROGATE, node.id);
      }
      for (const edge of diagram.edges) assert.doesNotMatch(edge.label ?? '', LONE_SURROGATE);
    });

    it('shows a bidirectional override in a title as <U+202E>, so that it cannot reorder the words', () => {
      const text = `pathway: 1\nid: p\ntitle: P\nversion: "1"\nstart: a\nsteps:\n  a:\n    kind: end\n    title: "Do \\u202Eton\\u202C offer"\n`;
      const [node] = buildDiagram(analyze(text)).nodes;
      assert.deepEqual(node?.lines, ['Do <U+202E>ton<U+202C> offer']);
    });
  });
});
