// Where people keep a policy file tells its domain: a web root named after the policy host, a folder named after the
// domain, or a file named after it. Only names that look like real domains count, so `tmp.x1y2/mta-sts.txt` or
// `v1.2/mta-sts.txt` give nothing rather than a wrong domain.

const POLICY_HOST_PREFIX = 'mta-sts.';

/**
 * The policy domain a path names, or null: `…/mta-sts.example.com/.well-known/mta-sts.txt`,
 * `…/example.com/mta-sts.txt` and `…/example.com.mta-sts` (or `.mta-sts.txt`) all give `example.com`.
 */
export function policyDomainFromPath(path: string): string | null {
  const parts = path.split(/[\\/]+/).filter((p) => p !== '');
  const base = (parts.pop() ?? '').toLowerCase();
  if (base === 'mta-sts.txt') {
    let dir = parts.pop()?.toLowerCase();
    if (dir === '.well-known') dir = parts.pop()?.toLowerCase();
    if (dir === undefined) return null;
    return asDomain(dir.startsWith(POLICY_HOST_PREFIX) ? dir.slice(POLICY_HOST_PREFIX.length) : dir);
  }
  for (const suffix of ['.mta-sts', '.mta-sts.txt']) {
    if (base.endsWith(suffix)) {
      const name = base.slice(0, -suffix.length);
      return asDomain(name.startsWith(POLICY_HOST_PREFIX) ? name.slice(POLICY_HOST_PREFIX.length) : name);
    }
  }
  return null;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
// A top-level label is letters (or an IDN A-label): it rules out `v1.2`, `tmp.x1y2`, `backup.2024`.
const TOP_LABEL = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** `name` if it reads as a domain of two or more labels, else null. */
function asDomain(name: string): string | null {
  const d = name.endsWith('.') ? name.slice(0, -1) : name;
  if (d.length > 253) return null;
  const labels = d.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  return TOP_LABEL.test(labels[labels.length - 1]!) ? d : null;
}
