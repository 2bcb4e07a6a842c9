// The worker's public suffix list (src/public-suffix.ts): the ICANN section exactly as the core's tldts-icann holds
// it, written out as the list's own text (one rule a line). tldts-icann ships the list as a trie of typed arrays (its
// `dist/es6/src/data/trie.js`: nodes with a rule flag, edges with a label each, one root for rules and one for
// exceptions); every path from a root to a flagged node is one rule, its labels read leaf to root.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const shared = resolve(import.meta.dirname, '../../shared/package.json');

/** The tldts-icann version the list comes from. */
export function tldtsVersion() {
  return createRequire(shared)('tldts-icann/package.json').version;
}

/** The ICANN section of the public suffix list as tldts-icann has it: `# ...` header, then one rule a line. */
export async function publicSuffixText() {
  const dir = dirname(createRequire(shared).resolve('tldts-icann/package.json'));
  const t = await import(pathToFileURL(join(dir, 'dist/es6/src/data/trie.js')).href);
  const { nodeFlags, edgeStart, edgeChild, edgeLength, labelText, exceptionsRoot, rulesRoot } = t;
  const offset = new Uint32Array(edgeLength.length);
  for (let e = 0, at = 0; e < edgeLength.length; e++) {
    offset[e] = at;
    at += edgeLength[e];
  }
  /** @param {number} root @param {string} prefix */
  const rulesFrom = (root, prefix) => {
    /** @type {string[]} */
    const out = [];
    /** @type {Array<[number, string[]]>} */
    const stack = [[root, []]];
    while (stack.length > 0) {
      const [node, path] = /** @type {[number, string[]]} */ (stack.pop());
      if ((nodeFlags[node] & 1) !== 0 && path.length > 0) out.push(prefix + path.join('.'));
      for (let e = edgeStart[node]; e < edgeStart[node + 1]; e++) {
        stack.push([edgeChild[e], [labelText.slice(offset[e], offset[e] + edgeLength[e]), ...path]]);
      }
    }
    return out.sort();
  };
  const rules = rulesFrom(rulesRoot, '');
  const exceptions = rulesFrom(exceptionsRoot, '!');
  if (rules.length < 5000 || exceptions.length === 0) throw new Error(`tldts-icann's trie gave ${rules.length} rules and ${exceptions.length} exceptions: has its layout changed?`);
  return `// The ICANN section of the public suffix list, from tldts-icann ${tldtsVersion()} (written by extension/scripts/public-suffixes.mjs).\n${[...rules, ...exceptions].join('\n')}\n`;
}
