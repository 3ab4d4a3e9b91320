// The rule list in the core is the one source: the settings in package.json and the sections
// of docs/rules.md must follow it (scripts/rules.mjs writes the one and checks both).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RULE_INFO, RULES, UNSUPPRESSIBLE } from '../../server/src/core/checks/registry';
import { ROOT } from '../support/paths';

const SCRIPT = path.join(ROOT, 'scripts', 'rules.mjs');

/** Runs the check on the repository, or on a drifted copy (then removed). */
function check(root?: string): { status: number | null; stderr: string } {
  const args = [SCRIPT, '--check', ...(root === undefined ? [] : ['--root', root])];
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (root !== undefined) fs.rmSync(root, { recursive: true, force: true });
  return { status: result.status, stderr: result.stderr };
}

/** A copy of package.json and docs/rules.md, changed by `edit`, in a folder of its own. */
function drifted(edit: (pkg: PackageJson, docs: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-rules-'));
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
  const docs = edit(pkg, fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8'));
  fs.mkdirSync(path.join(dir, 'docs'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  fs.writeFileSync(path.join(dir, 'docs', 'rules.md'), docs);
  return dir;
}

interface RuleSetting {
  default: string;
  enum: string[];
  markdownDescription: string;
}

interface PackageJson {
  contributes: {
    configuration: {
      properties: {
        'pathway.rules': { markdownDescription: string; properties: Record<string, RuleSetting> };
      };
    };
  };
}

function rulesSetting(
  pkg: PackageJson,
): PackageJson['contributes']['configuration']['properties']['pathway.rules'] {
  return pkg.contributes.configuration.properties['pathway.rules'];
}

describe('the rule list', () => {
  it('package.json and docs/rules.md follow it (node scripts/rules.mjs --check)', () => {
    const result = check();
    assert.equal(result.status, 0, result.stderr);
  });

  it('every code once; the rules run in its order; what cannot be silenced is marked', () => {
    const codes = RULE_INFO.map((rule) => rule.code);
    assert.equal(new Set(codes).size, codes.length);
    assert.deepEqual(
      RULES.map((rule) => rule.code),
      codes.filter((code) => code !== 'file-too-large' && code !== 'internal-error'),
    );
    assert.deepEqual(
      [...UNSUPPRESSIBLE],
      RULE_INFO.filter((rule) => !rule.silenceable).map((rule) => rule.code),
    );
  });

  it('a setting whose default, levels or description drifts is named', () => {
    const dir = drifted((pkg, docs) => {
      const rules = rulesSetting(pkg).properties;
      const unused = rules['unused-reference'];
      const missing = rules['missing-citation'];
      assert.ok(unused && missing);
      unused.default = 'error';
      missing.enum = ['off', 'error'];
      missing.markdownDescription = 'Cites nothing. [About this rule](https://example.org/)';
      return docs;
    });
    const result = check(dir);
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /pathway\.rules\.unused-reference\.default is "error"; the list gives "warning"/,
    );
    assert.match(result.stderr, /pathway\.rules\.missing-citation\.enum/);
    assert.match(result.stderr, /pathway\.rules\.missing-citation\.markdownDescription/);
    assert.doesNotMatch(result.stderr, /duplicate-branch/);
  });

  it('a code missing from the setting, or a wrong link to the rules, is named', () => {
    const dir = drifted((pkg, docs) => {
      const setting = rulesSetting(pkg);
      delete setting.properties['internal-error'];
      setting.markdownDescription = 'The level of each rule. See [the rules](docs/rules.md).';
      return docs;
    });
    const result = check(dir);
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /pathway\.rules lists .*, file-too-large; the rules are .*, internal-error/,
    );
    assert.match(result.stderr, /pathway\.rules\.markdownDescription/);
  });

  it('docs/rules.md with a section missing or out of order is named', () => {
    const swapped = check(
      drifted((_pkg, docs) =>
        docs
          .replace('## missing-otherwise\n', '## @@\n')
          .replace('## duplicate-branch\n', '## missing-otherwise\n')
          .replace('## @@\n', '## duplicate-branch\n'),
      ),
    );
    assert.equal(swapped.status, 1);
    assert.match(
      swapped.stderr,
      /docs\/rules\.md has the sections .*duplicate-branch, missing-otherwise/,
    );
    const missing = check(drifted((_pkg, docs) => docs.replace('## unused-reference\n', '')));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /docs\/rules\.md has the sections/);
  });
});
