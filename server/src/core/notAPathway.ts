// Why an analysed file cannot be drawn, reported, exported or compared: the one reason the
// command line prints and the editor's preview shows, in the same words on both sides.
import type { Analysis } from './analysis';
import { formatSize } from './options';
import { keysOf, pathwaySchema } from './schema/schema';

/** The fields a pathway's top level may hold, from the schema. */
const PATHWAY_FIELDS: ReadonlySet<string> = new Set(keysOf(pathwaySchema));

/**
 * Why an analysed file cannot be taken as a pathway, as a clause ("it is empty, …"), or
 * undefined when it can (errors and all): it was too large to read, its YAML does not
 * parse, it is empty, its top level is a list or a single value, or a set of fields none of
 * which a pathway has (another YAML file). `limitSetting` names where the size limit is set.
 */
export function whyNotAPathway(analysis: Analysis, limitSetting: string): string | undefined {
  const { parsed, model } = analysis;
  if (parsed.tooLarge) {
    return `it is too large to analyse: ${formatSize(parsed.tooLarge.size)}, more than the ${formatSize(parsed.tooLarge.limit)} limit (see ${limitSetting})`;
  }
  const syntax = parsed.syntax[0];
  if (syntax) {
    const line = parsed.lines.rangeOf(syntax.span).start.line + 1;
    return `it cannot be read as YAML: ${syntax.message} (line ${line})`;
  }
  const required = (pathwaySchema.required ?? []).join(', ');
  if (parsed.empty) return `it is empty, and a pathway needs at least ${required}`;
  if (!model) return analysis.findings[0]?.message ?? 'it holds no pathway';
  const root = model.root;
  if (!root.entries) {
    const holds = Array.isArray(root.value) ? 'a list' : 'a single value';
    return `it holds ${holds}, and a pathway is a set of fields (${required}, …)`;
  }
  if (![...root.entries.keys()].some((key) => PATHWAY_FIELDS.has(key))) {
    return `it holds none of a pathway's fields (${required}, …)`;
  }
  return undefined;
}
