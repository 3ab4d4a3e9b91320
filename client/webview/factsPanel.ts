// The walk-through's facts: a control per input of the pathway (yes/no/unknown, a number with
// its unit and bounds, a choice), a value per measurement for an input measured again on the
// route, and a list of the file's scenarios to start from. Built once per shape of the form,
// so that typing keeps its place; the walk redraws around it.
import type { WalkFact, WalkInput, WalkModel } from '../../shared/webviewMessages';
import { element, heading } from './dom';
import {
  addMeasurement,
  factAt,
  fitFacts,
  measurementsGiven,
  numberHint,
  readNumber,
  removeMeasurement,
  setFact,
  type FactValue,
} from './logic/facts';
import { stepTitles, type Route } from './logic/walk';

export interface FactsPanelEvents {
  /** The reader changed the facts. */
  facts(facts: readonly WalkFact[]): void;
  /** A scenario was picked to start from. */
  scenario(id: string): void;
}

export interface FactsPanel {
  readonly element: HTMLElement;
  /** Shows the facts for `model`; `route` says which inputs were measured more than given. */
  show(
    model: WalkModel,
    facts: readonly WalkFact[],
    scenario: string | undefined,
    route: Route,
  ): void;
}

/** A control's text for a value: "" is unknown. */
function controlText(value: FactValue | null): string {
  return value === null ? '' : String(value);
}

function controlValue(input: WalkInput, text: string): FactValue | null {
  if (text === '') return null;
  if (input.type === 'boolean') return text === 'true';
  if (input.type === 'choice') return text;
  return readNumber(input, text).value;
}

function option(value: string, words: string): HTMLOptionElement {
  const made = element('option', {}, words);
  made.value = value;
  return made;
}

function hidden(words: string): HTMLElement {
  return element('span', { class: 'visually-hidden' }, words);
}

/** The facts, their heading at `level`. */
export function createFactsPanel(events: FactsPanelEvents, level: number): FactsPanel {
  // Open to begin with; the reader may fold it away to see more of the walk.
  const section = element('details', { class: 'walk-facts', open: '' });
  let model: WalkModel = { start: undefined, steps: [] };
  /** The facts as set, and those that fit the pathway as it is now (what the controls show). */
  let facts: readonly WalkFact[] = [];
  let fitted: readonly WalkFact[] = [];
  let shape = '';

  const inputOf = (id: string | undefined): WalkInput | undefined =>
    model.inputs?.find((input) => input.id === id);

  /** The control of measurement `index` of the input at `position` in the list. */
  const controlId = (position: number, index: number): string => `walk-fact-${position}-${index}`;

  function problemOf(control: HTMLInputElement): string | undefined {
    const input = inputOf(control.dataset['input']);
    if (!input) return undefined;
    if (control.validity.badInput) return 'Not used: not a number.';
    return readNumber(input, control.value).problem;
  }

  function showProblem(control: HTMLInputElement): void {
    const problem = problemOf(control);
    const note = document.getElementById(`${control.id}-problem`);
    if (note) {
      note.textContent = problem ?? '';
      note.hidden = problem === undefined;
    }
    if (problem === undefined) control.removeAttribute('aria-invalid');
    else control.setAttribute('aria-invalid', 'true');
  }

  section.addEventListener('input', (event) => {
    const control = event.target;
    if (!(control instanceof HTMLInputElement)) return;
    const input = inputOf(control.dataset['input']);
    if (!input) return;
    showProblem(control);
    const index = Number(control.dataset['index'] ?? '0');
    const value = control.validity.badInput ? null : controlValue(input, control.value);
    if (value === factAt(fitted, input.id, index)) return;
    events.facts(setFact(facts, input.id, index, value));
  });

  section.addEventListener('change', (event) => {
    const control = event.target;
    if (!(control instanceof HTMLSelectElement)) return;
    if (control.id === 'walk-scenario') {
      if (control.value !== '') events.scenario(control.value);
      return;
    }
    const input = inputOf(control.dataset['input']);
    if (!input) return;
    const index = Number(control.dataset['index'] ?? '0');
    events.facts(setFact(facts, input.id, index, controlValue(input, control.value)));
  });

  section.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target?.closest<HTMLButtonElement>('button[data-fact]');
    if (!button) return;
    const input = button.dataset['input'] ?? '';
    const position = Number(button.dataset['position'] ?? '0');
    switch (button.dataset['fact']) {
      case 'add': {
        const index = measurementsGiven(fitted, input);
        events.facts(addMeasurement(facts, input));
        document.getElementById(controlId(position, index))?.focus();
        break;
      }
      case 'remove': {
        const index = Number(button.dataset['index'] ?? '0');
        events.facts(removeMeasurement(facts, input, index));
        document.getElementById(controlId(position, index - 1))?.focus();
        break;
      }
      case 'clear':
        events.facts([]);
        break;
      default:
        break;
    }
  });

  /** A field for measurement `index` of the input, described by the hint when there is one. */
  function control(
    input: WalkInput,
    position: number,
    index: number,
    hintId: string | undefined,
  ): HTMLElement {
    const id = controlId(position, index);
    const data = { id, 'data-input': input.id, 'data-index': String(index) };
    const value = controlText(factAt(fitted, input.id, index));
    if (input.type === 'number' || input.type === 'integer') {
      const field = element('input', {
        ...data,
        type: 'number',
        step: input.type === 'integer' ? '1' : 'any',
        'aria-describedby': hintId === undefined ? `${id}-problem` : `${hintId} ${id}-problem`,
        ...(input.min === undefined ? {} : { min: String(input.min) }),
        ...(input.max === undefined ? {} : { max: String(input.max) }),
      });
      field.value = value;
      const box = element('span', { class: 'walk-fact-value' });
      box.append(field);
      if (input.unit) box.append(element('span', { class: 'walk-fact-unit' }, input.unit));
      return box;
    }
    const select = element('select', {
      ...data,
      ...(hintId === undefined ? {} : { 'aria-describedby': hintId }),
    });
    select.append(option('', 'Unknown'));
    if (input.type === 'boolean') select.append(option('true', 'Yes'), option('false', 'No'));
    else for (const choice of input.values ?? []) select.append(option(choice, choice));
    select.value = value;
    return select;
  }

  function inputBlock(input: WalkInput, position: number, route: Route): HTMLElement {
    const block = element('div', { class: 'walk-fact', 'data-input': input.id });
    const hintId = `walk-fact-${position}-hint`;
    const given = measurementsGiven(fitted, input.id);
    const titles = stepTitles(model);
    const hints: string[] = [];
    if (input.type === 'number' || input.type === 'integer') hints.push(numberHint(input));
    if (input.recordedAt.length > 0) {
      // A used pathway's step (ID/STEP) measures for the step of this pathway that uses it,
      // which is named already: it is named itself only when no step of this pathway is.
      const own = input.recordedAt.filter((id) => !id.includes('/'));
      const where = (own.length > 0 ? own : input.recordedAt)
        .map((id) => `“${titles.get(id) ?? id}”`)
        .join(' or ');
      hints.push(
        given > 1
          ? `Measured at ${where}: one value for each measurement in turn, the last holding after.`
          : `Measured at ${where}: unknown before then, then this value at every measurement.`,
      );
    }
    for (let index = 0; index < given; index++) {
      const row = element('div', {
        class: index === 0 ? 'walk-fact-row' : 'walk-fact-row walk-measurement',
      });
      const label = element('label', { for: controlId(position, index) });
      if (index === 0) label.textContent = input.title;
      else label.append(hidden(`${input.title}, `), `Measurement ${index + 1}`);
      row.append(label, control(input, position, index, hints.length > 0 ? hintId : undefined));
      if (index > 0) {
        const remove = element('button', {
          type: 'button',
          class: 'link',
          'data-fact': 'remove',
          'data-input': input.id,
          'data-position': String(position),
          'data-index': String(index),
        });
        remove.append('Remove', hidden(` measurement ${index + 1} of ${input.title}`));
        row.append(remove);
      }
      const problem = element('p', {
        class: 'walk-fact-problem',
        id: `${controlId(position, index)}-problem`,
      });
      problem.hidden = true;
      block.append(row, problem);
    }
    if (hints.length > 0)
      block.append(element('p', { class: 'walk-fact-hint', id: hintId }, hints.join(' ')));
    // A value for a later measurement is asked for once the route measures it again.
    if ((route.recordings.get(input.id) ?? 0) > given) {
      const add = element('button', {
        type: 'button',
        class: 'link',
        'data-fact': 'add',
        'data-input': input.id,
        'data-position': String(position),
      });
      add.append(`Give measurement ${given + 1} its own value`, hidden(` for ${input.title}`));
      block.append(add);
    }
    return block;
  }

  function build(scenario: string | undefined, route: Route): void {
    const focused =
      document.activeElement instanceof HTMLElement && section.contains(document.activeElement)
        ? document.activeElement.id
        : undefined;
    const summary = element('summary');
    summary.append(heading(level, 'Facts'), element('span', { class: 'walk-facts-count' }));
    const parts: Node[] = [summary];
    const scenarios = model.scenarios ?? [];
    if (scenarios.length > 0) {
      const row = element('div', { class: 'walk-fact-row walk-scenario' });
      const select = element('select', { id: 'walk-scenario' });
      select.append(option('', 'Choose a scenario…'));
      for (const s of scenarios) select.append(option(s.id, s.title ?? s.id));
      select.value = scenario ?? '';
      row.append(element('label', { for: 'walk-scenario' }, 'Start from a scenario'), select);
      parts.push(row);
    }
    const inputs = model.inputs ?? [];
    if (inputs.length > 0) {
      parts.push(
        element(
          'p',
          { class: 'walk-facts-help' },
          'Decisions with conditions are answered from these facts; leave a fact unknown to answer by hand.',
        ),
      );
      inputs.forEach((input, position) => parts.push(inputBlock(input, position, route)));
      parts.push(element('button', { type: 'button', 'data-fact': 'clear' }, 'Clear the facts'));
    }
    section.replaceChildren(...parts);
    section.hidden = inputs.length === 0 && scenarios.length === 0;
    count();
    if (focused) document.getElementById(focused)?.focus();
  }

  /** How many facts are set, beside the heading (seen when the facts are folded away). */
  function count(): void {
    const inputs = model.inputs ?? [];
    const note = section.querySelector('.walk-facts-count');
    if (note)
      note.textContent = inputs.length === 0 ? '' : ` ${fitted.length} of ${inputs.length} set`;
  }

  /** Puts the facts into the controls the reader is not typing in. */
  function sync(scenario: string | undefined): void {
    for (const control of section.querySelectorAll<HTMLInputElement | HTMLSelectElement>(
      'input[data-input], select[data-input]',
    )) {
      if (control === document.activeElement && control instanceof HTMLInputElement) continue;
      const index = Number(control.dataset['index'] ?? '0');
      const text = controlText(factAt(fitted, control.dataset['input'] ?? '', index));
      if (control.value !== text) control.value = text;
      if (control instanceof HTMLInputElement) showProblem(control);
    }
    const select = section.querySelector<HTMLSelectElement>('#walk-scenario');
    if (select) select.value = scenario ?? '';
    count();
  }

  function show(
    next: WalkModel,
    nextFacts: readonly WalkFact[],
    scenario: string | undefined,
    route: Route,
  ): void {
    model = next;
    facts = nextFacts;
    fitted = fitFacts(model, facts);
    // What the form holds, but for the values: rebuilt only when that changes.
    const nextShape = JSON.stringify([
      model.inputs ?? [],
      (model.scenarios ?? []).map((s) => [s.id, s.title]),
      model.steps.map((s) => s.title),
      (model.inputs ?? []).map((input) => [
        measurementsGiven(fitted, input.id),
        (route.recordings.get(input.id) ?? 0) > measurementsGiven(fitted, input.id),
      ]),
    ]);
    if (nextShape !== shape) {
      shape = nextShape;
      build(scenario, route);
    } else sync(scenario);
  }

  return { element: section, show };
}
