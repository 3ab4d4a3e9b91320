import { validateAgainstSchema } from '../schema/schema';
import { schemaFindings } from '../schema/schemaFindings';
import type { RawFinding } from '../types';
import type { Rule } from './rule';

export const schema: Rule = {
  code: 'schema',
  defaultSeverity: 'error',
  summary:
    'The file breaks the pathway format: a missing or unknown field, a wrong type, a value not allowed.',
  run: ({ parsed, model }) => {
    const findings: RawFinding[] = [];
    if (parsed.syntax.length > 0) return findings;
    if (parsed.empty) {
      findings.push({
        code: 'schema',
        message:
          'The file is empty: a pathway needs at least pathway, id, title, version, start and steps.',
        span: { start: 0, end: 0 },
      });
    }
    if (parsed.extraDocument) {
      findings.push({
        code: 'schema',
        message:
          'A pathway file holds one YAML document; this second one (after "---") is ignored. Move its content into the first or into a file of its own.',
        span: parsed.extraDocument,
      });
    }
    if (model) findings.push(...schemaFindings(validateAgainstSchema(model.root.value), model));
    return findings;
  },
};
