// The audit report's page script (bundled as a browser IIFE into dist/webview/report.js). It
// shows the report the host sends inside this page (whose policy allows only this script and
// its style sheet) and turns a click on a step's name into a jump to the source.
import type { CannotDrawMessage, ReportMessage } from '../../shared/webviewMessages';
import { createBanner, element } from './dom';
import { readInitialState } from './initialState';
import { connectReport } from './messaging';

/** What the report is made of; anything else is dropped on arrival. */
const DROPPED =
  'script, style, link, meta, base, iframe, frame, object, embed, form, foreignObject';

const initial = readInitialState();
const host = connectReport(initial.source, { report, cannotDraw });
const restored = host.restored;
let scroll = restored?.source === initial.source ? (restored.scroll ?? 0) : 0;
let shownVersion = -1;

function saveState(): void {
  host.keep({ source: initial.source, scroll });
}

const banner = createBanner();
const content = element('main', { class: 'report' }, 'Writing the report…');
document.body.append(banner.element, content);

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
  host.post({ type: 'reveal', stepId });
});

window.addEventListener('scroll', () => {
  scroll = window.scrollY;
  saveState();
});

function report(message: ReportMessage): void {
  if (message.version < shownVersion) return;
  const first = shownVersion === -1;
  shownVersion = message.version;
  document.title = message.title;
  banner.show(undefined);
  const keep = window.scrollY;
  content.replaceChildren(parseReport(message.html));
  window.scrollTo(0, first ? scroll : keep);
}

function cannotDraw(message: CannotDrawMessage): void {
  if (message.version < shownVersion) return;
  banner.show(
    shownVersion === -1
      ? `Cannot write the report: ${message.message}`
      : `Cannot read the current text: ${message.message} The last report is shown.`,
  );
  if (shownVersion === -1) content.textContent = '';
}

saveState();
host.post({ type: 'ready' });
