// A pathway's page: the static flowchart becomes the interactive one (pan, zoom, a step's
// detail, the walk-through with its facts and scenarios, the changes since a revision).

/** Turns the page's static flowchart into the interactive one. */
export function startPathwayPage(): void {
  // Filled in with the interactive flowchart.
}
