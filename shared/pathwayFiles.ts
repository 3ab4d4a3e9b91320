// How a pathway file and a references file are named, for the extension's commands and the
// CLI's folder walk alike (package.json's activation and document patterns say the same as
// globs).

/** `<name>.pathway.yaml` or `<name>.pathway.yml`, in any case. */
const PATHWAY_FILE_NAME = /\.pathway\.ya?ml$/i;

/** `<name>.references.yaml` or `<name>.references.yml`, in any case. */
const REFERENCES_FILE_NAME = /\.references\.ya?ml$/i;

/** True when a file name (or a path ending in one) names a pathway file. */
export function isPathwayFileName(name: string): boolean {
  return PATHWAY_FILE_NAME.test(name);
}

/** True when a file name (or a path ending in one) names a references file (a bibliography). */
export function isReferencesFileName(name: string): boolean {
  return REFERENCES_FILE_NAME.test(name);
}
