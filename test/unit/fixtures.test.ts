import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, type CheckOptions } from '../../server/src/core';
import { formatGolden, UPDATE_GOLDENS } from '../support/goldens';
import { FIXTURES } from '../support/paths';

function fixtureFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...fixtureFiles(full));
    else if (/\.pathway\.ya?ml$/.test(entry.name)) found.push(full);
  }
  return found.sort();
}

/**
 * Each fixture is a real pathway file beside the diagnostics it must produce
 * (`NAME.diagnostics.txt`), then the findings its comments silence, each line starting
 * with `suppressed `; `NAME.options.json`, when present, gives the check's options.
 * UPDATE_GOLDENS=1 rewrites them; review the diff.
 */
describe('fixtures: each case gives exactly its golden diagnostics', () => {
  const files = fixtureFiles(FIXTURES);

  it('has fixtures to check', () => {
    assert.ok(files.length > 0, `no fixtures under ${FIXTURES}`);
  });

  for (const file of files) {
    const name = path.relative(FIXTURES, file);
    it(name, () => {
      const golden = file.replace(/\.pathway\.ya?ml$/, '.diagnostics.txt');
      // NAME.options.json beside a fixture sets rule levels (a rule that is off by default).
      const optionsFile = file.replace(/\.pathway\.ya?ml$/, '.options.json');
      const options: CheckOptions = fs.existsSync(optionsFile)
        ? (JSON.parse(fs.readFileSync(optionsFile, 'utf8')) as CheckOptions)
        : {};
      const analysis = analyze(fs.readFileSync(file, 'utf8'), options);
      const actual =
        formatGolden(analysis.findings) + formatGolden(analysis.suppressed, 'suppressed ');
      if (UPDATE_GOLDENS) {
        fs.writeFileSync(golden, actual);
        return;
      }
      assert.ok(fs.existsSync(golden), `missing golden ${path.relative(FIXTURES, golden)}`);
      assert.equal(actual, fs.readFileSync(golden, 'utf8'));
    });
  }
});
