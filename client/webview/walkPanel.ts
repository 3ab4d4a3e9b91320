// The walk-through's side panel: the question waiting with its answers, the answers given and
// the recommendations met, each with its grade and citations. The walk itself is logic/walk.
import type { WalkModel, WalkStep } from '../../shared/webviewMessages';
import { element } from './dom';
import {
  citationLine,
  gradeLine,
  walkRecord,
  walkRoute,
  waysOut,
  type Choices,
} from './logic/walk';

export interface WalkPanelEvents {
  /** An answer to the waiting decision: its exit's index. */
  answer(index: number): void;
  back(): void;
  restart(): void;
  /** A recommendation met was picked: show it. */
  reveal(stepId: string): void;
}

export interface WalkPanel {
  readonly element: HTMLElement;
  /** Draws the walk `choices` through `model`; undefined (not walking) hides the panel. */
  show(model: WalkModel, choices: Choices | undefined): void;
}

function recommendationItem(step: WalkStep): HTMLElement {
  const r = step.recommendation;
  const item = element('li', { class: 'walk-recommendation', 'data-step': step.id });
  item.append(
    element(
      'button',
      { type: 'button', class: 'walk-rec-title link', title: 'Show in the editor' },
      step.title,
    ),
  );
  if (!r) return item;
  item.append(
    element('span', { class: `walk-grade certainty-${r.certainty ?? 'unknown'}` }, gradeLine(r)),
  );
  const cites = element('ul', { class: 'walk-citations' });
  for (const c of r.citations) cites.append(element('li', {}, citationLine(c)));
  if (r.citations.length === 0) cites.append(element('li', { class: 'none' }, 'No citation.'));
  item.append(cites);
  return item;
}

/** The panel; its pressed state mirrored on the toolbar's `toggle` button. */
export function createWalkPanel(toggle: HTMLButtonElement, events: WalkPanelEvents): WalkPanel {
  const panel = element('aside', { class: 'walk-panel', 'aria-label': 'Walk-through' });
  panel.hidden = true;

  panel.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const answer = target?.closest<HTMLElement>('button[data-answer]')?.dataset['answer'];
    const control = target?.closest<HTMLElement>('button[data-walk]')?.dataset['walk'];
    const recommendation = target?.closest<HTMLElement>('li[data-step]')?.dataset['step'];
    if (answer !== undefined) events.answer(Number(answer));
    else if (control === 'back') events.back();
    else if (control === 'restart') events.restart();
    else if (recommendation !== undefined) events.reveal(recommendation);
  });

  function show(model: WalkModel, choices: Choices | undefined): void {
    const walking = choices !== undefined;
    toggle.setAttribute('aria-pressed', String(walking));
    panel.hidden = !walking;
    if (!walking) return;
    const route = walkRoute(model, choices);
    const parts: Node[] = [element('h2', {}, 'Walk-through')];
    if (route.waiting) {
      parts.push(element('p', { class: 'walk-question' }, route.waiting.title));
      const answers = element('div', { class: 'walk-answers' });
      waysOut(model, route.waiting).forEach((words, index) => {
        answers.append(
          element(
            'button',
            { type: 'button', 'data-answer': String(index), class: 'walk-answer' },
            words,
          ),
        );
      });
      parts.push(answers);
    } else if (route.ended) {
      parts.push(element('p', { class: 'walk-end' }, `Ends at: ${route.ended.title}`));
      if (route.ended.outcome !== undefined)
        parts.push(element('p', { class: 'walk-outcome' }, `Outcome: ${route.ended.outcome}`));
    } else {
      parts.push(element('p', { class: 'walk-stuck' }, route.stuck ?? ''));
    }
    const controls = element('div', { class: 'walk-controls' });
    const back = element('button', { type: 'button', 'data-walk': 'back' }, 'Step back');
    back.disabled = route.choices.length === 0;
    controls.append(back, element('button', { type: 'button', 'data-walk': 'restart' }, 'Restart'));
    parts.push(controls);

    const record = walkRecord(model, route);
    if (record.answers.length > 0) {
      parts.push(element('h3', {}, 'Answers given'));
      const list = element('ol', { class: 'walk-answers-given' });
      for (const { question, answer } of record.answers) {
        list.append(element('li', {}, `${question} → ${answer}`));
      }
      parts.push(list);
    }
    const met = record.recommendations;
    parts.push(element('h3', {}, `Recommendations met (${met.length})`));
    const list = element('ol', { class: 'walk-recommendations' });
    list.append(...met.map(recommendationItem));
    if (met.length === 0) parts.push(element('p', { class: 'empty' }, 'None yet.'));
    else parts.push(list);
    panel.replaceChildren(...parts);
  }

  return { element: panel, show };
}
