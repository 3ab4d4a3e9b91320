// The schema validator's errors turned into findings an author can act on: one per real
// mistake, in plain words, on the key or value it is about.
import type { ErrorObject } from 'ajv';
import type { PathwayModel } from '../model/pathway';
import { nodeAt, ownerSpan, type SourceNode } from '../parse/sourceTree';
import { closestMatch, lookAlikeChars } from '../suggest';
import type { RawFinding, Span } from '../types';
import {
  definition,
  inputSchema,
  inputTypes,
  pathwaySchema,
  referencesFileSchema,
  keysOf,
  plainKeysOf,
  stepSchema,
  type SchemaNode,
} from './schema';
import { quote } from '../checks/rule';
import { misplacedFields } from '../checks/misplacedFields';

type Path = (string | number)[];

/** Decodes an ajv instancePath into segments, turning list positions into numbers. */
function decodePath(root: SourceNode, pointer: string): Path {
  if (pointer === '') return [];
  const path: Path = [];
  let node: SourceNode | undefined = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node?.items) {
      const index = Number(segment);
      path.push(index);
      node = node.items[index];
    } else {
      path.push(segment);
      node = node?.entries?.get(segment);
    }
  }
  return path;
}

function list(values: readonly unknown[]): string {
  return values.map((v) => String(v)).join(', ');
}

function capitalise(sentence: string): string {
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** What the file is, in words: a pathway, or a references file. */
function fileWords(model: PathwayModel): string {
  return model.document === 'references' ? 'references file' : 'pathway';
}

/** Words for the thing at a path: "step \"assess\"", "branch 2 of decision \"red-flags\"". */
function describeOwner(path: Path, model: PathwayModel): string {
  const [first, second, third, fourth] = path;
  if (first === undefined) return `the ${fileWords(model)}`;
  if (first === 'steps' && second !== undefined) {
    if (third === 'branches' && typeof fourth === 'number') {
      return `branch ${fourth + 1} of decision ${quote(String(second))}`;
    }
    if (third === undefined) return `step ${quote(String(second))}`;
  }
  if (first === 'references' && second !== undefined && third === undefined) {
    return `reference ${quote(String(second))}`;
  }
  if (first === 'inputs' && second !== undefined && third === undefined) {
    return `input ${quote(String(second))}`;
  }
  if (first === 'scenarios' && second !== undefined) {
    if (third === undefined) return `scenario ${quote(String(second))}`;
    if (third === 'expect' && fourth === undefined) {
      return `the expectation of scenario ${quote(String(second))}`;
    }
  }
  if (path.length === 1) return quote(String(first));
  const parent = path.slice(0, -1);
  const last = path[path.length - 1];
  if (typeof last === 'number') return `item ${last + 1} of ${describeField(parent, model)}`;
  return describeField(path, model);
}

/** Words for a field: "\"title\" in step \"assess\"", or "\"version\"" at the top level. */
function describeField(path: Path, model: PathwayModel): string {
  const last = path[path.length - 1];
  if (last === undefined) return `the ${fileWords(model)}`;
  if (typeof last === 'number') return describeOwner(path, model);
  const parent = path.slice(0, -1);
  if (parent.length === 0) return quote(last);
  if (parent.length === 1) return `${quote(last)} in ${quote(String(parent[0]))}`;
  return `${quote(last)} in ${describeOwner(parent, model)}`;
}

/** A value as a short phrase on one line, for messages. */
function shortText(value: string): string {
  const firstLine = value.trim().split(/\r?\n|\r/)[0] ?? '';
  const clipped = firstLine.length > 40 ? `${firstLine.slice(0, 39)}…` : firstLine;
  return clipped !== value.trim() && !clipped.endsWith('…') ? `${clipped}…` : clipped;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') return `the text ${quote(shortText(value))}`;
  if (typeof value === 'number') return `the number ${String(value)}`;
  if (typeof value === 'boolean')
    return `${String(value)} (YAML reads an unquoted yes/no/true/false as a truth value)`;
  return 'something else';
}

/** Fields that name a step or a reference rather than hold text. */
function linkKind(path: Path): 'step' | 'reference' | undefined {
  const last = path[path.length - 1];
  if (path.length === 1 && last === 'start') return 'step';
  if (path[0] !== 'steps') return undefined;
  if (path.length === 3 && (last === 'next' || last === 'otherwise')) return 'step';
  if (path.length === 5 && path[2] === 'branches' && last === 'next') return 'step';
  if (path.length === 4 && path[2] === 'cite' && typeof last === 'number') return 'reference';
  return undefined;
}

/** A scenario's fields that name steps: the choices made and the route expected. */
function scenarioLink(path: Path): boolean {
  const [first, , third, fourth, fifth] = path;
  if (first !== 'scenarios') return false;
  if (third === 'choose') return path.length === 4;
  if (third !== 'expect') return false;
  if (fourth === 'end') return path.length === 4;
  return (fourth === 'passes' || fourth === 'avoids') && typeof fifth === 'number';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  integer: 'a whole number',
  number: 'a number',
  object: 'a set of fields',
  array: 'a list',
  boolean: 'true or false',
  null: 'empty',
};

function expectedType(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

/** What to write for a missing field, in the words of the task at hand. */
const MISSING_HINTS: Record<string, string> = {
  pathway: 'add "pathway: 1" (the version of the format)',
  id: 'give the pathway a short stable id such as "brlp-conservative"',
  title: 'give it a short title',
  version: 'give the guideline version as text, for example "1.0"',
  start: 'name the step where care begins',
  steps: 'list the steps of the algorithm, each under its id',
  references: 'list the references, each under its id, as under a pathway\'s "references"',
  kind: 'say what kind of step it is: assessment, action, recommendation, decision or end',
  next: 'name the step that follows',
  branches: 'list the conditions, each with "when" and "next"',
  when: 'describe the condition under which patients take this branch',
  strength: 'grade the recommendation strong or conditional',
  certainty: 'give the GRADE certainty of the evidence: high, moderate, low or very-low',
  values: 'list the possible answers, at least two',
  expect:
    'say what the route must do: the "end" it reaches, steps it "passes" or steps it "avoids"',
};

/** Hints that read differently for an input. */
const MISSING_INPUT_HINTS: Record<string, string> = {
  type: `say what kind of answer it takes: ${inputTypes().join(', ')}`,
  title: 'write the question as a clinician asks it, for example "Duration of leg pain"',
};

/** Plain words for a pattern the schema demands, by field name. */
function patternMessage(path: Path, model: PathwayModel, value: unknown): string {
  const field = describeField(path, model);
  const last = path[path.length - 1];
  if (path[0] === 'inputs' && path[2] === 'values' && typeof last === 'number') {
    return `${quote(String(value))} in input ${quote(String(path[1]))} is not a valid answer name: ${idRule('input')}.`;
  }
  switch (last) {
    case 'id':
      return `The pathway id ${quote(String(value))} is not valid: use lower-case letters and digits in words joined by single hyphens, for example "brlp-conservative".`;
    case 'doi':
      return `${capitalise(field)} is not a DOI: expected "10.", the registrant code, "/" and the suffix, for example 10.7326/M14-0006 (without "https://doi.org/").`;
    case 'pmid':
      return `${capitalise(field)} must be a PubMed id: digits only, for example 25222385.`;
    case 'url':
      return `${capitalise(field)} is not a web address: it must start with http:// or https:// and contain no spaces.`;
    case 'title':
    case 'when':
      return `${capitalise(field)} is blank: write ${last === 'when' ? 'the condition' : 'a short title'}.`;
    case 'otherwiseLabel':
      return `${capitalise(field)} is blank: say in words who takes the "otherwise" route, or remove it.`;
    default:
      return `${capitalise(field)} is not in the expected form.`;
  }
}

type IdKind = 'step' | 'reference' | 'input' | 'scenario';

/** The words conditions are made of, which no input or answer may be named (from the schema). */
const RESERVED_WORDS: readonly string[] = (definition('inputId')?.not?.enum ?? []).map(String);

function idRule(kind: IdKind): string {
  switch (kind) {
    case 'step':
    case 'scenario':
      return `a ${kind} id starts with a letter and uses only letters, digits, "-" and "_"`;
    case 'input':
      return 'start with a letter and use only letters, digits, "-" and "_"';
    case 'reference':
      return 'a reference id starts with a letter or digit and uses only letters, digits, "_", ".", ":" and "-"';
  }
}

function idKind(section: unknown): IdKind {
  if (section === 'references') return 'reference';
  if (section === 'inputs') return 'input';
  if (section === 'scenarios') return 'scenario';
  return 'step';
}

/** Why a name cannot be an input id or an answer, in words. */
function reservedWord(name: string): string {
  return `${quote(name)} is a word of conditions (${RESERVED_WORDS.join(', ')}) and cannot name`;
}

/** An input's type as written, and its schema when the type is one the schema knows. */
function inputAt(model: PathwayModel, id: string): { type: unknown; schema?: SchemaNode } {
  const type = model.root.entries?.get('inputs')?.entries?.get(id)?.entries?.get('type')?.value;
  const schema = inputSchema(type);
  return schema ? { type, schema } : { type };
}

/**
 * When a step is named like a step's field (`next`, `title`) and is not a set of fields, it
 * is most likely that field of the step above it, indented too little: says so, naming
 * that step.
 */
function dedentedField(id: string, model: PathwayModel): string | undefined {
  const misplaced = misplacedFields(model).byEntry(id);
  if (!misplaced) return undefined;
  return `${quote(`${id}:`)} is indented too little: it is read as a step named ${quote(id)}, not as a field of step ${quote(misplaced.owner.id)} above it. Line it up with that step's other fields.`;
}

/**
 * A field missing from a step only because its line is indented too little: the message on
 * that line says what to do, and indenting it gives the step the field.
 */
function givenByMisplacedLine(error: ErrorObject, path: Path, model: PathwayModel): boolean {
  const [first, second, third] = path;
  if (error.keyword !== 'required' || first !== 'steps' || second === undefined) return false;
  if (third !== undefined) return false;
  const missing = String((error.params as { missingProperty: string }).missingProperty);
  return misplacedFields(model).gives(String(second), missing);
}

/** The schema of the mapping at a path, whose keys an unknown key is measured against. */
function mappingAt(path: Path, model: PathwayModel): SchemaNode | undefined {
  const [first, second, third] = path;
  if (first === undefined) {
    return model.document === 'references' ? referencesFileSchema : pathwaySchema;
  }
  if (first === 'steps' && second !== undefined) {
    const kind = model.steps.get(String(second))?.kind;
    if (third === undefined) return kind ? stepSchema(kind) : undefined;
    if (third === 'branches') return definition('branch');
  }
  if (first === 'references') return definition('reference');
  if (first === 'inputs' && second !== undefined) return inputAt(model, String(second)).schema;
  if (first === 'scenarios' && second !== undefined) {
    return third === 'expect' ? definition('expectation') : definition('scenario');
  }
  return undefined;
}

function unknownKeyMessage(path: Path, key: string, model: PathwayModel): string {
  const mapping = mappingAt(path, model);
  // Every key may be guessed; the list names the plain format's fields, so that it reads as
  // it always has for a pathway that decides in words only.
  const guess = closestMatch(key, keysOf(mapping));
  const allowed = plainKeysOf(mapping);
  const didYouMean = guess ? ` Did you mean ${quote(guess)}?` : '';
  const [first, second, third] = path;
  if (first === undefined) {
    return `${quote(key)} is not a field of a ${fileWords(model)}.${didYouMean} The top level takes: ${list(allowed)}.`;
  }
  if (first === 'steps' && second !== undefined && third === undefined) {
    const kind = model.steps.get(String(second))?.kind ?? 'step';
    const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
    let hint = didYouMean;
    if (!guess && key === 'next' && kind === 'decision') {
      hint = ' A decision leads on through its "branches" and "otherwise".';
    } else if (!guess && key === 'next' && kind === 'end') {
      hint = ' The pathway stops at an end step; remove "next" or change the kind.';
    } else if (!guess && key === 'branches') {
      hint = ' Only a decision has branches; change the kind to decision, or use "next".';
    } else if (!guess && key === 'otherwise') {
      hint = ' Only a decision has an "otherwise"; change the kind to decision, or use "next".';
    } else if (!guess && key === 'otherwiseLabel') {
      hint =
        ' Only a decision has an "otherwise" route to label; remove it, or change the kind to decision.';
    }
    return `Step ${quote(String(second))} is ${article} ${kind}, which does not take ${quote(key)}.${hint} ${capitalise(article)} ${kind} takes: ${list(allowed)}.`;
  }
  if (first === 'inputs' && second !== undefined && third === undefined) {
    const type = String(inputAt(model, String(second)).type);
    const article = /^[aeiou]/.test(type) ? 'an' : 'a';
    let hint = didYouMean;
    if (!guess && key === 'values') {
      hint =
        ' Only a choice lists its possible answers; change the type to choice, or remove "values".';
    } else if (!guess && (key === 'min' || key === 'max' || key === 'unit')) {
      hint = ` Only a number or an integer has ${key === 'unit' ? 'a unit' : 'bounds'}; remove ${quote(key)} or change the type.`;
    }
    return `Input ${quote(String(second))} is ${article} ${type}, which does not take ${quote(key)}.${hint} ${capitalise(article)} ${type} input takes: ${list(allowed)}.`;
  }
  return `${capitalise(describeOwner(path, model))} does not take ${quote(key)}.${didYouMean} It takes: ${list(allowed)}.`;
}

function messageFor(error: ErrorObject, path: Path, model: PathwayModel, value: unknown): string {
  const field = describeField(path, model);
  const owner = describeOwner(path, model);
  switch (error.keyword) {
    case 'required': {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const [first, second, third] = path;
      const inInput = first === 'inputs' && second !== undefined && third === undefined;
      const hint = (inInput ? MISSING_INPUT_HINTS[missing] : undefined) ?? MISSING_HINTS[missing];
      const kind =
        first === 'steps' && second !== undefined && third === undefined
          ? model.steps.get(String(second))?.kind
          : undefined;
      const what = kind ? `${owner} (${kind})` : owner;
      return `${capitalise(what)} has no ${quote(missing)}${hint ? `: ${hint}` : ''}.`;
    }
    case 'additionalProperties':
      return unknownKeyMessage(
        path,
        String((error.params as { additionalProperty: string }).additionalProperty),
        model,
      );
    case 'type': {
      const expected = expectedType((error.params as { type: unknown }).type);
      if (path[0] === 'steps' && path.length === 2) {
        if (value === null) {
          return `Step ${quote(String(path[1]))} is empty: give it a kind and a title.`;
        }
        return (
          dedentedField(String(path[1]), model) ??
          `Step ${quote(String(path[1]))} must be a set of fields (kind, title, …), but it is ${describeValue(value)}.`
        );
      }
      if (path[0] === 'references' && path.length === 2) {
        return value === null
          ? `Reference ${quote(String(path[1]))} is empty: give at least its title and source.`
          : `Reference ${quote(String(path[1]))} must be a set of fields (title, source, …), but it is ${describeValue(value)}.`;
      }
      if (path[0] === 'inputs' && path.length === 2) {
        return value === null
          ? `Input ${quote(String(path[1]))} is empty: give it its type and title.`
          : `Input ${quote(String(path[1]))} must be a set of fields (type, title, …), but it is ${describeValue(value)}.`;
      }
      if (path[0] === 'scenarios' && path.length === 2) {
        return value === null
          ? `Scenario ${quote(String(path[1]))} is empty: give it its facts and, under "expect", what its route must do.`
          : `Scenario ${quote(String(path[1]))} must be a set of fields (facts, expect, …), but it is ${describeValue(value)}.`;
      }
      if (path[0] === 'inputs' && path[2] === 'values' && path.length === 4) {
        return `${capitalise(field)} is not a valid answer name: ${idRule('input')}.`;
      }
      if (path[0] === 'scenarios' && path[2] === 'facts' && path.length >= 4) {
        const fact = `The fact ${quote(String(path[3]))} in scenario ${quote(String(path[1]))}`;
        return path.length === 4
          ? `${fact} is ${describeValue(value)}: give true or false, a number or one of the input's answers, or a list of those, one per recording.`
          : `${fact} lists ${describeValue(value)} as item ${Number(path[4]) + 1}: each item is one answer (true or false, a number or one of the input's answers).`;
      }
      if (path.length === 1 && path[0] === 'steps' && Array.isArray(value)) {
        return `"steps" must hold each step under its own id (for example "assess:"), not as a list of items.`;
      }
      if (path.length === 0) {
        const fields =
          model.document === 'references' ? 'title, references' : 'pathway, id, title, …';
        return `A ${model.document === 'references' ? 'references' : 'pathway'} file must hold a set of fields (${fields}), but this one holds ${value === null ? 'only an empty value' : describeValue(value)}.`;
      }
      if (path[path.length - 1] === 'version' && path.length === 1 && typeof value === 'number') {
        return `"version" must be text: put it in quotes, for example version: "${String(value)}".`;
      }
      const link = linkKind(path) ?? (scenarioLink(path) ? 'step' : undefined);
      if (link) {
        const quoted =
          typeof value === 'number' || typeof value === 'boolean'
            ? ` If the id is ${quote(String(value))}, put it in quotes.`
            : '';
        return value === null
          ? `${capitalise(field)} has no value: name a ${link} by its id.`
          : `${capitalise(field)} must be the id of a ${link}, but it is ${describeValue(value)}.${quoted}`;
      }
      const quoteHint =
        expected === 'text' && (typeof value === 'number' || typeof value === 'boolean')
          ? ` Put it in quotes to keep it as text.`
          : '';
      return value === null
        ? `${capitalise(field)} has no value: expected ${expected}.`
        : `${capitalise(field)} must be ${expected}, but it is ${describeValue(value)}.${quoteHint}`;
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      const guess =
        typeof value === 'string' ? closestMatch(value, allowed.map(String)) : undefined;
      const got =
        value === null
          ? 'empty'
          : typeof value === 'string'
            ? quote(shortText(value))
            : describeValue(value);
      return `${capitalise(field)} is ${got}; expected one of: ${list(allowed)}.${guess ? ` Did you mean ${quote(guess)}?` : ''}`;
    }
    case 'const':
      return `${capitalise(field)} must be ${String((error.params as { allowedValue: unknown }).allowedValue)} (the version of the pathway format), but it is ${typeof value === 'number' ? String(value) : describeValue(value)}.`;
    case 'pattern':
      return patternMessage(path, model, value);
    case 'propertyNames': {
      const name = String((error.params as { propertyName: string }).propertyName);
      const kind = idKind(path[0]);
      if (kind === 'input' && RESERVED_WORDS.includes(name)) {
        return `${reservedWord(name)} an input; choose another id, for example ${quote(`${name}-answer`)}.`;
      }
      const lookAlike = lookAlikeChars(name);
      const rule = kind === 'input' ? `an input id must ${idRule(kind)}` : idRule(kind);
      return `${quote(name)} is not a valid ${kind} id: ${rule}.${lookAlike ? ` ${lookAlike}` : ''}`;
    }
    case 'minProperties':
      return `${capitalise(field)} is empty: a pathway needs at least one step.`;
    case 'minItems':
      if (path[0] === 'inputs' && path[2] === 'values' && path.length === 3) {
        const count = Array.isArray(value) ? value.length : 0;
        return `Input ${quote(String(path[1]))} is a choice with ${count === 0 ? 'no answers' : 'only one answer'}: list at least two possible answers under "values".`;
      }
      return path[path.length - 1] === 'branches'
        ? `Decision ${quote(String(path[1]))} has no branches: add at least one, with "when" and "next".`
        : `${capitalise(field)} is empty.`;
    case 'anyOf':
      if (path[0] === 'scenarios') {
        return `Scenario ${quote(String(path[1]))} expects nothing: under "expect" give at least one of end, passes or avoids.`;
      }
      return `${capitalise(owner)} cannot be traced: add at least one of source, doi, pmid or url.`;
    case 'not':
      return `${reservedWord(String(value))} an answer of input ${quote(String(path[1]))}; choose another name.`;
    case 'minimum':
      return `${capitalise(field)} must not be negative.`;
    case 'dependencies': {
      const { property, missingProperty } = error.params as {
        property: string;
        missingProperty: string;
      };
      return `${capitalise(owner)} has ${quote(property)} but no ${quote(missingProperty)}: the label names the route patients take when no branch applies. Add "otherwise" with the step they take, or remove the label.`;
    }
    default:
      return `${capitalise(field)}: ${error.message ?? 'does not match the pathway format'}.`;
  }
}

/** The span an ajv error belongs on, per the format's rules for each kind of mistake. */
function spanFor(error: ErrorObject, node: SourceNode): Span {
  switch (error.keyword) {
    case 'required':
    case 'anyOf':
      return ownerSpan(node);
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      return node.entries?.get(key)?.keySpan ?? node.span;
    }
    case 'propertyNames': {
      const key = String((error.params as { propertyName: string }).propertyName);
      return node.entries?.get(key)?.keySpan ?? node.span;
    }
    case 'dependencies': {
      // On the key that needs the other: the label, where the author is writing.
      const key = String((error.params as { property: string }).property);
      return node.entries?.get(key)?.keySpan ?? ownerSpan(node);
    }
    default:
      return node.span;
  }
}

/** Reported by the missing-citation rule instead: a recommendation without citations. */
function isMissingCitation(error: ErrorObject, path: Path, model: PathwayModel): boolean {
  const [first, second, third] = path;
  if (first !== 'steps' || second === undefined) return false;
  if (model.steps.get(String(second))?.kind !== 'recommendation') return false;
  if (third === undefined) {
    return (
      error.keyword === 'required' &&
      (error.params as { missingProperty?: string }).missingProperty === 'cite'
    );
  }
  if (third !== 'cite' || path.length !== 3) return false;
  const state = model.steps.get(String(second))?.citeState;
  return error.keyword === 'minItems' || (error.keyword === 'type' && state === 'empty');
}

/** Every later repeat of an item in a list (the schema's `uniqueItems` names only one). */
function repeatedItems(node: SourceNode, path: Path, model: PathwayModel): RawFinding[] {
  const seen = new Set<string>();
  const findings: RawFinding[] = [];
  for (const item of node.items ?? []) {
    const key = JSON.stringify(item.value);
    if (seen.has(key)) {
      findings.push({
        code: 'schema',
        message: `${capitalise(describeOwner(path.slice(0, -1), model))} lists ${typeof item.value === 'string' ? quote(shortText(item.value)) : describeValue(item.value)} twice in ${quote(String(path[path.length - 1]))}; remove the repeat.`,
        span: item.span,
      });
    }
    seen.add(key);
  }
  return findings;
}

/** Turns the schema validator's errors into one finding per real mistake. */
export function schemaFindings(errors: readonly ErrorObject[], model: PathwayModel): RawFinding[] {
  const findings: RawFinding[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    // `if` only says its `then` failed, and the `then` errors say how; the branches of an
    // `anyOf` are summed up by the `anyOf` error itself; a bad property name is reported
    // once, by the `propertyNames` error.
    if (error.keyword === 'if' || error.schemaPath.includes('/anyOf/')) continue;
    if (error.propertyName !== undefined) continue;

    const path = decodePath(model.root, error.instancePath);
    if (isMissingCitation(error, path, model)) continue;
    if (givenByMisplacedLine(error, path, model)) continue;
    const node = nodeAt(model.root, path);

    const identity = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(identity)) continue;
    seen.add(identity);

    if (error.keyword === 'uniqueItems') {
      // One by one: a spread of many thousands of arguments overflows the stack.
      for (const finding of repeatedItems(node, path, model)) findings.push(finding);
      continue;
    }
    findings.push({
      code: 'schema',
      message: messageFor(error, path, model, node.value),
      span: spanFor(error, node),
    });
  }

  // A value with several complaints (a blank title fails its pattern and more) is one mistake.
  const byValue = new Map<string, RawFinding>();
  for (const finding of findings) {
    const key = `${finding.span.start}:${finding.span.end}:${finding.message}`;
    if (!byValue.has(key)) byValue.set(key, finding);
  }
  return [...byValue.values()];
}
