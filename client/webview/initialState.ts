// The state a webview page starts from, shared by the preview's and the report's scripts.
import type { InitialState } from '../../shared/webviewMessages';

/** The page's first state, from its `data-state` attribute; empty when it is not one. */
export function readInitialState(): InitialState {
  const raw = document.body.dataset['state'];
  const parsed: unknown = raw ? JSON.parse(raw) : undefined;
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    typeof (parsed as InitialState).source === 'string'
  ) {
    const { source, title } = parsed as InitialState;
    return { source, title: typeof title === 'string' ? title : '' };
  }
  return { source: '', title: '' };
}
