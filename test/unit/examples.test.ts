import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../server/src/core';
import { formatGolden } from '../support/goldens';
import { EXAMPLES } from '../support/paths';

describe('examples', () => {
  const files = fs
    .readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.pathway.yaml'))
    .map((name) => path.join(EXAMPLES, name));

  it('has at least five clinical examples', () => {
    assert.ok(files.length >= 5, `found ${files.length}`);
  });

  for (const file of files) {
    it(`${path.basename(file)} checks clean`, () => {
      const analysis = analyze(fs.readFileSync(file, 'utf8'));
      assert.equal(formatGolden(analysis.findings), '');
      // Clean because it is complete, not because nothing was read.
      assert.ok((analysis.model?.steps.size ?? 0) >= 8, 'a real pathway has several steps');
      assert.ok((analysis.model?.references.size ?? 0) >= 1, 'a real pathway cites evidence');
    });
  }

  it('the flawed example trips every rule once (and yaml-syntax in its own file)', () => {
    const flawed = analyze(
      fs.readFileSync(path.join(EXAMPLES, 'flawed', 'flawed.pathway.yaml'), 'utf8'),
    );
    const codes = flawed.findings.map((f) => f.code).sort();
    assert.deepEqual(codes, [
      'discordant-recommendation',
      'duplicate-branch',
      'duplicate-key',
      'missing-citation',
      'missing-otherwise',
      'no-path-to-end',
      'schema',
      'unknown-reference',
      'unknown-step',
      'unreachable-step',
      'unused-reference',
    ]);
    const broken = analyze(
      fs.readFileSync(path.join(EXAMPLES, 'flawed', 'broken-yaml.pathway.yaml'), 'utf8'),
    );
    assert.deepEqual(
      broken.findings.map((f) => f.code),
      ['yaml-syntax'],
    );
  });

  it('the flawed example reports where its comments say', () => {
    const folder = path.join(EXAMPLES, 'flawed');
    const expected = fs
      .readFileSync(path.join(folder, 'flawed.expected.txt'), 'utf8')
      .trim()
      .split('\n');
    const actual = analyze(
      fs.readFileSync(path.join(folder, 'flawed.pathway.yaml'), 'utf8'),
    ).findings.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.code}`);
    assert.deepEqual(actual, expected);
  });
});
