// The audit report's page script (bundled as a browser IIFE into dist/webview/report.js). It
// shows the report the host sends inside this page (whose policy allows only this script and
// its style sheet) and turns a click on a step's name into a jump to the source.
import type {
  FromReportWebviewMessage,
  ToReportWebviewMessage,
  WebviewState,
} from '../../shared/webviewMessages';
import { readInitialState } from './initialState';

interface VsCodeApi {
  postMessage(message: FromReportWebviewMessage): void;
  getState(): (WebviewState & { readonly scroll?: number }) | undefined;
  setState(state: WebviewState & { readonly scroll?: number }): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What the report is made of; anything else is dropped on arrival. */
const DROPPED =
  'script, style, link, meta, base, iframe, frame, object, embed, form, foreignObject';

const vscode = acquireVsCodeApi();
const initial = readInitialState();
const restored = vscode.getState();
let scroll = restored?.source === initial.source ? (restored.scroll ?? 0) : 0;
let shownVersion = -1;

function post(message: FromReportWebviewMessage): void {
  vscode.postMessage(message);
}

function saveState(): void {
  vscode.setState({ source: initial.source, scroll });
}

const banner = document.createElement('div');
banner.className = 'banner';
banner.setAttribute('role', 'alert');
banner.hidden = true;
const content = document.createElement('main');
content.className = 'report';
content.textContent = 'Writing the report…';
document.body.append(banner, content);

/** Parses the host's HTML inertly and keeps only markup: no scripts, styles or handlers. */
function parseReport(html: string): DocumentFragment {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  for (const node of [...parsed.body.querySelectorAll(DROPPED)]) node.remove();
  for (const node of [...parsed.body.querySelectorAll('*')]) {
    for (const attribute of [...node.attributes]) {
      const name = attribute.name.toLowerCase();
      const unsafeLink = name.endsWith('href') && !/^(https?:\/\/|#)/i.test(attribute.value.trim());
      if (name.startsWith('on') || name === 'style' || name === 'src' || unsafeLink) {
        node.removeAttribute(attribute.name);
      }
    }
  }
  const fragment = document.createDocumentFragment();
  fragment.append(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
  return fragment;
}

content.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a.step-link') : null;
  const stepId = link instanceof HTMLElement ? link.dataset['step'] : undefined;
  if (stepId === undefined) return;
  event.preventDefault();
  post({ type: 'reveal', source: initial.source, stepId });
});

window.addEventListener('scroll', () => {
  scroll = window.scrollY;
  saveState();
});

window.addEventListener('message', (event: MessageEvent<ToReportWebviewMessage>) => {
  const message = event.data;
  if (typeof message !== 'object' || message === null || message.source !== initial.source) return;
  switch (message.type) {
    case 'report': {
      if (message.version < shownVersion) return;
      const first = shownVersion === -1;
      shownVersion = message.version;
      document.title = message.title;
      banner.hidden = true;
      const keep = window.scrollY;
      content.replaceChildren(parseReport(message.html));
      window.scrollTo(0, first ? scroll : keep);
      break;
    }
    case 'cannotDraw':
      if (message.version < shownVersion) return;
      banner.textContent =
        shownVersion === -1
          ? `Cannot write the report: ${message.message}`
          : `Cannot read the current text: ${message.message} The last report is shown.`;
      banner.hidden = false;
      if (shownVersion === -1) content.textContent = '';
      break;
  }
});

saveState();
post({ type: 'ready', source: initial.source });
