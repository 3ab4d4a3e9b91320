// The scenarios over the protocol, against the real server over stdio: pathway/scenarios
// answers each scenario of an open document (or of a text sent for a file that is not open)
// with its status, message, broken expectation and route, and a code lens on each scenario's
// id runs it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  isFailure,
  ScenariosRequest,
  type ScenarioInfo,
  type ScenarioList,
  type ScenariosParams,
  type ScenariosResult,
} from '../../shared/serverRequests';
import { LspClient, type Range } from '../support/lspClient';
import { EXAMPLES, ROOT } from '../support/paths';

const INPUTS = path.join(ROOT, 'test', 'inputs', 'scenarios');
const STATUSES = fs.readFileSync(path.join(INPUTS, 'statuses.pathway.yaml'), 'utf8');
const BROKEN = fs.readFileSync(path.join(EXAMPLES, 'flawed', 'broken-yaml.pathway.yaml'), 'utf8');
const URI = 'file:///work/test/statuses.pathway.yaml';

interface CodeLens {
  range: Range;
  command?: { title: string; command: string; arguments?: unknown[] };
}

/** The zero-based line of the first line of `text` that matches `pattern`. */
function lineOf(text: string, pattern: RegExp): number {
  const line = text.split('\n').findIndex((l) => pattern.test(l));
  assert.ok(line >= 0, `${pattern} is in the text`);
  return line;
}

/** Where `words` is written on the first line from `from` on that matches `pattern`. */
function rangeOf(text: string, pattern: RegExp, words: string, from = 0): Range {
  const line = from + lineOf(text.split('\n').slice(from).join('\n'), pattern);
  const character = (text.split('\n')[line] ?? '').indexOf(words);
  return { start: { line, character }, end: { line, character: character + words.length } };
}

/** Each scenario's id line and last written line, read from the text as an author would. */
function expectedBlocks(text: string): { id: string; line: number; endLine: number }[] {
  const lines = text.split('\n');
  const blocks: { id: string; line: number; endLine: number }[] = [];
  for (let i = lineOf(text, /^scenarios:/) + 1; i < lines.length; i++) {
    const id = /^ {2}([a-z0-9-]+):\s*$/.exec(lines[i] ?? '')?.[1];
    if (id) blocks.push({ id, line: i, endLine: i });
    else if (/^ {4,}\S/.test(lines[i] ?? '')) {
      const last = blocks.at(-1);
      if (last) last.endLine = i;
    }
  }
  return blocks;
}

function blockOf(id: string): { line: number; endLine: number } {
  const block = expectedBlocks(STATUSES).find((b) => b.id === id);
  assert.ok(block, id);
  return { line: block.line, endLine: block.endLine };
}

const ROUTE_HOME = ['assess', 'triage', 'advice', 'review', 'after-review', 'self-management'];

describe('scenarios over the protocol (language server over stdio)', function () {
  let client: LspClient;

  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
  });

  const scenarios = (params: ScenariosParams): Promise<ScenariosResult> =>
    client.request<ScenariosResult>(ScenariosRequest.method, params);
  const lenses = (uri = URI): Promise<CodeLens[] | null> =>
    client.request<CodeLens[] | null>('textDocument/codeLens', { textDocument: { uri } });

  function list(result: ScenariosResult): ScenarioList {
    if (isFailure(result)) assert.fail(`expected scenarios, got: ${result.error}`);
    return result;
  }

  function byId(result: ScenariosResult): Map<string, ScenarioInfo> {
    return new Map(list(result).scenarios.map((s) => [s.id, s]));
  }

  it('pathway/scenarios: every scenario of the open document in order, with its status, lines and route', async () => {
    await client.open(URI, STATUSES);
    const result = list(await scenarios({ uri: URI }));
    assert.equal(result.uri, URI);
    assert.equal(result.version, 1);
    assert.deepEqual(
      result.scenarios.map((s) => [s.id, s.status]),
      [
        ['improves-with-classes', 'passed'],
        ['unchanged-goes-home', 'failed'],
        ['misses-classes', 'failed'],
        ['meets-advice', 'failed'],
        ['no-red-flag-given', 'stuck'],
        ['weeks-in-words', 'not-run'],
      ],
    );

    // Each block from its id to its last written line: the comment before the next id is
    // not part of the block above it.
    assert.deepEqual(
      result.scenarios.map((s) => ({ id: s.id, line: s.line, endLine: s.endLine })),
      expectedBlocks(STATUSES),
    );
    assert.ok(STATUSES.includes('\n  # Whether there is a red flag'), 'a comment between blocks');
  });

  it('pathway/scenarios: a pass, each kind of failure with its expectation, stuck and not run', async () => {
    await client.open(URI, STATUSES);
    const got = byId(await scenarios({ uri: URI }));

    assert.deepEqual(got.get('improves-with-classes'), {
      id: 'improves-with-classes',
      title: 'Eight weeks of leg pain, better after classes',
      ...blockOf('improves-with-classes'),
      status: 'passed',
      message: '',
      route: ['assess', 'triage', 'classes', 'review', 'after-review', 'self-management'],
    });

    // A wrong end: the end expected and the end reached, on the `end:` entry.
    const wrongEnd = got.get('unchanged-goes-home');
    assert.equal(wrongEnd?.title, undefined, 'no title written, none sent');
    assert.equal(
      wrongEnd?.message,
      'Scenario "unchanged-goes-home" should end at "self-management", but ends at "specialist". Route: "assess" → "triage" → "advice" → "review" → "after-review" → "specialist".',
    );
    assert.deepEqual(wrongEnd?.expectation, {
      key: 'end',
      expected: 'self-management',
      actual: 'specialist',
      range: rangeOf(
        STATUSES,
        /^ {6}end: self-management/,
        'self-management',
        blockOf('unchanged-goes-home').line,
      ),
    });
    assert.deepEqual(wrongEnd?.route, [...ROUTE_HOME.slice(0, -1), 'specialist']);

    // A step missed and a step met: the step, on its entry in the list.
    assert.deepEqual(got.get('misses-classes')?.expectation, {
      key: 'passes',
      expected: 'classes',
      range: rangeOf(STATUSES, /passes: \[review, classes\]/, 'classes'),
    });
    assert.deepEqual(got.get('meets-advice')?.expectation, {
      key: 'avoids',
      expected: 'advice',
      range: rangeOf(STATUSES, /avoids: \[advice\]/, 'advice'),
    });
    assert.deepEqual(got.get('meets-advice')?.route, ROUTE_HOME);

    // Stuck: why, and the route so far; no expectation.
    const stuck = got.get('no-red-flag-given');
    assert.match(stuck?.message ?? '', /cannot go on: .*no fact for "red-flag"/);
    assert.equal(stuck?.expectation, undefined);
    assert.deepEqual(stuck?.route, ['assess', 'triage']);

    // Not run: why, and no route.
    const notRun = got.get('weeks-in-words');
    assert.equal(
      notRun?.message,
      'Scenario "weeks-in-words" is not run: its facts, choices or step ids have a mistake. Fix the problems reported on it.',
    );
    assert.deepEqual(notRun?.route, []);
  });

  it('pathway/scenarios: a route that meets a mistake in the pathway is not run, with the route so far', async () => {
    // "advice" leads to a step that does not exist: routes through it stop there.
    const broken = STATUSES.replace(/(advice:\n(?: {4}.*\n)*? {4}next: )review/, '$1follow-up');
    assert.notEqual(broken, STATUSES);
    await client.open(URI, broken);
    const got = byId(await scenarios({ uri: URI }));
    const halted = got.get('meets-advice');
    assert.equal(halted?.status, 'not-run');
    assert.equal(
      halted?.message,
      'Scenario "meets-advice" is not run to its end: its route reaches a mistake in the pathway. Fix the problems reported on the pathway\'s steps.',
    );
    assert.deepEqual(halted?.route, ['assess', 'triage', 'advice']);
    assert.equal(got.get('improves-with-classes')?.status, 'passed', 'a route that avoids it');
  });

  it('pathway/scenarios answers for the current version after an edit', async () => {
    await client.open(URI, STATUSES);
    assert.equal(byId(await scenarios({ uri: URI })).get('unchanged-goes-home')?.status, 'failed');
    const fixed = STATUSES.replace(
      /(unchanged-goes-home:\n.*\n {4}expect:\n {6}end: )self-management/,
      '$1specialist',
    );
    assert.notEqual(fixed, STATUSES);
    await client.change(URI, fixed);
    const result = list(await scenarios({ uri: URI }));
    assert.equal(result.version, 2);
    assert.equal(byId(result).get('unchanged-goes-home')?.status, 'passed');
  });

  it('pathway/scenarios runs the text of a file that is not open, and does not keep it', async () => {
    await client.open(URI, STATUSES);
    const open = list(await scenarios({ uri: URI }));
    const other = 'file:///work/test/not-open.pathway.yaml';
    const sent = list(await scenarios({ uri: other, text: STATUSES }));
    assert.equal(sent.uri, other);
    assert.equal(sent.version, -1);
    assert.deepEqual(sent.scenarios, open.scenarios, 'the same answer as for the open document');

    // Not held afterwards: nothing published for it, and without the text it is not open.
    const again = await scenarios({ uri: other });
    assert.ok(isFailure(again));
    assert.equal(again.error, 'The document is not open.');
    assert.deepEqual(client.allPublished(other), []);
    assert.deepEqual(await lenses(other), []);
  });

  it('pathway/scenarios: an open document is answered from its own text, not the text sent', async () => {
    await client.open(URI, STATUSES);
    const result = list(await scenarios({ uri: URI, text: BROKEN }));
    assert.equal(result.version, 1);
    assert.equal(result.scenarios.length, 6);
  });

  it('pathway/scenarios: a text that is not a pathway, or over the size limit, says why', async () => {
    const broken = await scenarios({ uri: 'file:///work/test/broken.pathway.yaml', text: BROKEN });
    assert.ok(isFailure(broken));
    assert.match(broken.error, /^Its scenarios cannot be run: .+\.$/);

    // The file's own settings apply to a text sent, as to an open document.
    client.settings = { rules: {}, maxFileSize: 0.001 };
    const large = await scenarios({ uri: 'file:///work/test/large.pathway.yaml', text: STATUSES });
    assert.ok(isFailure(large));
    assert.match(large.error, /too large|more than/i);
  });

  it('advertises code lenses, and puts one on each scenario id saying what it does', async () => {
    await client.stop();
    client = new LspClient();
    const { capabilities } = await client.initialize();
    assert.ok(capabilities['codeLensProvider'], 'codeLensProvider');

    await client.open(URI, STATUSES);
    const got = (await lenses()) ?? [];
    const id = (name: string): Range => rangeOf(STATUSES, new RegExp(`^ {2}${name}:`), name);
    const lens = (name: string, words: string): CodeLens => ({
      range: id(name),
      command: {
        title: `▶ Run · ${words}`,
        command: 'pathway.runScenario',
        arguments: [URI, name],
      },
    });
    assert.deepEqual(got, [
      lens('improves-with-classes', 'passes'),
      lens('unchanged-goes-home', 'fails'),
      lens('misses-classes', 'fails'),
      lens('meets-advice', 'fails'),
      lens('no-red-flag-given', 'stuck'),
      lens('weeks-in-words', 'not run'),
    ]);
  });

  it('code lenses follow the edits, and a document that does not parse has none', async () => {
    await client.open(URI, STATUSES);
    await client.change(URI, STATUSES.replace('weeks: eight', 'weeks: 8'));
    const titles = ((await lenses()) ?? []).map((l) => l.command?.title);
    assert.equal(titles.at(-1), '▶ Run · passes', 'the fixed scenario now runs and passes');

    await client.change(URI, BROKEN);
    assert.deepEqual(await lenses(), []);
  });
});
