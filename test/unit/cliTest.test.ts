// `pathway test` as a user runs it: one line per scenario, the summary, the exit status, and
// the JSON, JUnit and coverage outputs, on the scenario fixtures.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { FIXTURES } from '../support/paths';

const PASSING = path.join(FIXTURES, 'scenario-failed', 'passing.pathway.yaml');
const FAILING = path.join(FIXTURES, 'scenario-failed', 'expectations.pathway.yaml');
const STUCK = path.join(FIXTURES, 'scenario-stuck', 'stuck.pathway.yaml');
const NOT_RUN = path.join(FIXTURES, 'invalid-fact', 'facts.pathway.yaml');

interface TestJson {
  files: {
    file: string;
    scenarios: { id: string; status: string; route: string[]; message: string }[];
    coverage?: {
      branches: {
        decision: string;
        branch: number | 'otherwise';
        next: string;
        scenarios: number;
      }[];
      ends: { step: string; scenarios: number }[];
    };
  }[];
  summary: { scenarios: number; passed: number; failed: number; stuck: number };
}

describe('pathway test (the CLI as a child process)', () => {
  it('passes a file whose scenarios all pass: a tick per scenario, the summary, exit 0', () => {
    const run = runCli(['test', PASSING]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^ {2}✓ red-flag$/m);
    assert.match(run.stdout, /^ {2}✓ long-then-worse-at-85$/m);
    assert.match(run.stdout, /^3 scenarios: 3 passed, 0 failed, 0 stuck$/m);
  });

  it('shows a failed scenario with what was expected, what happened and the route, exit 1', () => {
    const run = runCli(['test', FAILING]);
    assert.equal(run.status, 1);
    assert.match(
      run.stdout,
      /✗ wrong-end \(line \d+, failed\): should end at "specialist", but ends at "geriatric"\. Route: "assess" → "triage" → "advice" → "review" → "after-review" → "geriatric"\./,
    );
    assert.match(run.stdout, /^3 scenarios: 0 passed, 3 failed, 0 stuck$/m);
  });

  it('says why a stuck scenario cannot go on, and lists scenarios it could not run', () => {
    const stuck = runCli(['test', STUCK]);
    assert.equal(stuck.status, 1);
    assert.match(stuck.stdout, /! no-duration \(line \d+, stuck\): .*no fact for "weeks"/);
    const notRun = runCli(['test', NOT_RUN]);
    assert.equal(notRun.status, 1, 'the file has invalid facts, which are errors');
    assert.match(notRun.stdout, /- wrong-types: not run: its facts/);
    assert.match(notRun.stdout, /^0 scenarios: 0 passed, 0 failed, 0 stuck$/m);
  });

  it('writes the JSON of the contract, with coverage only when asked', () => {
    const plain = JSON.parse(runCli(['test', '--format', 'json', PASSING]).stdout) as TestJson;
    assert.equal(plain.files[0]?.coverage, undefined);
    const run = runCli(['test', '--format', 'json', '--coverage', PASSING, FAILING]);
    const json = JSON.parse(run.stdout) as TestJson;
    assert.deepEqual(json.summary, { scenarios: 6, passed: 3, failed: 3, stuck: 0 });
    const first = json.files[0];
    assert.deepEqual(first?.scenarios[0], {
      id: 'red-flag',
      status: 'passed',
      route: ['assess', 'triage', 'urgent'],
      message: '',
    });
    assert.deepEqual(
      first?.coverage?.branches.filter((b) => b.decision === 'preference'),
      [
        { decision: 'preference', branch: 1, next: 'classes', scenarios: 0 },
        { decision: 'preference', branch: 2, next: 'home-programme', scenarios: 1 },
        { decision: 'preference', branch: 'otherwise', next: 'classes', scenarios: 0 },
      ],
    );
    assert.deepEqual(
      first?.coverage?.ends.find((e) => e.step === 'specialist'),
      {
        step: 'specialist',
        scenarios: 0,
      },
    );
  });

  it('lists coverage in text: each branch, otherwise and end, and the share taken', () => {
    const run = runCli(['test', '--coverage', PASSING]);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /coverage: 9 of 13 branches and ends taken \(69%\)/);
    assert.match(run.stdout, /· otherwise → "classes": 0 scenarios/);
    assert.match(run.stdout, /✓ "urgent": 1 scenario$/m);
  });

  it('writes JUnit XML: a failure per failed scenario, an error per stuck one', () => {
    const run = runCli(['test', '--format', 'junit', FAILING, STUCK]);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>/);
    assert.match(run.stdout, /<testsuites name="pathway test" tests="7" failures="3" errors="4">/);
    assert.match(
      run.stdout,
      /<testcase name="wrong-end" [^>]*line="\d+">\s*<failure message="should end at &quot;specialist&quot;, but ends at &quot;geriatric&quot;\.[^"]*" type="scenario-failed">Route: /,
    );
    assert.match(run.stdout, /<error message="cannot go on: [^"]*" type="scenario-stuck">/);
  });

  it('counts a failed scenario even when its rule is turned off; a bad level is a usage error', () => {
    const run = runCli(['test', '--rule', 'scenario-failed=off', FAILING]);
    assert.equal(run.status, 1);
    assert.equal(runCli(['test', '--rule', 'scenario-failed=loud', FAILING]).status, 2);
  });
});
