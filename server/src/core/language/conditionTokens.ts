// The words of every `if` placed in the file and told apart: input names, the values they are
// compared with, numbers, operators and the words of the language. Semantic highlighting
// colours them; hover, navigation and rename find the inputs among them.
import { pathwayLogic } from '../checks/decisionLogic';
import { oncePerModel } from '../checks/rule';
import { tokenize, type Token } from '../logic';
import type { PathwayModel } from '../model/pathway';
import type { Span } from '../types';

/**
 * input: a name tested (`weeks` in `weeks > 6`); value: a name it is compared with
 * (`improved`); boolean: `true` or `false`; keyword: `and`, `or`, `not`, `in`.
 */
export type ConditionRole = 'input' | 'value' | 'number' | 'boolean' | 'keyword' | 'operator';

export interface ConditionToken {
  readonly role: ConditionRole;
  readonly text: string;
  /** Where the word is written in the file, exactly. */
  readonly span: Span;
  /** For a value: the input it is compared with. */
  readonly input?: string;
  /** The decision whose branch holds the condition. */
  readonly decision: string;
}

/** Whether a name after this token is a value compared with (not an input tested). */
function startsValue(previous: Token | undefined): boolean {
  if (!previous) return false;
  return previous.kind === 'operator' || previous.kind === '[' || previous.kind === ',';
}

/**
 * Each word of a condition with its role, in text order, read from the tokens alone so that a
 * condition that does not parse (half typed) is still read: a name after a comparison, `[` or
 * `,` is a value, any other name an input.
 */
export function classifyTokens(
  tokens: readonly Token[],
): { token: Token; role: ConditionRole; input?: string }[] {
  const out: { token: Token; role: ConditionRole; input?: string }[] = [];
  let input: string | undefined;
  let previous: Token | undefined;
  for (const token of tokens) {
    switch (token.kind) {
      case 'name':
        if (startsValue(previous)) {
          out.push({ token, role: 'value', ...(input !== undefined ? { input } : {}) });
        } else {
          input = token.text;
          out.push({ token, role: 'input' });
        }
        break;
      case 'number':
        out.push({ token, role: 'number' });
        break;
      case 'keyword':
        out.push({
          token,
          role: token.text === 'true' || token.text === 'false' ? 'boolean' : 'keyword',
        });
        break;
      case 'operator':
        out.push({ token, role: 'operator' });
        break;
      default:
        break;
    }
    previous = token;
  }
  return out;
}

/** Every placed word of every branch's `if`, in file order; read once per model. */
export const conditionTokens: (model: PathwayModel, text: string) => readonly ConditionToken[] =
  oncePerModel((model: PathwayModel, text: string): ConditionToken[] => {
    const found: ConditionToken[] = [];
    for (const decision of pathwayLogic(model, text).decisions.values()) {
      for (const branch of decision.branches) {
        const value = branch.node?.value;
        if (typeof value !== 'string') continue;
        for (const { token, role, input } of classifyTokens(tokenize(value))) {
          const span = branch.place(token.span);
          if (!span) continue;
          found.push({
            role,
            text: token.text,
            span,
            decision: decision.step.id,
            ...(input !== undefined ? { input } : {}),
          });
        }
      }
    }
    return found.sort((a, b) => a.span.start - b.span.start);
  });
