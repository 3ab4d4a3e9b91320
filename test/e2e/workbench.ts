// Driving the VS Code workbench (1.100, in code-server) the way a user does: the keyboard,
// the command palette, Quick Open, the Problems panel and the mouse. Every step waits for
// what it expects to see on the page, never for a fixed time.
import type { Frame, Locator, Page } from 'playwright-core';

/** How long one step waits for the page to show what it expects. */
export const WAIT_MS = 20_000;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Waits until `check` returns a value other than undefined, polling; says what on timeout. */
export async function poll<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const cause = last instanceof Error ? `: ${last.message}` : '';
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** The workbench has loaded and its status bar is drawn. */
  async ready(): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await this.page.locator('.statusbar').waitFor({ timeout: 60_000 });
  }

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * Types into the open quick input and picks the first row whose label starts with `label`,
   * with the arrow keys and Enter (the mouse would leave a hover behind).
   */
  private async pick(text: string, label: string): Promise<void> {
    const input = this.quickInput.locator('.quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: WAIT_MS });
    await this.page.keyboard.type(text);
    const rows = this.quickInput.locator('.quick-input-list .monaco-list-row');
    const wanted = new RegExp(`^${escapeRegExp(label)}`);
    const target = rows.filter({ has: this.page.locator('.label-name', { hasText: wanted }) });
    await target.first().waitFor({ timeout: WAIT_MS });
    const index = Number(await target.first().getAttribute('data-index'));
    await poll(`the quick input row "${label}" focused`, async () => {
      const focused = Number(
        await rows
          .locator('xpath=self::*[contains(@class, "focused")]')
          .first()
          .getAttribute('data-index'),
      );
      if (focused === index) return true;
      await this.page.keyboard.press(focused < index ? 'ArrowDown' : 'ArrowUp');
      return undefined;
    });
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: WAIT_MS });
  }

  /** Runs a command from the command palette (F1) by its title. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.pick(title, title);
  }

  /** Opens a workspace file with Quick Open (Ctrl+P); resolves when its editor is active. */
  async quickOpen(fileName: string): Promise<Locator> {
    await this.page.keyboard.press('Control+P');
    await this.pick(fileName, fileName);
    const tab = this.page.locator(`.tab.active[aria-label*="${fileName}"]`);
    await tab.waitFor({ timeout: WAIT_MS });
    const editor = this.editor();
    await editor.locator('.view-line').first().waitFor({ timeout: WAIT_MS });
    return editor;
  }

  /** The text editor of the first editor group. */
  editor(): Locator {
    return this.page.locator('.editor-group-container').first().locator('.monaco-editor').first();
  }

  /**
   * Focuses the first editor group, keeping its cursor and selection. (From the command
   * palette: Ctrl+1 would also reach a focused webview as the key "1".)
   */
  async focusEditor(): Promise<void> {
    await this.command('View: Focus First Editor Group');
    await this.page
      .locator('.editor-group-container')
      .first()
      .locator('.monaco-editor.focused')
      .first()
      .waitFor({ timeout: WAIT_MS });
  }

  /** Drags a sash (the line between two parts of the window) from `from` by (dx, dy). */
  private async dragSash(
    orientation: 'horizontal' | 'vertical',
    from: { x: number; y: number },
    dx: number,
    dy: number,
  ): Promise<void> {
    for (const sash of await this.page.locator(`.monaco-sash.${orientation}:visible`).all()) {
      const box = await sash.boundingBox();
      if (!box) continue;
      const onIt =
        orientation === 'horizontal'
          ? Math.abs(box.y + box.height / 2 - from.y) <= 4 &&
            from.x > box.x &&
            from.x < box.x + box.width
          : Math.abs(box.x + box.width / 2 - from.x) <= 4 &&
            from.y > box.y &&
            from.y < box.y + box.height;
      if (!onIt) continue;
      const x = orientation === 'vertical' ? box.x + box.width / 2 : from.x;
      const y = orientation === 'horizontal' ? box.y + box.height / 2 : from.y;
      await this.page.mouse.move(x, y);
      await this.page.mouse.down();
      await this.page.mouse.move(x + dx / 2, y + dy / 2);
      await this.page.mouse.move(x + dx, y + dy);
      await this.page.mouse.up();
      return;
    }
    throw new Error(`no ${orientation} sash at ${from.x}, ${from.y}`);
  }

  /** Drags the top edge of the panel (Problems, Output, …) by `dy` pixels. */
  async resizePanel(dy: number): Promise<void> {
    const panel = await this.page.locator('.part.panel').boundingBox();
    if (!panel) throw new Error('the panel is not open');
    await this.dragSash('horizontal', { x: panel.x + panel.width / 2, y: panel.y }, 0, dy);
    await poll('the panel resized', async () => {
      const now = await this.page.locator('.part.panel').boundingBox();
      return now && Math.abs(now.y - (panel.y + dy)) < 4 ? true : undefined;
    });
  }

  /** Drags the edge between the first and second editor groups to make the first `width` wide. */
  async resizeFirstEditorGroup(width: number): Promise<void> {
    const group = this.page.locator('.editor-group-container').first();
    const box = await group.boundingBox();
    if (!box) throw new Error('no editor group');
    const edge = { x: box.x + box.width, y: box.y + box.height / 2 };
    await this.dragSash('vertical', edge, width - box.width, 0);
    await poll('the editor group resized', async () => {
      const now = await group.boundingBox();
      if (now && Math.abs(now.width - width) < 4) return true;
      throw new Error(`it is ${now?.width} wide`);
    });
  }

  /**
   * Selects the first occurrence of `text` in the focused editor with the Find widget
   * (Ctrl+F, Enter, Escape), as a user looks for a line.
   */
  async find(text: string): Promise<void> {
    await this.page.keyboard.press('Control+F');
    const input = this.page.locator('.find-widget.visible .input');
    await input.first().waitFor({ timeout: WAIT_MS });
    // The widget starts with the selected text, selected: typing replaces it.
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(text);
    await this.page
      .locator('.find-widget.visible .matchesCount')
      .filter({ hasText: /\bof [1-9]\d*$/ })
      .waitFor({ timeout: WAIT_MS });
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.press('Escape');
    await this.page.locator('.find-widget.visible').waitFor({ state: 'hidden', timeout: WAIT_MS });
  }

  /**
   * The text of the Problems panel's rows, on one line each: a file's row, then each problem's
   * message, source, code and place (`Step … pathway unknown-step [Ln 103, Col 11]`).
   */
  async problems(): Promise<string[]> {
    return this.page
      .locator('.markers-panel .monaco-list-row')
      .evaluateAll((rows) =>
        rows.map((row) => (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim()),
      );
  }

  /** Waits until the Problems panel's rows satisfy `accept`. */
  async problemsWhere(what: string, accept: (rows: string[]) => boolean): Promise<string[]> {
    let rows: string[] = [];
    try {
      return await poll(what, async () => {
        rows = await this.problems();
        return accept(rows) ? rows : undefined;
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}; Problems shows ${JSON.stringify(rows)}`);
    }
  }

  /** The editor status bar entry "Ln X, Col Y" (with "(N selected)" when there is a selection). */
  async cursorStatus(): Promise<string> {
    return (
      (await this.page.locator('[id="status.editor.selection"]').first().textContent()) ?? ''
    ).trim();
  }

  /** The number of the editor's line with the cursor, as its gutter shows it. */
  async activeLineNumber(): Promise<number> {
    const text = await this.editor()
      .locator('.line-numbers.active-line-number')
      .first()
      .innerText();
    return Number(text.trim());
  }

  /**
   * The frame showing a webview whose document has `selector`: webviews are iframes in
   * iframes, so every frame of the page is asked until one has it.
   */
  async webviewFrame(selector: string): Promise<Frame> {
    return poll(`a webview showing ${selector}`, async () => {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        const found = await frame.$(selector).catch(() => null);
        if (found) return frame;
      }
      return undefined;
    });
  }
}
