// Which scenario's route a document's preview shows: the one the editor's cursor is in (its
// route goes when the cursor leaves the block), or the one last run alone; kept current as
// the document changes, and forgotten when the reader clears it.
import { isFailure, type ScenarioInfo, type ScenariosResult } from '../../../shared/serverRequests';
import type { ShownRoute } from '../../../shared/webviewMessages';

/** The scenario whose block holds `line`, if any. */
export function scenarioAt(
  scenarios: readonly ScenarioInfo[],
  line: number,
): ScenarioInfo | undefined {
  return scenarios.find((scenario) => scenario.line <= line && line <= scenario.endLine);
}

function shownRoute(scenario: ScenarioInfo): ShownRoute {
  return {
    id: scenario.id,
    ...(scenario.title !== undefined ? { title: scenario.title } : {}),
    status: scenario.status,
    steps: scenario.route,
  };
}

/** The route one preview shows, and when to show another. */
export class PreviewRoute {
  private scenarios: readonly ScenarioInfo[] = [];
  private shown: ShownRoute | undefined;
  /** The scenario the cursor is in: moving within it changes nothing, leaving it clears. */
  private cursorIn: string | undefined;
  private cursorLine: number | undefined;
  private asked = 0;

  constructor(
    /** Asks the server for the document's scenarios, run on its current text. */
    private readonly ask: () => Promise<ScenariosResult>,
    /** Gives the webview the route to show (undefined: none). */
    private readonly post: (route: ShownRoute | undefined) => void,
  ) {}

  /**
   * A new version is drawn (or the page reloaded): the scenarios are read again, the route
   * shown follows its scenario's new run, and the cursor's scenario is found anew.
   */
  async refresh(): Promise<void> {
    const request = ++this.asked;
    let result: ScenariosResult;
    try {
      result = await this.ask();
    } catch {
      // The server is restarting: the next picture asks again.
      return;
    }
    // An older answer than one already taken, or a text that cannot be read: keep what is shown.
    if (request !== this.asked) return;
    if (!isFailure(result)) {
      this.scenarios = result.scenarios;
      const again = this.shown && result.scenarios.find((s) => s.id === this.shown?.id);
      this.shown = again ? shownRoute(again) : undefined;
      const inside =
        this.cursorLine === undefined ? undefined : scenarioAt(this.scenarios, this.cursorLine);
      if (inside && inside.id !== this.cursorIn) this.shown = shownRoute(inside);
      if (!inside && this.cursorIn !== undefined && this.shown?.id === this.cursorIn)
        this.shown = undefined;
      this.cursorIn = inside?.id;
    }
    this.post(this.shown);
  }

  /** The editor's cursor is on `line` (undefined: no editor of the document is active). */
  cursorAt(line: number | undefined): void {
    this.cursorLine = line;
    const inside = line === undefined ? undefined : scenarioAt(this.scenarios, line);
    if (inside?.id === this.cursorIn) return;
    const left = this.cursorIn !== undefined;
    this.cursorIn = inside?.id;
    if (inside) this.show(shownRoute(inside));
    else if (left && line !== undefined) this.show(undefined);
  }

  /** A scenario was run alone: its route is shown. */
  ran(scenario: ScenarioInfo): void {
    this.show(shownRoute(scenario));
  }

  /** The reader cleared the route in the preview. */
  cleared(): void {
    this.shown = undefined;
  }

  private show(route: ShownRoute | undefined): void {
    this.shown = route;
    this.post(route);
  }
}
