// The interactive flowchart, wherever it is shown: the toolbar, the picture panned and zoomed,
// the keys on its steps, the legend, the walk-through with its facts and scenarios, a
// scenario's route and the changes since another version, wired together. The page around it
// says where the picture comes from and what picking a step does: the preview asks VS Code
// (messaging.ts), a published page shows the step's entry of the page itself.
import type {
  PictureFormat,
  ScenarioDraft,
  ShownRoute,
  WalkFact,
  WalkModel,
} from '../../shared/webviewMessages';
import { createChangesPanel, type Changes } from './changesPanel';
import { createBanner, element } from './dom';
import { createStepKeys } from './keyboard';
import { createLegend } from './legend';
import { replayScenario } from './logic/replay';
import {
  answer,
  answerByStep,
  fromScenario,
  refit,
  stepBack,
  walkHere,
  walkNews,
  walkRoute,
} from './logic/walk';
import type { Choices } from './logic/walk';
import { markHighlight, markRoute, markSelection, markWalk } from './marks';
import { createRouteBar } from './routeBar';
import type { PageState } from './state';
import { nodeOf, readPicture, type Shown } from './svgIntake';
import { createToolbar } from './toolbar';
import { createViewer } from './view';
import { createWalkPanel } from './walkPanel';

/** What the page around the flowchart does for it. */
export interface FlowchartHost {
  /** A step was picked (a click, Enter, a recommendation or a change named): show it. */
  readonly reveal: (stepId: string) => void;
  /** The reader cleared the scenario's route. */
  readonly clearRoute: () => void;
  /** Saves the picture as a file; without it, the toolbar has no export. */
  readonly exportPicture?: (format: PictureFormat) => void;
  /** Writes the walk made into the file as a scenario; without it, the walk cannot be saved. */
  readonly saveScenario?: (scenario: ScenarioDraft) => void;
  /** Escape, before the chart's own: true when the page had something to close. */
  readonly escape?: () => boolean;
  /**
   * Opens the preview of the pathway a sub-pathway's box uses; without it, the box is shown
   * as any step is.
   */
  readonly openPathway?: (stepId: string) => void;
}

/** What picking a step does, in the words of the keys' help, the legend and a tooltip. */
export interface RevealWords {
  /** "shows the step in the editor" */
  readonly shows: string;
  /** "show it in the editor" */
  readonly show: string;
  /** "Show in the editor" */
  readonly tooltip: string;
}

export interface FlowchartOptions {
  readonly state: PageState;
  /** The pathway's title in the toolbar; none where the page heads the chart itself. */
  readonly title?: string;
  readonly reveal: RevealWords;
  /**
   * `page`: the flowchart is the whole page (the preview): every key is its own and the wheel
   * moves the picture. `part`: it is part of a longer page: only keys pressed on the picture,
   * the toolbar or the route bar are its own (Escape from its panels too), the wheel scrolls
   * the page and Ctrl with the wheel zooms.
   */
  readonly fills: 'page' | 'part';
  /**
   * A scenario picked in the walk-through also shows its route in the route bar, where no
   * host runs the scenarios to show theirs.
   */
  readonly replayRoutes?: boolean;
  /** Panels beside the picture after the flowchart's own (a published page's step detail). */
  readonly panels?: readonly HTMLElement[];
  /** A last sentence of the keys' help, of the page's own keys. */
  readonly moreKeys?: string;
  /** The level of the panels' headings: under the toolbar's title (2), or the page's (3). */
  readonly headings: number;
}

export interface FlowchartApp {
  /** Shows the pathway's title in the toolbar (when it has one). */
  setTitle(title: string): void;
  /** Shows a picture of the pathway (taken in by svgIntake), its walk model and changes. */
  draw(svg: SVGSVGElement, walk: WalkModel, changes?: Changes): void;
  /** Says what went wrong above the picture; undefined takes the words away. */
  warn(message: string | undefined): void;
  /** The words shown where the picture will be, until there is one. */
  waiting(words: string): void;
  readonly drawn: boolean;
  /** Lights the step the editor's cursor is in (undefined: none), and brings it into view. */
  highlight(stepId: string | undefined): void;
  /** Shows a scenario's route (undefined clears it), and says so to a screen reader. */
  showRoute(route: ShownRoute | undefined): void;
  /** Brings a step into view and picks it, as naming it in a panel does. */
  showStep(stepId: string): void;
  /** The step Tab comes back to, focused; false when the picture has no such step. */
  focusStep(stepId: string): boolean;
  /** The whole diagram at its natural size (to print), or back to the view it had. */
  showWhole(whole: boolean): void;
}

/** Builds the flowchart in `root` (the preview's body, or a part of a published page). */
export function createFlowchartApp(
  root: HTMLElement,
  host: FlowchartHost,
  options: FlowchartOptions,
): FlowchartApp {
  const { state } = options;
  const exporting = host.exportPicture;
  /** What the page shows: the picture, the walk model it came with, the cursor's step. */
  const shown: Shown & { walk: WalkModel; highlighted: string | undefined } = {
    picture: undefined,
    walk: { start: undefined, steps: [] },
    highlighted: undefined,
  };

  const toolbar = createToolbar(options.title, {
    'zoom-in': () => viewer.zoomBy(1.25),
    'zoom-out': () => viewer.zoomBy(0.8),
    fit: () => viewer.fit(),
    reset: () => viewer.reset(),
    walk: () => walk(state.current.walk === undefined ? [] : undefined),
    legend: () => {
      state.save({ legendHidden: legend.shown });
      legend.show(!legend.shown);
    },
    ...(exporting
      ? {
          'export-svg': () => exporting('svg'),
          'export-html': () => exporting('html'),
        }
      : {}),
  });
  const banner = createBanner();
  const routeBar = createRouteBar(clearRoute);
  const viewportAttributes = {
    class: 'viewport',
    tabindex: '-1',
    'aria-label': 'Flowchart',
    'aria-describedby': 'pw-keys',
  };
  // The preview's page is the flowchart (its main landmark); a published page has its own main.
  const viewport =
    options.fills === 'page'
      ? element('main', viewportAttributes)
      : element('div', { ...viewportAttributes, role: 'group' });
  const placeholder = element('div', { class: 'placeholder' }, 'Drawing the pathway…');
  const viewer = createViewer(
    viewport,
    toolbar.zoomLabel,
    state,
    shown,
    (target) => {
      const id = nodeOf(shown.picture, target)?.dataset['step'];
      if (id !== undefined) {
        const focused = document.activeElement;
        takeStep(id);
        // The keyboard goes on from the step clicked (no ring: the pointer put it there),
        // unless picking it took the focus elsewhere (to the step's detail).
        if (document.activeElement === focused) keys.focusStep(id);
      } else if (state.current.walk === undefined) select(undefined);
    },
    options.fills === 'page'
      ? { wheel: 'pan' }
      : {
          wheel: 'page',
          // A panel opening beside the chart on a step picked leaves that step in view.
          keepInView: () => {
            const id = keys.current;
            return id === undefined ? undefined : shown.picture?.nodes.get(id);
          },
        },
  );
  const keys = createStepKeys(viewport, shown, takeStep, (node) => viewer.ensureVisible(node), {
    enter: options.reveal.shows,
    where: options.fills === 'page' ? 'Anywhere' : 'On the chart and its toolbar',
    exports: exporting !== undefined,
    ...(options.moreKeys === undefined ? {} : { more: options.moreKeys }),
  });
  viewport.append(placeholder, keys.status);
  const legend = createLegend(toolbar.legendButton, {
    enter: options.reveal.show,
    opensPathways: host.openPathway !== undefined,
    exports: exporting !== undefined,
    level: options.headings,
  });
  const save = host.saveScenario;
  const walkPanel = createWalkPanel(
    toolbar.walkButton,
    {
      answer: (index) => walk(answer(shown.walk, state.current.walk ?? [], index, facts())),
      back: () => walk(stepBack(shown.walk, state.current.walk ?? [], facts())),
      restart: () => walk([]),
      reveal: activate,
      facts: (next) => {
        const choices = refit(shown.walk, state.current.walk ?? [], facts(), next);
        state.save({ facts: next, scenario: undefined });
        walk(choices);
      },
      scenario: (id) => {
        const started = fromScenario(shown.walk, id);
        if (!started) return;
        state.save({ facts: started.facts, scenario: id });
        walk(started.choices, id);
      },
      ...(save ? { save } : {}),
      ...(host.openPathway ? { openPathway: host.openPathway } : {}),
    },
    options.reveal.tooltip,
    options.headings,
  );
  const changesPanel = createChangesPanel(showStep, options.headings);
  const main = element('div', { class: 'main' });
  main.append(
    changesPanel.element,
    viewport,
    walkPanel.element,
    legend.element,
    ...(options.panels ?? []),
  );
  viewport.append(keys.help);
  root.classList.add('pw-app');
  root.append(toolbar.element, banner.element, routeBar.element, main);

  function showPicture(svg: SVGSVGElement): void {
    const picture = readPicture(svg);
    // A new picture of the same pathway keeps the reader's place on the step they were on.
    const focused = shown.picture?.svg.contains(document.activeElement)
      ? nodeOf(shown.picture, document.activeElement)?.dataset['step']
      : undefined;
    placeholder.remove();
    if (shown.picture) shown.picture.svg.replaceWith(svg);
    else viewport.append(svg);
    shown.picture = picture;
    keys.relink();
    viewer.restore();
    const { selected } = state.current;
    if (selected !== undefined && !picture.nodes.has(selected)) state.save({ selected: undefined });
    markPaths();
    markHighlight(picture, shown.highlighted);
    keys.setCurrent(
      [
        keys.current,
        state.current.selected,
        walkHere(shown.walk, state.current.walk, facts()),
        picture.starts[0],
        picture.nodes.keys().next().value,
      ].find((id) => id !== undefined && picture.nodes.has(id)),
    );
    // Still the same walk: the up arrow goes back the way the keys came.
    if (focused !== undefined && picture.nodes.has(focused)) keys.refocus(focused);
  }

  function markPaths(): void {
    if (!shown.picture) return;
    // A scenario's route, while shown, is what the picture marks.
    markRoute(shown.picture, routeBar.shown);
    if (routeBar.shown?.steps.length) return;
    const choices = state.current.walk;
    if (choices !== undefined) {
      markWalk(shown.picture, walkRoute(shown.walk, choices, facts()), (node) =>
        viewer.ensureVisible(node),
      );
    } else {
      markSelection(shown.picture, state.current.selected);
    }
  }

  function select(id: string | undefined): void {
    state.save({ selected: id });
    markPaths();
  }

  function showStep(id: string): void {
    const node = shown.picture?.nodes.get(id);
    if (node) viewer.ensureVisible(node);
    activate(id);
  }

  /**
   * Selects a step (unless walking through) and asks the host to show it; a sub-pathway's box
   * also opens the used pathway's own preview, where the page can.
   */
  function activate(id: string): void {
    if (state.current.walk === undefined) select(id);
    keys.setCurrent(id);
    host.reveal(id);
    if (opensPathway(id)) host.openPathway?.(id);
  }

  /** Whether picking step `id` opens the preview of a pathway it uses. */
  function opensPathway(id: string): boolean {
    if (!host.openPathway) return false;
    return shown.walk.steps.find((step) => step.id === id)?.uses !== undefined;
  }

  /**
   * A click or Enter on a step: walking through, a step the waiting decision leads to is taken
   * as its answer; otherwise the step is shown.
   */
  function takeStep(id: string): void {
    const choices = state.current.walk;
    const answered =
      choices === undefined ? undefined : answerByStep(shown.walk, choices, id, facts());
    if (answered !== undefined) {
      keys.setCurrent(id);
      walk(answered);
    } else activate(id);
  }

  /** The facts set in the walk-through. */
  function facts(): readonly WalkFact[] {
    return state.current.facts ?? [];
  }

  /** Walks with `choices` (undefined: not walking), replayed from scenario `replayed`. */
  function walk(choices: Choices | undefined, replayed?: string): void {
    state.save({ walk: choices });
    // The route bar names a replayed scenario's route until the walk goes its own way.
    if (options.replayRoutes) {
      const replay = replayed === undefined ? undefined : replayScenario(shown.walk, replayed);
      routeBar.show(replay?.route, shown.walk, replay?.verdict);
    }
    showWalkPanel();
    markPaths();
    // Tab comes back to where the walk is, unless the reader is on a step of the chart.
    if (!shown.picture?.svg.contains(document.activeElement)) {
      keys.setCurrent(walkHere(shown.walk, choices, facts()));
    }
    // Where the walk has got to is said once, not the whole panel again.
    if (choices !== undefined) keys.say(walkNews(walkRoute(shown.walk, choices, facts())));
  }

  function showWalkPanel(): void {
    walkPanel.show(shown.walk, state.current.walk, facts(), state.current.scenario);
  }

  /** Where the chart's own keys are pressed: anywhere on the preview, on the chart's part of a page. */
  const ownKeys = (target: EventTarget | null): boolean =>
    options.fills === 'page' ||
    (target instanceof Node &&
      [toolbar.element, routeBar.element, viewport].some((part) => part.contains(target)));

  function onKey(event: KeyboardEvent): void {
    // Chords belong to the editor (Ctrl+1 focuses it, Ctrl+= zooms the window), not the picture.
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const id = nodeOf(shown.picture, event.target)?.dataset['step'];
    if (id !== undefined && keys.stepKey(id, event)) {
      event.preventDefault();
      return;
    }
    // A field of the facts takes its own keys (digits, arrows, letters to pick a value).
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement)
      return;
    // Enter and Space press a focused button; every other key is the page's.
    const pressing = event.key === 'Enter' || event.key === ' ';
    if (event.target instanceof HTMLButtonElement && pressing) return;
    if (event.key === 'Escape') escape();
    else if (!ownKeys(event.target) || (!viewer.key(event.key) && !toolbar.key(event.key))) return;
    event.preventDefault();
  }
  if (options.fills === 'page') document.addEventListener('keydown', onKey);
  else root.addEventListener('keydown', onKey);

  /** Escape takes back the last thing shown: the page's own, the route, the selection. */
  function escape(): void {
    if (host.escape?.()) return;
    if (routeBar.shown) clearRoute();
    else if (state.current.walk === undefined) select(undefined);
  }

  /** The reader cleared the route: the host forgets it too, so a reload does not bring it back. */
  function clearRoute(): void {
    routeBar.show(undefined, shown.walk);
    markPaths();
    host.clearRoute();
  }

  // The legend lies over the chart, so it waits to be asked for.
  legend.show(state.current.legendHidden === false);
  showWalkPanel();

  return {
    setTitle: (title) => toolbar.setTitle(title),
    draw(svg, walkModel, changes) {
      shown.walk = walkModel;
      // The facts stay as set (one for an input being retyped counts again once it is back);
      // the answers still on the route are kept.
      const choices = state.current.walk;
      if (choices !== undefined)
        state.save({ walk: walkRoute(shown.walk, choices, facts()).choices });
      showWalkPanel();
      routeBar.show(routeBar.shown, shown.walk);
      changesPanel.show(changes);
      showPicture(svg);
    },
    warn: (message) => banner.show(message),
    waiting(words) {
      placeholder.textContent = words;
    },
    get drawn() {
      return shown.picture !== undefined;
    },
    highlight(stepId) {
      shown.highlighted = stepId;
      if (shown.picture) markHighlight(shown.picture, shown.highlighted);
      const node = stepId === undefined ? undefined : shown.picture?.nodes.get(stepId);
      if (node) viewer.ensureVisible(node);
    },
    showRoute(route) {
      const words = routeBar.show(route, shown.walk);
      markPaths();
      if (words) keys.say(words);
    },
    showStep,
    focusStep: (stepId) => keys.focusStep(stepId),
    showWhole: (whole) => viewer.showWhole(whole),
  };
}
