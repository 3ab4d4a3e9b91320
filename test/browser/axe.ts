// axe-core in a page under test: its script evaluated through the browser's debugging
// protocol (which the page's Content-Security-Policy does not govern, so the policy under
// test stays as it ships), then every rule it runs by default, WCAG 2.x A and AA and its best
// practices. A violation comes back as one readable line per element.
import * as fs from 'node:fs';
import type { Frame, Page } from 'playwright-core';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly {
    readonly target: readonly unknown[];
    readonly failureSummary?: string;
  }[];
}

interface AxeWindow {
  axe?: {
    run(context: Document, options: unknown): Promise<{ violations: AxeViolation[] }>;
  };
}

/**
 * The page's accessibility violations as axe reports them, one line per element. On a page
 * opened from a file, axe cannot read the style sheets' rules (to it they come from another
 * origin) and would fetch them, which the page's own policy rightly refuses: `fromFile` runs it
 * without them (only its rule on a locked screen orientation reads them).
 */
export async function axeViolations(
  page: Page | Frame,
  options: { readonly fromFile?: boolean } = {},
): Promise<string[]> {
  const loaded = await page.evaluate(() => (window as unknown as AxeWindow).axe !== undefined);
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (fromFile) => {
    const axe = (window as unknown as AxeWindow).axe;
    if (!axe) throw new Error('axe-core did not load');
    const result = await axe.run(document, {
      resultTypes: ['violations'],
      ...(fromFile ? { preload: false } : {}),
    });
    return result.violations;
  }, options.fromFile === true);
  return violations.flatMap((v) =>
    v.nodes.map(
      (node) =>
        `${v.id} (${v.impact ?? '?'}): ${v.help} at ${node.target.map(String).join(' ')}${
          node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, ' ')})` : ''
        }`,
    ),
  );
}
