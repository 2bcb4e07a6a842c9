// The keys of an RFC 8461 §3.2 policy, and how a mistyped key is recognised.
import { isExtName } from '../tag-list/grammar.ts';
import { editDistance } from './edit-distance.ts';
import { closestMode } from './modes.ts';

/** The fields RFC 8461 §3.2 defines; every other key is an extension senders ignore. */
export type PolicyKey = 'version' | 'mode' | 'max_age' | 'mx';

export const policyKeys: readonly PolicyKey[] = ['version', 'mode', 'max_age', 'mx'];

/** Whether `name` is one of the four policy keys, exactly (keys are case-sensitive). */
export function isPolicyKey(name: string): name is PolicyKey {
  return name === 'version' || name === 'mode' || name === 'max_age' || name === 'mx';
}

/** Whether `name` fits `sts-policy-ext-name` (RFC 8461 §3.2), the shape of any key. */
export function isPolicyExtName(name: string): boolean {
  return isExtName(name);
}

/**
 * The policy key `name` was probably meant to be, or null: another case (`Mode`), another separator
 * (`max-age`), or a small typo (`versoin`, `modes`, `maxage`) whose value fits the key it resembles.
 * Exact keys return themselves.
 */
export function keyNearMiss(name: string, value: string): PolicyKey | null {
  if (name.length === 0 || name.length > 40) return null;
  const lower = name.toLowerCase();
  if (isPolicyKey(lower)) return lower;
  const norm = lower.replace(/[-.\s]+/g, '_');
  if (isPolicyKey(norm)) return norm;
  if (norm.length < 2) return null;
  let best: PolicyKey | null = null;
  let bestScore = Infinity;
  for (const key of policyKeys) {
    // A typo counts only when the value looks like one of this key: `node: x` is an extension, not `mode`.
    if (!valueFits(key, value)) continue;
    const d = editDistance(norm, key, 2);
    const close = d <= (key.length >= 7 ? 2 : 1);
    const prefix = norm.length >= 3 && key.startsWith(norm);
    if (!close && !prefix) continue;
    const score = close ? d : key.length - norm.length;
    if (score < bestScore) {
      best = key;
      bestScore = score;
    }
  }
  return best;
}

/** Whether `value` looks like a value of `key` (used to tell a typo from a real extension). */
function valueFits(key: PolicyKey, value: string): boolean {
  const v = value.trim();
  switch (key) {
    case 'version':
      return /^stsv/i.test(v);
    case 'mode':
      return closestMode(v) !== null;
    case 'max_age':
      return /^[-+]?\d/.test(v);
    case 'mx':
      return /^[*a-z0-9-]+(\.[a-z0-9-]+)+\.?$/i.test(v) && /[a-z]/i.test(v);
  }
}
