// Where each pathway's page lives on the published site: a name made from the file's path,
// stable from one publish to the next so that links to a page keep working.

/** The pathway file endings, left off a page's name. */
const PATHWAY_ENDING = /\.pathway\.ya?ml$/i;

/**
 * A page's name (without `.html`) from a file's path relative to the published root, with
 * `/` between folders: the ending `.pathway.yaml` or `.pathway.yml` left off (any other
 * `.yaml`/`.yml` too), folders joined with `--`, and every character other than a letter
 * A–Z or a–z, a digit, `_` or `-` written as `_`. `guidelines/Back pain.pathway.yaml`
 * becomes `guidelines--Back_pain`.
 */
export function baseSlug(relative: string): string {
  const parts = relative
    .replace(PATHWAY_ENDING, '')
    .replace(/\.ya?ml$/i, '')
    .split('/')
    .filter((part) => part !== '' && part !== '.');
  const slug = parts.map((part) => part.replace(/[^A-Za-z0-9_-]/g, '_')).join('--');
  return slug === '' ? 'pathway' : slug;
}

/**
 * The page name of each file, in the order given (the site's stable order: sorted by
 * relative path). Two files whose names come out the same (`a b` and `a_b`, or names that
 * differ only in case, which some file systems would not tell apart) are told apart by a
 * number: the first keeps the name, the next gets `-2`, then `-3`, and so on, skipping any
 * name another file already has.
 */
export function siteSlugs(relatives: readonly string[]): string[] {
  const bases = relatives.map(baseSlug);
  const taken = new Set(bases.map((slug) => slug.toLowerCase()));
  const used = new Set<string>();
  return bases.map((base) => {
    let slug = base;
    if (used.has(slug.toLowerCase())) {
      let n = 2;
      // A made-up name is never one another file has on its own.
      while (used.has(`${base}-${n}`.toLowerCase()) || taken.has(`${base}-${n}`.toLowerCase())) n++;
      slug = `${base}-${n}`;
    }
    used.add(slug.toLowerCase());
    return slug;
  });
}
