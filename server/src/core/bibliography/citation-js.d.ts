// The few parts of citation-js the checker calls (the packages ship no types of their own).
declare module '@citation-js/core' {
  interface ChainOptions {
    /** The input format, named as citation-js names it: its type is not guessed. */
    readonly forceType?: string;
    /** False: no record of the steps taken is kept with the result. */
    readonly generateGraph?: boolean;
  }
  export const plugins: {
    readonly input: {
      /** One step of parsing: the input in the forced format to the next format. */
      chainLink(input: unknown, options: ChainOptions): unknown;
      /** Every step of parsing, to CSL-JSON. */
      chain(input: unknown, options: ChainOptions): unknown;
    };
  };
  /** citation-js keeps every message it logs in `_log`, even when it prints none. */
  export const logger: { _log: unknown[] };
}

declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
