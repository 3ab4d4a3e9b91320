// The `yaml-syntax` rule: the file cannot be read as YAML.
import type { Check } from './rule';

export const yamlSyntax: Check = {
  run: ({ parsed }) =>
    parsed.syntax.map((problem) => ({
      code: 'yaml-syntax',
      message: `The file cannot be read as YAML: ${problem.message}`,
      span: problem.span,
    })),
};
