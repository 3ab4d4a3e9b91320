import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  analyze,
  buildDiffDiagram,
  describeChange,
  diffPathways,
  diffText,
} from '../../server/src/core';
import { runCli } from '../support/cli';
import { UPDATE_GOLDENS } from '../support/goldens';
import { FIXTURES_FILES, ROOT } from '../support/paths';

const DIR = path.join(ROOT, 'test', 'diff');
const read = (name: string): string =>
  fs.readFileSync(path.join(DIR, `${name}.pathway.yaml`), 'utf8');

function diff(before: string, after: string) {
  return diffPathways(analyze(read(before)), analyze(read(after)));
}

/** Pairs of versions, each with a golden of what a reviewer reads. */
const PAIRS: [string, string][] = [
  ['base', 'panel-edit'],
  ['panel-edit', 'base'],
  ['base', 'every-change'],
  ['every-change', 'base'],
  ['base', 'formatting-only'],
  // Computable decisions: inputs, conditions, match and records.
  ['logic-base', 'logic-edit'],
  ['logic-edit', 'logic-base'],
  // What the edit does to patients: a scenario's route, and a patient moved between ends.
  ['patients-before', 'patients-after'],
];

describe('pathway diff (the recommendation logic, not the text)', () => {
  for (const [before, after] of PAIRS) {
    it(`${before} → ${after} matches its golden`, () => {
      const actual = diffText(diff(before, after));
      const golden = path.join(DIR, `${before}--${after}.diff.txt`);
      if (UPDATE_GOLDENS) {
        fs.writeFileSync(golden, actual);
        return;
      }
      assert.equal(actual, fs.readFileSync(golden, 'utf8'));
    });
  }

  it('base → every-change with --routes lists each route new and gone under its end (golden)', () => {
    const actual = diffText(diff('base', 'every-change'), { routes: true });
    const golden = path.join(DIR, 'base--every-change.routes.diff.txt');
    if (UPDATE_GOLDENS) {
      fs.writeFileSync(golden, actual);
      return;
    }
    assert.equal(actual, fs.readFileSync(golden, 'utf8'));
  });

  describe('one step skipped in a real example: a summary a reviewer can read', () => {
    let dir: string;
    let oldFile: string;
    let newFile: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-diff-skip-'));
      oldFile = path.join(ROOT, 'examples', 'stepped-care-radiating-lbp.pathway.yaml');
      const text = fs.readFileSync(oldFile, 'utf8');
      // Candidates for an injection or surgery now go straight past the MRI.
      const skipped = text.replace(
        /(\n {2}persistent-pain:\n(?: {4}.*\n)*? {8}next: )persistent-mri\n/,
        '$1procedure-choice\n',
      );
      assert.notEqual(skipped, text);
      newFile = path.join(dir, 'skipped.pathway.yaml');
      fs.writeFileSync(newFile, skipped);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('names the changed step and one line per end, with no route and no line twice', () => {
      const result = runCli(['diff', oldFile, newFile]);
      assert.equal(result.status, 1, result.stderr);
      const all = result.stdout.trimEnd().split('\n');
      // What it does to the examples' scenarios comes last, one line each.
      const patients = all.indexOf('Patients:');
      assert.ok(patients > 0, result.stdout);
      const scenarios = all.slice(patients + 1, -1);
      assert.ok(
        scenarios.every((line) =>
          /^ {2}Scenario "[^"]+" .* It fails now \(it passed\)\.$/.test(line),
        ),
        result.stdout,
      );
      const lines = [...all.slice(0, patients), all.at(-1) ?? ''];
      assert.ok(lines.length <= 10, `${lines.length} lines:\n${result.stdout}`);
      assert.equal(new Set(lines).size, lines.length, 'a line is repeated');
      assert.equal(lines[0], 'Steps changed: "persistent-pain".');
      assert.doesNotMatch(result.stdout, /→/, 'routes are listed only with --routes');
      assert.doesNotMatch(result.stdout, /Consequence:/);
      const ends = lines.filter((line) => line.startsWith('  End '));
      assert.equal(ends.length, 2, result.stdout);
      assert.ok(
        ends.includes(
          '  End "self-management-review" ("Continue self-management with regular review") is reached by 18 routes (was 18), 8 changed: patients reaching it no longer go through "persistent-mri".',
        ),
        result.stdout,
      );
      assert.match(lines.at(-1) ?? '', /Add --routes/);
    });

    it('--routes adds the routes themselves, in text and Markdown', () => {
      const result = runCli(['diff', '--routes', oldFile, newFile]);
      assert.equal(result.status, 1, result.stderr);
      const routes = result.stdout.split('\n').filter((line) => /^ {4}[+-] /.test(line));
      // 24 routes to the two ends, then each of the three scenarios' route now and before.
      assert.equal(routes.length, 24 + 3 * 2, result.stdout);
      assert.ok(routes.every((line) => line.includes('persistent-pain → ')));
      assert.doesNotMatch(result.stdout, /Add --routes/);
      const md = runCli(['diff', '--format', 'md', oldFile, newFile]);
      assert.doesNotMatch(md.stdout, /→/);
      const mdRoutes = runCli(['diff', '--format', 'md', '--routes', oldFile, newFile]);
      assert.equal(mdRoutes.stdout.match(/route gone: /g)?.length, 12, mdRoutes.stdout);
    });

    it('--format json always holds every route, with the summary fields', () => {
      const result = runCli(['diff', '--format', 'json', oldFile, newFile]);
      assert.equal(result.status, 1, result.stderr);
      const json = JSON.parse(result.stdout) as { changes: Record<string, unknown>[] };
      const end = json.changes.find(
        (c) => c['type'] === 'end-paths-changed' && c['id'] === 'self-management-review',
      );
      assert.ok(end, result.stdout);
      assert.equal((end['added'] as string[]).length, 8);
      assert.equal((end['removed'] as string[]).length, 8);
      assert.equal(end['changed'], 8);
      assert.deepEqual(end['noLongerThrough'], ['persistent-mri']);
      assert.deepEqual(end['nowThrough'], []);
      assert.equal(end['title'], 'Continue self-management with regular review');
    });
  });

  it('a panel edit: regrade, reworded branch, new step, renamed step (not removed + added)', () => {
    const changes = diff('base', 'panel-edit').changes;
    const types = changes.map((c) => c.type);
    assert.ok(
      changes.some(
        (c) =>
          c.type === 'step-renamed' && c.from === 're-evaluate' && c.to === 'reassess-diagnosis',
      ),
    );
    assert.ok(
      !changes.some((c) => c.type === 'step-removed'),
      'the renamed step is not reported removed',
    );
    assert.ok(changes.some((c) => c.type === 'step-added' && c.id === 'safety-net'));
    assert.ok(
      changes.some(
        (c) => c.type === 'grade-changed' && c.field === 'strength' && c.to === 'strong',
      ),
    );
    assert.ok(changes.some((c) => c.type === 'branch-reworded' && c.id === 'duration'));
    assert.ok(
      changes.some(
        (c) => c.type === 'link-retargeted' && c.id === 'response' && c.to === 'safety-net',
      ),
    );
    assert.ok(types.includes('end-paths-changed'));
  });

  it('names a patient who reached one end before and another now, and follows them through both', () => {
    const changes = diff('patients-before', 'patients-after').changes;
    const moved = changes.filter((c) => c.type === 'patients-moved');
    assert.deepEqual(moved, [
      {
        type: 'patients-moved',
        from: 'specialist',
        to: 'urgent',
        patient: 'red-flag = false, weeks = 0, response = worse',
      },
    ]);
    // The patient really goes each way: as a scenario, they end where the change says.
    const facts = '    facts: { red-flag: false, weeks: 0, response: worse }';
    for (const [version, end] of [
      ['patients-before', 'specialist'],
      ['patients-after', 'urgent'],
    ] as const) {
      const text = read(version).replace(
        /scenarios:[\s\S]*$/,
        `scenarios:\n  moved:\n${facts}\n    expect: { end: ${end} }\n`,
      );
      assert.deepEqual(
        analyze(text).findings.map((f) => f.code),
        [],
        `${version}: the patient ends at ${end}`,
      );
    }
    const scenario = changes.find((c) => c.type === 'scenario-route-changed');
    assert.ok(scenario && scenario.type === 'scenario-route-changed');
    assert.equal(scenario.routeBefore, 'assess → triage → advice → review → after → specialist');
    assert.equal(scenario.routeAfter, 'assess → triage → physio → review → after → specialist');
  });

  it('covers every kind of change across the pairs', () => {
    const seen = new Set<string>();
    for (const [before, after] of PAIRS) {
      for (const change of diff(before, after).changes) {
        seen.add(change.type === 'grade-changed' ? `grade-changed:${change.field}` : change.type);
      }
    }
    for (const expected of [
      'scenario-route-changed',
      'patients-moved',
      'step-added',
      'step-removed',
      'step-renamed',
      'kind-changed',
      'title-changed',
      'start-moved',
      'link-retargeted',
      'branch-reworded',
      'otherwise-changed',
      'otherwise-reworded',
      'grade-changed:direction',
      'grade-changed:strength',
      'grade-changed:certainty',
      'grade-changed:rationale',
      'citation-added',
      'citation-removed',
      'reference-added',
      'reference-removed',
      'reference-edited',
      'became-unreachable',
      'became-reachable',
      'end-paths-changed',
      'condition-changed',
      'match-changed',
      'records-added',
      'records-removed',
      'input-added',
      'input-removed',
      'input-changed',
    ]) {
      assert.ok(seen.has(expected), `no pair shows ${expected}`);
    }
  });

  it("a decision's otherwise label is wording: added, reworded or removed, it is one change in routing; its case and spacing are not", () => {
    const base = read('base');
    const labelled = (label: string): string =>
      base.replace(
        '    otherwise: smt-plus-hea\n',
        `    otherwise: smt-plus-hea\n    otherwiseLabel: ${label}\n`,
      );
    const changes = (a: string, b: string) => diffPathways(analyze(a), analyze(b)).changes;
    assert.notEqual(labelled('x'), base);
    const added = changes(base, labelled('Suitable and acceptable'));
    assert.deepEqual(added, [
      {
        type: 'otherwise-reworded',
        id: 'manipulation-suitability',
        to: 'smt-plus-hea',
        was: '',
        now: 'Suitable and acceptable',
      },
    ]);
    const said = diffText(
      diffPathways(analyze(base), analyze(labelled('Suitable and acceptable'))),
    );
    assert.match(
      said,
      /Routing:\n {2}Decision "manipulation-suitability": the otherwise route to "smt-plus-hea" now reads Suitable and acceptable \(was None of the above\)\./,
    );
    assert.equal(
      changes(labelled('Suitable'), labelled('Acceptable'))[0]?.type,
      'otherwise-reworded',
    );
    assert.deepEqual(
      changes(labelled('Suitable and acceptable'), base).map((c) => c.type),
      ['otherwise-reworded'],
    );
    assert.equal(
      diffPathways(
        analyze(labelled('Suitable and acceptable')),
        analyze(labelled('suitable  and Acceptable')),
      ).unchanged,
      true,
    );
  });

  it('formatting, comments, quoting, key order and line endings are not changes', () => {
    assert.equal(diff('base', 'formatting-only').unchanged, true);
    const reordered = read('base').replace(
      /^( {2}[a-z-]+:\n)( {4}kind: [a-z]+\n)( {4}title: .*\n)/m,
      '$1$3$2',
    );
    assert.notEqual(reordered, read('base'));
    assert.equal(diffPathways(analyze(read('base')), analyze(reordered)).unchanged, true);
  });

  it('a "# pathway-disable" in a detail block hides no change (the diff reads the logic, not the findings)', () => {
    const base = read('base');
    // The red-flag branch to the emergency is sent to a step that does not exist, under a
    // detail whose text reads like a directive.
    const after = base
      .replace(
        '    title: Any red flag for serious pathology?\n',
        '    title: Any red flag for serious pathology?\n    detail: |\n      # pathway-disable\n',
      )
      .replace('        next: emergency-referral\n', '        next: emergency-refferal\n');
    assert.notEqual(after, base);
    const now = analyze(after);
    assert.ok(now.findings.some((f) => f.code === 'unknown-step'));
    const changes = diffPathways(analyze(base), now);
    assert.equal(changes.unchanged, false);
    assert.ok(changes.changes.some((c) => c.type === 'link-retargeted'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-diff-'));
    const file = path.join(dir, 'after.pathway.yaml');
    fs.writeFileSync(file, after);
    const cli = runCli(['diff', 'test/diff/base.pathway.yaml', file]);
    assert.equal(cli.status, 1, cli.stderr);
    assert.doesNotMatch(cli.stdout, /unchanged/);
    assert.match(cli.stdout, /emergency-refferal/);
  });

  it('the CLI: exit 0 unchanged, 1 changed, 2 unreadable; json and md formats', () => {
    const same = runCli([
      'diff',
      'test/diff/base.pathway.yaml',
      'test/diff/formatting-only.pathway.yaml',
    ]);
    assert.equal(same.status, 0, same.stderr);
    assert.match(same.stdout, /unchanged/);
    const changed = runCli([
      'diff',
      '--format',
      'json',
      'test/diff/base.pathway.yaml',
      'test/diff/panel-edit.pathway.yaml',
    ]);
    assert.equal(changed.status, 1);
    const json = JSON.parse(changed.stdout) as {
      unchanged: boolean;
      changes: { type: string; description: string }[];
    };
    assert.equal(json.unchanged, false);
    assert.ok(json.changes.every((c) => c.description.length > 0));
    const md = runCli([
      'diff',
      '--format',
      'md',
      'test/diff/base.pathway.yaml',
      'test/diff/panel-edit.pathway.yaml',
    ]);
    assert.match(md.stdout, /^# Changes to the recommendation logic/);
    const missing = runCli(['diff', 'test/diff/nope.pathway.yaml', 'test/diff/base.pathway.yaml']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /does not exist/);
  });

  it('the CLI reads REV:path from git', () => {
    const result = runCli([
      'diff',
      'HEAD:examples/brlp-manipulation.pathway.yaml',
      'examples/brlp-manipulation.pathway.yaml',
    ]);
    assert.equal(result.status, 0, result.stderr);
    const bad = runCli([
      'diff',
      'no-such-rev:examples/brlp-manipulation.pathway.yaml',
      'examples/brlp-manipulation.pathway.yaml',
    ]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /cannot read .* from git/);
  });
});

describe('pathway diff on computable decisions', () => {
  const base = read('logic-base');
  const changes = (after: string) => diffPathways(analyze(base), analyze(after)).changes;

  it("a branch's if: added, changed or removed is one change, old → new; its spacing is not", () => {
    const rewritten = base.replace('        if: weeks < 6\n', '        if: weeks < 8\n');
    assert.notEqual(rewritten, base);
    assert.deepEqual(changes(rewritten), [
      {
        type: 'condition-changed',
        id: 'triage',
        branch: 2,
        to: 'stay-active',
        was: 'weeks < 6',
        now: 'weeks < 8',
      },
    ]);
    assert.match(
      diffText(diffPathways(analyze(base), analyze(rewritten))),
      /Routing:\n {2}Decision "triage": branch 2 \(to "stay-active"\) now tests "weeks < 8" \(was "weeks < 6"\)\./,
    );
    const removed = base.replace('        if: weeks < 6\n', '');
    assert.deepEqual(
      changes(removed).map((c) => (c.type === 'condition-changed' ? [c.was, c.now] : c.type)),
      [['weeks < 6', '']],
    );
    const spaced = base.replace('        if: weeks < 6\n', '        if: "weeks<6"\n');
    assert.notEqual(spaced, base);
    assert.deepEqual(changes(spaced), []);
  });

  it("a decision's match: absent and exclusive are the same; first is a change", () => {
    const exclusive = base.replace('    match: first\n', '    match: exclusive\n');
    const absent = base.replace('    match: first\n', '');
    assert.deepEqual(changes(exclusive), [
      { type: 'match-changed', id: 'triage', from: 'first', to: 'exclusive' },
    ]);
    assert.deepEqual(changes(absent), changes(exclusive));
    assert.equal(diffPathways(analyze(exclusive), analyze(absent)).unchanged, true);
  });

  it('an input: added, removed, or its type, title, values, bounds or unit changed; records gained and lost', () => {
    const edited = base
      .replace('    unit: weeks\n', '    unit: days\n')
      .replace('    min: 0\n', '')
      .replace('values: [improved, unchanged, worse]', 'values: [improved, worse]')
      .replace(
        '  red-flags:\n    type: boolean\n',
        '  red-flags:\n    type: choice\n    values: [none, some]\n',
      )
      .replace('records: [response, red-flags]', 'records: [response]');
    assert.deepEqual(
      changes(edited).filter((c) => c.type.startsWith('input') || c.type.startsWith('records')),
      [
        { type: 'records-removed', id: 'review', input: 'red-flags' },
        { type: 'input-changed', id: 'red-flags', field: 'type', from: 'boolean', to: 'choice' },
        { type: 'input-changed', id: 'red-flags', field: 'values', from: '', to: 'none, some' },
        { type: 'input-changed', id: 'weeks', field: 'min', from: '0', to: '' },
        { type: 'input-changed', id: 'weeks', field: 'unit', from: 'weeks', to: 'days' },
        {
          type: 'input-changed',
          id: 'response',
          field: 'values',
          from: 'improved, unchanged, worse',
          to: 'improved, worse',
        },
      ],
    );
    const said = diffText(diffPathways(analyze(base), analyze(edited)));
    assert.match(said, /\nInputs:\n {2}Step "review" no longer records "red-flags"\.\n/);
    assert.match(said, /\n {2}Input "weeks": unit changed from "weeks" to "days"\.\n/);
    assert.match(said, /\n {2}Input "weeks": min changed from "0" to nothing\.\n/);
  });

  it('pathway diff --format json: the new changes with their fields and words, additive to the old shape', () => {
    const result = runCli([
      'diff',
      '--format',
      'json',
      'test/diff/logic-base.pathway.yaml',
      'test/diff/logic-edit.pathway.yaml',
    ]);
    assert.equal(result.status, 1, result.stderr);
    const json = JSON.parse(result.stdout) as {
      before: string;
      after: string;
      unchanged: boolean;
      changes: Record<string, unknown>[];
    };
    assert.equal(json.unchanged, false);
    const find = (type: string, more: Record<string, unknown> = {}) =>
      json.changes.find(
        (c) => c['type'] === type && Object.entries(more).every(([k, value]) => c[k] === value),
      );
    assert.deepEqual(find('condition-changed', { branch: 2, id: 'triage' }), {
      type: 'condition-changed',
      id: 'triage',
      branch: 2,
      to: 'stay-active',
      was: 'weeks < 6',
      now: 'not red-flags and weeks<6 and age < 65',
      description:
        'Decision "triage": branch 2 (to "stay-active") now tests "not red-flags and weeks<6 and age < 65" (was "weeks < 6").',
    });
    assert.deepEqual(find('match-changed'), {
      type: 'match-changed',
      id: 'triage',
      from: 'first',
      to: 'exclusive',
      description:
        'Decision "triage" no longer takes the first branch that holds: its branches must exclude each other (was match: first).',
    });
    assert.deepEqual(find('input-added'), {
      type: 'input-added',
      id: 'age',
      inputType: 'integer',
      title: 'Age',
      description: 'Input "age" added: integer "Age".',
    });
    assert.deepEqual(find('records-added'), {
      type: 'records-added',
      id: 'assess',
      input: 'age',
      description: 'Step "assess" now records "age".',
    });
    assert.deepEqual(find('link-added'), {
      type: 'link-added',
      from: 'response-check',
      to: 'urgent-specialist',
      via: 'when "Worse"',
      if: 'not red-flags and response = worse',
      description:
        'New route: "response-check" → "urgent-specialist" (when "Worse", if "not red-flags and response = worse").',
    });
    const md = runCli([
      'diff',
      '--format',
      'md',
      'test/diff/logic-base.pathway.yaml',
      'test/diff/logic-edit.pathway.yaml',
    ]);
    assert.match(md.stdout, /\n## Inputs\n\n- Step "assess" now records "age"\.\n/);
  });

  it('the compare view marks a decision whose condition changed, with the change on hover', () => {
    const rewritten = base.replace('        if: weeks < 6\n', '        if: weeks < 8\n');
    const before = analyze(base);
    const after = analyze(rewritten);
    const diagram = buildDiffDiagram(before, after, diffPathways(before, after));
    const triage = diagram.nodes.find((node) => node.id === 'triage');
    assert.deepEqual(triage?.diff, {
      status: 'changed',
      changes: [
        'Decision "triage": branch 2 (to "stay-active") now tests "weeks < 8" (was "weeks < 6").',
      ],
    });
    assert.equal(
      diagram.nodes.filter((node) => node.diff !== undefined).length,
      1,
      'only the decision is marked',
    );
  });
});

describe('pathway diff through sub-pathways (the CLI in a folder of files)', function () {
  this.timeout(120_000);
  const CASE = path.join(FIXTURES_FILES, 'scenarios--two-calls-deep');
  const SCREEN = path.join('screens', 'red-flags.pathway.yaml');

  /** The case's files copied into a new folder. */
  function copyCase(): string {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-diff-sub-'));
    fs.cpSync(CASE, folder, { recursive: true });
    return folder;
  }

  /** The screen now sends a history of cancer to the emergency end as well. */
  function editScreen(folder: string): void {
    const file = path.join(folder, SCREEN);
    const text = fs.readFileSync(file, 'utf8');
    const edited = text.replace(
      'if: cancer-history\n        next: urgent-imaging',
      'if: cancer-history\n        next: emergency',
    );
    assert.notEqual(edited, text, 'the screen was edited');
    fs.writeFileSync(file, edited);
  }

  function git(folder: string, ...args: string[]): void {
    const result = spawnSync('git', args, {
      cwd: folder,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Test',
        GIT_AUTHOR_EMAIL: 'test@example.org',
        GIT_COMMITTER_NAME: 'Test',
        GIT_COMMITTER_EMAIL: 'test@example.org',
      },
    });
    assert.equal(result.status, 0, result.stderr);
  }

  interface JsonChange {
    type: string;
    id?: string;
    added?: string[];
    removed?: string[];
    description: string;
  }

  it('a used pathway changed at a git revision changes the routes and scenarios of its user', () => {
    const folder = copyCase();
    git(folder, 'init', '-q');
    git(folder, 'add', '.');
    git(folder, 'commit', '-q', '-m', 'first');
    editScreen(folder);

    const result = runCli(
      ['diff', '--format', 'json', 'HEAD:stepped-care.pathway.yaml', 'stepped-care.pathway.yaml'],
      folder,
    );
    assert.equal(result.status, 1, result.stderr);
    const changes = (JSON.parse(result.stdout) as { changes: JsonChange[] }).changes;
    assert.deepEqual(
      changes.map((c) => c.type),
      ['sub-pathway-changed', 'end-paths-changed', 'scenario-route-changed'],
    );
    assert.match(
      changes[0]?.description ?? '',
      /The pathway step "screen" uses, "Red-flag screen for low back pain" \(screens\/red-flags\.pathway\.yaml\), changed/,
    );
    // The route to the imaging end went through the screen's urgent-imaging end: it is gone.
    assert.deepEqual(changes[1]?.removed, [
      'screen → red-flag-screen/ask → red-flag-screen/flags → red-flag-screen/urgent-imaging → imaging',
    ]);
    assert.deepEqual(changes[1]?.added, []);
    assert.match(
      changes[2]?.description ?? '',
      /scenario "previous-cancer" .* ended at "imaging", and now ends at "emergency-care"\. It fails now/,
    );

    // Two calls up, the route through both sub-pathways changed too; a subfolder as the
    // root reads REV:./path from there.
    const user = runCli(
      ['diff', '--routes', 'HEAD:gp-back-pain.pathway.yaml', 'gp-back-pain.pathway.yaml'],
      folder,
    );
    assert.equal(user.status, 1, user.stderr);
    assert.match(user.stdout, /^Sub-pathways:$/m);
    assert.match(
      user.stdout,
      /^ {4}- consult → care → stepped-care-lbp\/screen → red-flag-screen\/ask → red-flag-screen\/flags → red-flag-screen\/urgent-imaging → stepped-care-lbp\/imaging → safety-net → booked-review$/m,
    );

    // With the screen as it was, nothing changed for either.
    git(folder, 'checkout', '-q', '--', SCREEN);
    const same = runCli(
      ['diff', 'HEAD:gp-back-pain.pathway.yaml', 'gp-back-pain.pathway.yaml'],
      folder,
    );
    assert.equal(same.status, 0, same.stdout);
    assert.equal(same.stdout, 'The recommendation logic is unchanged.\n');
  });

  it('two folders on disk: each version reads the used pathway beside it', () => {
    const old = copyCase();
    const now = copyCase();
    editScreen(now);
    const parent = path.dirname(old);
    const result = runCli(
      [
        'diff',
        '--format',
        'json',
        path.join(path.basename(old), 'stepped-care.pathway.yaml'),
        path.join(path.basename(now), 'stepped-care.pathway.yaml'),
      ],
      parent,
    );
    assert.equal(result.status, 1, result.stderr);
    const types = (JSON.parse(result.stdout) as { changes: JsonChange[] }).changes.map(
      (c) => c.type,
    );
    assert.ok(types.includes('sub-pathway-changed'), types.join(', '));
    assert.ok(types.includes('scenario-route-changed'), types.join(', '));
  });

  it('a step that uses another file, or whose ends lead elsewhere, is a change of its own', () => {
    const folder = copyCase();
    const file = path.join(folder, 'stepped-care.pathway.yaml');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(
      path.join(folder, 'edited.pathway.yaml'),
      text
        .replace('use: screens/red-flags.pathway.yaml', 'use: screens/other.pathway.yaml')
        .replace('urgent-imaging: imaging', 'urgent-imaging: emergency-care'),
    );
    const result = runCli(
      ['diff', '--format', 'json', 'stepped-care.pathway.yaml', 'edited.pathway.yaml'],
      folder,
    );
    assert.equal(result.status, 1, result.stderr);
    const descriptions = (JSON.parse(result.stdout) as { changes: JsonChange[] }).changes.map(
      (c) => c.description,
    );
    assert.ok(
      descriptions.includes(
        'Sub-pathway step "screen" now uses "screens/other.pathway.yaml" instead of "screens/red-flags.pathway.yaml".',
      ),
      descriptions.join('\n'),
    );
    assert.ok(
      descriptions.includes(
        'Step "screen" now leads to "emergency-care" instead of "imaging" (at its end "urgent-imaging").',
      ),
      descriptions.join('\n'),
    );
  });
});

describe('a sentence about the routes to an end', () => {
  const change = {
    type: 'end-paths-changed',
    id: 'review-12-weeks',
    title: 'review',
    before: 1,
    after: 2,
    changed: 0,
    nowThrough: [],
    noLongerThrough: [],
    added: ['a → review-12-weeks'],
    removed: [],
  } as const;

  it('names the end by its id with its title after it, even a title its id holds', () => {
    assert.match(
      describeChange(change),
      /^Consequence: end "review-12-weeks" \("review"\) is reached/,
    );
  });

  it('names the end once when steps are named by their titles', () => {
    assert.match(
      describeChange(change, (id) => (id === 'review-12-weeks' ? '“review”' : `"${id}"`)),
      /^Consequence: end “review” is reached/,
    );
  });
});
