// Peers' test vectors (shared/fixtures/real-world/records, README there): what a peer accepts raises no error here,
// what it rejects raises at least a warning; the few deliberate differences are pinned and explained in docs/rules.md.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentKind } from './rule.ts';
import { lintText } from './lint.ts';

interface Vector {
  readonly source: string;
  readonly kind: DocumentKind;
  readonly peer: 'good' | 'bad';
  readonly text: string;
}
const dir = join(import.meta.dirname, '../fixtures/real-world/records');
const vectors = readdirSync(dir)
  .filter((f) => f.endsWith('-vectors.json'))
  .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { vectors: Vector[] }).vectors);
const worst = (v: Vector) => {
  const ds = lintText(v.text, v.kind, { now: () => new Date('2026-01-01T00:00:00Z') });
  return { errors: ds.filter((d) => d.severity === 'error').map((d) => d.code), warnings: ds.filter((d) => d.severity === 'warning').map((d) => d.code) };
};

/** Where we differ from mox on purpose (docs/rules.md, "Where implementations disagree"). */
const DIFFERENCES: Record<string, { errors: string[]; warnings: string[] }> = {
  // Whitespace before the first `;`: mox accepts it; a sender matching the literal `v=TLSRPTv1;` prefix skips it.
  'v=TLSRPTv1 ; rua=mailto:x@x.example; rua=mailto:y@x.example': { errors: ['tlsrpt-txt/separator'], warnings: ['tlsrpt-txt/duplicate-field'] },
  // Empty fields: postfix-mta-sts-resolver skips them, mox rejects the record (as the RFC 8461 §3.1 grammar does).
  'v=STSv1; id=20160831085700Z;;;': { errors: ['sts-txt/separator'], warnings: [] },
};

describe('peers\' test vectors', () => {
  it('reads them all', () => expect(vectors.length).toBe(62 + 9 + 8));
  for (const v of vectors) {
    it(`${v.kind} ${v.peer} at ${v.source.split(' ')[0]}: ${JSON.stringify(v.text)}`, () => {
      const got = worst(v);
      const differs = DIFFERENCES[v.text];
      if (differs) expect(got).toEqual(differs);
      else if (v.peer === 'good') expect(got.errors).toEqual([]);
      else expect(got.errors.length + got.warnings.length, JSON.stringify(got)).toBeGreaterThan(0);
    });
  }
});

describe('published mta-sts.txt files', () => {
  const pdir = join(import.meta.dirname, '../fixtures/real-world/policies');
  const expected = JSON.parse(readFileSync(join(pdir, '../policies-expected.json'), 'utf8')) as Record<string, string[]>;
  for (const [file, errors] of Object.entries(expected)) {
    if (file.startsWith('_')) continue;
    it(`${file}: the errors written down, no others`, () => {
      const found = lintText(readFileSync(join(pdir, file), 'utf8'), 'policy', { path: file });
      expect(found.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(errors);
    });
  }
});
