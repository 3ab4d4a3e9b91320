// The walk-through's side panel: the facts of the patient (factsPanel), the question waiting
// with its answers (or why the facts could not answer it), the answers given with why the facts
// took each, the recommendations met with their grade and citations, and saving the walk as a
// scenario. The walk itself is logic/walk.
import type { ScenarioDraft, WalkFact, WalkModel, WalkStep } from '../../shared/webviewMessages';
import { element, heading } from './dom';
import { createFactsPanel, type FactsPanelEvents } from './factsPanel';
import { scenarioDraft } from './logic/facts';
import {
  citationLine,
  gradeLine,
  walkRecord,
  walkRoute,
  waysOut,
  type Choices,
  type Route,
} from './logic/walk';

export interface WalkPanelEvents extends FactsPanelEvents {
  /** An answer to the waiting decision: its exit's index. */
  answer(index: number): void;
  back(): void;
  restart(): void;
  /** A recommendation met was picked: show it. */
  reveal(stepId: string): void;
  /** Save the walk made as a scenario of the file; none where nothing can be saved (no button). */
  save?(scenario: ScenarioDraft): void;
  /** Open the preview of the pathway a `pathway` step uses; none where the page cannot (no link). */
  readonly openPathway?: (stepId: string) => void;
}

export interface WalkPanel {
  readonly element: HTMLElement;
  /**
   * Draws the walk `choices` with `facts` through `model`, started from `scenario`; undefined
   * choices (not walking) hide the panel.
   */
  show(
    model: WalkModel,
    choices: Choices | undefined,
    facts?: readonly WalkFact[],
    scenario?: string,
  ): void;
}

/** Where the walk ended against what the scenario it started from expects. */
function expectation(
  model: WalkModel,
  route: Route,
  scenarioId: string | undefined,
): string | undefined {
  const scenario = model.scenarios?.find((s) => s.id === scenarioId);
  if (!scenario?.end) return undefined;
  const name = `“${scenario.title ?? scenario.id}”`;
  const end = model.steps.find((step) => step.id === scenario.end)?.title ?? scenario.end;
  if (route.ended?.id === scenario.end) return `Scenario ${name} expects this end.`;
  return `Scenario ${name} expects the walk to end at “${end}”.`;
}

function recommendationItem(step: WalkStep, tooltip: string): HTMLElement {
  const r = step.recommendation;
  const item = element('li', { class: 'walk-recommendation', 'data-step': step.id });
  item.append(
    element('button', { type: 'button', class: 'walk-rec-title link', title: tooltip }, step.title),
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

/**
 * While the walk is inside a sub-pathway: which pathway, entered by which step of this file,
 * with a link to that pathway's own preview where the page can open it.
 */
function insideWords(
  model: WalkModel,
  route: Route,
  openPathway: ((stepId: string) => void) | undefined,
): HTMLElement | undefined {
  const entered = route.inside[0];
  // Waiting at a box it cannot walk through, the link is all there is to say.
  const at = entered ?? (route.waiting?.kind === 'pathway' ? route.waiting.id : undefined);
  const call = model.steps.find((step) => step.id === at);
  if (!call?.uses || (entered === undefined && !openPathway)) return undefined;
  const used = call.uses.title ?? call.uses.file;
  const depth = route.inside.length > 1 ? `, ${route.inside.length} sub-pathways deep` : '';
  const note = element(
    'p',
    { class: 'walk-inside' },
    entered === undefined
      ? `“${call.title}” uses ${used}.`
      : `Walking through the sub-pathway “${used}” (from “${call.title}”${depth}).`,
  );
  if (openPathway)
    note.append(
      ' ',
      element(
        'button',
        { type: 'button', class: 'link', 'data-open-pathway': call.id },
        'Open its preview',
      ),
    );
  return note;
}

/**
 * The panel; its pressed state mirrored on the toolbar's `toggle` button. `tooltip` says what
 * picking a recommendation met does ("Show in the editor"); its heading is at `level`.
 */
export function createWalkPanel(
  toggle: HTMLButtonElement,
  events: WalkPanelEvents,
  tooltip: string,
  level: number,
): WalkPanel {
  const panel = element('aside', { class: 'walk-panel', 'aria-label': 'Walk-through' });
  panel.hidden = true;

  const facts = createFactsPanel(events, level + 1);
  const walk = element('div', { class: 'walk-route' });
  panel.append(heading(level, 'Walk-through'), facts.element, walk);
  /** What Save as scenario sends, while the walk shown can be saved. */
  let saving: ScenarioDraft | undefined;

  walk.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const answer = target?.closest<HTMLElement>('button[data-answer]')?.dataset['answer'];
    const control = target?.closest<HTMLElement>('button[data-walk]')?.dataset['walk'];
    const recommendation = target?.closest<HTMLElement>('li[data-step]')?.dataset['step'];
    const opens = target?.closest<HTMLElement>('button[data-open-pathway]')?.dataset['openPathway'];
    if (opens !== undefined) events.openPathway?.(opens);
    else if (answer !== undefined) events.answer(Number(answer));
    else if (control === 'back') events.back();
    else if (control === 'restart') events.restart();
    else if (control === 'save' && saving) events.save?.(saving);
    else if (recommendation !== undefined) events.reveal(recommendation);
  });

  function show(
    model: WalkModel,
    choices: Choices | undefined,
    given: readonly WalkFact[] = [],
    scenario?: string,
  ): void {
    const walking = choices !== undefined;
    toggle.setAttribute('aria-pressed', String(walking));
    panel.hidden = !walking;
    if (!walking) return;
    const route = walkRoute(model, choices, given);
    facts.show(model, given, scenario, route);
    const parts: Node[] = [];
    const within = insideWords(model, route, events.openPathway);
    if (within) parts.push(within);
    if (route.waiting) {
      parts.push(element('p', { class: 'walk-question' }, route.waiting.title));
      if (route.undecided !== undefined)
        parts.push(element('p', { class: 'walk-undecided' }, route.undecided));
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
    const expects = expectation(model, route, scenario);
    if (expects !== undefined) parts.push(element('p', { class: 'walk-expect' }, expects));
    const controls = element('div', { class: 'walk-controls' });
    const back = element('button', { type: 'button', 'data-walk': 'back' }, 'Step back');
    back.disabled = route.choices.length === 0;
    controls.append(back, element('button', { type: 'button', 'data-walk': 'restart' }, 'Restart'));
    parts.push(controls);
    if (events.save) {
      const draft = scenarioDraft(model, route, given);
      saving = draft.ok ? draft.scenario : undefined;
      const save = element(
        'button',
        {
          type: 'button',
          'data-walk': 'save',
          title: 'Write this walk into the file as a new scenario',
        },
        'Save as scenario',
      );
      save.disabled = !draft.ok;
      controls.append(save);
      // Why not, once there is something to save: while walking, the end is still to come.
      if (!draft.ok && route.ended) parts.push(element('p', { class: 'walk-save-why' }, draft.why));
    }

    const record = walkRecord(model, route);
    if (record.answers.length > 0) {
      parts.push(heading(level + 1, 'Answers'));
      const list = element('ol', { class: 'walk-answers-given' });
      for (const { question, answer, by, because } of record.answers) {
        const item = element('li', { 'data-by': by }, `${question} → ${answer}`);
        if (because !== undefined)
          item.append(element('span', { class: 'walk-because' }, `By the facts: ${because}`));
        list.append(item);
      }
      parts.push(list);
    }
    const met = record.recommendations;
    parts.push(heading(level + 1, `Recommendations met (${met.length})`));
    const list = element('ol', { class: 'walk-recommendations' });
    list.append(...met.map((step) => recommendationItem(step, tooltip)));
    if (met.length === 0) parts.push(element('p', { class: 'empty' }, 'None yet.'));
    else parts.push(list);
    walk.replaceChildren(...parts);
  }

  return { element: panel, show };
}
