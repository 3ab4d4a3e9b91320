// Random conditions over a small set of inputs, from a seed, for the property tests of the
// condition language (sets, and conditions written back from sets).
import { inputMap, type InputDef, type Inputs } from '../../server/src/core/logic';

/** mulberry32: a small seeded generator, so a failure can be replayed from its seed. */
export function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CONSTANTS = [-1, 0, 2, 2.5, 5, 10, 11];

export function randomCase(random: () => number): { inputs: Inputs; a: string; b: string } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const bounded = random() < 0.5;
  const defs: InputDef[] = [
    { id: 'b', type: 'boolean' },
    { id: 'i', type: 'integer', ...(bounded ? { min: 0, max: 10 } : {}) },
    { id: 'n', type: 'number', ...(random() < 0.5 ? { min: 0 } : {}) },
    { id: 'c', type: 'choice', values: ['p', 'q', 'r'] },
    { id: 'd', type: 'boolean' },
  ];
  const test = (): string => {
    const def = pick(defs);
    switch (def.type) {
      case 'boolean':
        return pick([def.id, `${def.id} = ${pick(['true', 'false'])}`, `${def.id} != true`]);
      case 'choice': {
        const op = pick(['=', '!=', 'in', 'not in']);
        if (op === '=' || op === '!=') return `c ${op} ${pick(['p', 'q', 'r'])}`;
        return `c ${op} [${['p', 'q', 'r']
          .filter(() => random() < 0.5)
          .concat('q')
          .join(', ')}]`;
      }
      default: {
        const op = pick(['=', '!=', '<', '<=', '>', '>=', 'in', 'not in']);
        if (op === 'in' || op === 'not in')
          return `${def.id} ${op} [${pick(CONSTANTS)}, ${pick(CONSTANTS)}]`;
        return `${def.id} ${op} ${pick(CONSTANTS)}`;
      }
    }
  };
  const condition = (depth: number): string => {
    const r = random();
    if (depth === 0 || r < 0.3) return random() < 0.03 ? pick(['true', 'false']) : test();
    if (r < 0.45) return `not ${condition(depth - 1)}`;
    if (r < 0.55) return `(${condition(depth - 1)})`;
    return `(${condition(depth - 1)} ${pick(['and', 'or'])} ${condition(depth - 1)})`;
  };
  return { inputs: inputMap(defs), a: condition(3), b: condition(3) };
}
