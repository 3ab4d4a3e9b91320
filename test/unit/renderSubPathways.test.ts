// Sub-pathways on the flowchart: a `pathway` step as a box within a box that names the pathway
// it uses, its arrows named by that pathway's ends; `pathway render --expand` drawing the used
// pathway inside the box (two calls deep too), each as a golden SVG reviewed as a diff.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, buildDiagram, renderPicture, type DiagramOptions } from '../../server/src/core';
import { describeSteps } from '../../server/src/core/flowchart/describe';
import { analyzeAmong, analyzeInCase, FILE_CASES as CASES } from '../support/caseFiles';
import { runCli } from '../support/cli';
import { UPDATE_GOLDENS } from '../support/goldens';
import { ROOT } from '../support/paths';

const GOLDENS = path.join(ROOT, 'test', 'goldens', 'render');

async function assertGolden(name: string, svg: string): Promise<void> {
  const golden = path.join(GOLDENS, `${name}.svg`);
  if (UPDATE_GOLDENS) fs.writeFileSync(golden, svg);
  assert.ok(fs.existsSync(golden), `no golden ${golden}: run with UPDATE_GOLDENS=1`);
  assert.equal(svg, fs.readFileSync(golden, 'utf8'));
  await Promise.resolve();
}

const DRAWN: readonly {
  readonly golden: string;
  readonly folder: string;
  readonly file: string;
  readonly options: DiagramOptions;
}[] = [
  {
    golden: 'sub-pathway-box',
    folder: 'sub-pathway--ends-to-emergency',
    file: 'acute-lbp.pathway.yaml',
    options: {},
  },
  {
    golden: 'sub-pathway-expanded',
    folder: 'sub-pathway--ends-to-emergency',
    file: 'acute-lbp.pathway.yaml',
    options: { expand: true },
  },
  {
    golden: 'sub-pathway-two-deep-expanded',
    folder: 'scenarios--two-calls-deep',
    file: 'gp-back-pain.pathway.yaml',
    options: { expand: true },
  },
];

describe('sub-pathways on the flowchart', () => {
  for (const { golden, folder, file, options } of DRAWN) {
    it(`draws ${folder}/${file}${options.expand ? ' expanded' : ''} as its golden SVG (test/goldens/render/${golden}.svg)`, async () => {
      await assertGolden(golden, await renderPicture(analyzeInCase(folder, file), 'svg', options));
    });
  }

  it('names the used pathway by its title and file, and each arrow by the end it leaves from', () => {
    const diagram = buildDiagram(
      analyzeInCase('sub-pathway--ends-to-emergency', 'acute-lbp.pathway.yaml'),
    );
    const screen = diagram.nodes.find((node) => node.id === 'screen');
    assert.equal(screen?.kind, 'pathway');
    assert.equal(screen.uses?.title, 'Red-flag screen for low back pain');
    assert.equal(screen.uses.file, 'screens/red-flags.pathway.yaml');
    assert.deepEqual(
      diagram.edges
        .filter((edge) => edge.from === 'screen')
        .map((edge) => [edge.to, edge.kind, edge.label?.replace(/\n/g, ' ')]),
      [
        [
          'emergency-referral',
          'branch',
          'ends at Emergency referral for suspected cauda equina syndrome',
        ],
        [
          'imaging-referral',
          'branch',
          'ends at Urgent MRI and referral for suspected spinal malignancy',
        ],
        ['advice', 'otherwise', 'any other end'],
      ],
    );
  });

  it('says in words what the box uses and where each of its ends leads', () => {
    const diagram = buildDiagram(
      analyzeInCase('sub-pathway--ends-to-emergency', 'acute-lbp.pathway.yaml'),
    );
    const words = describeSteps(diagram).get('screen');
    assert.equal(
      words?.name,
      'Sub-pathway: Screen for red flags (uses Red-flag screen for low back pain) — leads to Same-day emergency assessment when the sub-pathway ends at Emergency referral for suspected cauda equina syndrome; to Urgent MRI and oncology referral when the sub-pathway ends at Urgent MRI and referral for suspected spinal malignancy; otherwise (any other end) to Explain the condition and encourage staying active',
    );
    assert.match(words.description, /Uses the pathway file screens\/red-flags\.pathway\.yaml\./);
  });

  it('draws a call it cannot follow as a box naming the file as written, its ends by their ids', async () => {
    // Checked on its own (no files: the call is unchecked), and with the used file missing.
    const text = fs.readFileSync(
      path.join(CASES, 'sub-pathway--ends-to-emergency', 'acute-lbp.pathway.yaml'),
      'utf8',
    );
    for (const analysis of [
      analyze(text),
      analyzeInCase(
        'unknown-file--use-missing-file',
        fs
          .readdirSync(path.join(CASES, 'unknown-file--use-missing-file'))
          .find((f) => f.endsWith('.pathway.yaml')) ?? '',
      ),
    ]) {
      const diagram = buildDiagram(analysis, { expand: true });
      const box = diagram.nodes.find((node) => node.kind === 'pathway');
      assert.ok(box?.uses, 'the pathway step is drawn');
      assert.equal(box.uses.title, undefined);
      assert.equal(box.uses.followed, false);
      assert.equal(box.expanded, undefined, 'nothing to draw inside');
      assert.ok(!diagram.nodes.some((node) => node.parent !== undefined));
      const svg = await renderPicture(analysis, 'svg', { expand: true });
      assert.ok(svg.includes(`>${box.uses.file}</tspan>`), 'the file as written is drawn');
    }
    const unchecked = buildDiagram(analyze(text));
    assert.deepEqual(
      unchecked.edges.filter((edge) => edge.from === 'screen').map((edge) => edge.label),
      ['ends at emergency', 'ends at urgent-imaging', 'any other end'],
    );
  });

  it('expanded, draws the used steps inside the box, its ends leading where ends and next say', () => {
    const diagram = buildDiagram(
      analyzeInCase('sub-pathway--ends-to-emergency', 'acute-lbp.pathway.yaml'),
      { expand: true },
    );
    const inside = diagram.nodes.filter((node) => node.parent === 'screen').map((n) => n.id);
    assert.deepEqual(inside, [
      'screen/ask',
      'screen/flags',
      'screen/emergency',
      'screen/urgent-imaging',
      'screen/clear',
    ]);
    const out = diagram.edges
      .filter((edge) => edge.from.startsWith('screen/') && !edge.to.startsWith('screen/'))
      .map((edge) => [edge.from, edge.to]);
    assert.deepEqual(out, [
      ['screen/emergency', 'emergency-referral'],
      ['screen/urgent-imaging', 'imaging-referral'],
      ['screen/clear', 'advice'],
    ]);
    assert.ok(
      !diagram.edges.some((edge) => edge.from === 'screen'),
      'no arrow leaves the box itself',
    );
  });

  it('expanded, an end that leads back to the call goes round the used pathway from its start', async () => {
    const screen = fs.readFileSync(
      path.join(CASES, 'sub-pathway--ends-to-emergency', 'screens', 'red-flags.pathway.yaml'),
      'utf8',
    );
    const loop = [
      'pathway: 1',
      'id: loop',
      'title: Screen until a flag is found',
      'start: screen',
      'steps:',
      '  screen:',
      '    kind: pathway',
      '    title: Screen again',
      '    use: screens/red-flags.pathway.yaml',
      '    ends: { clear: screen }',
      '    next: done',
      '  done:',
      '    kind: end',
      '    title: Done',
      '',
    ].join('\n');
    const analysis = analyzeAmong(
      { 'loop.pathway.yaml': loop, 'screens/red-flags.pathway.yaml': screen },
      'loop.pathway.yaml',
    );
    const diagram = buildDiagram(analysis, { expand: true });
    assert.deepEqual(
      diagram.edges.filter((edge) => edge.from === 'screen/clear').map((edge) => edge.to),
      ['screen/ask'],
    );
    assert.match(await renderPicture(analysis, 'svg', { expand: true }), /data-to="screen\/ask"/);
  });

  it('expands calls two deep, each inside the box that uses it', () => {
    const diagram = buildDiagram(
      analyzeInCase('scenarios--two-calls-deep', 'gp-back-pain.pathway.yaml'),
      { expand: true },
    );
    const parents = new Map(diagram.nodes.map((node) => [node.id, node.parent]));
    const deep = diagram.nodes.filter((node) => node.id.split('/').length === 3);
    assert.ok(deep.length > 0, 'steps two calls deep are drawn');
    for (const node of deep) {
      const box = node.parent ?? '';
      assert.equal(parents.get(box), box.split('/')[0], `${node.id} is inside its box`);
    }
  });

  it('pathway render --expand draws the used pathway from the folder it runs in', () => {
    const cwd = path.join(CASES, 'sub-pathway--ends-to-emergency');
    const expanded = runCli(['render', 'acute-lbp.pathway.yaml', '--expand', '-o', '-'], cwd);
    assert.equal(expanded.status, 0, expanded.stderr);
    assert.equal(
      expanded.stdout,
      fs.readFileSync(path.join(GOLDENS, 'sub-pathway-expanded.svg'), 'utf8'),
    );
    const box = runCli(['render', 'acute-lbp.pathway.yaml', '-o', '-'], cwd);
    assert.equal(box.status, 0, box.stderr);
    assert.equal(box.stdout, fs.readFileSync(path.join(GOLDENS, 'sub-pathway-box.svg'), 'utf8'));
  });

  it('shows a hostile use, title and ends key only as text', async () => {
    const attack = '<script>alert(1)</script>';
    const text = [
      'pathway: 1',
      'id: hostile',
      `title: "${attack}"`,
      'start: call',
      'steps:',
      '  call:',
      '    kind: pathway',
      `    title: "${attack} call"`,
      `    use: "${attack}.pathway.yaml"`,
      '    ends:',
      `      "<img src=x onerror=alert(2)>": done`,
      '    next: done',
      '  done:',
      '    kind: end',
      '    title: Done',
      '',
    ].join('\n');
    for (const expand of [false, true]) {
      const svg = await renderPicture(analyze(text), 'svg', { expand });
      assert.doesNotMatch(svg, /<script|<img/);
      assert.ok(svg.includes('&lt;script&gt;alert(1)&lt;/script&gt;.pathway.yaml'));
    }
  });

  it('without --expand, a pathway without sub-pathways draws as before', () => {
    const file = path.join(ROOT, 'examples', 'motor-skill-training.pathway.yaml');
    const plain = runCli(['render', file, '-o', '-']);
    const expanded = runCli(['render', file, '--expand', '-o', '-']);
    assert.equal(plain.status, 0);
    assert.equal(expanded.stdout, plain.stdout);
    assert.equal(
      plain.stdout,
      fs.readFileSync(path.join(GOLDENS, 'motor-skill-training.svg'), 'utf8'),
    );
  });
});
