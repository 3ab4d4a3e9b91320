// The audit report request against the real server over stdio: pathway/report gives the
// report `pathway report --format html` writes (its content, without the page around it),
// with each step's lines for the jumps to the source.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  isFailure,
  ReportRequest,
  type ReportParams,
  type ReportResult,
} from '../../shared/serverRequests';
import { analyze, renderReport } from '../../server/src/core';
import { LspClient } from '../support/lspClient';
import { EXAMPLES } from '../support/paths';
import { DiskFiles } from '../../server/src/cli/diskFiles';
import { maxFileSizeOf } from '../../server/src/core/options';

/** The manipulation example, opened where it lies: the server reads the files it names. */
const FILE = path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml');
const EXAMPLE = fs.readFileSync(FILE, 'utf8');
const BROKEN = fs.readFileSync(path.join(EXAMPLES, 'flawed', 'broken-yaml.pathway.yaml'), 'utf8');
const URI = pathToFileURL(FILE).href;
const DATE = '2026-01-31';

describe('audit report request (language server over stdio)', function () {
  let client: LspClient;

  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
  });

  const report = (params: ReportParams): Promise<ReportResult> =>
    client.request<ReportResult>(ReportRequest.method, params);

  it('pathway/report: the body of the HTML report, as pathway report writes it', async () => {
    await client.open(URI, EXAMPLE);
    const result = await report({ uri: URI, date: DATE });
    if (isFailure(result)) assert.fail(result.error);
    assert.equal(result.version, 1);
    assert.equal(result.title, /^title: (.*)$/m.exec(EXAMPLE)?.[1]);
    // Its folder is the root for the server (no workspace folder is open), as when the command
    // runs there: the used pathway's file is named from it.
    const files = new DiskFiles(EXAMPLES, maxFileSizeOf({})).contextOf(FILE);
    const page = await renderReport(analyze(EXAMPLE, {}, { files }), 'html', { date: DATE });
    const body = /<main>\n([\s\S]*)\n<\/main>/.exec(page)?.[1];
    assert.equal(result.html, body, 'the same report as the command line');
    assert.doesNotMatch(result.html, /<(html|head|meta|style|script)\b/);
    assert.match(
      result.html,
      /<a class="step-link" href="#step-smt-plus-hea" data-step="smt-plus-hea"/,
    );
    const line = EXAMPLE.split('\n').indexOf('  smt-plus-hea:');
    assert.deepEqual(
      result.steps.find((s) => s.id === 'smt-plus-hea')?.line,
      line,
      'each step’s line, for the jump',
    );
  });

  it('pathway/report: follows edits, and says why a file that does not parse has none', async () => {
    await client.open(URI, EXAMPLE);
    await client.change(URI, EXAMPLE.replace('strength: conditional', 'strength: strong'));
    const edited = await report({ uri: URI, date: DATE });
    if (isFailure(edited)) assert.fail(edited.error);
    assert.equal(edited.version, 2);
    assert.match(edited.html, /For, strong/);
    await client.change(URI, BROKEN);
    const broken = await report({ uri: URI, date: DATE });
    assert.ok(isFailure(broken));
    assert.match(broken.error, /cannot be read as YAML/);
    const closed = await report({ uri: 'file:///work/test/not-open.pathway.yaml', date: DATE });
    assert.ok(isFailure(closed) && closed.version === -1);
  });
});
