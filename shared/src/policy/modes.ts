// The three policy modes and how a mistaken mode value maps to the one that was meant.
import { editDistance } from './edit-distance.ts';

/** An RFC 8461 §3.2 policy mode. */
export type PolicyMode = 'enforce' | 'testing' | 'none';

export const policyModes: readonly PolicyMode[] = ['enforce', 'testing', 'none'];

/** Whether `value` is one of the three modes, exactly (values are case-sensitive). */
export function isPolicyMode(value: string): value is PolicyMode {
  return value === 'enforce' || value === 'testing' || value === 'none';
}

// Words people write for a mode; the draft's `report` became `testing` in RFC 8461.
const synonyms: Readonly<Record<string, PolicyMode>> = {
  enforced: 'enforce',
  enforcing: 'enforce',
  enforcement: 'enforce',
  enforce_mode: 'enforce',
  strict: 'enforce',
  reject: 'enforce',
  require: 'enforce',
  required: 'enforce',
  test: 'testing',
  tests: 'testing',
  tested: 'testing',
  test_mode: 'testing',
  testmode: 'testing',
  testing_mode: 'testing',
  report: 'testing',
  reports: 'testing',
  reporting: 'testing',
  report_only: 'testing',
  monitor: 'testing',
  monitoring: 'testing',
  audit: 'testing',
  dry_run: 'testing',
  dryrun: 'testing',
  log: 'testing',
  off: 'none',
  disabled: 'none',
  disable: 'none',
  no: 'none',
  false: 'none',
  null: 'none',
  nil: 'none',
  nothing: 'none',
  noop: 'none',
};

/** How a mode value was recognised: another case, a synonym, or a typo. */
export type ModeMatch = { readonly mode: PolicyMode; readonly how: 'case' | 'synonym' | 'typo' };

/** The mode `value` most likely means, or null when nothing is close; exact modes return themselves. */
export function closestMode(value: string): ModeMatch | null {
  if (value.length === 0 || value.length > 40) return null;
  const lower = value.toLowerCase();
  if (isPolicyMode(lower)) return { mode: lower, how: 'case' };
  // Quotes, punctuation and separators people add: `"enforce"`, `enforce;`, `testing-mode`.
  const norm = lower.replace(/^["'`]+|["'`;,.]+$/g, '').replace(/[-\s]+/g, '_');
  if (isPolicyMode(norm)) return { mode: norm, how: 'case' };
  const synonym = synonyms[norm];
  if (synonym) return { mode: synonym, how: 'synonym' };
  if (norm.startsWith('enforc')) return { mode: 'enforce', how: 'synonym' };
  if (norm.startsWith('test')) return { mode: 'testing', how: 'synonym' };
  let best: ModeMatch | null = null;
  let bestDistance = 3;
  for (const mode of policyModes) {
    const d = editDistance(norm, mode, 2);
    if (d <= (mode.length >= 7 ? 2 : 1) && d < bestDistance) {
      best = { mode, how: 'typo' };
      bestDistance = d;
    }
  }
  return best;
}
