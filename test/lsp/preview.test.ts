// The preview's requests against the real server over stdio: pathway/preview gives the
// picture of the document's current version with a node per step and each step's lines;
// pathway/render gives the standalone SVG or HTML page for export; pathway/saveScenario the
// edit that adds a walk to the document as a scenario.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDiagram, layoutDiagram, renderSvg } from '../../server/src/core';
import {
  isFailure,
  PreviewRequest,
  RenderRequest,
  SaveScenarioRequest,
  type PreviewPicture,
  type PreviewResult,
  type RenderParams,
  type SaveScenarioParams,
  type SaveScenarioResult,
} from '../../shared/serverRequests';
import { LspClient } from '../support/lspClient';
import { EXAMPLES, ROOT } from '../support/paths';
import { analyzeWithFiles } from '../support/withFiles';

const EXAMPLE = fs.readFileSync(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'), 'utf8');
const BROKEN = fs.readFileSync(path.join(EXAMPLES, 'flawed', 'broken-yaml.pathway.yaml'), 'utf8');
const URI = 'file:///work/test/preview.pathway.yaml';

/** Each step's id line and last written line, read from the text as an author would. */
function expectedSteps(text: string): { id: string; line: number; endLine: number }[] {
  const lines = text.split('\n');
  const stepsAt = lines.indexOf('steps:');
  const steps: { id: string; line: number; endLine: number }[] = [];
  for (let i = stepsAt + 1; i < lines.length && !/^\S/.test(lines[i] ?? ''); i++) {
    const id = /^ {2}([a-z0-9-]+):\s*$/.exec(lines[i] ?? '')?.[1];
    if (id) steps.push({ id, line: i, endLine: i });
    else if (/^ {4,}\S/.test(lines[i] ?? '')) {
      const last = steps.at(-1);
      if (last) last.endLine = i;
    }
  }
  return steps;
}

function attributes(svg: string, name: string): string[] {
  return [...svg.matchAll(new RegExp(`<g class="node[^"]*"[^>]* ${name}="([^"]*)"`, 'g'))].map(
    (m) => m[1] ?? '',
  );
}

describe('preview requests (language server over stdio)', function () {
  let client: LspClient;

  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
  });

  const preview = (uri = URI): Promise<PreviewResult> =>
    client.request<PreviewResult>(PreviewRequest.method, { uri });
  const render = (params: RenderParams): Promise<string> =>
    client.request<string>(RenderRequest.method, params);

  function picture(result: PreviewResult): PreviewPicture {
    if (isFailure(result)) assert.fail(`expected a picture, got: ${result.error}`);
    return result;
  }

  it('pathway/preview: an SVG with a node per step, on the step’s line', async () => {
    await client.open(URI, EXAMPLE);
    const result = picture(await preview());
    assert.equal(result.uri, URI);
    assert.equal(result.version, 1);
    assert.equal(result.title, /^title: (.*)$/m.exec(EXAMPLE)?.[1]);
    assert.match(result.svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.doesNotMatch(result.svg, /<style|class="legend"/, 'the webview brings its own');

    const expected = expectedSteps(EXAMPLE);
    assert.ok(expected.length >= 10);
    assert.deepEqual(result.steps, expected);
    assert.deepEqual(
      attributes(result.svg, 'data-step'),
      expected.map((s) => s.id),
    );
    assert.deepEqual(
      attributes(result.svg, 'data-line'),
      expected.map((s) => String(s.line)),
    );
  });

  it('pathway/preview: draws the new version after an edit', async () => {
    await client.open(URI, EXAMPLE);
    const edited = EXAMPLE.replace(
      'title: How long has the leg pain lasted?',
      'title: For how long has the leg pain lasted?',
    );
    assert.notEqual(edited, EXAMPLE);
    await client.change(URI, edited);
    const result = picture(await preview());
    assert.equal(result.version, 2);
    assert.match(result.svg, /For how long has the leg pain/);
  });

  it('pathway/preview: each version drawn as a new layout draws it, whether or not the edit moved anything', async () => {
    // The example where it is, so that the server reads its screen and references.
    const file = path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml');
    const uri = pathToFileURL(file).href;
    const fresh = async (text: string): Promise<string> =>
      renderSvg(await layoutDiagram(buildDiagram(analyzeWithFiles(file, text))), {
        legend: false,
      });
    // A line of detail (nothing on the chart moves), a longer question (its box grows), and
    // back to the first text.
    const detail = EXAMPLE.replace(
      '      - Screen for red flags (next step, the shared red-flag screen).\n',
      '      - Screen for red flags (next step, the shared red-flag screen).\n      - Note the patient’s goals.\n',
    );
    const longer = EXAMPLE.replace(
      'title: How long has the leg pain lasted?',
      'title: How long has the leg pain lasted, counting from its first day, whatever came before?',
    );
    assert.ok(detail !== EXAMPLE && longer !== EXAMPLE);
    await client.open(uri, EXAMPLE);
    const first = picture(await preview(uri)).svg;
    assert.equal(first, await fresh(EXAMPLE));
    for (const text of [detail, longer, EXAMPLE]) {
      await client.change(uri, text);
      assert.equal(picture(await preview(uri)).svg, await fresh(text));
    }
  });

  it('pathway/preview: says why a file that does not parse cannot be drawn', async () => {
    await client.open(URI, BROKEN);
    const result = await preview();
    assert.ok(isFailure(result));
    assert.equal(result.version, 1);
    assert.match(result.error, /cannot be read as YAML.*\(line 31\)/);
  });

  it('pathway/preview: a document the server does not hold', async () => {
    const result = await preview('file:///work/test/not-open.pathway.yaml');
    assert.ok(isFailure(result));
    assert.equal(result.version, -1);
  });

  it('pathway/render: the standalone HTML page and SVG, as pathway render writes them', async () => {
    await client.open(URI, EXAMPLE);
    const html = await render({ uri: URI, format: 'html' });
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    assert.equal(attributes(html, 'data-step').length, expectedSteps(EXAMPLE).length);
    assert.match(html, /Recommendations \(GRADE\)/, 'with its legend');
    const svg = await render({ uri: URI, format: 'svg' });
    assert.match(svg, /^<svg [^>]*>\n<title>/);
    assert.match(svg, /<style>/, 'a standalone picture carries its style');
  });

  it('pathway/render: fails with the reason when the file cannot be drawn', async () => {
    await client.open(URI, BROKEN);
    await assert.rejects(render({ uri: URI, format: 'svg' }), /cannot be read as YAML/);
  });

  it('pathway/saveScenario: the edit inserting the walk after the last scenario, and the new id’s range', async () => {
    const text = fs.readFileSync(
      path.join(ROOT, 'test', 'inputs', 'walk-facts.pathway.yaml'),
      'utf8',
    );
    await client.open(URI, text);
    const params: SaveScenarioParams = {
      uri: URI,
      scenario: { end: 'urgent', facts: [{ input: 'red-flag', values: [true] }], choose: [] },
    };
    const result = await client.request<SaveScenarioResult>(SaveScenarioRequest.method, params);
    if (isFailure(result)) assert.fail(result.error);
    const lines = text.split('\n');
    // At the end of the file, after a blank line as between the last two scenarios.
    assert.deepEqual(result.edit.range, {
      start: { line: lines.length - 1, character: 0 },
      end: { line: lines.length - 1, character: 0 },
    });
    assert.match(result.edit.newText, /^\n {2}walk-to-urgent:\n {4}title: "[^"]+"\n/);
    assert.equal(result.id, 'walk-to-urgent');
    assert.equal(result.version, 1);
    assert.deepEqual(result.idRange, {
      start: { line: lines.length, character: 2 },
      end: { line: lines.length, character: 2 + 'walk-to-urgent'.length },
    });

    // Facts that lead elsewhere are refused, with why.
    const wrong = await client.request<SaveScenarioResult>(SaveScenarioRequest.method, {
      ...params,
      scenario: { ...params.scenario, end: 'discharge' },
    });
    assert.ok(isFailure(wrong));
    assert.match(wrong.error, /should end at "discharge", but ends at "urgent"/);
    // So is a document the server does not hold.
    const closed = await client.request<SaveScenarioResult>(SaveScenarioRequest.method, {
      ...params,
      uri: 'file:///work/test/not-open.pathway.yaml',
    });
    assert.ok(isFailure(closed));
  });
});
