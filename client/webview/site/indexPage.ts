// The site's index: the list of pathways, filtered as the reader types.

/** Makes the index's filter field narrow the list of pathways. */
export function startIndexPage(): void {
  // Filled in with the index page.
}
