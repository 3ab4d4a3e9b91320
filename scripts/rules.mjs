// Keeps what lists the rules outside the code in step with the core's list (RULE_LIST in
// server/src/core/checks/ruleList.ts): writes the pathway.rules setting in package.json, and
// checks that docs/rules.md has one `## code` section per rule, in the same order.
//   node scripts/rules.mjs           rewrite package.json's pathway.rules from the list
//   node scripts/rules.mjs --check   change nothing; exit 1 and say what differs
// Reads the compiled core: run `npm run build` (or `npx tsc -b`) first.
// `--root DIR` reads (and writes) DIR/package.json and DIR/docs/rules.md instead.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const check = args.includes('--check');
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? path.resolve(args[rootAt + 1] ?? '.') : repo;

const compiled = path.join(repo, 'out/server/src/core');
if (!existsSync(path.join(compiled, 'checks/registry.js'))) {
  console.error('rules: the compiled core is missing; run `npm run build` first.');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const { RULE_INFO } = require(path.join(compiled, 'checks/registry.js'));
const { RULES_DOC_URL, ruleDocUrl } = require(path.join(compiled, 'docs.js'));
const { RULE_LEVELS } = require(path.join(compiled, 'options.js'));

/** The words "`off`, `info`, `warning` or `error`". */
function levelsInWords() {
  const quoted = RULE_LEVELS.map((level) => `\`${level}\``);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** The pathway.rules setting as the list gives it. */
function rulesSetting() {
  const properties = {};
  for (const rule of RULE_INFO) {
    properties[rule.code] = {
      type: 'string',
      enum: [...RULE_LEVELS],
      default: rule.defaultSeverity,
      markdownDescription: `${rule.summary} [About this rule](${ruleDocUrl(rule.code)})`,
    };
  }
  return {
    type: 'object',
    scope: 'resource',
    markdownDescription: `The level of each rule for pathway files: ${levelsInWords()}. Rules not named keep their default. See [the rules](${RULES_DOC_URL}).`,
    properties,
    additionalProperties: false,
    default: {},
  };
}

/** What differs between the setting in package.json and the one the list gives. */
function settingDrift(actual, expected) {
  if (actual === undefined) return ['package.json has no pathway.rules setting'];
  const drift = [];
  const have = Object.keys(actual.properties ?? {});
  const want = Object.keys(expected.properties);
  if (have.join() !== want.join()) {
    drift.push(`pathway.rules lists ${have.join(', ')}; the rules are ${want.join(', ')}`);
  }
  for (const code of want) {
    const got = actual.properties?.[code];
    if (got === undefined) continue;
    for (const [field, value] of Object.entries(expected.properties[code])) {
      if (JSON.stringify(got[field]) !== JSON.stringify(value)) {
        drift.push(
          `pathway.rules.${code}.${field} is ${JSON.stringify(got[field])}; the list gives ${JSON.stringify(value)}`,
        );
      }
    }
  }
  for (const key of Object.keys(expected)) {
    if (key === 'properties') continue;
    if (JSON.stringify(actual[key]) !== JSON.stringify(expected[key])) {
      drift.push(
        `pathway.rules.${key} is ${JSON.stringify(actual[key])}; the list gives ${JSON.stringify(expected[key])}`,
      );
    }
  }
  return drift;
}

/** What differs between docs/rules.md's `## ` sections and the rules, in order. */
function docsDrift(markdown) {
  const headings = [...markdown.matchAll(/^## (.*)$/gm)].map((match) => match[1].trim());
  const codes = RULE_INFO.map((rule) => rule.code);
  if (headings.join('\n') === codes.join('\n')) return [];
  return [
    `docs/rules.md has the sections ${headings.join(', ')}; it needs one "## code" section per rule, in the order ${codes.join(', ')}`,
  ];
}

const packagePath = path.join(root, 'package.json');
const packageText = readFileSync(packagePath, 'utf8');
const pkg = JSON.parse(packageText);
const settings = pkg.contributes?.configuration?.properties;
const expected = rulesSetting();
const drift = [
  ...settingDrift(settings?.['pathway.rules'], expected),
  ...docsDrift(readFileSync(path.join(root, 'docs/rules.md'), 'utf8')),
];

if (check) {
  if (drift.length > 0) {
    for (const line of drift) console.error(`rules: ${line}`);
    console.error(
      'rules: run `node scripts/rules.mjs` to rewrite package.json; edit docs/rules.md by hand.',
    );
    process.exit(1);
  }
} else {
  if (!settings) {
    console.error('rules: package.json has no contributes.configuration.properties');
    process.exit(2);
  }
  settings['pathway.rules'] = expected;
  const text = `${JSON.stringify(pkg, null, 2)}\n`;
  if (text !== packageText) {
    writeFileSync(packagePath, text);
    console.log('rules: package.json rewritten');
  }
  const docs = docsDrift(readFileSync(path.join(root, 'docs/rules.md'), 'utf8'));
  for (const line of docs) console.error(`rules: ${line}`);
  process.exit(docs.length > 0 ? 1 : 0);
}
