/**
 * Synthetic pathways for the benchmark and the differential test: deterministic for a
 * seed, valid (every step reachable, every way leads to an end, every reference cited),
 * and shaped like real guidelines — a mix of kinds, decisions with 2–4 branches, graded
 * recommendations with citations, multi-line Markdown details, about 600 bytes per step.
 */

/** A small, fast, seedable generator (mulberry32): the same seed gives the same numbers. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOPICS = [
  'pain',
  'function',
  'red-flags',
  'imaging',
  'exercise',
  'manipulation',
  'education',
  'medication',
  'sleep',
  'work',
  'mood',
  'mobility',
  'follow-up',
  'referral',
  'neuro-exam',
  'history',
];

const SUBJECTS = [
  'leg pain',
  'back pain',
  'neurological deficit',
  'sleep disturbance',
  'fear of movement',
  'work participation',
  'medication use',
  'daily activities',
  'walking tolerance',
  'sitting tolerance',
  'mood and distress',
  'expectations of recovery',
];

const ACTIONS = [
  'Explain the expected course and advise staying active',
  'Schedule a structured exercise programme over 12 weeks',
  'Refer to a physiotherapist for graded activity',
  'Provide written self-management advice',
  'Agree goals for return to usual activities',
  'Book a review with the treating clinician',
  'Discuss the options and the patient’s preferences',
];

const TREATMENTS = [
  'spinal manipulation',
  'supervised exercise therapy',
  'motor control exercise',
  'a short course of NSAIDs',
  'cognitive functional therapy',
  'heat wrap therapy',
  'massage as an adjunct to exercise',
  'yoga or pilates',
  'acupuncture',
  'an education programme on pain',
];

const CONDITIONS = [
  'Saddle anaesthesia or new bladder dysfunction',
  'Progressive motor deficit in one or both legs',
  'Symptoms for less than 4 weeks',
  'Symptoms for 4 to 12 weeks',
  'Symptoms for more than 12 weeks',
  'Leg pain worse than back pain',
  'Pain improved by at least 30%',
  'Patient declines manual therapy',
  'High risk on the STarT Back tool',
  'Medium risk on the STarT Back tool',
  'Previous spinal surgery',
  'Age over 50 with new symptoms',
  'Night pain or unexplained weight loss',
  'Return to work achieved',
];

const DETAIL_LINES = [
  'Record the baseline score on a 0–10 numeric rating scale so the review',
  'has something to compare with; note the distribution above or below the knee.',
  '- Ask about onset, duration and what eases or aggravates the symptoms.',
  '- Check power, reflexes and sensation in both legs; straight-leg raise.',
  '- Exclude hip, knee and vascular causes before going further.',
  'Most episodes settle within six weeks; reassure and explain why imaging',
  'is not needed unless a red flag is present or surgery is being considered.',
  'Agree a plan with the patient and write it down, with the date of review.',
  '- Dose: two to three sessions a week, progressing as tolerated.',
  '- Stop and reassess if pain spreads or neurological signs appear.',
  'Shared decision-making: discuss benefits, harms, costs and preferences.',
  '**Note:** certainty is downgraded for risk of bias and imprecision.',
];

const JOURNALS = [
  'Ann Intern Med',
  'BMJ',
  'Lancet',
  'Spine (Phila Pa 1976)',
  'J Orthop Sports Phys Ther',
  'Eur Spine J',
  'Cochrane Database Syst Rev',
];

type Kind = 'assessment' | 'action' | 'recommendation' | 'decision' | 'end';

interface PlannedStep {
  kind: Kind;
  id: string;
  targets: number[];
  otherwise?: number;
  /** Computable pathways: the input a decision tests, or the inputs an assessment records. */
  tests?: SyntheticInput;
  conditions?: string[];
  records?: SyntheticInput[];
}

export interface SyntheticOptions {
  readonly steps: number;
  readonly seed?: number;
  /**
   * Declare this many inputs and give every decision an `if` on each branch. Each decision
   * follows an assessment that records the input it tests, and no branch leads straight to a
   * decision, so every condition can hold for a patient who arrives: the file stays clean.
   */
  readonly inputs?: number;
  /**
   * With `inputs`: add this many scenarios, each a patient with a random value for every
   * input, expected to pass through the start (so they pass wherever their route goes).
   */
  readonly scenarios?: number;
  /**
   * Cite the works of a shared references file (see syntheticReferences) instead of
   * references of its own: the pathway lists `path` in its `bibliography`.
   */
  readonly bibliography?: SharedBibliography;
}

/** A references file many pathways share: where they find it, and the ids it holds. */
export interface SharedBibliography {
  /** The path the pathways give in `bibliography`, from their own folder. */
  readonly path: string;
  readonly ids: readonly string[];
}

interface SyntheticInput {
  readonly id: string;
  readonly type: 'boolean' | 'integer' | 'number' | 'choice';
  readonly title: string;
}

const INPUT_SHAPES: readonly Omit<SyntheticInput, 'id'>[] = [
  { type: 'integer', title: 'Duration of symptoms' },
  { type: 'boolean', title: 'Red flags present' },
  { type: 'choice', title: 'Response at review' },
  { type: 'number', title: 'Pain score' },
];

const RESPONSES = ['resolved', 'improved', 'unchanged', 'worse'];

/** The lines of `inputs:` for a computable synthetic pathway. */
function inputLines(inputs: readonly SyntheticInput[]): string[] {
  const out = ['inputs:'];
  for (const input of inputs) {
    out.push(`  ${input.id}:`, `    type: ${input.type}`, `    title: ${input.title}`);
    if (input.type === 'integer') out.push('    min: 0', '    max: 520', '    unit: weeks');
    if (input.type === 'number') out.push('    min: 0', '    max: 10', '    unit: points');
    if (input.type === 'choice') out.push(`    values: [${RESPONSES.join(', ')}]`);
  }
  out.push('');
  return out;
}

/** How many branches a decision on the input has, and the condition of each. */
function branchConditions(input: SyntheticInput, random: () => number): string[] {
  const name = input.id;
  switch (input.type) {
    case 'boolean':
      return [name, `not ${name}`];
    case 'integer': {
      const first = 2 + Math.floor(random() * 6);
      const second = first + 4 + Math.floor(random() * 8);
      return random() < 0.5
        ? [
            `${name} < ${first}`,
            `${name} >= ${first} and ${name} < ${second}`,
            `${name} >= ${second}`,
          ]
        : [`${name} <= ${first}`, `${name} > ${first}`];
    }
    case 'number':
      return [`${name} <= 3.5`, `${name} > 3.5 and ${name} <= 7`, `${name} > 7`];
    case 'choice':
      return random() < 0.5
        ? RESPONSES.map((value) => `${name} = ${value}`)
        : [`${name} in [resolved, improved]`, `${name} not in [resolved, improved, worse]`];
  }
}

/**
 * One synthetic work under `references` (title, source, year, DOI, half with a PubMed id),
 * drawing from `random` in the same order wherever it is written.
 */
function referenceLines(
  id: string,
  r: number,
  year: string | number,
  random: () => number,
): string[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (low: number, high: number): number =>
    low + Math.floor(random() * (high - low + 1));
  const lines = [
    `  ${id}:`,
    `    title: Randomised trial ${r + 1} of ${pick(TREATMENTS)} for ${pick(SUBJECTS)}`,
    `    source: ${pick(JOURNALS)}. ${year};${between(10, 400)}:${between(1, 900)}-${between(901, 999)}`,
    `    year: ${year}`,
    `    doi: 10.${between(1000, 9999)}/trial.${year}.${r}`,
  ];
  if (random() < 0.5) lines.push(`    pmid: "${between(10000000, 39999999)}"`);
  return lines;
}

/** A valid pathway of `steps` steps, the same text for the same seed and size. */
export function syntheticPathway(options: SyntheticOptions): string {
  const { steps: count, seed = 1 } = options;
  const random = randomSource(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (low: number, high: number): number =>
    low + Math.floor(random() * (high - low + 1));
  const n = Math.max(2, count);
  const last = n - 1;

  // Kinds first: a forward-only graph, so every way leads on to an end. Each step but an
  // end leads to the one after it; a decision's "otherwise" jumps ahead, and the step just
  // before its target becomes an end, so ends are scattered and every step stays reachable.
  const inputs: SyntheticInput[] = [];
  for (let k = 0; k < (options.inputs ?? 0); k++) {
    const shape = INPUT_SHAPES[k % INPUT_SHAPES.length] as Omit<SyntheticInput, 'id'>;
    inputs.push({ id: `${shape.type}-${String(k).padStart(2, '0')}`, ...shape });
  }
  const computable = inputs.length > 0;
  let decisions = 0;
  // Steps a decision leads to: never decisions in a computable pathway (see SyntheticOptions).
  const ledTo = new Set<number>();

  const plan: PlannedStep[] = [];
  const forcedEnd = new Set<number>([last]);
  for (let i = 0; i < n; i++) {
    let kind: Kind;
    if (forcedEnd.has(i)) kind = 'end';
    else if (i === 0) kind = 'assessment';
    else {
      const r = random();
      kind =
        r < 0.25 ? 'assessment' : r < 0.45 ? 'action' : r < 0.75 ? 'recommendation' : 'decision';
      if (computable && kind === 'decision' && (ledTo.has(i) || plan[i - 1]?.kind !== 'assessment'))
        kind = ledTo.has(i) ? 'action' : 'assessment';
    }
    const id = `${kind === 'recommendation' ? 'rec' : kind}-${pick(TOPICS)}-${String(i).padStart(5, '0')}`;
    const step: PlannedStep = { kind, id, targets: [] };
    if (kind === 'decision' && computable) {
      const input = inputs[decisions++ % inputs.length] as SyntheticInput;
      step.tests = input;
      step.conditions = branchConditions(input, random);
      const before = plan[i - 1] as PlannedStep;
      before.records = [...(before.records ?? []), input];
    }
    if (kind === 'decision') {
      const branches = step.conditions?.length ?? between(2, 4);
      for (let b = 1; b <= branches; b++) step.targets.push(Math.min(last, i + b));
      const jump = Math.min(last, i + between(branches + 2, branches + 8));
      step.otherwise = jump;
      if (jump - 1 > i + branches && !plan[jump - 1]) forcedEnd.add(jump - 1);
      for (const target of [...step.targets, jump]) ledTo.add(target);
    } else if (kind !== 'end') {
      step.targets.push(Math.min(last, i + 1));
    }
    plan.push(step);
  }

  const recommendations = plan.filter((s) => s.kind === 'recommendation').length;
  const referenceCount = Math.max(1, Math.ceil(recommendations / 4));
  const referenceIds: string[] = [];
  const shared = options.bibliography;
  for (let r = 0; r < referenceCount; r++) {
    // One draw per reference either way, so the steps are the same with a shared file.
    if (shared && shared.ids.length > 0) referenceIds.push(pick(shared.ids));
    else referenceIds.push(`author${String(r).padStart(4, '0')}-${between(1995, 2024)}`);
  }
  let nextUncited = 0;

  const out: string[] = [];
  out.push(
    `# A synthetic pathway of ${n} steps, generated for benchmarks and tests (seed ${seed}).`,
    'pathway: 1',
    `id: synthetic-${n}-steps`,
    `title: Synthetic low back pain pathway with ${n} steps`,
    'version: "1.0"',
    'status: draft',
    'population: >-',
    '  Adults with low back pain, with or without leg pain, seen in primary care',
    '  or by a physiotherapist, chiropractor or osteopath.',
    `start: ${plan[0]?.id ?? ''}`,
    ...(shared ? [`bibliography: [${JSON.stringify(shared.path)}]`] : []),
    '',
  );
  if (computable) out.push(...inputLines(inputs.slice(0, decisions)));
  out.push('steps:');

  const detail = (lines: number): string[] => {
    const body: string[] = [`    detail: ${random() < 0.7 ? '|' : '>-'}`];
    for (let l = 0; l < lines; l++) body.push(`      ${pick(DETAIL_LINES)}`);
    return body;
  };

  for (const [i, step] of plan.entries()) {
    const idOf = (index: number | undefined): string => plan[index ?? last]?.id ?? '';
    const subject = pick(SUBJECTS);
    out.push(`  ${step.id}:`, `    kind: ${step.kind}`);
    switch (step.kind) {
      case 'assessment':
        out.push(`    title: Assess ${subject} and record a baseline for review`);
        out.push(...detail(between(6, 8)));
        if (step.records) out.push(`    records: [${step.records.map((r) => r.id).join(', ')}]`);
        out.push(`    next: ${idOf(step.targets[0])}`);
        break;
      case 'action':
        out.push(`    title: ${pick(ACTIONS)} (${subject})`);
        out.push(...detail(between(6, 8)));
        if (random() < 0.3) out.push(`    cite: [${pick(referenceIds)}]`);
        out.push(`    next: ${idOf(step.targets[0])}`);
        break;
      case 'recommendation': {
        const strong = random() < 0.35;
        const certainty = pick(['high', 'moderate', 'moderate', 'low', 'very-low']);
        out.push(`    title: Offer ${pick(TREATMENTS)} for ${subject}`);
        out.push(`    strength: ${strong ? 'strong' : 'conditional'}`);
        if (random() < 0.5) out.push(`    direction: ${random() < 0.85 ? 'for' : 'against'}`);
        out.push(`    certainty: ${certainty}`);
        out.push(...detail(between(5, 6)));
        if (strong && (certainty === 'low' || certainty === 'very-low' || random() < 0.3)) {
          out.push(
            '    rationale: >-',
            '      Benefits clearly outweigh harms and costs, and patients value the',
            '      outcome highly, although the evidence is of limited certainty.',
          );
        }
        const cites = new Set<string>();
        // Every reference is cited somewhere: hand out the uncited ones first.
        if (nextUncited < referenceIds.length) cites.add(referenceIds[nextUncited++] ?? '');
        for (let c = between(cites.size === 0 ? 1 : 0, 2); c > 0; c--)
          cites.add(pick(referenceIds));
        if (random() < 0.6) out.push(`    cite: [${[...cites].join(', ')}]`);
        else out.push('    cite:', ...[...cites].map((id) => `      - ${id}`));
        out.push(`    next: ${idOf(step.targets[0])}`);
        break;
      }
      case 'decision': {
        out.push(`    title: Which applies to ${subject}?`);
        if (random() < 0.6) out.push(...detail(between(3, 4)));
        out.push('    branches:');
        const used = new Set<string>();
        for (const [b, target] of step.targets.entries()) {
          let condition = pick(CONDITIONS);
          while (used.has(condition)) condition = pick(CONDITIONS);
          used.add(condition);
          out.push(`      - when: ${condition}`);
          if (step.conditions) out.push(`        if: ${step.conditions[b] ?? 'true'}`);
          out.push(`        next: ${idOf(target)}`);
        }
        out.push(`    otherwise: ${idOf(step.otherwise)}`);
        break;
      }
      case 'end':
        out.push(
          `    title: ${i === last ? 'Discharge with a self-management plan' : `Stop here, ${subject} managed`}`,
        );
        out.push(`    outcome: Care for ${subject} is complete; the patient self-manages.`);
        if (random() < 0.5) out.push(...detail(between(2, 4)));
        break;
    }
    out.push('');
  }

  if (!shared) out.push('references:');
  for (const [r, id] of shared ? [] : referenceIds.entries()) {
    const year = id.slice(-4);
    out.push(...referenceLines(id, r, year, random));
  }
  if (computable && (options.scenarios ?? 0) > 0) {
    // A source of its own, so that the pathway is the same with or without scenarios.
    const draw = randomSource(seed + 1);
    out.push('scenarios:');
    for (let k = 0; k < (options.scenarios ?? 0); k++) {
      out.push(`  patient-${String(k).padStart(3, '0')}:`, '    facts:');
      for (const input of inputs.slice(0, decisions)) {
        const value =
          input.type === 'boolean'
            ? String(draw() < 0.2)
            : input.type === 'integer'
              ? String(Math.floor(draw() * 30))
              : input.type === 'number'
                ? (Math.round(draw() * 100) / 10).toFixed(1)
                : (RESPONSES[Math.floor(draw() * RESPONSES.length)] ?? 'improved');
        out.push(`      ${input.id}: ${value}`);
      }
      out.push('    expect:', `      passes: [${plan[0]?.id ?? ''}]`);
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * A references file of `count` works, deterministic for a seed, shaped like the synthetic
 * pathways' own references (title, source, year, DOI, half with a PubMed id): the evidence
 * base a guideline group's pathways share.
 */
export function syntheticReferences(
  count: number,
  seed = 1,
): { readonly text: string; readonly ids: readonly string[] } {
  const random = randomSource(seed);
  const between = (low: number, high: number): number =>
    low + Math.floor(random() * (high - low + 1));
  const ids: string[] = [];
  const out = [
    `# ${count} synthetic works, generated for benchmarks and tests (seed ${seed}).`,
    'title: Shared evidence base (synthetic)',
    'references:',
  ];
  for (let r = 0; r < count; r++) {
    const year = between(1995, 2024);
    const id = `work${String(r).padStart(5, '0')}-${year}`;
    ids.push(id);
    out.push(...referenceLines(id, r, year, random));
  }
  return { text: `${out.join('\n')}\n`, ids };
}

/**
 * A small pathway whose one decision has `branches` overlapping numeric conditions over ten
 * inputs, each testing three of them: the groups of patients its sets need multiply past any
 * reasonable bound, so the checker must stop with `analysis-limit` (and fast).
 */
export function overlappingConditions(branches = 50): string {
  const out = [
    '# Many overlapping conditions on one decision: more groups of patients than can be worked out.',
    'pathway: 1',
    'id: overlapping-conditions',
    'title: One decision with many overlapping conditions',
    'version: "1.0"',
    'population: Adults with low back pain',
    'start: choose',
    '',
    'inputs:',
  ];
  for (let k = 0; k < 10; k++)
    out.push(
      `  score-${k}:`,
      '    type: number',
      `    title: Score ${k}`,
      '    min: 0',
      '    max: 100',
    );
  out.push(
    '',
    'steps:',
    '  choose:',
    '    kind: decision',
    '    title: Which care?',
    '    branches:',
  );
  const name = (i: number): string => `score-${i % 10}`;
  for (let i = 0; i < branches; i++) {
    out.push(
      `      - when: Case ${i + 1}`,
      `        if: ${name(i)} > ${i} and ${name(i + 1)} > ${i} and ${name(i + 2)} > ${i}`,
      '        next: done',
    );
  }
  out.push('    otherwise: done', '  done:', '    kind: end', '    title: Done', '');
  return out.join('\n');
}
