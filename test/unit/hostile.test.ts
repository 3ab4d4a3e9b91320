import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  analyzeWhole,
  buildAuditReport,
  collectOccurrences,
  diffPathways,
  diffText,
  fixesFor,
  IncrementalAnalyzer,
  MAX_ALIAS_EXPANSION,
  MAX_NESTING_DEPTH,
  renderPicture,
  reportHtml,
  reportMarkdown,
  schemaAtPath,
  toFhirBundle,
  utf8Size,
  type Analysis,
} from '../../server/src/core';
import { hover } from '../../server/src/lsp/features/hover';
import { findingProblems } from '../support/fuzz';
import { FIXTURES } from '../support/paths';

/**
 * Files written to break the checker: huge, deep, binary, self-referencing, tagged, named
 * like JavaScript's own properties. The small ones are fixtures with goldens under
 * test/fixtures/hostile/; the large ones are made here. Each must give a clear diagnostic,
 * quickly, with every range inside the text, and nothing may throw.
 */
const HOSTILE = path.join(FIXTURES, 'hostile');

function read(name: string): string {
  return fs.readFileSync(path.join(HOSTILE, name), 'utf8');
}

/** Analyses a text both ways (whole and in blocks) and checks what every analysis must be. */
function check(text: string, limitMs = 5000): Analysis {
  const started = performance.now();
  const whole = analyzeWhole(text);
  const took = performance.now() - started;
  assert.deepEqual(findingProblems(whole.findings, whole.parsed.lines), []);
  assert.ok(took < limitMs, `took ${Math.round(took)} ms`);
  const inBlocks = analyze(text);
  assert.deepEqual(
    inBlocks.findings.map((f) => f.message),
    whole.findings.map((f) => f.message),
  );
  return whole;
}

function codes(analysis: Analysis): string[] {
  return analysis.findings.map((f) => f.code);
}

const VALID_HEAD = 'pathway: 1\nid: hostile\ntitle: Hostile\nversion: "1"\nstart: a\n';

describe('hostile files', function () {
  this.timeout(60_000);

  it('every hostile fixture: ranges inside the text, the same whole and in blocks', () => {
    const names = fs.readdirSync(HOSTILE).filter((name) => name.endsWith('.pathway.yaml'));
    assert.ok(names.length >= 15);
    for (const name of names) {
      try {
        check(read(name));
      } catch (error) {
        assert.fail(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  });

  describe('size', () => {
    it('a 20 MB file gets one file-too-large error stating the size and the limit, unread', () => {
      const huge = `${VALID_HEAD}steps:\n${'  # padding padding padding padding padding\n'.repeat(480_000)}`;
      assert.ok(huge.length > 20 * 1024 * 1024);
      const analysis = check(huge, 2000);
      assert.deepEqual(codes(analysis), ['file-too-large']);
      const [finding] = analysis.findings;
      assert.match(
        finding?.message ?? '',
        /too large to analyse: it is 20(\.\d)? MB, more than the 10 MB/,
      );
      assert.deepEqual(finding?.range, {
        start: { line: 0, character: 0 },
        end: { line: 0, character: 0 },
      });
      assert.equal(analysis.model, undefined);
      // The incremental analyzer (the editor's) says the same, edit after edit.
      const analyzer = new IncrementalAnalyzer();
      assert.deepEqual(codes(analyzer.analyze(huge)), ['file-too-large']);
      assert.deepEqual(codes(analyzer.analyze(`${huge}# more\n`)), ['file-too-large']);
    });

    it('the limit is an option (in bytes, counted as UTF-8) and the finding a configurable level', () => {
      const text = `${VALID_HEAD}steps:\n  a:\n    kind: end\n    title: "${'é'.repeat(600)}"\n`;
      // 600 é are 1,200 bytes of UTF-8: over a 1 KB limit though under 1,024 characters.
      assert.ok(text.length < 1024);
      assert.deepEqual(codes(analyze(text, { maxFileSize: 1024 })), ['file-too-large']);
      assert.match(analyze(text, { maxFileSize: 1024 }).findings[0]?.message ?? '', /1 KB/);
      assert.deepEqual(codes(analyze(text, { maxFileSize: 2048 })), []);
      assert.equal(
        analyze(text, { maxFileSize: 1024, rules: { 'file-too-large': 'warning' } }).findings[0]
          ?.severity,
        'warning',
      );
      assert.deepEqual(
        analyze(text, { maxFileSize: 1024, rules: { 'file-too-large': 'off' } }).findings,
        [],
      );
    });

    it('sizes are counted in UTF-8 bytes as the file takes on disk, whatever the characters', () => {
      const samples = [
        '',
        'plain ASCII text\n',
        'é ü ß — ≥ 90%',
        '中文 テキスト',
        '😀 𝄞 🙂',
        'half \uD83D of a pair, and \uDE00 the other half alone',
        `${'a'.repeat(5000)}é${'b'.repeat(5000)}😀`,
      ];
      // Lone halves of a pair are written as U+FFFD (3 bytes), as Node writes them.
      for (const text of samples) assert.equal(utf8Size(text), Buffer.byteLength(text), text);
    });

    it('a single 1 MB line is read in bounded time, and messages quote only a little of it', () => {
      const long = 'x'.repeat(1024 * 1024);
      const analysis = check(
        `${VALID_HEAD}steps:\n  a:\n    kind: end\n    title: End\n    next: ${long}\n`,
      );
      assert.deepEqual(codes(analysis), ['schema']);
      assert.ok((analysis.findings[0]?.message.length ?? 0) < 400);
      // A line of spaces a megabyte long, and an id a megabyte long used as a link.
      check(
        `${VALID_HEAD}steps:\n  a:\n    kind: end\n    title: "a${' '.repeat(1024 * 1024)}b"\n`,
      );
      const link = check(
        `${VALID_HEAD}steps:\n  a:\n    kind: action\n    title: A\n    next: ${long}\n`,
      );
      assert.deepEqual(codes(link), ['unknown-step']);
      assert.ok((link.findings[0]?.message.length ?? 0) < 400);
    });

    it('over a hundred thousand findings do not overflow the stack', () => {
      const items = Array.from({ length: 130_000 }, () => 'r').join(', ');
      const text = `${VALID_HEAD}steps:\n  a:\n    kind: recommendation\n    title: T\n    strength: strong\n    certainty: high\n    cite: [${items}]\n    next: b\n  b:\n    kind: end\n    title: End\nreferences:\n  r:\n    title: R\n    source: S\n`;
      const analysis = check(text, 30_000);
      assert.ok(!codes(analysis).includes('internal-error'));
      assert.ok(analysis.findings.length > 100_000);
    });
  });

  describe('structure', () => {
    it('aliases: a billion laughs stops at the expansion limit, at once', () => {
      const analysis = check(read('alias-bomb.pathway.yaml'), 2000);
      assert.deepEqual(codes(analysis), ['yaml-syntax']);
      assert.match(
        analysis.findings[0]?.message ?? '',
        new RegExp(`more than ${MAX_ALIAS_EXPANSION}`),
      );
    });

    it('aliases: thousands of them resolve in linear time (each used to search the document)', () => {
      const uses = Array.from({ length: 5000 }, () => '*x').join(', ');
      const keys = Array.from({ length: 5000 }, (_, i) => `k${i}: ${i}`).join('\n');
      const analysis = check(`a: &x 1\nb: [${uses}]\n${keys}\n`, 3000);
      assert.ok(!codes(analysis).includes('yaml-syntax'));
    });

    it('an alias inside its own anchor is reported, not followed', () => {
      assert.deepEqual(codes(check(read('alias-cycle.pathway.yaml'))), ['yaml-syntax']);
    });

    for (const [name, make] of [
      ['flow lists', (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`],
      ['flow mappings', (n: number) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}`],
      ['list items on one line', (n: number) => `${'- '.repeat(n)}x`],
      [
        'indented mappings',
        (n: number) => Array.from({ length: n }, (_, i) => `${' '.repeat(i)}k:`).join('\n'),
      ],
    ] as const) {
      it(`nesting 10,000 levels deep (${name}): a clear yaml-syntax error, no stack overflow`, () => {
        for (const depth of [MAX_NESTING_DEPTH + 1, 1000, 10_000]) {
          const analysis = check(make(depth), 10_000);
          assert.deepEqual(
            [...new Set(codes(analysis))],
            depth > 5000 && name === 'indented mappings' ? ['file-too-large'] : ['yaml-syntax'],
            `${depth} deep`,
          );
          if (analysis.findings[0]?.code === 'yaml-syntax') {
            assert.match(analysis.findings[0].message, /nested more than 100 levels deep/);
          }
        }
      });
    }

    it('nesting as deep as the limit still reads', () => {
      const depth = MAX_NESTING_DEPTH - 5;
      const text = `${VALID_HEAD}steps:\n  a:\n    kind: end\n    title: End\n    detail: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      assert.deepEqual(codes(check(text)), ['schema']);
    });
  });

  describe('characters', () => {
    it('NUL bytes and binary content: one yaml-syntax error naming the character', () => {
      for (const name of ['nul-bytes', 'binary-png', 'utf16-without-decoding']) {
        const analysis = check(read(`${name}.pathway.yaml`));
        assert.deepEqual(codes(analysis), ['yaml-syntax'], name);
        assert.match(analysis.findings[0]?.message ?? '', /binary file/, name);
      }
      // Random bytes, read as an editor would.
      const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256));
      assert.deepEqual(codes(check(new TextDecoder().decode(bytes))), ['yaml-syntax']);
    });

    it('a terminal escape sequence is refused, and messages never carry control characters', () => {
      assert.deepEqual(codes(check(read('terminal-escape.pathway.yaml'))), ['yaml-syntax']);
      // Written as YAML escapes, the characters reach values; a message quoting them shows U+XXXX.
      const text = `${VALID_HEAD}steps:\n  a:\n    kind: end\n    title: End\n    nxet: "\\e[2J\\u202Ex"\n`;
      const analysis = check(text);
      for (const finding of analysis.findings) {
        // eslint-disable-next-line no-control-regex -- looking for them is the point
        assert.doesNotMatch(finding.message, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
      }
    });

    it('a byte order mark, CRLF line breaks and tabs inside values are fine', () => {
      assert.deepEqual(codes(check(read('bom-crlf-tabs.pathway.yaml'))), []);
    });

    it('tabs as indentation, with CRLF: one yaml-syntax error a line, at the tab', () => {
      const analysis = check(read('tab-indentation-crlf.pathway.yaml'));
      assert.deepEqual([...new Set(codes(analysis))], ['yaml-syntax']);
      assert.match(analysis.findings[0]?.message ?? '', /tab/);
    });

    it('an empty file, only comments, only a byte order mark: the file is empty', () => {
      for (const text of ['', '# nothing but a comment\n# and another\n', '\uFEFF', '\n\n\n']) {
        const analysis = check(text);
        assert.deepEqual(codes(analysis), ['schema'], JSON.stringify(text));
        assert.match(analysis.findings[0]?.message ?? '', /empty/);
      }
    });

    it('several YAML documents: one schema error on the second, the rest ignored', () => {
      const analysis = check(read('several-documents.pathway.yaml'));
      assert.deepEqual(codes(analysis), ['schema']);
      assert.match(analysis.findings[0]?.message ?? '', /one YAML document/);
    });

    it('git conflict markers are named as such, at each marker', () => {
      const analysis = check(read('conflict-markers.pathway.yaml'));
      assert.deepEqual(codes(analysis), ['yaml-syntax', 'yaml-syntax', 'yaml-syntax']);
      assert.match(analysis.findings[0]?.message ?? '', /merge conflict/);
    });

    it('Unicode in ids and text: ids reported once, links still followed, text kept', () => {
      const analysis = check(read('unicode-ids.pathway.yaml'));
      assert.deepEqual(codes(analysis), ['schema', 'schema']);
      assert.equal(analysis.graph?.reachable.has('终点'), true);
    });

    it('look-alike letters: the did-you-mean names the character that only looks right', () => {
      const analysis = check(read('look-alike-ids.pathway.yaml'));
      const unknown = analysis.findings.filter((f) => f.code.startsWith('unknown-'));
      assert.equal(unknown.length, 4);
      assert.match(
        unknown[0]?.message ?? '',
        /Did you mean "assess"\? .*Cyrillic character "а" \(U\+0430\)/,
      );
      assert.equal(unknown[0]?.data?.suggestion, 'assess');
      assert.match(unknown[2]?.message ?? '', /"‑" \(U\+2011\), not the "-"/);
      assert.match(unknown[3]?.message ?? '', /full-width character "ｓ"/);
      // The quick fix replaces the look-alike with the real id.
      const first = unknown[0];
      assert.ok(first);
      const [fix] = fixesFor(analysis, first);
      assert.equal(fix?.edits[0]?.newText, 'assess');
    });
  });

  describe('tags and names that mean something to JavaScript', () => {
    it('YAML tags are data: nothing is run, values stay text', () => {
      const marker = '/tmp/pwned';
      const existed = fs.existsSync(marker);
      const analysis = check(read('yaml-tags.pathway.yaml'));
      assert.equal(fs.existsSync(marker), existed, 'no tag ran code');
      const root = analysis.model?.root.value as Record<string, unknown>;
      assert.equal(typeof root['id'], 'string');
      assert.equal(typeof root['title'], 'string');
      assert.ok(Array.isArray(root['status']));
      assert.deepEqual(codes(analysis), ['schema', 'schema']);
    });

    it('!!binary and !!timestamp stay the text written: in the model, hover, report and FHIR export', () => {
      const text = fs.readFileSync(
        path.join(FIXTURES, 'clean', 'yaml-1-1-tags-stay-as-written.pathway.yaml'),
        'utf8',
      );
      const analysis = check(text);
      assert.deepEqual(codes(analysis), []);
      const model = analysis.model;
      const root = model?.root.value as Record<string, unknown>;
      assert.equal(root['title'], 'aGVsbG8=');
      assert.equal(root['version'], '2001-12-14');
      assert.equal(model?.steps.get('assess')?.title, '2001-12-14t21:59:43.10-05:00');
      assert.equal(model?.steps.get('done')?.title, 'aGVsbG8=');
      const steps = root['steps'] as Record<string, Record<string, unknown>>;
      assert.equal(
        steps['assess']?.['detail'],
        'R0lGODlhDAAMAIQAAP//9/X\n17unp5WZmZgAAAOfn515eXv\n',
      );
      assert.equal(steps['done']?.['detail'], '2001-12-14');

      const onLink = text.indexOf('next: done') + 'next: '.length;
      const shown = hover(analysis, onLink)?.contents as { value: string } | undefined;
      assert.match(shown?.value ?? '', /\*\*aGVsbG8=\*\*/);

      const report = buildAuditReport(analysis, { date: '2025-01-01' });
      assert.equal(report.header.title, 'aGVsbG8=');
      assert.equal(report.header.version, '2001-12-14');
      for (const page of [reportMarkdown(report), reportHtml(report)]) {
        assert.ok(page.includes('aGVsbG8='));
        assert.ok(page.includes('2001-12-14'));
        assert.ok(!/Buffer|"data"|T00:00:00/.test(page), 'no value turned into a Buffer or a Date');
      }

      const bundle = toFhirBundle(analysis);
      const plan = bundle.entry?.[0]?.resource;
      assert.equal(plan?.title, 'aGVsbG8=');
      assert.equal(plan?.version, '2001-12-14');
      const exported = JSON.stringify(bundle);
      assert.ok(exported.includes('"title":"2001-12-14t21:59:43.10-05:00"'));
      assert.ok(
        !/Buffer|"data"|T00:00:00/.test(exported),
        'no value turned into a Buffer or a Date',
      );
    });

    it('!!set, !!omap and !!pairs are the mapping or list written, not data of their own', () => {
      const text = `${VALID_HEAD}population: !!set {adults, children}\ncite: !!omap [{a: 1}]\nsteps:\n  a:\n    kind: end\n    title: !!pairs [{b: 2}]\n`;
      const analysis = check(text);
      const root = analysis.model?.root.value as Record<string, unknown>;
      assert.deepEqual(root['population'], { adults: null, children: null });
      assert.deepEqual(root['cite'], [{ a: 1 }]);
      assert.deepEqual(codes(analysis), ['schema', 'schema', 'schema']);
    });

    it('ids named __proto__, constructor, hasOwnProperty are ordinary ids everywhere', async () => {
      const text = read('prototype-ids.pathway.yaml');
      const analysis = check(text);
      assert.deepEqual(
        [...(analysis.model?.steps.keys() ?? [])],
        ['constructor', 'hasOwnProperty', 'toString', 'valueOf', '__proto__'],
      );
      assert.deepEqual([...(analysis.graph?.reachable ?? [])].sort(), [
        'constructor',
        'hasOwnProperty',
        'toString',
        'valueOf',
      ]);
      const steps = analysis.model?.root.value as { steps: Record<string, unknown> };
      assert.ok(Object.hasOwn(steps.steps, '__proto__'), '__proto__ is an own key of the data');
      assert.equal(Object.getPrototypeOf(steps.steps), Object.prototype);
      // Everything that reads the analysis: nothing leaks a function's source or a prototype.
      const outputs = [
        JSON.stringify(analysis.findings),
        JSON.stringify(collectOccurrences(analysis.model!, analysis.parsed.text)),
        reportMarkdown(buildAuditReport(analysis, { date: '2025-01-01' })),
        reportHtml(buildAuditReport(analysis, { date: '2025-01-01' })),
        JSON.stringify(toFhirBundle(analysis)),
        diffText(
          diffPathways(analysis, analyzeWhole(text.replace('title: Review', 'title: Seen'))),
        ),
        // A field named like a prototype property, added to a reference.
        diffText(
          diffPathways(
            analysis,
            analyzeWhole(text.replace('Rev. 2021\n', 'Rev. 2021\n    constructor: added\n')),
          ),
        ),
        await renderPicture(analysis, 'svg'),
      ];
      for (const output of outputs) {
        assert.doesNotMatch(output, /native code|\[object Object\]|function \w*\(/);
      }
      // Keys named like Object's properties have no schema (hover and completion say nothing).
      for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
        assert.equal(
          schemaAtPath([key], () => undefined),
          undefined,
          key,
        );
        assert.equal(
          schemaAtPath(['steps', 'a', key], () => 'action'),
          undefined,
          key,
        );
      }
      for (const name of ['kind', 'title', 'next', 'polluted']) {
        assert.equal(({} as Record<string, unknown>)[name], undefined, `Object.prototype.${name}`);
      }
    });
  });
});
