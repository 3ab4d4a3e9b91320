// What a published pathway page hands its script: the JSON in its flowchart section's
// `data-pw` attribute (SiteData). A page whose data is missing or unreadable keeps its static
// chart: nothing is guessed.
import type { SiteData } from '../../../shared/webviewMessages';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The shape the flowchart relies on: a title, a walk model's steps and the changes' list. */
function isSiteData(value: unknown): value is SiteData {
  if (!isObject(value) || typeof value['title'] !== 'string') return false;
  const walk = value['walk'];
  if (!isObject(walk) || !Array.isArray(walk['steps'])) return false;
  const changes = value['changes'];
  return (
    changes === undefined ||
    (isObject(changes) &&
      typeof changes['otherLabel'] === 'string' &&
      Array.isArray(changes['changes']))
  );
}

/** The page's data, or undefined when the section carries none that can be read. */
export function readSiteData(section: HTMLElement): SiteData | undefined {
  const raw = section.dataset['pw'];
  if (raw === undefined || raw === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isSiteData(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
