import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  analyze,
  diffMarkdown,
  diffPathways,
  renderReport,
  showControls,
  terminalText,
  toFhirBundle,
  type FhirPlanDefinition,
  type FhirResource,
} from '../../server/src/core';
import { hover } from '../../server/src/lsp/features/hover';
import { runCli } from '../support/cli';
import { HOSTILE_TEXT, TERMINAL_STRINGS, hostilePathway, yamlString } from '../support/hostileText';
import { markdownProblems, markdownTables, markdownTexts } from '../support/markdown';

// Text from a pathway in every text output: the audit report and the comparison in Markdown,
// the comparison as plain text, the FHIR export's Markdown fields; in the core over the whole
// corpus and through the `pathway` command as a user runs it.

// eslint-disable-next-line no-control-regex -- looking for them is the point
const ACTS = /[\x00-\x08\x0B-\x1F\x7F-\x9F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** The one address of the evidence, so that every report links the same things. */
const EVIDENCE_URL = 'https://example.org/evidence';

const LINKS = /^https:\/\/(doi\.org|pubmed\.ncbi\.nlm\.nih\.gov|example\.org)\/[^\s<>"`]*$/;

const REPORT_HEADINGS = [
  /^Audit report: /,
  /^Recommendations \(\d+\)$/,
  /^Inputs \(\d+\)$/,
  /^Decisions \(\d+\)$/,
  // A decision's own heading: its title, then its id and line.
  /^.+ \([^()]+, line \d+\)$/,
  /^Paths from start to end$/,
  /^Path \d+: ends at “/,
  /^Evidence gaps$/,
  /^Strong recommendations on low or very low certainty evidence$/,
  /^Recommendations resting only on low or very low certainty evidence$/,
  /^Recommendations without citations$/,
  /^References nothing cites$/,
  /^Ends reached without any recommendation on the way$/,
  /^Diagnostics$/,
  /^[a-z-]+ \(\d+\)$/,
];

const DIFF_HEADINGS = [
  /^Changes to the recommendation logic$/,
  /^(Steps|Routing|Inputs|Recommendations|References|Consequences|Ends reached differently)$/,
];

function shown(text: string): string {
  return terminalText(text).trim();
}

/** Text over several lines as Markdown shows it: each line trimmed, blank lines dropped. */
function lines(text: string): string {
  return text
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .map((line) => showControls(line).trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** What a reviewer must read in the report: the headings, the recommendation's row. */
function reportProblems(text: string, report: string, url = EVIDENCE_URL): string[] {
  const problems = markdownProblems(report, {
    headings: REPORT_HEADINGS,
    links: LINKS,
    html: /^<br>$/,
  });
  const texts = markdownTexts(report);
  if (texts[0] !== shown(`Audit report: ${text} (pathway)`))
    problems.push(`the title reads ${JSON.stringify(texts[0])}`);
  const row = markdownTables(report)[1]?.[1]?.map((cell) => cell.trim());
  const expected = [
    row?.[0] ?? '',
    shown(`${text} (recommendation)`),
    'For, strong',
    shown(text),
    shown(text),
  ];
  if (!/^recommend \(line \d+\)$/.test(row?.[0] ?? '') || row?.length !== 6)
    problems.push(`the recommendation's row is ${JSON.stringify(row)}`);
  else if (JSON.stringify(row.slice(0, 5)) !== JSON.stringify(expected))
    problems.push(`the recommendation's row reads ${JSON.stringify(row.slice(0, 5))}`);
  else if (!row[5]?.includes(shown(`${text}.`)) || !row[5].includes(url))
    problems.push(`the evidence reads ${JSON.stringify(row[5])}`);
  if (ACTS.test(report)) problems.push('a control character');
  return problems;
}

/** Two versions of a small pathway: the second retitles a step and adds one named `text`. */
function versions(text: string): [string, string] {
  const head = 'pathway: 1\nid: p\ntitle: P\nversion: "1"\nstart: a\nsteps:\n';
  const before = `${head}  a:\n    kind: action\n    title: Assess\n    next: done\n  done:\n    kind: end\n    title: Done\n`;
  const after = `${head}  a:\n    kind: action\n    title: ${yamlString(text)}\n    next: ${yamlString(text)}\n  ${yamlString(text)}:\n    kind: action\n    title: ${yamlString(text)}\n    next: done\n  done:\n    kind: end\n    title: Done\n`;
  return [before, after];
}

function diffProblems(text: string, written: string): string[] {
  const problems = markdownProblems(written, { headings: DIFF_HEADINGS });
  const texts = markdownTexts(written);
  for (const sentence of [
    `Step "a" retitled from "Assess" to "${terminalText(text)}".`,
    `Step "${terminalText(text)}" added: action "${terminalText(text)}".`,
  ]) {
    if (!texts.includes(sentence)) problems.push(`no line reads ${JSON.stringify(sentence)}`);
  }
  if (ACTS.test(written)) problems.push('a control character');
  return problems;
}

describe('hostile text in the text outputs: Markdown, plain text, FHIR', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-hostile-'));
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  describe('the audit report in Markdown', () => {
    it('every hostile string reads back as written, in its cell, and forges nothing', async () => {
      const failures: string[] = [];
      for (const text of HOSTILE_TEXT) {
        const analysis = analyze(hostilePathway(text, { url: EVIDENCE_URL }));
        const report = await renderReport(analysis, 'md', { date: '2026-01-01' });
        for (const problem of reportProblems(text, report))
          failures.push(`${JSON.stringify(text)}: ${problem}`);
      }
      assert.deepEqual(failures, []);
    });

    it('pathway report --format md: "Do ~~not~~ offer" is not struck through, "|" stays in its cell, a line break starts no heading', () => {
      // The address of the evidence, with a "|" that once ended its cell.
      const url = 'https://example.org/evidence?a|b';
      for (const text of ['Do ~~not~~ offer', 'Offer | do not offer', 'Assess\n# Forged heading']) {
        const file = write('report.pathway.yaml', hostilePathway(text, { url }));
        const result = runCli(['report', '--format', 'md', file]);
        assert.equal(result.status, 0, result.stderr);
        assert.deepEqual(reportProblems(text, result.stdout, url), [], text);
      }
    });

    it('pathway report prints no escape sequence or bell: each control shows as <U+XXXX>', () => {
      const text = 'Do \u001b[8mnot\u001b[0m offer \u0007 \u202eton\u202c';
      const file = write('terminal.pathway.yaml', hostilePathway(text, { url: EVIDENCE_URL }));
      const result = runCli(['report', file]);
      assert.equal(result.status, 0, result.stderr);
      assert.doesNotMatch(result.stdout, ACTS);
      assert.match(
        result.stdout,
        /Do <U\+001B>\[8mnot<U\+001B>\[0m offer <U\+0007> <U\+202E>ton<U\+202C>/,
      );
      assert.deepEqual(reportProblems(text, result.stdout), []);
    });
  });

  describe('pathway diff', () => {
    it('every hostile string in a comparison in Markdown reads back as written and forges nothing', () => {
      const failures: string[] = [];
      for (const text of HOSTILE_TEXT) {
        const [before, after] = versions(text);
        const written = diffMarkdown(diffPathways(analyze(before), analyze(after)), 'a', 'b');
        for (const problem of diffProblems(text, written))
          failures.push(`${JSON.stringify(text)}: ${problem}`);
      }
      assert.deepEqual(failures, []);
    });

    it('pathway diff --format md: a line break and "#" in a title forge no heading', () => {
      for (const text of ['Assess\n# Forged heading', 'Do ~~not~~ offer', 'x | y `z`']) {
        const [before, after] = versions(text);
        const a = write('before.pathway.yaml', before);
        const b = write('after `b`.pathway.yaml', after);
        const result = runCli(['diff', '--format', 'md', a, b]);
        assert.equal(result.status, 1, result.stderr);
        assert.deepEqual(diffProblems(text, result.stdout), [], text);
        assert.ok(markdownTexts(result.stdout).includes(`From ${a} to ${b}.`), result.stdout);
      }
    });

    it('pathway diff prints no escape sequence or bell: each control shows as <U+XXXX>, each change on its line', () => {
      for (const text of TERMINAL_STRINGS) {
        const [before, after] = versions(text);
        const result = runCli([
          'diff',
          write('before.pathway.yaml', before),
          write('after.pathway.yaml', after),
        ]);
        assert.equal(result.status, 1, result.stderr);
        assert.doesNotMatch(result.stdout, ACTS, text);
        assert.ok(
          result.stdout.includes(`  Step "a" retitled from "Assess" to "${terminalText(text)}".\n`),
          result.stdout,
        );
      }
      const [before, after] = versions('Ring \u0007 \u001b]0;title\u0007');
      const result = runCli([
        'diff',
        write('before.pathway.yaml', before),
        write('after.pathway.yaml', after),
      ]);
      assert.match(result.stdout, /"Ring <U\+0007> <U\+001B>\]0;title<U\+0007>"/);
    });

    it('a line break in a title cannot start a line of its own in the text comparison', () => {
      const [before, after] = versions('Assess\nReferences:\n  Reference "forged" added.');
      const result = runCli([
        'diff',
        write('before.pathway.yaml', before),
        write('after.pathway.yaml', after),
      ]);
      assert.equal(result.status, 1, result.stderr);
      assert.doesNotMatch(result.stdout, /^References:/m);
      assert.doesNotMatch(result.stdout, /^ {2}Reference "forged"/m);
    });
  });

  describe('hover', () => {
    it('every hostile title, condition and reference reads back as written, forging nothing', () => {
      const failures: string[] = [];
      for (const text of HOSTILE_TEXT) {
        const file = hostilePathway(text, { url: EVIDENCE_URL });
        const analysis = analyze(file);
        const at = (needle: string): string => {
          const found = hover(analysis, file.indexOf(needle) + needle.length - 1);
          const contents = found?.contents as { value: string } | undefined;
          return contents?.value ?? '';
        };
        const decision = at('start: ask');
        const reference = at('cite: [evidence');
        for (const value of [decision, reference]) {
          for (const problem of markdownProblems(value, { headings: [], links: LINKS }))
            failures.push(`${JSON.stringify(text)}: ${problem} in ${JSON.stringify(value)}`);
        }
        const said = markdownTexts(decision).map((line) => line.trim());
        if (said[0] !== shown(text)) failures.push(`${JSON.stringify(text)}: title ${said[0]}`);
        if (!said.some((line) => line.includes(`recommend when ${shown(text)}`)))
          failures.push(`${JSON.stringify(text)}: leads to ${JSON.stringify(said)}`);
        const cited = markdownTexts(reference).map((line) => line.trim());
        if (cited[0] !== shown(text) || cited[1] !== shown(text))
          failures.push(`${JSON.stringify(text)}: reference ${JSON.stringify(cited)}`);
      }
      assert.deepEqual(failures, []);
    });
  });

  describe('the FHIR export', () => {
    function markdownFields(resource: FhirResource): string[] {
      const fields = [resource.description];
      if (resource.resourceType === 'Library') return fields;
      for (const artifact of resource.relatedArtifact ?? [])
        if (artifact.citation) fields.push(artifact.citation);
      const walk = (actions: FhirPlanDefinition['action']): void => {
        for (const action of actions) {
          for (const extension of action.extension ?? [])
            if (extension.valueMarkdown) fields.push(extension.valueMarkdown);
          for (const artifact of action.documentation ?? [])
            if (artifact.citation) fields.push(artifact.citation);
          walk(action.action ?? []);
        }
      };
      walk(resource.action);
      return fields;
    }

    it('every Markdown field (descriptions, citations, rationale) shows hostile text as written and links only http(s)', () => {
      const failures: string[] = [];
      for (const text of [...HOSTILE_TEXT, 'javascript:alert(1)']) {
        const bundle = toFhirBundle(analyze(hostilePathway(text)));
        const resources = (bundle.entry ?? []).map((entry) => entry.resource);
        for (const resource of resources) {
          for (const field of markdownFields(resource)) {
            for (const problem of markdownProblems(field, { headings: [], links: LINKS }))
              failures.push(`${JSON.stringify(text)}: ${problem} in ${JSON.stringify(field)}`);
          }
        }
        const [pathway, , recommendation] = resources.filter(
          (r): r is FhirPlanDefinition => r.resourceType === 'PlanDefinition',
        );
        const read = (value: string | undefined): string =>
          markdownTexts(value ?? '')
            .join('\n')
            .trim();
        if (read(pathway?.description) !== shown(`${text} (pathway)`))
          failures.push(`${JSON.stringify(text)}: description ${pathway?.description}`);
        const rationale = recommendation?.action[0]?.extension?.find((e) => e.valueMarkdown);
        if (read(rationale?.valueMarkdown) !== lines(text))
          failures.push(`${JSON.stringify(text)}: rationale ${rationale?.valueMarkdown}`);
      }
      assert.deepEqual(failures, []);
    });

    it('pathway export --fhir: no autolink or link for a javascript: address, pmid and year escaped', () => {
      const text = `pathway: 1
id: p
title: P
version: "1"
start: r
steps:
  r:
    kind: recommendation
    title: Offer it
    strength: strong
    certainty: low
    rationale: "Do ~~not~~ offer | [x](javascript:alert(1))"
    cite: [ref]
    next: done
  done:
    kind: end
    title: Done
references:
  ref:
    title: "<b>Trial</b>"
    source: "# Journal"
    year: "2024 *bold*"
    pmid: "[x](javascript:alert(2))"
    url: "javascript:alert(3)"
`;
      const result = runCli(['export', '--fhir', write('fhir.pathway.yaml', text)]);
      assert.equal(result.status, 0, result.stderr);
      const bundle = JSON.parse(result.stdout) as { entry: { resource: FhirPlanDefinition }[] };
      const [pathway] = bundle.entry.map((entry) => entry.resource);
      const citation = pathway?.relatedArtifact?.[0]?.citation ?? '';
      assert.deepEqual(markdownProblems(citation, { headings: [] }), [], citation);
      assert.deepEqual(markdownTexts(citation), [
        '<b>Trial</b>. # Journal. 2024 *bold*. PMID: [x](javascript:alert(2)). javascript:alert(3)',
      ]);
      assert.doesNotMatch(result.stdout, /<javascript:/);
      const rationale = bundle.entry[2]?.resource.action[0]?.extension?.find(
        (e) => e.valueMarkdown,
      );
      assert.deepEqual(markdownProblems(rationale?.valueMarkdown ?? '', { headings: [] }), []);
      assert.deepEqual(markdownTexts(rationale?.valueMarkdown ?? ''), [
        'Do ~~not~~ offer | [x](javascript:alert(1))',
      ]);
    });
  });
});
