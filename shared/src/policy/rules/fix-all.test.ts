import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TextEdit } from '../../diagnostic.ts';
import { lintText } from '../../lint.ts';
import { applyEdits } from '../../text/edits.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/policy');
const names = (dir: string) => readdirSync(join(fixtures, dir)).filter((f) => f.endsWith('.txt')).sort();
const read = (dir: string, name: string) => readFileSync(join(fixtures, dir, name), 'utf8');

/** Apply the preferred (else first) fix of every diagnostic, round after round, until nothing changes. */
function fixAll(text: string): { text: string; rounds: number } {
  for (let round = 1; round <= 10; round++) {
    const edits: TextEdit[] = [];
    for (const d of lintText(text, 'policy')) {
      const fix = d.fixes.find((f) => f.isPreferred) ?? d.fixes[0];
      if (fix) edits.push(...fix.edits);
    }
    const next = applyEdits(text, edits);
    if (next === text) return { text, rounds: round };
    text = next;
  }
  return { text, rounds: 11 };
}

// Errors no edit can fix: the author must name the MX host, or shorten the file.
const unfixable: Readonly<Record<string, readonly string[]>> = {
  'mx-invalid-single-label.txt': ['policy/mx-invalid'],
  'mx-ip-address.txt': ['policy/mx-ip-address'],
  'mx-ip-address-v6.txt': ['policy/mx-ip-address'],
  'mx-wildcard-too-broad.txt': ['policy/mx-wildcard'],
  'too-large.txt': ['policy/too-large'],
};

describe('fixing every invalid fixture converges', () => {
  for (const name of names('invalid')) {
    it(name, () => {
      const { text, rounds } = fixAll(read('invalid', name));
      expect(rounds).toBeLessThanOrEqual(10);
      const errors = lintText(text, 'policy').filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.code)).toEqual(unfixable[name] ?? []);
      for (const e of errors) expect(e.fixes).toEqual([]);
    });
  }
});

describe('valid fixtures', () => {
  for (const name of names('valid')) {
    it(`${name} has no diagnostics`, () => {
      const found = lintText(read('valid', name), 'policy').map((d) => `${d.severity} ${d.code}`);
      // An extension field is legal and ignored by senders; the hint says just that, nothing more.
      expect(found).toEqual(name === 'extension-key.txt' ? ['hint policy/unknown-key'] : []);
    });
  }
});
