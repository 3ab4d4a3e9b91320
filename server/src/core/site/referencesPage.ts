// Every work the published pathways cite, once, in full, with the steps that cite it: the
// panel's view of the evidence base across all of them.
import type { Citation } from '../report/audit';
import { htmlCitation } from '../report/markup';
import { escapeXml } from '../text/xml';
import { counted, sitePage } from './layout';

/** A work one pathway cites, with the steps of that pathway that cite it (file order). */
export interface CitedWork {
  readonly citation: Citation;
  readonly citedBy: readonly {
    readonly step: string;
    /** The id of the step's entry on its pathway's page. */
    readonly anchor: string;
    readonly title: string;
    readonly kind: string;
  }[];
}

/** The works one published pathway cites, with where its page is. */
export interface PathwayWorks {
  readonly slug: string;
  readonly title: string;
  readonly works: readonly CitedWork[];
}

/** One work across the site: its citation in full and every step, in any pathway, citing it. */
export interface MergedWork {
  readonly citation: Citation;
  readonly citedBy: readonly {
    readonly slug: string;
    readonly pathway: string;
    readonly step: string;
    readonly anchor: string;
    readonly title: string;
    readonly kind: string;
  }[];
}

const html = escapeXml;

/** A DOI as a key: its case does not matter, nor a resolver's address or "doi:" before it. */
function doiKey(doi: string | undefined): string | undefined {
  const key = doi
    ?.trim()
    .toLowerCase()
    .replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/, '');
  return key ? key : undefined;
}

function pmidKey(pmid: string | undefined): string | undefined {
  const key = pmid?.trim();
  return key ? key : undefined;
}

/** Words as a key: letters and digits only, lower-cased, one space between words. */
function words(value: string | undefined): string {
  return (value ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The year of publication: as given, else the first year the source names. */
function yearOf(citation: Citation): string | undefined {
  return citation.year?.trim() || /\b(?:1[89]|20)\d\d\b/.exec(citation.source ?? '')?.[0];
}

/**
 * The keys a citation without DOI or PubMed id is known by: its title with its source, and
 * its title with its year (so that "Ann Intern Med. 2007;147:478" and the same with an
 * erratum noted after it are one work).
 */
function titleKeys(citation: Citation): string[] {
  const title = words(citation.title ?? citation.id);
  const year = yearOf(citation);
  return [`${title}\n${words(citation.source)}`, ...(year ? [`${title}\n\n${year}`] : [])];
}

/** How much a citation says: the fuller one is shown when two files cite one work. */
function fullness(citation: Citation): number {
  return [
    citation.title,
    citation.source,
    citation.year,
    citation.doi,
    citation.pmid,
    citation.url,
  ].filter((field) => field !== undefined && field.trim() !== '').length;
}

interface Group {
  citation: Citation;
  doi: string | undefined;
  pmid: string | undefined;
  readonly citedBy: MergedWork['citedBy'][number][];
}

/**
 * The works of every pathway, each once. Two citations are one work when they have the same
 * DOI; else, when neither has another DOI, the same PubMed id; else, when neither has another
 * DOI or PubMed id, the same title (compared by its letters and digits, case aside) with the
 * same source or the same year. The fullest citation is shown. Sorted by title, then DOI,
 * PubMed id and source.
 */
export function mergeWorks(pathways: readonly PathwayWorks[]): MergedWork[] {
  const groups: Group[] = [];
  const byDoi = new Map<string, Group>();
  const byPmid = new Map<string, Group>();
  const byTitle = new Map<string, Group>();
  const fits = (group: Group | undefined, doi?: string, pmid?: string): Group | undefined =>
    group &&
    !(doi && group.doi && doi !== group.doi) &&
    !(pmid && group.pmid && pmid !== group.pmid)
      ? group
      : undefined;
  for (const pathway of pathways) {
    for (const work of pathway.works) {
      const { citation } = work;
      const doi = doiKey(citation.doi);
      const pmid = pmidKey(citation.pmid);
      const titles = titleKeys(citation);
      let group =
        (doi ? byDoi.get(doi) : undefined) ??
        fits(pmid ? byPmid.get(pmid) : undefined, doi, pmid) ??
        titles.map((key) => fits(byTitle.get(key), doi, pmid)).find((g) => g !== undefined);
      if (!group) {
        group = { citation, doi: undefined, pmid: undefined, citedBy: [] };
        groups.push(group);
      }
      if (fullness(citation) > fullness(group.citation)) group.citation = citation;
      if (doi && !group.doi) {
        group.doi = doi;
        byDoi.set(doi, group);
      }
      if (pmid && !group.pmid) {
        group.pmid = pmid;
        byPmid.set(pmid, group);
      }
      for (const key of titles) if (!byTitle.has(key)) byTitle.set(key, group);
      for (const step of work.citedBy)
        group.citedBy.push({ slug: pathway.slug, pathway: pathway.title, ...step });
    }
  }
  const sortKey = (group: Group): string[] => [
    words(group.citation.title ?? group.citation.id),
    group.doi ?? '',
    group.pmid ?? '',
    words(group.citation.source),
  ];
  return groups
    .map((group, order) => ({ group, order, key: sortKey(group) }))
    .sort((a, b) => {
      for (let i = 0; i < a.key.length; i++) {
        const x = a.key[i] ?? '';
        const y = b.key[i] ?? '';
        if (x !== y) return x < y ? -1 : 1;
      }
      return a.order - b.order;
    })
    .map(({ group }) => ({ citation: group.citation, citedBy: group.citedBy }));
}

function citingStep(by: MergedWork['citedBy'][number]): string {
  const kind =
    by.kind === 'recommendation' ? '' : ` <span class="pw-kind">(${html(by.kind)})</span>`;
  return `<li><a href="pathways/${html(by.slug)}.html#${html(by.anchor)}">${html(by.title)}</a>${kind}</li>`;
}

/**
 * Who cites a work: each pathway once (in the site's order), linked to its page, with its
 * steps that cite the work under it (in the file's order).
 */
function citedByList(work: MergedWork): string {
  const bySlug = new Map<string, MergedWork['citedBy'][number][]>();
  for (const by of work.citedBy) {
    const steps = bySlug.get(by.slug) ?? [];
    steps.push(by);
    bySlug.set(by.slug, steps);
  }
  const items = [...bySlug].map(
    ([slug, steps]) =>
      `<li><a class="pw-citing" href="pathways/${html(slug)}.html">${html(steps[0]?.pathway ?? slug)}</a><ul>${steps.map(citingStep).join('')}</ul></li>`,
  );
  return `<ul class="pw-citing-pathways">${items.join('')}</ul>`;
}

/** The references page: every cited work once, in full, with the steps that cite it. */
export function referencesPage(pathways: readonly PathwayWorks[]): string {
  const works = mergeWorks(pathways);
  const citing = new Set(works.flatMap((w) => w.citedBy.map((by) => by.slug))).size;
  const main = [
    '<h1>References</h1>',
    works.length === 0
      ? '<p>No published pathway cites any work.</p>'
      : `<p>${counted(works.length, 'work')} cited by ${counted(citing, 'pathway')}, each listed once with the steps that cite it. A reference that no step cites is listed in its pathway’s audit report, under evidence gaps.</p>`,
    '<ol class="pw-works">',
    ...works.map(
      (work, i) =>
        `<li id="work-${i + 1}"><p class="pw-citation">${htmlCitation(work.citation)}</p><p class="pw-cited-by">Cited by:</p>${citedByList(work)}</li>`,
    ),
    '</ol>',
  ].join('\n');
  return sitePage({ kind: 'references', title: 'References', root: '', main });
}
