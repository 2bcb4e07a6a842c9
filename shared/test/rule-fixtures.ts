// The fixture harness of the TXT-record rule tests (sts-txt and tlsrpt-txt): lint a fixture, apply fixes round
// after round, and the hostile inputs too big or too binary to keep as files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity, TextEdit } from '../src/diagnostic.ts';
import type { LintOptions } from '../src/lint-options.ts';
import type { RuleMeta } from '../src/rule.ts';
import { decodeUtf8 } from '../src/text/decode.ts';
import { applyEdits } from '../src/text/edits.ts';

/** The fixed clock of the fixture tables (ids minted by fixes read 20260417120000). */
export const fixtureOptions: LintOptions = { now: () => new Date(Date.UTC(2026, 3, 17, 12, 0, 0)) };

export interface RuleFixtures {
  lint(text: string, opts?: LintOptions): Diagnostic[];
  fixture(sub: 'valid' | 'invalid', name: string): string;
  fixtureNames(sub: 'valid' | 'invalid'): string[];
  /** Apply the preferred (else first) fix of every diagnostic, round after round, until nothing changes. */
  fixAll(text: string): string;
}

/** The preferred fix of a diagnostic, else its first. */
export function chosenFix(d: Diagnostic) {
  return d.fixes.find((f) => f.isPreferred) ?? d.fixes[0];
}

/** A harness over `dir` (shared/fixtures/<kind>) linting with `run`. */
export function ruleFixtures(dir: string, run: (text: string, options: LintOptions) => Diagnostic[]): RuleFixtures {
  const lint = (text: string, opts: LintOptions = fixtureOptions) => run(text, opts);
  return {
    lint,
    fixture: (sub, name) => readFileSync(join(dir, sub, `${name}.txt`), 'utf8'),
    fixtureNames: (sub) =>
      readdirSync(join(dir, sub))
        .filter((n) => n.endsWith('.txt'))
        .map((n) => n.slice(0, -4))
        .sort(),
    fixAll(text) {
      for (let round = 0; round < 10; round++) {
        const edits: TextEdit[] = lint(text).flatMap((d) => chosenFix(d)?.edits ?? []);
        const next = applyEdits(text, edits);
        if (next === text) break;
        text = next;
      }
      return text;
    },
  };
}

/** Hostile and huge inputs, too big or too binary to keep as fixtures. */
export function badInputs(version: string, field: string): [string, string][] {
  let seed = 42;
  const random = (n: number) => {
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      bytes[i] = seed >> 16;
    }
    return bytes;
  };
  const printable = decodeUtf8(random(20_000_000).map((b) => 0x20 + (b % 0x5f))).text;
  return [
    ['empty', ''],
    ['binary bytes', decodeUtf8(random(1_000_000)).text],
    ['20 MB of printable noise', printable],
    ['20 MB of repeated fields', `v=${version}; ${field}; `.repeat(20_000_000 / (version.length + field.length + 6))],
    ['100 000 lines', `v=${version}; ${field}\n`.repeat(100_000)],
    ['a 1 MB single line', `v=${version}; ${field}${'a'.repeat(1_000_000)}`],
    ['1 MB of semicolons', `v=${version}${';'.repeat(1_000_000)}`],
    ['1 MB of commas', `v=${version}; ${field}${','.repeat(1_000_000)}`],
    ['1 MB of spaces and words', `v=${version}; ${field}${' a'.repeat(500_000)}`],
    ['1 MB of equals signs', '='.repeat(1_000_000)],
    ['NULs', `\0v=${version};\0${field}\0`.repeat(10_000)],
    ['CR-only line endings', `v=${version};\r${field}\r`.repeat(10_000)],
    ['BOM', `\uFEFFv=${version}; ${field}`],
    ['lone surrogates', `v=${version}; ${field}\uD800; \uDC00=\uDBFF;`],
  ];
}

/** A fixed text as the table shows it: whole, or for huge ones its length and last 20 characters. */
export function compact(text: string): string {
  return text.length > 200 ? `<${text.length}:${text.slice(-20)}` : text;
}

/** One diagnostic of a fixture table: rule name (without the kind), severity, range, the text after its chosen fix. */
export type Expected = readonly [name: string, severity: Severity, start: number, end: number, fixed: string | null];
/** Every diagnostic of each invalid fixture. */
export type FixtureCases = readonly (readonly [fixture: string, expected: readonly Expected[]])[];

/**
 * The tests every TXT-record rule set shares: the fixture table (exact codes, ranges and fixed texts), that it covers
 * every fixture and rule, valid fixtures clean, fixes converging to no error, message style, and hostile inputs.
 */
export function describeRuleFixtures(kind: 'sts-txt' | 'tlsrpt-txt', rules: readonly RuleMeta[], harness: RuleFixtures, cases: FixtureCases, bad: { version: string; field: string }): void {
  const { lint, fixture, fixtureNames, fixAll } = harness;
  describe(`${kind} rules on fixtures`, () => {
    it.each(cases)('%s', (name, expected) => {
      const text = fixture('invalid', name);
      const got = lint(text)
        .sort((a, b) => a.range.start - b.range.start || a.code.localeCompare(b.code))
        .map((d) => {
          const fix = chosenFix(d);
          return [d.code.slice(`${kind}/`.length), d.severity, d.range.start, d.range.end, fix ? compact(applyEdits(text, fix.edits)) : null];
        });
      expect(got).toEqual(expected);
    });

    it('covers every invalid fixture and every rule', () => {
      expect(cases.map(([name]) => name).sort()).toEqual(fixtureNames('invalid'));
      const seen = new Set(cases.flatMap(([, expected]) => expected.map(([rule]) => `${kind}/${rule}`)));
      for (const rule of rules) expect(seen, rule.code).toContain(rule.code);
    });

    it('reports nothing but unknown-field hints on valid fixtures', () => {
      for (const name of fixtureNames('valid')) {
        const diagnostics = lint(fixture('valid', name));
        expect(diagnostics.filter((d) => d.code !== `${kind}/unknown-field` || d.severity !== 'hint'), name).toEqual([]);
        if (!name.startsWith('extension')) expect(diagnostics, name).toEqual([]);
      }
    });

    it('leaves no errors once every fix is applied, round after round', () => {
      for (const name of fixtureNames('invalid')) {
        const fixed = fixAll(fixture('invalid', name));
        expect(lint(fixed).filter((d) => d.severity === 'error'), `${name} → ${JSON.stringify(fixed)}`).toEqual([]);
      }
    });

    it('writes messages that name the problem and the way out', () => {
      for (const name of fixtureNames('invalid')) {
        for (const d of lint(fixture('invalid', name))) {
          expect(d.message, d.code).toMatch(/^[a-z`]/);
          expect(d.message.length, d.code).toBeLessThan(400);
          for (const fix of d.fixes) expect(fix.title, d.code).toMatch(/^[A-Z]/);
        }
      }
    });
  });

  describe(`${kind} rules on bad input`, () => {
    it.each(badInputs(bad.version, bad.field))('%s: no throw, fast', (_name, text) => {
      const started = performance.now();
      const diagnostics = lint(text);
      expect(performance.now() - started).toBeLessThan(2000);
      for (const d of diagnostics) {
        expect(d.range.start).toBeGreaterThanOrEqual(0);
        expect(d.range.end).toBeLessThanOrEqual(text.length);
        expect(d.range.start).toBeLessThanOrEqual(d.range.end);
      }
    });
  });
}

