// The worker's public suffix list: the core's `shared/src/public-suffix.ts` (tldts-icann) with the list read from a
// file of the package instead of 90 KB of code in background.js. The worker build puts this module in the core's one's
// place (scripts/build.mjs); the worker installs the list when it starts (`installPublicSuffixes`) and waits for it
// before reading any URL. The file is the ICANN section as tldts-icann holds it (scripts/public-suffixes.mjs writes it
// at build time), and the lookup walks it as tldts does: right to left, a label's own rule before the `*` rule, the
// deepest rule matched wins, an exception first and minus its leftmost label, and no rule at all means the last label.
// test/public-suffix.test.ts holds both modules to the same answers over every rule.

/** The file of the package that holds the list: one rule a line, in the list's own syntax (`*.ck`, `!www.ck`). */
export const PUBLIC_SUFFIX_FILE = 'public-suffixes.txt';

interface Node {
  /** A rule ends here. */
  rule: boolean;
  readonly children: Map<string, Node>;
}

const newNode = (): Node => ({ rule: false, children: new Map() });

let rules: Node | null = null;
let exceptions: Node | null = null;

/** Read the list's text (one rule a line; blank lines and `//` comments skipped) and use it from now on. Never throws. */
export function installPublicSuffixes(text: string): void {
  const r = newNode();
  const e = newNode();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('//')) continue;
    const exception = line.startsWith('!');
    let node = exception ? e : r;
    const labels = (exception ? line.slice(1) : line).split('.');
    for (let i = labels.length - 1; i >= 0; i--) {
      const label = labels[i]!;
      let next = node.children.get(label);
      if (!next) node.children.set(label, (next = newNode()));
      node = next;
    }
    node.rule = true;
  }
  rules = r;
  exceptions = e;
}

/** Whether the list is installed (the worker waits for it before its first lookup). */
export function publicSuffixesInstalled(): boolean {
  return rules !== null;
}

/** The index in `host` where the deepest rule matched from `root` starts, or -1: labels right to left, exact before `*`. */
function deepestMatch(root: Node, host: string): number {
  let node = root;
  let end = host.length;
  let matched = -1;
  for (let i = host.length - 1; i >= -1; i--) {
    if (i >= 0 && host.charCodeAt(i) !== 46) continue;
    const next = node.children.get(host.slice(i + 1, end)) ?? node.children.get('*');
    if (!next) break;
    node = next;
    if (node.rule) matched = i + 1;
    end = i;
  }
  return matched;
}

// The suffixes tldts answers without a lookup (its fast path): none of them has a rule under it in the ICANN section.
const FAST = ['com', 'org', 'edu', 'gov', 'net', 'de'];

/** The public suffix of `host` (ICANN section; the last label when no rule matches). */
export function publicSuffixOf(host: string): string {
  if (!rules || !exceptions) throw new Error('the public suffix list is not installed yet');
  if (host.length > 3) {
    const fast = FAST.find((s) => host.endsWith(`.${s}`));
    if (fast) return fast;
  }
  const exception = deepestMatch(exceptions, host);
  if (exception >= 0) {
    const dot = host.indexOf('.', exception);
    return dot < 0 ? '' : host.slice(dot + 1);
  }
  const rule = deepestMatch(rules, host);
  if (rule >= 0) return host.slice(rule);
  const last = host.lastIndexOf('.');
  return last < 0 ? host : host.slice(last + 1);
}

/** As the core's `registrableDomain`: the public suffix and one label more, or null when `host` is a public suffix. */
export function registrableDomain(host: string): string | null {
  const suffix = publicSuffixOf(host);
  if (suffix.length === host.length) return null;
  const dot = host.lastIndexOf('.', host.length - suffix.length - 2);
  return dot < 0 ? host : host.slice(dot + 1);
}

/** As the core's `isPublicSuffix`: `name` is a host name (tldts's test of one) and exactly its own public suffix. */
export function isPublicSuffix(name: string): boolean {
  return isHostName(name) && publicSuffixOf(name) === name;
}

/** Labels of 1 to 63 letters, digits, `-` (not first or last), `_` or non-ASCII; 255 characters in all. */
function isHostName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  return name.split('.').every((l) => l.length > 0 && l.length <= 63 && !l.startsWith('-') && !l.endsWith('-') && /^[a-z0-9_\u0080-\uffff-]+$/.test(l));
}
