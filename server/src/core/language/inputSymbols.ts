// Where each input is defined and named: its key under `inputs`, the names in every `if`, the
// items of `records` and the keys of a scenario's `facts`; and a choice's values written in a
// condition or a fact, which lead to their input. Joined with the steps and references in
// occurrences.ts.
import { pathwayLogic } from '../checks/decisionLogic';
import { numberLiteral, type InputDef } from '../logic';
import { unquotedSpan, type Occurrence } from '../model/symbols';
import type { PathwayModel } from '../model/pathway';
import type { SourceNode } from '../parse/sourceTree';
import { conditionTokens } from './conditionTokens';

/** Every definition and use of an input (and every value naming one), in no set order. */
export function inputOccurrences(model: PathwayModel, text: string): Occurrence[] {
  const found: Occurrence[] = [];
  for (const [id, keySpan] of pathwayLogic(model, text).inputKeys) {
    found.push({
      kind: 'input',
      id,
      role: 'definition',
      span: keySpan,
      nameSpan: unquotedSpan(text, keySpan),
    });
  }
  const written = (node: SourceNode, id: string, field: 'records' | 'value', inStep?: string) => {
    if (node.empty) return;
    found.push({
      kind: 'input',
      id,
      role: 'use',
      span: node.span,
      nameSpan: unquotedSpan(text, node.span),
      field,
      ...(inStep !== undefined ? { inStep } : {}),
    });
  };
  for (const step of model.steps.values()) {
    for (const item of step.node.entries?.get('records')?.items ?? []) {
      if (typeof item.value === 'string') written(item, item.value, 'records', step.id);
    }
  }
  for (const token of conditionTokens(model, text)) {
    if (token.role === 'input') {
      found.push({
        kind: 'input',
        id: token.text,
        role: 'use',
        span: token.span,
        nameSpan: token.span,
        field: 'if',
        inStep: token.decision,
      });
    } else if (token.role === 'value' && token.input !== undefined) {
      found.push({
        kind: 'input',
        id: token.input,
        role: 'use',
        span: token.span,
        nameSpan: token.span,
        field: 'value',
        inStep: token.decision,
      });
    }
  }
  for (const scenario of model.root.entries?.get('scenarios')?.entries?.values() ?? []) {
    for (const [id, fact] of scenario.entries?.get('facts')?.entries ?? []) {
      if (fact.keySpan) {
        found.push({
          kind: 'input',
          id,
          role: 'use',
          span: fact.keySpan,
          nameSpan: unquotedSpan(text, fact.keySpan),
          field: 'facts',
        });
      }
      // A word given as the fact is one of a choice's values: it leads to the input too.
      for (const answer of fact.items ?? [fact]) {
        if (typeof answer.value === 'string') written(answer, id, 'value');
      }
    }
  }
  return found;
}

/** What an input takes, in plain words: `a whole number, from 0 to 520 weeks`. */
export function inputTakes(def: InputDef | undefined): string {
  if (!def) return 'an input whose type is not given yet';
  const unit = def.unit !== undefined ? ` ${def.unit}` : '';
  const bounds =
    def.min !== undefined && def.max !== undefined
      ? `, from ${numberLiteral(def.min)} to ${numberLiteral(def.max)}${unit}`
      : def.min !== undefined
        ? `, at least ${numberLiteral(def.min)}${unit}`
        : def.max !== undefined
          ? `, at most ${numberLiteral(def.max)}${unit}`
          : unit !== ''
            ? `, in ${unit.trim()}`
            : '';
  switch (def.type) {
    case 'boolean':
      return 'yes or no (true or false)';
    case 'number':
      return `a number${bounds}`;
    case 'integer':
      return `a whole number${bounds}`;
    case 'choice':
      return 'one of a list of values';
  }
}
