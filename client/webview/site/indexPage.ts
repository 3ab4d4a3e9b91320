// The site's index: the list of pathways, filtered as the reader types. Without the script
// the list is whole and the filter field stays hidden.

/** Makes the index's filter field narrow the list of pathways. */
export function startIndexPage(): void {
  const field = document.getElementById('pw-filter');
  const status = document.getElementById('pw-filter-status');
  const table = document.getElementById('pw-pathways');
  if (!(field instanceof HTMLInputElement) || !status || !table) return;
  const rows = [...table.querySelectorAll<HTMLTableRowElement>('tbody tr[data-filter]')];
  const update = (): void => {
    const words = field.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const row of rows) {
      const text = row.dataset['filter'] ?? '';
      const match = words.every((word) => text.includes(word));
      row.hidden = !match;
      if (match) shown++;
    }
    const total = `${rows.length} pathway${rows.length === 1 ? '' : 's'}`;
    status.textContent =
      words.length === 0
        ? ''
        : shown === 0
          ? `No pathway matches “${field.value.trim()}”: 0 of ${total} shown.`
          : `${shown} of ${total} shown.`;
  };
  field.addEventListener('input', update);
  field.closest<HTMLElement>('[hidden]')?.removeAttribute('hidden');
  // A value the browser kept when the page was opened again still filters.
  update();
}
