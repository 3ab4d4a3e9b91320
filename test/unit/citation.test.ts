// A citation gives its year once, the same way in every output: after the source only when
// the source does not already give it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { citationYear, renderReport } from '../../server/src/core';
import { EXAMPLES } from '../support/paths';
import { analyzeWithFiles } from '../support/withFiles';

describe('the year of a citation', () => {
  it('is left out when the source gives it, shown when it does not', () => {
    assert.equal(citationYear('Ann Intern Med. 2017;166(7):514-530', '2017'), undefined);
    assert.equal(citationYear('Ann Intern Med', '2017'), '2017');
    assert.equal(citationYear(undefined, '2017'), '2017');
    assert.equal(citationYear('Spine', undefined), undefined);
    // Digits of a page range are not the year.
    assert.equal(citationYear('J Example. 12;3:12017-12030', '2017'), '2017');
  });

  it('the audit report names the year of each citation once', async () => {
    // Its citations come from the shared references file it names.
    const analysis = analyzeWithFiles(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'));
    const report = await renderReport(analysis, 'md', { date: '2026-01-01' });
    const line = report.split('\n').find((l) => l.includes('Ann Intern Med. 2014;161(6):381-391'));
    assert.ok(line, report);
    assert.equal(line.match(/2014/g)?.length, 1, line);
  });
});
