// Pan and zoom: the picture fills the viewport and its viewBox is the part of the diagram in
// view; the toolbar's label says the zoom. Dragging and the wheel pan, ctrl + wheel zooms
// (where the chart is part of a longer page, the wheel scrolls the page).
// A chart opens fitted to the panel's width at a size that can be read, its start at the
// top: the reader scrolls down the algorithm as they would read it on paper.
import type { Shown } from './svgIntake';
import type { PageState } from './state';

const MIN_ZOOM = 0.1;
const MAX_ZOOM = 4;
/** A fitted picture is never blown up past this: a three-step pathway stays readable. */
const MAX_FIT_ZOOM = 1.25;
/**
 * Below this the chart's 13 px words are too small to read: fitting to the width never goes
 * below it, and a wider chart is scrolled across instead.
 */
export const MIN_READABLE_ZOOM = 0.8;
/** Pointer travel (px) that turns a press into a drag rather than a click. */
const DRAG_THRESHOLD = 4;
/** How far (px) an arrow key moves the picture. */
const PAN_STEP = 60;

interface View {
  readonly zoom: number;
  readonly x: number;
  readonly y: number;
}

export interface Viewer {
  /** A new picture in the view kept (fitted, or where it was), else in its first view. */
  restore(): void;
  /**
   * The diagram's width in the window (never below a readable size), from its top; when it
   * is already so fitted, the whole diagram.
   */
  fit(): void;
  /** Actual size, the top of the diagram at the top, centred across. */
  reset(): void;
  /** Zooms by `factor`, keeping the diagram point under (px, py) of the viewport in place. */
  zoomBy(factor: number, px?: number, py?: number): void;
  panBy(dx: number, dy: number): void;
  /** Brings a step into view when none of it is visible. */
  ensureVisible(node: SVGGElement): void;
  /** What a key without a step does to the view; false when it does nothing. */
  key(key: string): boolean;
  /**
   * The whole diagram at its natural size, whatever the viewport (to print), until called
   * with false: then the view it had, fitted again to the viewport as it is.
   */
  showWhole(whole: boolean): void;
}

/** A node's box in diagram coordinates. */
function boxOf(node: SVGGElement): { x: number; y: number; width: number; height: number } {
  const box = node.getBBox();
  const matrix = node.transform.baseVal.consolidate()?.matrix;
  return {
    x: (matrix?.e ?? 0) + box.x,
    y: (matrix?.f ?? 0) + box.y,
    width: box.width,
    height: box.height,
  };
}

function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** How the view behaves where the chart is part of a longer page. */
export interface ViewerOptions {
  /** The wheel pans the picture, or is left to the `page` (Ctrl with the wheel zooms either way). */
  readonly wheel: 'pan' | 'page';
  /** The step to keep in view when the viewport changes size (a panel opening beside it). */
  readonly keepInView?: () => SVGGElement | undefined;
}

/**
 * The view of the picture `shown` in `viewport`, kept in `state`. A press that does not move
 * far enough to drag is a click, handed to `onClick` with the element pressed.
 */
export function createViewer(
  viewport: HTMLElement,
  zoomLabel: HTMLElement,
  state: PageState,
  shown: Shown,
  onClick: (target: EventTarget | null) => void,
  options: ViewerOptions = { wheel: 'pan' },
): Viewer {
  /** While the whole diagram is shown at its natural size, the view is left as it was. */
  let whole = false;
  const currentView = (): View => state.current.view ?? { zoom: 1, x: 0, y: 0 };
  const showZoom = (zoom: number): void => {
    zoomLabel.textContent = `${Math.round(zoom * 100)}%`;
  };

  function applyView(view: View, fitted?: true | 'whole'): void {
    const zoom = clampZoom(view.zoom);
    const next = { zoom, x: view.x, y: view.y };
    state.save({ view: next, fitted: fitted ?? false });
    showZoom(zoom);
    if (!shown.picture || whole) return;
    const width = Math.max(1, viewport.clientWidth) / zoom;
    const height = Math.max(1, viewport.clientHeight) / zoom;
    shown.picture.svg.setAttribute('viewBox', `${next.x} ${next.y} ${width} ${height}`);
  }

  /** The whole diagram in the window, centred, however small that makes it. */
  function fitWhole(): void {
    const picture = shown.picture;
    if (!picture) return;
    const width = Math.max(1, viewport.clientWidth);
    const height = Math.max(1, viewport.clientHeight);
    const zoom = clampZoom(Math.min(width / picture.width, height / picture.height, MAX_FIT_ZOOM));
    applyView(
      {
        zoom,
        x: picture.width / 2 - width / zoom / 2,
        y: picture.height / 2 - height / zoom / 2,
      },
      'whole',
    );
  }

  /**
   * The diagram's width in the window at a readable size, from `top` (its top by default). A
   * chart too wide for that is shown across from its start step, the rest a scroll away.
   */
  function fitWidth(top = 0): void {
    const picture = shown.picture;
    if (!picture) return;
    const width = Math.max(1, viewport.clientWidth);
    const zoom = Math.min(MAX_FIT_ZOOM, Math.max(MIN_READABLE_ZOOM, width / picture.width));
    const visible = width / zoom;
    let x = picture.width / 2 - visible / 2;
    const startId = picture.starts[0];
    const start = startId === undefined ? undefined : picture.nodes.get(startId);
    if (visible < picture.width) {
      const centre = start ? boxOf(start).x + boxOf(start).width / 2 : picture.width / 2;
      x = Math.min(Math.max(0, centre - visible / 2), picture.width - visible);
    }
    applyView({ zoom, x, y: top }, true);
  }

  function fit(): void {
    if (state.current.fitted === true) fitWhole();
    else fitWidth();
  }

  function reset(): void {
    if (!shown.picture) return;
    const width = Math.max(1, viewport.clientWidth);
    applyView({ zoom: 1, x: shown.picture.width / 2 - width / 2, y: 0 });
  }

  function zoomBy(
    factor: number,
    px = viewport.clientWidth / 2,
    py = viewport.clientHeight / 2,
  ): void {
    const view = currentView();
    const zoom = clampZoom(view.zoom * factor);
    applyView({
      zoom,
      x: view.x + px / view.zoom - px / zoom,
      y: view.y + py / view.zoom - py / zoom,
    });
  }

  function panBy(dx: number, dy: number): void {
    const view = currentView();
    // Reading down a chart fitted to the width keeps it fitted (to refit when the panel
    // changes size); moving it across does not.
    const down = dx === 0 && state.current.fitted === true ? true : undefined;
    applyView({ zoom: view.zoom, x: view.x - dx / view.zoom, y: view.y - dy / view.zoom }, down);
  }

  function ensureVisible(node: SVGGElement): void {
    if (!shown.picture) return;
    const box = boxOf(node);
    const { x: left, y: top } = box;
    const view = currentView();
    const width = viewport.clientWidth / view.zoom;
    const height = viewport.clientHeight / view.zoom;
    const outside =
      left + box.width < view.x ||
      left > view.x + width ||
      top + box.height < view.y ||
      top > view.y + height;
    if (!outside) return;
    applyView({
      zoom: view.zoom,
      x: left + box.width / 2 - width / 2,
      y: top + box.height / 2 - height / 2,
    });
  }

  function restore(): void {
    const { fitted, view } = state.current;
    if (fitted === 'whole') fitWhole();
    else if (fitted) fitWidth(view?.y);
    else if (view) applyView(view);
    else fitWidth();
  }

  /** The view again in the viewport as it is now: fitted again when it was, else as it was. */
  function refit(): void {
    if (!shown.picture || whole) return;
    const { fitted, view } = state.current;
    if (fitted === 'whole') fitWhole();
    else if (fitted) fitWidth(view?.y);
    else applyView(currentView());
  }

  // The viewport changes size with the window and with the panels beside it: a fitted
  // picture fits again, any other keeps its zoom and place, so the zoom label stays true.
  new ResizeObserver(() => {
    refit();
    const kept = whole ? undefined : options.keepInView?.();
    if (kept) ensureVisible(kept);
  }).observe(viewport);

  function showWhole(next: boolean): void {
    const picture = shown.picture;
    if (next === whole || !picture) return;
    whole = next;
    const { svg } = picture;
    if (whole) {
      svg.setAttribute('viewBox', `0 0 ${picture.width} ${picture.height}`);
      svg.setAttribute('width', String(picture.width));
      svg.setAttribute('height', String(picture.height));
    } else {
      svg.setAttribute('width', '100%');
      svg.setAttribute('height', '100%');
      refit();
    }
  }

  const KEYS: Record<string, () => void> = {
    '+': () => zoomBy(1.25),
    '=': () => zoomBy(1.25),
    '-': () => zoomBy(0.8),
    '0': fit,
    '1': reset,
    ArrowUp: () => panBy(0, PAN_STEP),
    ArrowDown: () => panBy(0, -PAN_STEP),
    ArrowLeft: () => panBy(PAN_STEP, 0),
    ArrowRight: () => panBy(-PAN_STEP, 0),
  };

  function key(name: string): boolean {
    // Own keys only: "constructor" must not reach Object's prototype.
    if (!Object.hasOwn(KEYS, name)) return false;
    KEYS[name]?.();
    return true;
  }

  let press:
    { id: number; x: number; y: number; dragging: boolean; target: EventTarget | null } | undefined;

  viewport.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    press = {
      id: event.pointerId,
      x: event.clientX,
      y: event.clientY,
      dragging: false,
      target: event.target,
    };
  });

  viewport.addEventListener('pointermove', (event) => {
    if (!press || press.id !== event.pointerId) return;
    const dx = event.clientX - press.x;
    const dy = event.clientY - press.y;
    if (!press.dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
    if (!press.dragging) {
      press.dragging = true;
      viewport.setPointerCapture(event.pointerId);
      viewport.classList.add('dragging');
    }
    panBy(dx, dy);
    press.x = event.clientX;
    press.y = event.clientY;
  });

  function endPress(event: PointerEvent, cancelled: boolean): void {
    if (!press || press.id !== event.pointerId) return;
    const { dragging, target } = press;
    press = undefined;
    viewport.classList.remove('dragging');
    if (viewport.hasPointerCapture(event.pointerId))
      viewport.releasePointerCapture(event.pointerId);
    if (!dragging && !cancelled) onClick(target);
  }

  viewport.addEventListener('pointerup', (event) => endPress(event, false));
  viewport.addEventListener('pointercancel', (event) => endPress(event, true));

  viewport.addEventListener(
    'wheel',
    (event) => {
      const zooming = event.ctrlKey || event.metaKey;
      // On a longer page the wheel scrolls the page past the chart, as over a picture.
      if (options.wheel === 'page' && !zooming) return;
      event.preventDefault();
      const scale = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : 1;
      // As in VS Code's image preview: the wheel scrolls, ctrl (or ⌘) + wheel and pinch zoom.
      if (zooming) {
        const rect = viewport.getBoundingClientRect();
        zoomBy(
          Math.exp(-event.deltaY * scale * 0.01),
          event.clientX - rect.left,
          event.clientY - rect.top,
        );
      } else if (event.shiftKey && event.deltaX === 0) {
        panBy(-event.deltaY * scale, 0);
      } else {
        panBy(-event.deltaX * scale, -event.deltaY * scale);
      }
    },
    { passive: false },
  );

  showZoom(currentView().zoom);
  return { restore, fit, reset, zoomBy, panBy, ensureVisible, key, showWhole };
}
