// npm run bench: how fast the checker, the language server and the preview are on
// synthetic pathways of 100, 1,000 and 10,000 steps, against the floor (parsing the same
// YAML, the least any checker must do) and the peer (yaml-language-server with our schema);
// and how `pathway check` of a folder of 1,000 pathways scales with the cores (folder.mjs).
// Runs on the built code (out/ and dist/); writes bench/results.json.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchClient } from './lsp.mjs';
import { benchShared, SHARED_RECHECK, SHARED_SIZE } from './shared.mjs';
import { ALL_CORES, benchFolder, FOLDER_SIZE, PUBLISH } from './folder.mjs';
import { BIB_ALL_CORES, BIB_SIZE, benchBibliography } from './bibliography.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const yaml = require('yaml');
const core = require(path.join(ROOT, 'out/server/src/core/index.js'));
const { overlappingConditions, syntheticPathway, syntheticReferences } = require(
  path.join(ROOT, 'out/test/support/synthetic.js'),
);

const QUICK = process.env.BENCH_QUICK === '1';
const SIZES = [100, 1000, 10000];
/** Repetitions per size after warm-up: fewer where one run takes seconds. */
const REPS = {
  core: { 100: 21, 1000: 11, 10000: 5 },
  server: { 100: 15, 1000: 11, 10000: 7 },
  feature: { 100: 21, 1000: 15, 10000: 11 },
  peer: { 100: 7, 1000: 5, 10000: 2 },
  preview: { 100: 5, 1000: 3 },
};
/** The peer can take seconds per run at 10,000 steps; one that takes longer is given up. */
const PEER_TIMEOUT_MS = 60_000;

const SERVER = [path.join(ROOT, 'dist', 'server.js'), '--stdio'];
const PEER = [
  path.join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'),
  '--stdio',
];
const SCHEMA_URI = pathToFileURL(path.join(ROOT, 'schemas', 'pathway.schema.json')).href;

function reps(kind, size) {
  const n = REPS[kind][size] ?? 3;
  return QUICK ? Math.min(n, 3) : n;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median milliseconds of `run` over `count` runs, after `warmup` runs not counted. A run may
 * return a clean-up function, which is not timed.
 */
async function measure(count, run, warmup = 1) {
  const times = [];
  for (let i = -warmup; i < count; i++) {
    const start = performance.now();
    const cleanUp = await run(i);
    if (i >= 0) times.push(performance.now() - start);
    if (typeof cleanUp === 'function') await cleanUp();
  }
  return median(times);
}

/**
 * The pause a typist leaves between two edits: both servers may hold back a check while
 * keystrokes come faster than this, and the measure is one edit's answer, not a burst's.
 */
const TYPING_PAUSE_MS = 200;
const pause = () => new Promise((resolve) => setTimeout(resolve, TYPING_PAUSE_MS));

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
    }),
  ]);
}

/** Where to edit and ask: a title in the middle, and the last step link near the end. */
function landmarks(text) {
  const lines = text.split('\n');
  const titles = [];
  let lastNext = -1;
  lines.forEach((line, index) => {
    if (/^ {4}title: /.test(line)) titles.push(index);
    if (/^ {4}next: /.test(line)) lastNext = index;
  });
  const title = titles[titles.length >> 1];
  return {
    titleLine: title,
    titleText: lines[title],
    nextLine: lastNext,
    nextText: lines[lastNext],
  };
}

/**
 * A one-line edit: the middle title rewritten, different each time so each is fresh.
 * `state.current` tracks the line as the document now has it.
 */
function titleEdit(marks, state, i) {
  const line = marks.titleLine;
  const current = state.current ?? marks.titleText;
  state.current = `${marks.titleText} (revision ${i + 100})`;
  return {
    range: { start: { line, character: 0 }, end: { line, character: current.length } },
    text: state.current,
  };
}

const results = [];
function record(measureName, size, ms, extra = {}) {
  results.push({ measure: measureName, steps: size, ms: Math.round(ms * 100) / 100, ...extra });
  process.stderr.write(`  ${measureName} @ ${size}: ${ms.toFixed(1)}\n`);
}

/**
 * The floor and the full check, run in turn so that both meet the same state of the heap,
 * each after a garbage collection when `--expose-gc` allows (npm run bench passes it): no
 * run pays for the garbage the one before it left.
 */
async function benchCore(size, text, variant = '') {
  const n = reps('core', size);
  const floorName = `floor: yaml.parseDocument${variant}`;
  const floorRun = () => void yaml.parseDocument(text, { uniqueKeys: false });
  const checkRun = () => void core.analyze(text);
  const floorTimes = [];
  const checkTimes = [];
  for (let i = -2; i < n; i++) {
    for (const [run, times] of [
      [floorRun, floorTimes],
      [checkRun, checkTimes],
    ]) {
      globalThis.gc?.();
      const start = performance.now();
      run();
      if (i >= 0) times.push(performance.now() - start);
    }
  }
  record(floorName, size, median(floorTimes));
  record(`full check: analyze()${variant}`, size, median(checkTimes), { floor: floorName });
  const findings = core.analyze(text).findings.length;
  if (findings !== 0)
    throw new Error(`the synthetic pathway of ${size} steps has ${findings} findings`);
}

async function startServer() {
  const client = new BenchClient(SERVER, () => ({ rules: {} }));
  await client.initialize();
  return client;
}

async function startPeer(uriBase) {
  const client = new BenchClient(PEER, (section) =>
    section === 'yaml'
      ? {
          validate: true,
          hover: true,
          completion: true,
          schemas: { [SCHEMA_URI]: ['*.pathway.yaml'] },
          schemaStore: { enable: false },
          format: { enable: false },
        }
      : null,
  );
  await client.initialize();
  await client.configured;
  // The schema is in force once a file that breaks it gets a finding.
  const probe = `${uriBase}/probe.pathway.yaml`;
  let probed = await client.open(probe, 'pathway: 2\n');
  for (let i = 0; probed.diagnostics.length === 0 && i < 20; i++) {
    probed = await client.nextDiagnostics(probe);
  }
  if (probed.diagnostics.length === 0) throw new Error('the peer does not apply the schema');
  await client.close(probe);
  return client;
}

/**
 * Open → diagnostics in one server process (a new document each time); then the editing
 * loop in a fresh one — open once, one-line edits, completion and hover — whose peak
 * memory is what an author's editor would see.
 */
async function benchLsp(label, start, size, text, uriBase, options) {
  const { count, warmup, timeout, features, floor } = options;
  const extra = floor ? { floor } : {};
  const marks = landmarks(text);
  const opener = await start(uriBase);
  let runs = 0;
  const open = await measure(
    count,
    async () => {
      const uri = `${uriBase}/${label}-open-${runs++}.pathway.yaml`;
      await withTimeout(opener.open(uri, text), timeout, `${label} open`);
      return () => opener.close(uri);
    },
    warmup,
  );
  await opener.stop();
  record(`${label}: open → diagnostics`, size, open, extra);

  const client = await start(uriBase);
  const uri = `${uriBase}/${label}-edited.pathway.yaml`;
  await withTimeout(client.open(uri, text), timeout, `${label} open`);
  const state = {};
  const edit = await measure(
    count,
    async (i) => {
      const { range, text: newText } = titleEdit(marks, state, i);
      const diagnostics = await withTimeout(
        client.edit(uri, range, newText),
        timeout,
        `${label} edit`,
      );
      if ((features || floor) && diagnostics.diagnostics.length !== 0)
        throw new Error('an edit gave findings');
      return pause;
    },
    Math.max(warmup, 1),
  );
  record(`${label}: edit → diagnostics`, size, edit, extra);

  if (features) {
    const position = { line: marks.nextLine, character: marks.nextText.length };
    let items = 0;
    const completion = await measure(reps('feature', size), async () => {
      const result = await client.request('textDocument/completion', {
        textDocument: { uri },
        position,
      });
      items = Array.isArray(result) ? result.length : (result?.items?.length ?? 0);
    });
    record(`${label}: completion`, size, completion, { items });

    const hoverAt = { line: marks.nextLine, character: marks.nextText.length - 2 };
    const hover = await measure(reps('feature', size), async () => {
      const result = await client.request('textDocument/hover', {
        textDocument: { uri },
        position: hoverAt,
      });
      if (!result) throw new Error('no hover');
    });
    record(`${label}: hover`, size, hover);
  }
  record(`${label}: peak memory (MB)`, size, client.peakMemoryMb(), { unit: 'MB' });
  await client.stop();
}

async function benchServer(size, text, uriBase) {
  await benchLsp('server', startServer, size, text, uriBase, {
    count: reps('server', size),
    warmup: 1,
    timeout: PEER_TIMEOUT_MS,
    features: true,
  });
}

async function benchPeer(size, text, uriBase) {
  await benchLsp('peer', startPeer, size, text, uriBase, {
    count: reps('peer', size),
    warmup: size >= 10000 ? 0 : 1,
    timeout: size >= 10000 ? PEER_TIMEOUT_MS : PEER_TIMEOUT_MS / 4,
    features: false,
  });
}

async function benchPreview(size, text) {
  const analysis = core.analyze(text);
  let svg = '';
  const layout = await measure(reps('preview', size), async () => {
    const laidOut = await core.layoutDiagram(core.buildDiagram(analysis));
    svg = core.renderSvg(laidOut);
  });
  record('preview: layout + render', size, layout, { svgBytes: svg.length });

  // An edit the chart does not show (here a comment above the first line, which moves every
  // step's line): the preview draws it with the layout it kept, and only renders.
  const edited = core.buildDiagram(core.analyze(`# Reviewed by the panel.\n${text}`));
  const before = core.buildDiagram(analysis);
  const cache = new core.LayoutCache();
  await cache.layout(before);
  await cache.layout(edited);
  let turn = 0;
  const kept = await measure(reps('preview', size), async () => {
    svg = core.renderSvg(await cache.layout(turn++ % 2 === 0 ? before : edited));
  });
  if (cache.reused < 2) throw new Error('the preview laid out an edit the chart does not show');
  record('preview: layout kept + render', size, kept, { floor: 'preview: layout + render' });
}

/** The size of the largest file the server reads in full: just under the 10 MB limit. */
const LARGE_STEPS = 16000;

/** The longest a hover on a small document waits while `text` is first analysed. */
async function longestWait(text, label) {
  const runs = [];
  for (let i = 0; i < (QUICK ? 1 : 3); i++) {
    const client = await startServer();
    const small = 'file:///bench/responsive/small.pathway.yaml';
    const smallText = syntheticPathway({ steps: 100, seed: 7 });
    await client.open(small, smallText);
    const marks = landmarks(smallText);
    const position = { line: marks.nextLine, character: marks.nextText.length - 2 };
    let checked = false;
    const opened = client.open(`file:///bench/responsive/large-${i}.pathway.yaml`, text);
    void opened.then(() => (checked = true));
    let longest = 0;
    let answered = 0;
    while (!checked) {
      const sent = performance.now();
      await client.request('textDocument/hover', { textDocument: { uri: small }, position });
      longest = Math.max(longest, performance.now() - sent);
      answered++;
    }
    await opened;
    await client.stop();
    runs.push(longest);
    process.stderr.write(
      `  ${label}: longest wait ${longest.toFixed(0)} ms over ${answered} answers\n`,
    );
  }
  return median(runs);
}

/**
 * How long the server can keep other documents waiting while a 10 MB pathway is first
 * analysed: a small document is open, the large one is opened, and hover requests on the
 * small one are sent one after another until the large one's diagnostics arrive. The
 * longest wait for an answer is the longest the event loop was held (plus one request's own
 * time); the floor here is one yaml.parseDocument of the large text, which a server that
 * parsed in one go would hold it for at least.
 */
async function benchResponsive() {
  const text = syntheticPathway({ steps: LARGE_STEPS, seed: 7 });
  process.stderr.write(`${LARGE_STEPS} steps: ${(text.length / 1024 / 1024).toFixed(1)} MiB\n`);
  const floor = await measure(
    QUICK ? 1 : 3,
    () => void yaml.parseDocument(text, { uniqueKeys: false }),
  );
  record('floor: yaml.parseDocument', LARGE_STEPS, floor);
  record(
    'server: longest wait, 10 MB first analysed',
    LARGE_STEPS,
    await longestWait(text, 'in blocks'),
  );
  // A tab as indentation: the file cannot be read in blocks and is parsed whole.
  const tabbed = text.replace('\n    kind: action\n', '\n\tkind: action\n');
  record('server: longest wait, 10 MB read whole', LARGE_STEPS, await longestWait(tabbed, 'whole'));

  // A file nested too deep is refused before it is parsed, in one pass over the text.
  const brackets = '['.repeat(6 * 1024 * 1024);
  const prescan = await measure(QUICK ? 3 : 11, () => void core.analyzeWhole(brackets));
  record('pre-scan: 6 MB of "[" refused', '6 MB', prescan);
}

/** Inputs of the computable synthetic pathway: every decision tests one of them. */
const LOGIC_INPUTS = 20;
/** Scenarios it carries, each run by every check (and every edit). */
const LOGIC_SCENARIOS = 50;

/**
 * The analysis of computable decisions: a 10,000-step pathway whose every decision has
 * conditions over 20 inputs, with 50 scenarios (the full check and an edit in the server, against the floor of
 * the same text), and a small file whose conditions multiply past the analysis's limit,
 * against the floor of the 1,000-step pathway.
 */
async function benchLogic() {
  const size = 10000;
  const variant = ', computable';
  const text = syntheticPathway({
    steps: size,
    seed: 7,
    inputs: LOGIC_INPUTS,
    scenarios: LOGIC_SCENARIOS,
  });
  process.stderr.write(`${size} steps, computable: ${(text.length / 1024).toFixed(0)} KiB\n`);
  await benchCore(size, text, variant);
  await benchLsp('server, computable', startServer, size, text, 'file:///bench/logic', {
    count: reps('server', size),
    warmup: 1,
    timeout: PEER_TIMEOUT_MS,
    features: false,
    floor: `floor: yaml.parseDocument${variant}`,
  });

  const pathological = overlappingConditions(50);
  const floorText = syntheticPathway({ steps: 1000, seed: 7 });
  const floorName = 'floor: yaml.parseDocument, 1,000 steps';
  const floorTimes = [];
  const limitTimes = [];
  let codes = [];
  for (let i = -2; i < (QUICK ? 5 : 15); i++) {
    globalThis.gc?.();
    let start = performance.now();
    yaml.parseDocument(floorText, { uniqueKeys: false });
    if (i >= 0) floorTimes.push(performance.now() - start);
    globalThis.gc?.();
    start = performance.now();
    codes = core.analyze(pathological).findings.map((f) => f.code);
    if (i >= 0) limitTimes.push(performance.now() - start);
  }
  if (codes.join() !== 'analysis-limit')
    throw new Error(`the pathological file gave ${codes.join(', ') || 'no finding'}`);
  record(floorName, 'limit', median(floorTimes));
  record('analysis-limit: 50 overlapping conditions', 'limit', median(limitTimes), {
    floor: floorName,
  });
}

const TARGETS = [
  {
    measure: 'full check: analyze()',
    steps: 10000,
    ratioToFloorAtMost: 1.3,
    label: '≤ 1.3× floor',
  },
  {
    measure: 'full check: analyze(), computable',
    steps: 10000,
    ratioToFloorAtMost: 1.5,
    label: '≤ 1.5× floor',
  },
  {
    measure: 'server, computable: edit → diagnostics',
    steps: 10000,
    ratioToFloorAtMost: 0.1,
    label: '≤ 0.1× floor',
  },
  {
    measure: 'analysis-limit: 50 overlapping conditions',
    steps: 'limit',
    ratioToFloorAtMost: 1,
    label: '≤ 1× floor',
  },
  { measure: 'server: edit → diagnostics', steps: 10000, below: 100, label: '< 100 ms' },
  { measure: 'server: edit → diagnostics', steps: 1000, below: 30, label: '< 30 ms' },
  { measure: 'server: completion', steps: 10000, below: 50, label: '< 50 ms' },
  { measure: 'server: hover', steps: 10000, below: 50, label: '< 50 ms' },
  { measure: 'server: peak memory (MB)', steps: 10000, below: 300, label: '< 300 MB' },
  { measure: 'preview: layout + render', steps: 1000, below: 1500, label: '< 1.5 s' },
  // The floor is the row above: the same chart laid out anew.
  {
    measure: 'preview: layout kept + render',
    steps: 1000,
    ratioToFloorAtMost: 0.1,
    label: '≤ 0.1× laid out',
  },
  {
    measure: 'server: longest wait, 10 MB first analysed',
    steps: LARGE_STEPS,
    below: 1000,
    label: '< 1 s',
  },
  {
    measure: 'server: longest wait, 10 MB read whole',
    steps: LARGE_STEPS,
    below: 1000,
    label: '< 1 s',
  },
  { measure: 'pre-scan: 6 MB of "[" refused', steps: '6 MB', below: 1000, label: '< 1 s' },
  {
    measure: 'server: start → first diagnostics',
    steps: 'startup',
    below: 1000,
    label: '< 1 s',
  },
  // The floor of these two is another row of the same run: one worker, and the check.
  {
    measure: ALL_CORES,
    steps: FOLDER_SIZE,
    ratioToFloorAtMost: 0.65,
    label: '≤ 0.65× one worker',
  },
  { measure: PUBLISH, steps: FOLDER_SIZE, ratioToFloorAtMost: 3, label: '≤ 3× check' },
  // The floor is another row of the same run: the same 50 pathways opened and checked afresh.
  {
    measure: SHARED_RECHECK,
    steps: SHARED_SIZE,
    ratioToFloorAtMost: 0.2,
    label: '≤ 0.2× afresh',
  },
  // Against the sum of the floors of the folder's files, measured in the same run.
  { measure: BIB_ALL_CORES, steps: BIB_SIZE, ratioToFloorAtMost: 1.2, label: '≤ 1.2× floors' },
];

const PEER_OF = {
  'server: open → diagnostics': 'peer: open → diagnostics',
  'server: edit → diagnostics': 'peer: edit → diagnostics',
  'server: peak memory (MB)': 'peer: peak memory (MB)',
};

function summarise() {
  const find = (name, steps) => results.find((r) => r.measure === name && r.steps === steps);
  for (const row of results) {
    const floor = find(row.floor ?? 'floor: yaml.parseDocument', row.steps);
    if (floor && row.unit !== 'MB' && !row.measure.startsWith('floor')) {
      row.ratioToFloor = Math.round((row.ms / floor.ms) * 1000) / 1000;
    }
    const peer = PEER_OF[row.measure] && find(PEER_OF[row.measure], row.steps);
    if (peer) row.ratioToPeer = Math.round((row.ms / peer.ms) * 1000) / 1000;
    const target = TARGETS.find((t) => t.measure === row.measure && t.steps === row.steps);
    if (target) {
      row.target = target.label;
      row.met =
        target.ratioToFloorAtMost !== undefined
          ? (row.ratioToFloor ?? Infinity) <= target.ratioToFloorAtMost
          : row.ms < target.below;
    }
  }
}

function printTable() {
  const header = ['measure', 'steps', 'median', '× floor', '× peer', 'target', 'holds'];
  const rows = results.map((r) => [
    r.measure,
    String(r.steps),
    r.unit === 'MB' ? `${r.ms.toFixed(0)} MB` : `${r.ms.toFixed(1)} ms`,
    r.ratioToFloor !== undefined ? r.ratioToFloor.toFixed(2) : '',
    r.ratioToPeer !== undefined ? r.ratioToPeer.toFixed(3) : '',
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/**
 * How soon a newly started server answers for a document that is already open, as after a
 * window reload: spawn → initialize → open the flawed example → its diagnostics. The floor is
 * a bare Node.js process (spawn → exit) started in the same run; the peer is the YAML
 * language server with the pathway schema.
 */
async function benchStartup() {
  const text = readFileSync(path.join(ROOT, 'examples', 'flawed', 'flawed.pathway.yaml'), 'utf8');
  const count = QUICK ? 3 : 9;
  const bareNode = () =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
      child.once('error', reject);
      child.once('exit', () => resolve());
    });
  const floor = await measure(count, bareNode);
  record('floor: node start', 'startup', floor);
  const server = await measure(count, async () => {
    const client = await startServer();
    const published = await withTimeout(
      client.open('file:///bench/startup/flawed.pathway.yaml', text),
      30_000,
      'first diagnostics',
    );
    if (published.diagnostics.length === 0) throw new Error('no findings on the flawed example');
    return () => client.stop();
  });
  record('server: start → first diagnostics', 'startup', server, { floor: 'floor: node start' });
}

async function main() {
  const started = performance.now();
  // Every figure grows with the machine's load: it is printed beside them.
  const loadBefore = os.loadavg()[0];
  const only = process.env.BENCH_SIZES?.split(',').map(Number);
  for (const size of only ?? SIZES) {
    const text = syntheticPathway({ steps: size, seed: 7 });
    process.stderr.write(
      `${size} steps: ${(text.length / 1024).toFixed(0)} KiB (${Math.round(text.length / size)} bytes per step)\n`,
    );
    const uriBase = `file:///bench/${size}`;
    await benchCore(size, text);
    await benchServer(size, text, uriBase);
    if (process.env.BENCH_PEER !== '0') {
      try {
        await benchPeer(size, text, uriBase);
      } catch (error) {
        process.stderr.write(
          `  peer @ ${size}: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      }
    }
    if (size <= 1000) await benchPreview(size, text);
  }
  if (process.env.BENCH_LOGIC !== '0') await benchLogic();
  if (process.env.BENCH_STARTUP !== '0') await benchStartup();
  if (process.env.BENCH_FOLDER !== '0') {
    await benchFolder({ root: ROOT, syntheticPathway, record, quick: QUICK });
  }
  if (process.env.BENCH_BIBLIOGRAPHY !== '0') {
    await benchBibliography({
      root: ROOT,
      yaml,
      syntheticPathway,
      syntheticReferences,
      record,
      quick: QUICK,
    });
  }
  if (process.env.BENCH_RESPONSIVE !== '0') await benchResponsive();
  if (process.env.BENCH_SHARED !== '0') {
    await benchShared({ syntheticPathway, startServer, record, quick: QUICK });
  }
  summarise();
  printTable();
  const seconds = (performance.now() - started) / 1000;
  const loadAfter = os.loadavg()[0];
  console.log(
    `\n${results.filter((r) => r.met === false).length === 0 ? 'Every target holds.' : 'Some targets do not hold.'} (${seconds.toFixed(0)} s; Node ${process.version}; ${os.availableParallelism()} processors, load average ${loadBefore.toFixed(1)} at the start, ${loadAfter.toFixed(1)} at the end)`,
  );
  writeFileSync(
    path.join(ROOT, 'bench', 'results.json'),
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, seconds: Math.round(seconds), processors: os.availableParallelism(), loadAverage: [loadBefore, loadAfter].map((load) => Math.round(load * 100) / 100), results }, null, 2)}\n`,
  );
}

await main();
process.exit(0);
