import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../support/cli';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-import-'));
}

const BIB = `@article{Qaseem2017,
  title   = {Noninvasive Treatments for Acute, Subacute, and Chronic Low Back Pain},
  journal = {Ann Intern Med},
  year    = {2017},
  volume  = {166},
  number  = {7},
  pages   = {514--530},
  doi     = {10.7326/M16-2367}
}

@article{Downie2013,
  title   = {Red flags to screen for malignancy and fracture in patients with low back pain},
  journal = {BMJ},
  year    = {2013},
  volume  = {347},
  pages   = {f7095},
  pmid    = {24335669}
}
`;

/** The same two works from another reference manager: one by DOI, one by PubMed id. */
const JSON_EXPORT = JSON.stringify([
  {
    id: 'qaseem-acp-2017',
    title: 'Noninvasive treatments for low back pain',
    DOI: '10.7326/m16-2367',
    PMID: '28192789',
  },
  {
    id: 'downie-2013',
    title: 'Red flags: systematic review',
    PMID: 24335669,
    URL: 'https://www.bmj.com/content/347/bmj.f7095',
  },
  {
    id: 'Hill2011',
    title: 'Stratified primary care management for low back pain (STarT Back)',
    'container-title': 'Lancet',
    issued: { 'date-parts': [[2011]] },
  },
]);

const RIS = `TY  - JOUR
AU  - Foster, Nadine E.
TI  - Prevention and treatment of low back pain: evidence, challenges, and promising directions
T2  - Lancet
PY  - 2018
VL  - 391
SP  - 2368
EP  - 2383
DO  - 10.1016/S0140-6736(18)30489-6
ER  - 
`;

function writeInputs(dir: string): void {
  fs.writeFileSync(path.join(dir, 'zotero.bib'), BIB);
  fs.writeFileSync(path.join(dir, 'endnote.json'), JSON_EXPORT);
  fs.writeFileSync(path.join(dir, 'pubmed.ris'), RIS);
}

describe('pathway references import', () => {
  it('merges entries with one DOI or PubMed id, says so on stderr, and writes a references file', () => {
    const dir = tempDir();
    writeInputs(dir);
    const result = runCli(
      [
        'references',
        'import',
        'zotero.bib',
        'endnote.json',
        'pubmed.ris',
        '-o',
        'shared/lbp.references.yaml',
      ],
      dir,
    );
    // The folder of -o must exist: nothing is written without it.
    assert.equal(result.status, 2, result.stderr);
    assert.ok(!fs.existsSync(path.join(dir, 'shared')));

    fs.mkdirSync(path.join(dir, 'shared'));
    const written = runCli(
      [
        'references',
        'import',
        'zotero.bib',
        'endnote.json',
        'pubmed.ris',
        '-o',
        'shared/lbp.references.yaml',
      ],
      dir,
    );
    assert.equal(written.status, 0, written.stderr);
    assert.match(
      written.stderr,
      /endnote\.json: "qaseem-acp-2017" is the same work as "Qaseem2017" \(zotero\.bib\), by its DOI 10\.7326\/m16-2367: merged into it/,
    );
    assert.match(
      written.stderr,
      /endnote\.json: "downie-2013" is the same work as "Downie2013" \(zotero\.bib\), by its PubMed id 24335669: merged into it/,
    );
    const text = fs.readFileSync(path.join(dir, 'shared', 'lbp.references.yaml'), 'utf8');
    const data = parse(text) as { references: Record<string, Record<string, unknown>> };
    // Sorted by id; the first entry's values win, the others fill what it lacks.
    assert.deepEqual(Object.keys(data.references), [
      'Downie2013',
      'foster-2018',
      'Hill2011',
      'Qaseem2017',
    ]);
    assert.deepEqual(data.references['Qaseem2017'], {
      title: 'Noninvasive Treatments for Acute, Subacute, and Chronic Low Back Pain',
      source: 'Ann Intern Med. 2017;166(7):514-530',
      year: 2017,
      doi: '10.7326/M16-2367',
      pmid: 28192789,
    });
    assert.deepEqual(data.references['Downie2013'], {
      title: 'Red flags to screen for malignancy and fracture in patients with low back pain',
      source: 'BMJ. 2013;347:f7095',
      year: 2013,
      pmid: 24335669,
      url: 'https://www.bmj.com/content/347/bmj.f7095',
    });
    assert.equal(
      data.references['foster-2018']?.['source'],
      'Lancet. 2018;391:2368-2383',
      'a RIS record without an ID is named by its first author and year',
    );

    // The same exports give the same file, byte for byte.
    const again = runCli(['references', 'import', 'zotero.bib', 'endnote.json', 'pubmed.ris'], dir);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout, text);

    // A pathway that names it checks clean: its cites resolve there.
    fs.writeFileSync(
      path.join(dir, 'lbp.pathway.yaml'),
      `pathway: 1
id: lbp
title: Low back pain
version: "1"
bibliography:
  - shared/lbp.references.yaml
start: advice
steps:
  advice:
    kind: recommendation
    title: Advise staying active
    strength: strong
    certainty: moderate
    cite: [Qaseem2017, foster-2018]
    next: done
  done:
    kind: end
    title: Review at 6 weeks
`,
    );
    const checked = runCli(['check', '.'], dir);
    assert.equal(checked.status, 0, checked.stdout);
    assert.match(checked.stdout, /2 files checked: 0 errors, 0 warnings, 0 infos/);
  });

  it('names the entries it cannot import, imports the rest, and exits 1', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'mixed.bib'),
      `${BIB}\n@misc{NICE2016, title = {Low back pain and sciatica}, url = {nice.org.uk/guidance/ng59}}\n`,
    );
    const result = runCli(['references', 'import', 'mixed.bib'], dir);
    assert.equal(result.status, 1);
    assert.equal(
      result.stderr,
      'pathway: mixed.bib: "NICE2016" not imported: it has no journal, DOI, PubMed id or web address (its url "nice.org.uk/guidance/ng59" is not a web address)\n',
    );
    const data = parse(result.stdout) as { references: Record<string, unknown> };
    assert.deepEqual(Object.keys(data.references), ['Downie2013', 'Qaseem2017']);
  });

  it('reads a RIS accession number as the PubMed id when the record comes from PubMed, and merges by it', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'zotero.bib'), BIB);
    // As Ovid writes a MEDLINE record: the PubMed id in AN, the database in DB.
    fs.writeFileSync(
      path.join(dir, 'ovid.ris'),
      `TY  - JOUR
AU  - Downie, Aron
TI  - Red flags to screen for malignancy and fracture
JO  - BMJ
PY  - 2013
AN  - 24335669
DB  - Ovid MEDLINE(R)
ER  - 

TY  - JOUR
AU  - Hill, Jonathan C.
TI  - Comparison of stratified primary care management for low back pain
JO  - Lancet
PY  - 2011
AN  - 2011580347
DB  - Embase
ER  - 
`,
    );
    const result = runCli(['references', 'import', 'zotero.bib', 'ovid.ris'], dir);
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      result.stderr,
      /ovid\.ris: entry 1 \("Red flags to screen for malignancy and fracture"\) is the same work as "Downie2013" \(zotero\.bib\), by its PubMed id 24335669: merged into it/,
    );
    const data = parse(result.stdout) as { references: Record<string, Record<string, unknown>> };
    assert.deepEqual(Object.keys(data.references), ['Downie2013', 'hill-2011', 'Qaseem2017']);
    // An Embase accession number is not a PubMed id.
    assert.equal(data.references['hill-2011']?.['pmid'], undefined);
  });

  it('writes the title given with --title at the top of the references file', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'zotero.bib'), BIB);
    const result = runCli(
      ['references', 'import', 'zotero.bib', '--title', 'Low back pain evidence base'],
      dir,
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^title: Low back pain evidence base\nreferences:\n/);
    const blank = runCli(['references', 'import', 'zotero.bib', '--title', ' '], dir);
    assert.equal(blank.status, 2);
    assert.match(blank.stderr, /--title: give the references file a title with words in it/);
    assert.equal(blank.stdout, '');
  });

  it('refuses an export it cannot read, and writes nothing', () => {
    const dir = tempDir();
    writeInputs(dir);
    fs.writeFileSync(
      path.join(dir, 'broken.bib'),
      '@article{A,\n  title = {A}\n  journal = {Lancet}\n}\n',
    );
    const output = path.join(dir, 'out.references.yaml');
    const broken = runCli(['references', 'import', 'zotero.bib', 'broken.bib', '-o', output], dir);
    assert.equal(broken.status, 2);
    assert.match(
      broken.stderr,
      /cannot import "broken\.bib": it is not valid BibTeX: on line 3, column 3, a closing brace "}" was expected but a field name was found \(is a comma missing/,
    );
    assert.ok(!fs.existsSync(output));

    fs.writeFileSync(path.join(dir, 'notes.txt'), 'Qaseem 2017\n');
    const other = runCli(['references', 'import', 'notes.txt'], dir);
    assert.equal(other.status, 2);
    assert.match(other.stderr, /give BibTeX \(\.bib\), CSL-JSON \(\.json\) or RIS \(\.ris\)/);

    fs.writeFileSync(path.join(dir, 'empty.ris'), 'Not a RIS file\n');
    const empty = runCli(['references', 'import', 'empty.ris'], dir);
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /cannot import "empty\.ris": it holds no records/);

    const badName = runCli(['references', 'import', 'zotero.bib', '-o', 'lbp.yaml'], dir);
    assert.equal(badName.status, 2);
    assert.match(badName.stderr, /ends in \.references\.yaml/);
    assert.ok(!fs.existsSync(path.join(dir, 'lbp.yaml')));
  });
});
