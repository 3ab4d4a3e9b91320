// "Did you mean …?": the closest id to a misspelt one, and a note when an id holds letters
// of other scripts that only look Latin.
import { distance } from 'fastest-levenshtein';

/**
 * Letters of other scripts drawn like Latin ones, and invisible or typographic stand-ins
 * that creep into ids pasted from documents: what each is mistaken for.
 */
const LOOK_ALIKES = new Map<string, string>([
  // Cyrillic
  ...[...'аеорсхуіјѕԁһӏԛԝ'].map((ch, i): [string, string] => [ch, 'aeopcxyijsdhlqw'[i] ?? '']),
  ...[...'АВЕКМНОРСТХУІЈЅ'].map((ch, i): [string, string] => [ch, 'ABEKMHOPCTXYIJS'[i] ?? '']),
  // Greek
  ...[...'οαρνιικ'].map((ch, i): [string, string] => [ch, 'oapviik'[i] ?? '']),
  ...[...'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ'].map((ch, i): [string, string] => [ch, 'ABEZHIKMNOPTYX'[i] ?? '']),
  // Dashes and a non-breaking hyphen for "-"
  ...[...'‐‑‒–—―−'].map((ch): [string, string] => [ch, '-']),
  // Nothing at all: zero-width characters and the soft hyphen
  ...[...'\u200B\u200C\u200D\u2060\uFEFF\u00AD'].map((ch): [string, string] => [ch, '']),
]);

/** The id as it looks: full-width forms and look-alike letters read as the Latin ones. */
function skeleton(id: string): string {
  let out = '';
  for (const ch of id.normalize('NFKC')) out += LOOK_ALIKES.get(ch) ?? ch;
  return out;
}

function script(code: number): string {
  if (code >= 0x0400 && code <= 0x052f) return 'Cyrillic ';
  if (code >= 0x0370 && code <= 0x03ff) return 'Greek ';
  if (code >= 0xff00 && code <= 0xffef) return 'full-width ';
  return '';
}

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Words for the characters of `id` that only look like the letters, digits and dashes of
 * an id (a Cyrillic "а" for a Latin "a", a full-width letter, an invisible space), when
 * there are any among the characters `except` does not have; else undefined.
 */
export function lookAlikeChars(id: string, except = ''): string | undefined {
  const odd: string[] = [];
  for (const ch of new Set(id)) {
    if (except.includes(ch) || /^[A-Za-z0-9_.:-]$/.test(ch)) continue;
    const latin = skeleton(ch);
    if (latin === ch) continue;
    odd.push(
      latin === ''
        ? `an invisible character (${codePoint(ch)})`
        : `the ${script(ch.codePointAt(0) ?? 0)}character "${ch}" (${codePoint(ch)}), not the "${latin}" it looks like`,
    );
    if (odd.length === 3) break;
  }
  return odd.length > 0 ? `It is written with ${odd.join(', ')}.` : undefined;
}

/**
 * When `typed` differs from `meant` only by characters that look alike, words naming them
 * (see lookAlikeChars); else undefined.
 */
export function lookAlikeNote(typed: string, meant: string): string | undefined {
  if (typed === meant || skeleton(typed) !== skeleton(meant)) return undefined;
  return lookAlikeChars(typed, meant);
}

/**
 * The candidate an author most likely meant by `typed`, or undefined when none is close:
 * one that looks the same (a look-alike letter from another script), a case-insensitive
 * match, then the smallest edit distance within a third of the longer word (at least 2, so
 * short ids still get a suggestion for a single slip).
 */
export function closestMatch(typed: string, candidates: Iterable<string>): string | undefined {
  const lower = typed.toLowerCase();
  const looks = skeleton(typed);
  let best: string | undefined;
  let bestDistance = Infinity;
  let sameCase: string | undefined;
  for (const candidate of candidates) {
    if (candidate === typed) continue;
    if (skeleton(candidate) === looks) return candidate;
    if (candidate.toLowerCase() === lower) {
      sameCase ??= candidate;
      continue;
    }
    if (sameCase) continue;
    const d = distance(lower, candidate.toLowerCase());
    const limit = Math.max(2, Math.floor(Math.max(typed.length, candidate.length) / 3));
    if (d <= limit && d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return sameCase ?? best;
}
