import type { Rule } from './rule';

export const yamlSyntax: Rule = {
  code: 'yaml-syntax',
  defaultSeverity: 'error',
  summary: 'The file is not valid YAML.',
  run: ({ parsed }) =>
    parsed.syntax.map((problem) => ({
      code: 'yaml-syntax',
      message: `The file cannot be read as YAML: ${problem.message}`,
      span: problem.span,
    })),
};
