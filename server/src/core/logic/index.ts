// The condition language of pathway logic: inputs, parsing, type checking, evaluation for one
// patient, and sets of patients for the reach analysis.
export type { ComparisonOperator, Condition, Literal, NameRef } from './ast';
export { inputIds, inputRefs } from './ast';
export { boxCondition, numberLiteral, setCondition } from './conditionText';
export { evaluate, evaluate3, type Truth } from './evaluate';
export {
  INPUT_ID_PATTERN,
  INPUT_TYPES,
  RESERVED_WORDS,
  inputMap,
  isInputId,
  isReservedWord,
  type InputDef,
  type InputType,
  type Inputs,
  type Patient,
  type Value,
} from './inputs';
export { tokenize, type Token, type TokenKind } from './lexer';
export { MAX_NESTING, parseCondition, type ParseError, type ParseResult } from './parser';
export {
  MAX_BOXES,
  MAX_COMPLEMENTED_TESTS,
  limitWork,
  workRemaining,
  complement,
  conditionSet,
  contains,
  describeValues,
  empty,
  forget,
  full,
  intersection,
  isEmpty,
  isSubset,
  plainlyWithin,
  rebase,
  spend,
  union,
  witness,
  type Box,
  type PatientSet,
  type SetResult,
  type TooLarge,
} from './sets';
export { checkCondition, describeInput, type ConditionProblem } from './typecheck';
