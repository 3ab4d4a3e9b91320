// A decision's verdict in words, for the audit report and the flowchart's tooltips: whether its
// branches exclude each other (or which one is shadowed) and cover every patient, or the
// patient that shows they do not; or why it is not analysed.
import { patientWords, type DecisionVerdict } from '../checks/decisionFindings';

/** One clause of a verdict: "Exclusive ✓", what breaks it, or why it is not analysed. */
export interface VerdictPart {
  /**
   * holds: a property that holds (with ✓); fault: something to correct (a patient breaks a
   * property, a branch lacks its `if`), shown strong; note: a fact, neither.
   */
  readonly tone: 'holds' | 'fault' | 'note';
  readonly text: string;
}

function numbers(list: readonly number[]): string {
  if (list.length === 1) return String(list[0]);
  return `${list.slice(0, -1).join(', ')} and ${String(list.at(-1))}`;
}

function notAnalysed(verdict: DecisionVerdict): VerdictPart | undefined {
  const neutral = (text: string): VerdictPart => ({ tone: 'note', text });
  switch (verdict.status) {
    case 'judged':
      return undefined;
    case 'not-computable': {
      if (verdict.kind === 'prose')
        return neutral('Not computable: its branches are in words only (no "if")');
      const n = verdict.withoutIf;
      return {
        tone: 'fault',
        text:
          verdict.kind === 'partial'
            ? `Not computable: ${n.length === 1 ? 'branch' : 'branches'} ${numbers(n)} ${n.length === 1 ? 'has' : 'have'} no "if"`
            : 'Not computable: a condition or its "match" cannot be read (see the diagnostics)',
      };
    }
    case 'no-start':
      return neutral('Computable, not analysed: the pathway has no start to follow');
    case 'unreached':
      return neutral('Computable, not analysed: no patient reaches it');
    case 'limit':
      return neutral(
        'Computable, not analysed: the patients reaching it fall into too many groups to work out',
      );
  }
}

/**
 * The verdict as clauses: "Exclusive ✓ · Complete ✓"; for `match: first`, "First match · no
 * shadowed branch ✓ · Complete ✓"; a broken property names the patient who breaks it.
 */
export function verdictParts(verdict: DecisionVerdict): VerdictPart[] {
  const unanalysed = notAnalysed(verdict);
  if (unanalysed !== undefined) return [unanalysed];
  const parts: VerdictPart[] = [];
  if (verdict.match === 'exclusive') {
    if (verdict.overlaps.length === 0) parts.push({ tone: 'holds', text: 'Exclusive ✓' });
    for (const { branches, example } of verdict.overlaps) {
      parts.push({
        tone: 'fault',
        text: `Not exclusive: ${patientWords(example)} matches branches ${branches[0]} and ${branches[1]}`,
      });
    }
  } else {
    parts.push({ tone: 'note', text: 'First match' });
    if (verdict.shadowed.length === 0) parts.push({ tone: 'holds', text: 'no shadowed branch ✓' });
    for (const { branch, takenBy } of verdict.shadowed) {
      parts.push({
        tone: 'fault',
        text:
          takenBy.length > 0
            ? `Branch ${branch} is shadowed: ${takenBy.map((by) => `${patientWords(by.example)} is taken by branch ${by.branch} first`).join('; ')}`
            : `Branch ${branch} is shadowed: earlier branches take every patient it applies to`,
      });
    }
  }
  for (const { branch, reason } of verdict.impossible) {
    parts.push({ tone: 'fault', text: `Branch ${branch} never applies: ${reason}` });
  }
  if (verdict.uncovered) {
    parts.push({
      tone: 'fault',
      text: `Not complete: ${patientWords(verdict.uncovered)} matches no branch and there is no otherwise`,
    });
  } else {
    parts.push({
      tone: 'holds',
      text: verdict.hasOtherwise ? 'Complete ✓ (has an otherwise)' : 'Complete ✓',
    });
  }
  return parts;
}

/** The verdict on one line: its clauses joined by " · ". */
export function verdictLine(verdict: DecisionVerdict): string {
  return verdictParts(verdict)
    .map((part) => part.text)
    .join(' · ');
}
