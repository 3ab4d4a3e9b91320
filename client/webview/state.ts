// What the preview keeps across hiding and window reloads (the webview state): one object the
// modules read and change through `save`, which hands every change to the host.
import type { WebviewState } from '../../shared/webviewMessages';

export interface PageState {
  readonly current: WebviewState;
  save(change: Partial<WebviewState>): void;
}

/**
 * The state of the page showing `source`: what was kept for it (nothing when the kept state
 * belongs to another document), then each change passed to `keep`.
 */
export function createPageState(
  source: string,
  restored: WebviewState | undefined,
  keep: (state: WebviewState) => void,
): PageState {
  let current: WebviewState = restored?.source === source ? restored : { source };
  return {
    get current() {
      return current;
    },
    save(change) {
      current = { ...current, ...change, source };
      keep(current);
    },
  };
}
