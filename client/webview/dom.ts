// Building the pages' elements: one element() for every panel, and the alert banner both
// pages show when the document cannot be read.

export const SVG_NS = 'http://www.w3.org/2000/svg';

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A heading at `level` (2 for a panel of the preview, whose page the toolbar's title heads;
 * 3 on a published page, under the flowchart's own heading).
 */
export function heading(level: number, text: string): HTMLHeadingElement {
  const tag = `h${Math.min(6, Math.max(1, Math.round(level)))}` as 'h1';
  return element(tag, {}, text);
}

export function button(action: string, label: string, title: string): HTMLButtonElement {
  return element('button', { type: 'button', 'data-action': action, title }, label);
}

export interface Banner {
  readonly element: HTMLElement;
  /** Shows the message; undefined hides the banner. */
  show(message: string | undefined): void;
}

export function createBanner(): Banner {
  const banner = element('div', { class: 'banner', role: 'alert' });
  banner.hidden = true;
  return {
    element: banner,
    show(message) {
      banner.textContent = message ?? '';
      banner.hidden = message === undefined;
    },
  };
}
