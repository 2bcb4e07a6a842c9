/**
 * The defined field name that `name` most likely misspells, or null: the same name in another case (`ID`,
 * `Rua`), or one edit away with the same first letter (`ids`, `ruf`). Short names stay unmatched (`i`, `d`).
 */
export function nearMiss(name: string, targets: readonly string[]): string | null {
  const lower = name.toLowerCase();
  for (const t of targets) if (lower === t && name !== t) return t;
  if (name.length < 2 || name.length > 40) return null;
  for (const t of targets) {
    if (lower !== t && lower[0] === t[0] && editDistanceIsOne(lower, t)) return t;
  }
  return null;
}

// Optimal string alignment distance of exactly one: one insertion, deletion, substitution or swap.
function editDistanceIsOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
