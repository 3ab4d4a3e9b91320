import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  analyzeWhole,
  IncrementalAnalyzer,
  RULES,
  UNSUPPRESSIBLE,
  type Analysis,
} from '../../server/src/core';
import { commentStarts } from '../../server/src/core/suppression';
import { FIXTURES } from '../support/paths';

const FOLDER = path.join(FIXTURES, 'suppression');

function read(name: string): string {
  return fs.readFileSync(path.join(FOLDER, name), 'utf8');
}

function codes(findings: Analysis['findings']): string[] {
  return findings.map((f) => f.code);
}

/** Both readings of a text, which must agree on what is shown and what is silenced. */
function both(text: string, options = {}): Analysis {
  const whole = analyzeWhole(text, options);
  const inBlocks = analyze(text, options);
  const shown = (a: Analysis) => a.findings.map((f) => `${f.code} ${f.message}`);
  const silenced = (a: Analysis) => a.suppressed.map((f) => `${f.code} ${f.message}`);
  assert.deepEqual(shown(inBlocks), shown(whole));
  assert.deepEqual(silenced(inBlocks), silenced(whole));
  return whole;
}

const VALID = `pathway: 1
id: brlp
title: Back-related leg pain
version: "1"
start: assess
steps:
  assess:
    kind: assessment
    title: Examine
    next: done
  done:
    kind: end
    title: Review
`;
// A link like no step: the step it no longer reaches is a finding of its own, on its own line.
const BROKEN = VALID.replace('next: done', 'next: nowhere-at-all');

describe('suppression: only real comments silence, and nothing unread is silenced', () => {
  it('every suppression fixture reads the same whole and in blocks', () => {
    const names = fs.readdirSync(FOLDER).filter((name) => name.endsWith('.pathway.yaml'));
    assert.ok(names.length >= 8);
    for (const name of names) both(read(name));
  });

  it('the directives written inside a detail block are text: every finding is shown', () => {
    const text = read('directive-in-detail-block.pathway.yaml');
    const analyzer = new IncrementalAnalyzer();
    const analysis = analyzer.analyze(text);
    assert.equal(analyzer.lastMode, 'incremental');
    assert.deepEqual(codes(analysis.findings), ['unknown-step', 'unreachable-step']);
    assert.deepEqual(analysis.suppressed, []);
    assert.deepEqual(codes(analyzeWhole(text).findings), ['unknown-step', 'unreachable-step']);
  });

  it('the same words in a quoted title or a repeated key are text too', () => {
    assert.deepEqual(codes(both(read('directive-in-quoted-text.pathway.yaml')).findings), [
      'unknown-step',
      'unreachable-step',
    ]);
    assert.deepEqual(codes(both(read('directive-in-repeated-key.pathway.yaml')).findings), [
      'duplicate-key',
      'unknown-step',
      'unreachable-step',
    ]);
  });

  it('a real comment silences, and what it silences is kept apart, not lost', () => {
    const nextLine = both(read('next-line-comment.pathway.yaml'));
    assert.deepEqual(codes(nextLine.findings), ['unreachable-step']);
    assert.deepEqual(codes(nextLine.suppressed), ['unknown-step']);
    assert.equal(nextLine.suppressed[0]?.range.start.line, 12);
    const fileWide = both(read('file-wide-comment.pathway.yaml'));
    assert.deepEqual(fileWide.findings, []);
    assert.deepEqual(codes(fileWide.suppressed), ['unknown-step', 'unreachable-step']);
  });

  it('typing the words into a detail block silences nothing; a comment line does', () => {
    const analyzer = new IncrementalAnalyzer();
    const base = BROKEN.replace(
      '    title: Examine\n',
      '    title: Examine\n    detail: |\n      X\n',
    );
    analyzer.analyze(base);
    const words = '# pathway-disable';
    let last: Analysis | undefined;
    for (let i = 1; i <= words.length; i++) {
      last = analyzer.analyze(base.replace('      X\n', `      ${words.slice(0, i)}\n`));
      assert.deepEqual(codes(last.findings), ['unknown-step', 'unreachable-step'], `${i}`);
    }
    assert.equal(analyzer.lastMode, 'incremental');
    const asComment = analyzer.analyze(base.replace('      X\n', `      X\n${words}\n`));
    assert.deepEqual(asComment.findings, []);
    assert.deepEqual(codes(asComment.suppressed), ['unknown-step', 'unreachable-step']);
  });

  it('read whole (an anchor): a comment at the end silences, the words in a block do not', () => {
    const text = BROKEN.replace('title: Examine', 'title: &examine Examine').replace(
      '    title: Review\n',
      '    title: Review\n    detail: |\n      # pathway-disable\n',
    );
    const analyzer = new IncrementalAnalyzer();
    const inBlock = analyzer.analyze(text);
    assert.equal(analyzer.lastMode, 'whole');
    assert.deepEqual(codes(inBlock.findings), ['unknown-step', 'unreachable-step']);
    const atEnd = both(`${text}# pathway-disable unreachable-step\n`);
    assert.deepEqual(codes(atEnd.findings), ['unknown-step']);
    assert.deepEqual(codes(atEnd.suppressed), ['unreachable-step']);
  });

  it('a file that does not parse is never silenced, whatever the comments name', () => {
    const analysis = both(read('does-not-parse.pathway.yaml'));
    assert.deepEqual(codes(analysis.findings), ['yaml-syntax']);
    assert.deepEqual(analysis.suppressed, []);
    const named = both(`# pathway-disable yaml-syntax\n${VALID}  x: [\n`);
    assert.deepEqual(codes(named.findings), ['yaml-syntax']);
  });

  it('the nesting and alias limits (yaml-syntax) cannot be silenced', () => {
    for (const name of ['nesting-limit.pathway.yaml', 'alias-limit.pathway.yaml']) {
      const analysis = both(read(name));
      assert.deepEqual(codes(analysis.findings), ['yaml-syntax'], name);
      assert.deepEqual(analysis.suppressed, [], name);
    }
  });

  it('a file over the size limit is reported whatever its comments say', () => {
    const text = `# pathway-disable\n# pathway-disable file-too-large\n${VALID}`;
    const analysis = both(text, { maxFileSize: 100 });
    assert.deepEqual(codes(analysis.findings), ['file-too-large']);
    assert.deepEqual(analysis.suppressed, []);
  });

  it('an internal error is reported whatever the comments say', () => {
    const rule = RULES.find((r) => r.code === 'missing-otherwise');
    assert.ok(rule);
    const run = rule.run.bind(rule);
    rule.run = () => {
      throw new Error('a failure for the test');
    };
    try {
      const analysis = both(`# pathway-disable\n# pathway-disable internal-error\n${VALID}`);
      assert.deepEqual(codes(analysis.findings), ['internal-error']);
      assert.deepEqual(analysis.suppressed, []);
    } finally {
      rule.run = run;
    }
    assert.deepEqual([...UNSUPPRESSIBLE].sort(), [
      'file-too-large',
      'internal-error',
      'yaml-syntax',
    ]);
  });

  it('noInlineConfig ignores every directive', () => {
    for (const name of ['next-line-comment.pathway.yaml', 'file-wide-comment.pathway.yaml']) {
      const text = read(name);
      const obeyed = both(text);
      const ignored = both(text, { noInlineConfig: true });
      assert.deepEqual(ignored.suppressed, [], name);
      assert.deepEqual(
        codes(ignored.findings),
        codes(
          [...obeyed.findings, ...obeyed.suppressed].sort((a, b) => a.span.start - b.span.start),
        ),
        name,
      );
    }
  });

  it('commentStarts: where the lexer sees comments, not where the words are', () => {
    const text = [
      '# pathway-disable', // 0: a comment
      'a: 1 # pathway-disable', // a comment after a value
      'b: |',
      '  # pathway-disable', // block scalar text
      'c: "x',
      '  # pathway-disable"', // quoted text
      'd: [1,',
      '  # pathway-disable', // a comment inside a flow list
      '  2]',
      'e: >-',
      '  # pathway-disable',
      '# pathway-disable', // after the folded text, less indented: a comment
      '',
    ].join('\n');
    const starts = commentStarts(text).map((at) => text.slice(0, at).split('\n').length);
    assert.deepEqual(starts, [1, 2, 8, 12]);
  });
});
