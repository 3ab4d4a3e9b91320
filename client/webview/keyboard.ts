// Steps from the keyboard: one tab stop (the current step), the arrow keys along the arrows,
// and a status line that says what a key did when focus cannot show it.
import { element } from './dom';
import { linksOf, stepBefore, type Links } from './logic/paths';
import { faceOf, nodeOf, type Shown } from './svgIntake';

export interface StepKeys {
  /** Read out with the chart: its keys in one sentence. */
  readonly help: HTMLElement;
  /** Where `say` speaks. */
  readonly status: HTMLElement;
  /** The step Tab comes back to. */
  readonly current: string | undefined;
  /** A new picture: its arrows are the ones the keys follow. */
  relink(): void;
  /** Makes a step the tab stop (when the picture has it). */
  setCurrent(id: string | undefined): void;
  /** Focuses a step without forgetting the way the arrow keys came. */
  refocus(id: string): void;
  /** Focuses a step, and makes it the tab stop; false when there is no such step. */
  focusStep(id: string): boolean;
  /** What a key does on a step; false leaves the key to the picture (Shift and arrows pan). */
  stepKey(id: string, event: KeyboardEvent): boolean;
  /** Tells a screen reader what happened when focus cannot. */
  say(words: string): void;
}

/** What the keys' help says of the page: it differs between the preview and a published page. */
export interface KeyWords {
  /** What Enter on a step does: "shows the step in the editor". */
  readonly enter: string;
  /** Where the page's own keys work: "Anywhere". */
  readonly where: string;
  /** Whether S and H export the picture. */
  readonly exports: boolean;
  /** A last sentence, of the page's other keys. */
  readonly more?: string;
}

/** The keys in one paragraph, read out with the chart. */
export function keysHelp(words: KeyWords): string {
  const exports = words.exports ? ', S and H export the picture as SVG or HTML' : '';
  const more = words.more === undefined ? '' : ` ${words.more}`;
  return (
    'On a step: Down arrow follows its arrow to the next step, Up arrow goes back, Left and ' +
    'Right arrows move between the branches of the step before, Home goes to the start, and ' +
    `Enter ${words.enter} or, walking through, takes that branch. Shift and the arrows move ` +
    `the picture. ${words.where}: plus and minus zoom, 0 fits the width (again: the whole ` +
    `chart), 1 shows the actual size, W walks through, L shows the legend${exports}.${more}`
  );
}

/**
 * The keys on the picture `shown` in `viewport`, their help in `words`. Enter (or Space) on a
 * step is `takeStep`; a step reached by focus comes into view with `ensureVisible`.
 */
export function createStepKeys(
  viewport: HTMLElement,
  shown: Shown,
  takeStep: (id: string) => void,
  ensureVisible: (node: SVGGElement) => void,
  words: KeyWords,
): StepKeys {
  const status = element('div', { class: 'visually-hidden', role: 'status' });
  const help = element('p', { id: 'pw-keys', class: 'visually-hidden' }, keysHelp(words));
  let links: Links = { exits: new Map(), entries: new Map() };
  let tabStop: string | undefined;
  /** The steps left by the down arrow, so that the up arrow goes back the same way. */
  let trail: string[] = [];
  /** The step an arrow key is moving focus to (focus from elsewhere forgets the trail). */
  let moving: string | undefined;

  function setCurrent(id: string | undefined): void {
    const picture = shown.picture;
    if (!picture || id === undefined || !picture.nodes.has(id)) return;
    if (tabStop !== undefined && tabStop !== id) {
      faceOf(picture.nodes.get(tabStop))?.setAttribute('tabindex', '-1');
    }
    faceOf(picture.nodes.get(id))?.setAttribute('tabindex', '0');
    tabStop = id;
  }

  function focusStep(id: string): boolean {
    const face = faceOf(shown.picture?.nodes.get(id));
    if (!face) return false;
    setCurrent(id);
    face.focus({ preventScroll: true });
    return true;
  }

  function say(words: string): void {
    status.textContent = status.textContent === words ? `${words}\u00a0` : words;
  }

  function refocus(id: string): void {
    moving = id;
    focusStep(id);
    moving = undefined;
  }

  function moveTo(id: string): void {
    status.textContent = '';
    refocus(id);
  }

  function followArrow(id: string): void {
    const next = links.exits.get(id)?.[0];
    if (next === undefined) {
      say(
        shown.picture?.nodes.get(id)?.classList.contains('kind-end')
          ? 'The pathway ends here.'
          : 'No arrow leads on from this step.',
      );
      return;
    }
    trail.push(id);
    moveTo(next);
  }

  function goBack(id: string): void {
    const parent = stepBefore(links, trail, id);
    if (parent === undefined) {
      say('No step leads here.');
      return;
    }
    if (trail.at(-1) === parent) trail.pop();
    else trail = [];
    moveTo(parent);
  }

  function sibling(id: string, step: 1 | -1): void {
    const parent = stepBefore(links, trail, id);
    const siblings = parent === undefined ? [] : (links.exits.get(parent) ?? []);
    const next = siblings[siblings.indexOf(id) + step];
    if (parent === undefined || next === undefined) {
      say(
        siblings.length > 1 ? 'No other branch this way.' : 'The step before has no other branch.',
      );
      return;
    }
    if (trail.at(-1) !== parent) trail = [parent];
    moveTo(next);
  }

  function stepKey(id: string, event: KeyboardEvent): boolean {
    if (event.key === 'Enter' || event.key === ' ') {
      takeStep(id);
      return true;
    }
    if (event.shiftKey) return false;
    switch (event.key) {
      case 'ArrowDown':
        followArrow(id);
        return true;
      case 'ArrowUp':
        goBack(id);
        return true;
      case 'ArrowLeft':
        sibling(id, -1);
        return true;
      case 'ArrowRight':
        sibling(id, 1);
        return true;
      case 'Home': {
        const start = shown.picture?.starts[0];
        trail = [];
        if (start !== undefined) moveTo(start);
        else say('The pathway has no start step.');
        return true;
      }
      default:
        return false;
    }
  }

  // A step reached by Tab, a click or an arrow key becomes the current one, and comes into view.
  viewport.addEventListener('focusin', (event) => {
    const node = nodeOf(shown.picture, event.target);
    const id = node?.dataset['step'];
    if (!node || id === undefined) return;
    if (id !== moving) trail = [];
    setCurrent(id);
    ensureVisible(node);
  });

  return {
    help,
    status,
    get current() {
      return tabStop;
    },
    relink() {
      links = linksOf(shown.picture?.edges ?? []);
    },
    setCurrent,
    refocus,
    focusStep,
    stepKey,
    say,
  };
}
