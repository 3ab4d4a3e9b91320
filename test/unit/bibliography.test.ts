import * as assert from 'node:assert/strict';
import { analyze, toFhirBundle, walkModel } from '../../server/src/core';
import { readBibtex } from '../../server/src/core/bibliography/bibtex';
import { readCslJson } from '../../server/src/core/bibliography/cslJson';
import type { Bibliography, BibliographyRead } from '../../server/src/core/bibliography/read';
import { sourceOf } from '../../server/src/core/bibliography/reference';
import { readReferencesText } from '../../server/src/core/bibliography/referencesFile';
import { resolvePath } from '../../server/src/core/files/paths';
import {
  SharedFiles,
  type FileProvider,
  type FileRead,
} from '../../server/src/core/files/provider';
import { hoverAt } from '../../server/src/core/language';
import { buildAuditReport } from '../../server/src/core/report/audit';

function read(result: BibliographyRead): Bibliography {
  if ('unreadable' in result) assert.fail(`unreadable: ${result.unreadable.why}`);
  return result.bibliography;
}

function fields(bibliography: Bibliography, id: string): Readonly<Record<string, unknown>> {
  const entry = bibliography.entries.get(id);
  assert.ok(entry, `no entry ${id}`);
  return entry.fields;
}

describe('bibliographies: BibTeX read as references', () => {
  it('writes the source from journal, year, volume, number and pages', () => {
    const bib = read(
      readBibtex(`@article{Bronfort2014,
  title   = {Spinal manipulation and home exercise with advice},
  journal = {Ann Intern Med},
  year    = 2014,
  volume  = "161",
  number  = {6},
  pages   = {381--391}
}`),
    );
    assert.deepEqual(fields(bib, 'Bronfort2014'), {
      title: 'Spinal manipulation and home exercise with advice',
      source: 'Ann Intern Med. 2014;161(6):381-391',
      year: 2014,
    });
  });

  it('turns TeX accents into letters and drops protecting braces from titles', () => {
    const bib = read(
      readBibtex(`@misc{HAS2019,
  author = {{Haute Autorit\\'e de Sant\\'{e}}},
  title  = {Prise en charge du patient pr{\\'e}sentant une lombalgie commune ({STarT Back})},
  url    = {https://www.has-sante.fr/jcms/c_2961499}
}`),
    );
    assert.equal(
      fields(bib, 'HAS2019')['title'],
      'Prise en charge du patient présentant une lombalgie commune (STarT Back)',
    );
  });

  it('expands @string and month macros, and reads BibLaTeX journaltitle and date', () => {
    const bib = read(
      readBibtex(`@string{annim = {Ann Intern Med}}
@article{Chou2017, title = {Nonpharmacologic therapies}, journal = annim, year = 2017, month = apr, volume = 166, number = 7, pages = {493-505}}
@article{Foster2018, title = {Prevention and treatment}, journaltitle = {Lancet}, date = {2018-06-09}, volume = {391}, number = {10137}, pages = {2368-2383}}`),
    );
    assert.equal(fields(bib, 'Chou2017')['source'], 'Ann Intern Med. 2017;166(7):493-505');
    assert.equal(fields(bib, 'Foster2018')['source'], 'Lancet. 2018;391(10137):2368-2383');
  });

  it('reads a PubMed id from pmid, or from eprint with eprinttype pubmed, not from an arXiv eprint', () => {
    const bib = read(
      readBibtex(`@article{A, title = {A}, pmid = {21963002}}
@article{B, TITLE = {B}, EPRINT = {28192789}, EPRINTTYPE = {pubmed}}
@online{C, title = {C}, eprint = {2104.07612}, eprinttype = {arxiv}}`),
    );
    assert.equal(fields(bib, 'A')['pmid'], '21963002');
    assert.equal(fields(bib, 'B')['pmid'], '28192789');
    assert.deepEqual(
      bib.broken.map((entry) => [entry.id, entry.problem.kind]),
      [['C', 'untraceable']],
    );
  });

  it('drops a malformed year, DOI, PubMed id and web address, and says which', () => {
    const bib = read(
      readBibtex(`@article{Downie2013,
  title = {Red flags},
  journal = {BMJ},
  year = {Dec 2013},
  volume = {347},
  pages = {f7095},
  doi = {https://doi.org/10.1136/bmj.f7095},
  pmid = {PMID: 24335669},
  url = {www.bmj.com/content/347/bmj.f7095}
}`),
    );
    const entry = bib.entries.get('Downie2013');
    assert.deepEqual(entry?.fields, { title: 'Red flags', source: 'BMJ. 347:f7095' });
    assert.deepEqual(entry.dropped?.map((field) => field.field).sort(), [
      'doi',
      'pmid',
      'url',
      'year',
    ]);
  });

  it('names the entries that give no reference: no title, nothing to trace, a repeated key', () => {
    const bib = read(
      readBibtex(`@article{NoTitle, journal = {BMJ}, doi = {10.1136/bmj.f7095}}
@article{OnlyTitle, title = {Benefits and harms}, year = {2019}}
@article{Good, title = {Good}, doi = {10.7326/M16-2367}}

@article{Good, title = {Again}, doi = {10.7326/M16-2367}}`),
    );
    assert.deepEqual([...bib.entries.keys()], ['Good']);
    assert.equal(fields(bib, 'Good')['title'], 'Good', 'the first of a repeated key wins');
    assert.deepEqual(
      bib.broken.map((entry) => [entry.id, entry.problem]),
      [
        ['NoTitle', { kind: 'no-title' }],
        ['OnlyTitle', { kind: 'untraceable', dropped: [] }],
        ['Good', { kind: 'repeated', firstLine: 3 }],
      ],
    );
    const repeat = bib.broken[2];
    assert.equal(bib.lines.positionAt(repeat?.span.start ?? 0).line, 4, 'the repeat is located');
  });

  it('skips comments, free text, @comment and @preamble', () => {
    const bib = read(
      readBibtex(`% exported
Free text between entries.
@comment{jabref-meta: databaseType:biblatex;}
@preamble{"\\providecommand{\\noopsort}[1]{}"}
@article{A, title = {A}, doi = {10.1234/x}}`),
    );
    assert.deepEqual([...bib.entries.keys()], ['A']);
  });

  it('makes a file with a syntax error unreadable, saying where', () => {
    const result = readBibtex(`@article{A,
  title = {A}
  journal = {Lancet}
}`);
    assert.ok('unreadable' in result);
    assert.match(result.unreadable.why, /line 3, column 3/);
    assert.match(result.unreadable.why, /comma/);
  });
});

describe('bibliographies: CSL-JSON read as references', () => {
  it('maps container-title, issued, volume, issue, page, DOI, PMID and URL', () => {
    const bib = read(
      readCslJson(
        JSON.stringify([
          {
            id: 'Chou2017',
            title: 'Nonpharmacologic <i>therapies</i>',
            'container-title': 'Annals of Internal Medicine',
            volume: '166',
            issue: '7',
            page: '493-505',
            issued: { 'date-parts': [[2017, 4, 4]] },
          },
          { id: 12, title: 'Numbered', PMID: 32438853, URL: 'https://example.org/x' },
        ]),
      ),
    );
    assert.deepEqual(fields(bib, 'Chou2017'), {
      title: 'Nonpharmacologic therapies',
      source: 'Annals of Internal Medicine. 2017;166(7):493-505',
      year: 2017,
    });
    assert.deepEqual(fields(bib, '12'), {
      title: 'Numbered',
      pmid: '32438853',
      url: 'https://example.org/x',
    });
  });

  it('names items without an id, items that are not objects, and repeated ids', () => {
    const bib = read(
      readCslJson(`[
  {"id": "A", "title": "A", "DOI": "10.1234/a"},
  {"title": "No id", "DOI": "10.1234/b"},
  "a string",
  {"id": "A", "title": "A again", "DOI": "10.1234/a"}
]`),
    );
    assert.deepEqual(
      bib.broken.map((entry) => [entry.id, entry.index, entry.title, entry.problem.kind]),
      [
        [undefined, 2, 'No id', 'no-id'],
        [undefined, 3, undefined, 'not-an-item'],
        ['A', 4, 'A again', 'repeated'],
      ],
    );
  });

  it('makes broken JSON, and JSON that is not a list, unreadable', () => {
    const broken = readCslJson('[\n  {"id": "A"},\n]');
    assert.ok('unreadable' in broken);
    assert.match(broken.unreadable.why, /not valid JSON/);
    const object = readCslJson('{"items": []}');
    assert.ok('unreadable' in object);
    assert.match(object.unreadable.why, /holds an object/);
  });
});

describe('bibliographies: the source of a citation', () => {
  it('leaves out each part that is unknown, and writes none without a journal', () => {
    const parts = { journal: 'BMJ', year: 2013, volume: '347', issue: undefined, pages: 'f7095' };
    assert.equal(sourceOf(parts), 'BMJ. 2013;347:f7095');
    assert.equal(sourceOf({ ...parts, year: undefined }), 'BMJ. 347:f7095');
    assert.equal(sourceOf({ ...parts, volume: undefined }), 'BMJ. 2013:f7095');
    assert.equal(sourceOf({ ...parts, volume: undefined, pages: undefined }), 'BMJ. 2013');
    assert.equal(sourceOf({ ...parts, journal: undefined }), undefined);
  });
});

describe('bibliographies: paths', () => {
  it('resolves from the folder of the naming file, and refuses what leaves the root', () => {
    assert.deepEqual(resolvePath('a.pathway.yaml', 'shared/x.bib'), { path: 'shared/x.bib' });
    assert.deepEqual(resolvePath('p/a.pathway.yaml', '../shared/./x.bib'), {
      path: 'shared/x.bib',
    });
    assert.deepEqual(resolvePath('a.pathway.yaml', '../x.bib'), { problem: 'outside' });
    assert.deepEqual(resolvePath('a.pathway.yaml', '/srv/x.bib'), { problem: 'absolute' });
    assert.deepEqual(resolvePath('a.pathway.yaml', 'C:/x.bib'), { problem: 'absolute' });
    assert.deepEqual(resolvePath('a.pathway.yaml', 'shared\\x.bib'), { problem: 'backslash' });
    assert.deepEqual(resolvePath('a.pathway.yaml', 'shared/'), { problem: 'not-a-file' });
    assert.deepEqual(resolvePath(undefined, 'x.bib'), { problem: 'namer-outside' });
  });
});

/** Files held in memory, counting how often each is read. */
class MemoryFiles implements FileProvider {
  readonly reads = new Map<string, number>();
  constructor(readonly files: Map<string, string>) {}
  read(path: string): FileRead {
    this.reads.set(path, (this.reads.get(path) ?? 0) + 1);
    const text = this.files.get(path);
    return text === undefined ? { problem: { kind: 'missing' } } : { text };
  }
}

const PATHWAY = `pathway: 1
id: lbp
title: Low back pain
version: "1"
bibliography:
  - shared/lbp.references.yaml
  - shared/lbp.bib
start: advice
steps:
  advice:
    kind: recommendation
    title: Advise staying active
    strength: strong
    certainty: moderate
    cite: [qaseem-2017, Foster2018]
    next: done
  done:
    kind: end
    title: Review at 6 weeks
`;

const REFERENCES = `references:
  qaseem-2017:
    title: Noninvasive treatments for low back pain
    source: Ann Intern Med. 2017;166(7):514-530
    doi: 10.7326/M16-2367
`;

const BIB = `@article{Foster2018,
  title = {Prevention and treatment of low back pain},
  journal = {Lancet}, year = {2018}, volume = {391}, pages = {2368-2383},
  doi = {10.1016/S0140-6736(18)30489-6}
}`;

function memoryRun(): { provider: MemoryFiles; files: SharedFiles } {
  const provider = new MemoryFiles(
    new Map([
      ['shared/lbp.references.yaml', REFERENCES],
      ['shared/lbp.bib', BIB],
    ]),
  );
  return { provider, files: new SharedFiles(provider) };
}

describe('bibliographies: where cites resolve', () => {
  it('reads each file once for every pathway of a run, and again only when asked to forget it', () => {
    const { provider, files } = memoryRun();
    for (const name of ['a.pathway.yaml', 'b.pathway.yaml']) {
      const analysis = analyze(PATHWAY, {}, { files: { files, path: name } });
      assert.deepEqual(analysis.findings, []);
    }
    assert.deepEqual(Object.fromEntries(provider.reads), {
      'shared/lbp.references.yaml': 1,
      'shared/lbp.bib': 1,
    });
    files.forget('shared/lbp.bib');
    analyze(PATHWAY, {}, { files: { files, path: 'a.pathway.yaml' } });
    assert.equal(provider.reads.get('shared/lbp.bib'), 2);
  });

  it('without the files, reports no cite a bibliography may hold, but still a repeated item', () => {
    const text = PATHWAY.replace(
      '  - shared/lbp.bib\n',
      '  - shared/lbp.bib\n  - ./shared/lbp.bib\n',
    );
    const analysis = analyze(text);
    assert.deepEqual(
      analysis.findings.map((finding) => [finding.code, finding.range.start.line]),
      [['schema', 7]],
    );
  });

  it('gives the report, the walk-through, hover and the FHIR export the bibliography entry', () => {
    const { files } = memoryRun();
    const analysis = analyze(PATHWAY, {}, { files: { files, path: 'a.pathway.yaml' } });
    const report = buildAuditReport(analysis, { date: '2026-01-01' });
    assert.deepEqual(
      report.recommendations[0]?.citations.map((c) => [c.id, c.source, c.found]),
      [
        ['qaseem-2017', 'Ann Intern Med. 2017;166(7):514-530', true],
        ['Foster2018', 'Lancet. 2018;391:2368-2383', true],
      ],
    );
    const walk = walkModel(analysis);
    const advice = walk.steps.find((step) => step.id === 'advice');
    assert.deepEqual(
      advice?.recommendation?.citations.map((c) => c.title),
      ['Noninvasive treatments for low back pain', 'Prevention and treatment of low back pain'],
    );
    const hover = hoverAt(analysis, PATHWAY.indexOf('Foster2018') + 1);
    assert.match(hover?.markdown ?? '', /Prevention and treatment of low back pain/);
    assert.match(hover?.markdown ?? '', /From the bibliography `shared\/lbp.bib`/);
    const bundle = JSON.stringify(toFhirBundle(analysis));
    assert.match(bundle, /doi\.org\/10\.1016\/S0140-6736\(18\)30489-6/);
  });

  it('reads a references file as its references, and one whose YAML does not parse as unreadable', () => {
    const good = read(readReferencesText(REFERENCES));
    assert.deepEqual(good.entries.get('qaseem-2017')?.fields, {
      title: 'Noninvasive treatments for low back pain',
      source: 'Ann Intern Med. 2017;166(7):514-530',
      doi: '10.7326/M16-2367',
    });
    const bad = readReferencesText('references:\n  a:\n    title: A: B\n');
    assert.ok('unreadable' in bad);
  });
});
