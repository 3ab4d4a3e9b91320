import { distance } from 'fastest-levenshtein';

/**
 * The candidate an author most likely meant by `typed`, or undefined when none is close:
 * a case-insensitive match first, then the smallest edit distance within a third of the
 * longer word (at least 2, so short ids still get a suggestion for a single slip).
 */
export function closestMatch(typed: string, candidates: Iterable<string>): string | undefined {
  const lower = typed.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === typed) continue;
    if (candidate.toLowerCase() === lower) return candidate;
    const d = distance(lower, candidate.toLowerCase());
    const limit = Math.max(2, Math.floor(Math.max(typed.length, candidate.length) / 3));
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
