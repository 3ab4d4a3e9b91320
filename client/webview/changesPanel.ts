// In compare mode, the panel beside the picture: the changes since the other version, each
// about a step a button that shows the step.
import type { DiffItem } from '../../shared/webviewMessages';
import { element, heading } from './dom';

/** The changes since another version: a comparison's, or those a published page lists. */
export interface Changes {
  readonly otherLabel: string;
  readonly changes: readonly (Omit<DiffItem, 'stepId'> & {
    readonly stepId?: string | undefined;
  })[];
}

export interface ChangesPanel {
  readonly element: HTMLElement;
  /** Lists the changes; undefined (not comparing) hides the panel. */
  show(compare: Changes | undefined): void;
}

/** The panel, its heading at `level`; a change about a step is handed to `showStep`. */
export function createChangesPanel(
  showStep: (stepId: string) => void,
  level: number,
): ChangesPanel {
  const panel = element('aside', { class: 'changes-panel', 'aria-label': 'Changes' });
  panel.hidden = true;

  panel.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const id = target?.closest<HTMLElement>('li[data-step]')?.dataset['step'];
    if (id !== undefined) showStep(id);
  });

  function show(compare: Changes | undefined): void {
    panel.hidden = compare === undefined;
    if (!compare) return;
    const parts: Node[] = [
      heading(level, `Changes since ${compare.otherLabel}`),
      element(
        'p',
        { class: 'changes-key' },
        'Green: added · red, dashed: removed · amber: changed (hover a step for how).',
      ),
    ];
    if (compare.changes.length === 0) {
      parts.push(element('p', {}, 'The recommendation logic is unchanged.'));
    } else {
      const list = element('ol', { class: 'changes' });
      for (const change of compare.changes) {
        const item = element('li', {
          class: `change change-${change.type}`,
          ...(change.stepId ? { 'data-step': change.stepId } : {}),
        });
        // A change about a step is a button that shows the step, from the keyboard too.
        item.append(
          change.stepId
            ? element(
                'button',
                { type: 'button', class: 'link', title: 'Show the step' },
                change.description,
              )
            : change.description,
        );
        list.append(item);
      }
      parts.push(list);
    }
    panel.replaceChildren(...parts);
  }

  return { element: panel, show };
}
