// markdown-it ships no types: the part of its API the site's Markdown renderer uses.
declare module 'markdown-it' {
  export interface Token {
    type: string;
    tag: string;
    attrs: [string, string][] | null;
    content: string;
    info: string;
    children: Token[] | null;
    attrGet(name: string): string | null;
    attrSet(name: string, value: string): void;
  }

  export type RenderRule = (
    tokens: Token[],
    index: number,
    options: object,
    env: Record<string, unknown>,
    self: Renderer,
  ) => string;

  export interface Renderer {
    rules: Record<string, RenderRule | undefined>;
    renderAttrs(token: Token): string;
    renderInlineAsText(tokens: Token[], options: object, env: Record<string, unknown>): string;
  }

  export interface CoreState {
    tokens: Token[];
  }

  export interface Options {
    html?: boolean;
    linkify?: boolean;
    typographer?: boolean;
    breaks?: boolean;
    maxNesting?: number;
  }

  class MarkdownIt {
    constructor(presetName: 'default' | 'commonmark' | 'zero', options?: Options);
    render(source: string, env?: Record<string, unknown>): string;
    validateLink: (url: string) => boolean;
    readonly renderer: Renderer;
    readonly core: {
      readonly ruler: { push(name: string, rule: (state: CoreState) => void): void };
    };
  }

  export default MarkdownIt;
}
