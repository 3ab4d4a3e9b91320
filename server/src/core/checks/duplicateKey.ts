// The `duplicate-key` rule: a key written twice in one mapping, where only the first counts.
import { quote, type Check } from './rule';

function where(path: readonly (string | number)[]): string {
  const [first, second, third, fourth] = path;
  if (first === undefined) return 'at the top level';
  if (first === 'steps' && second === undefined) return 'among the steps';
  if (first === 'references' && second === undefined) return 'among the references';
  if (first === 'steps' && third === 'branches' && typeof fourth === 'number') {
    return `in branch ${fourth + 1} of decision ${quote(String(second))}`;
  }
  if (first === 'steps' && second !== undefined) return `in step ${quote(String(second))}`;
  if (first === 'references' && second !== undefined) {
    return `in reference ${quote(String(second))}`;
  }
  return `in ${quote(path.join('.'))}`;
}

export const duplicateKey: Check = {
  run: ({ model, parsed }) =>
    model
      ? (parsed.tree?.duplicateKeys ?? []).map(({ key, span, path }) => {
          const [first] = path;
          const message =
            path.length === 1 && first === 'steps'
              ? `Two steps have the id ${quote(key)}; only the first is used and this one is ignored. Give it an id of its own or remove it.`
              : path.length === 1 && first === 'references'
                ? `Two references have the id ${quote(key)}; only the first is used and this one is ignored. Give it an id of its own or remove it.`
                : `${quote(key)} appears twice ${where(path)}; only the first is used and this one is ignored. Remove or merge the repeat.`;
          return { code: 'duplicate-key', message, span };
        })
      : [],
};
