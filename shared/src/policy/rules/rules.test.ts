import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../../diagnostic.ts';
import type { LintOptions } from '../../lint-options.ts';
import { lintText } from '../../lint.ts';
import { applyEdits } from '../../text/edits.ts';
import { LineIndex } from '../../text/line-index.ts';
import { policyRules } from './index.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../../../fixtures/policy');
const read = (name: string) => readFileSync(join(fixtures, 'invalid', name), 'utf8');

/** A diagnostic as the tests pin it: code, severity, 0-based start position and the exact text of its range. */
interface Seen {
  readonly code: string;
  readonly severity: Severity;
  readonly line: number;
  readonly character: number;
  readonly text: string;
}

function seen(text: string, d: Diagnostic): Seen {
  const p = new LineIndex(text).positionAt(d.range.start);
  return { code: d.code, severity: d.severity, line: p.line, character: p.character, text: text.slice(d.range.start, d.range.end) };
}

interface Case {
  readonly fixture: string;
  readonly options?: LintOptions;
  /** Every diagnostic of the fixture, in output order. */
  readonly diagnostics: readonly Seen[];
  /** The text after applying the preferred (else first) fix of the first diagnostic; null: it has no fix. */
  readonly fixed: string | null;
  /** Which fix to apply instead of the preferred one. */
  readonly fixIndex?: number;
}

const d = (code: string, severity: Severity, line: number, character: number, text: string): Seen => ({
  code: `policy/${code}`,
  severity,
  line,
  character,
  text,
});

const head = 'version: STSv1\nmode: enforce\n';

const cases: readonly Case[] = [
  {
    fixture: 'line-ending.txt',
    diagnostics: [d('line-ending', 'error', 0, 14, '\r')],
    fixed: 'version: STSv1\nmode: enforce\nmx: mail.example.com\nmax_age: 604800\n',
  },
  {
    fixture: 'blank-line.txt',
    diagnostics: [d('blank-line', 'warning', 2, 0, '\n')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'blank-line-at-end.txt',
    diagnostics: [d('blank-line', 'warning', 4, 0, '\n')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'leading-whitespace.txt',
    diagnostics: [d('leading-whitespace', 'error', 1, 0, '  ')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'trailing-whitespace.txt',
    diagnostics: [d('trailing-whitespace', 'warning', 1, 13, ' \t')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'tab.txt',
    diagnostics: [d('tab', 'info', 1, 5, '\t')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'control-character.txt',
    diagnostics: [d('control-character', 'error', 2, 11, '\u0001')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'missing-colon.txt',
    diagnostics: [d('missing-colon', 'error', 1, 0, 'mode enforce')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'missing-colon-equals.txt',
    diagnostics: [d('missing-colon', 'error', 3, 0, 'max_age=604800')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'missing-colon-not-a-field.txt',
    diagnostics: [d('missing-colon', 'error', 4, 0, '# managed by ops')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'space-before-colon.txt',
    diagnostics: [d('space-before-colon', 'error', 2, 2, ' ')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'key-case.txt',
    diagnostics: [d('key-case', 'error', 1, 0, 'Mode')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    // The bad value of a mis-cased key is reported at once, not one round of fixes later.
    fixture: 'key-case-and-value.txt',
    diagnostics: [d('key-case', 'error', 1, 0, 'Mode'), d('mode-invalid', 'error', 1, 6, 'enforced')],
    fixed: 'version: STSv1\nmode: enforced\nmx: mail.example.com\nmax_age: 604800\n',
  },
  {
    // `mode: testing` is what senders use; the preferred fix keeps it rather than adding a repeat.
    fixture: 'key-case-shadowed.txt',
    diagnostics: [d('key-case', 'error', 4, 0, 'Mode')],
    fixed: 'version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 604800\n',
  },
  {
    fixture: 'key-case-shadowed.txt',
    diagnostics: [d('key-case', 'error', 4, 0, 'Mode')],
    fixIndex: 1,
    fixed: 'version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 604800\nmode: enforce\n',
  },
  {
    fixture: 'unknown-key.txt',
    diagnostics: [d('unknown-key', 'error', 3, 0, 'max-age')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'unknown-key-versoin.txt',
    diagnostics: [d('unknown-key', 'error', 0, 0, 'versoin')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'unknown-key-bad-name.txt',
    diagnostics: [d('unknown-key', 'warning', 4, 0, '_comment')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'unknown-key-empty-value.txt',
    diagnostics: [d('unknown-key', 'warning', 4, 0, 'ext')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'duplicate-key.txt',
    diagnostics: [d('duplicate-key', 'warning', 4, 0, 'mode')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'duplicate-key-differs.txt',
    diagnostics: [d('duplicate-key', 'error', 4, 0, 'mode')],
    fixed: 'version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 604800\n',
  },
  {
    fixture: 'duplicate-key-differs.txt',
    diagnostics: [d('duplicate-key', 'error', 4, 0, 'mode')],
    fixIndex: 1,
    fixed: 'version: STSv1\nmx: mail.example.com\nmax_age: 604800\nmode: enforce\n',
  },
  {
    fixture: 'version-missing.txt',
    diagnostics: [d('version-missing', 'error', 0, 0, 'mode: enforce')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'version-invalid.txt',
    diagnostics: [d('version-invalid', 'error', 0, 9, 'STSv2')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'version-invalid-empty.txt',
    diagnostics: [d('version-invalid', 'error', 0, 0, 'version:')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mode-missing.txt',
    diagnostics: [d('mode-missing', 'error', 0, 0, 'version: STSv1')],
    fixed: 'version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 604800\n',
  },
  {
    fixture: 'mode-invalid.txt',
    diagnostics: [d('mode-invalid', 'error', 1, 6, 'Enforce')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mode-invalid-synonym.txt',
    diagnostics: [d('mode-invalid', 'error', 1, 6, 'report')],
    fixed: 'version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 604800\n',
  },
  {
    fixture: 'mode-invalid-empty.txt',
    diagnostics: [d('mode-invalid', 'error', 1, 0, 'mode:')],
    fixed: 'version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 604800\n',
  },
  {
    fixture: 'max-age-missing.txt',
    diagnostics: [d('max-age-missing', 'error', 0, 0, 'version: STSv1')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'max-age-invalid-unit.txt',
    diagnostics: [d('max-age-invalid', 'error', 3, 9, '2w')],
    fixed: `${head}mx: mail.example.com\nmax_age: 1209600\n`,
  },
  {
    fixture: 'max-age-invalid-digits.txt',
    diagnostics: [d('max-age-invalid', 'error', 3, 9, '99999999999')],
    fixed: `${head}mx: mail.example.com\nmax_age: 31557600\n`,
  },
  {
    fixture: 'max-age-invalid-negative.txt',
    diagnostics: [d('max-age-invalid', 'error', 3, 9, '-1')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'max-age-too-large.txt',
    diagnostics: [d('max-age-too-large', 'error', 3, 9, '63115200')],
    fixed: `${head}mx: mail.example.com\nmax_age: 31557600\n`,
  },
  {
    fixture: 'max-age-too-short.txt',
    diagnostics: [d('max-age-too-short', 'warning', 3, 9, '86400')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-missing.txt',
    diagnostics: [d('mx-missing', 'error', 1, 0, 'mode: enforce')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-missing.txt',
    options: { domain: 'example.org' },
    diagnostics: [d('mx-missing', 'error', 1, 0, 'mode: enforce')],
    fixed: `${head}mx: mail.example.org\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-missing.txt',
    options: { mxHosts: ['MX1.example.net.', 'mx2.example.net'] },
    diagnostics: [d('mx-missing', 'error', 1, 0, 'mode: enforce')],
    fixed: `${head}mx: mx1.example.net\nmx: mx2.example.net\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-trailing-dot.txt',
    diagnostics: [d('mx-trailing-dot', 'error', 2, 20, '.')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-not-host.txt',
    diagnostics: [d('mx-not-host', 'error', 2, 4, 'smtp://mail.example.com:25/')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-not-host-port.txt',
    diagnostics: [d('mx-not-host', 'error', 2, 4, 'mail.example.com:25')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-uppercase.txt',
    diagnostics: [d('mx-uppercase', 'info', 2, 4, 'MAIL.Example.com')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-wildcard.txt',
    diagnostics: [d('mx-wildcard', 'error', 2, 4, 'mail*.example.com')],
    fixed: `${head}mx: *.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-wildcard-inner.txt',
    diagnostics: [d('mx-wildcard', 'error', 2, 4, '*.mail.*.example.com')],
    fixed: `${head}mx: *.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-wildcard-too-broad.txt',
    diagnostics: [d('mx-wildcard', 'error', 3, 4, '*.com')],
    fixed: null,
  },
  {
    fixture: 'mx-ip-address.txt',
    diagnostics: [d('mx-ip-address', 'error', 3, 4, '192.0.2.25')],
    fixed: null,
  },
  {
    fixture: 'mx-ip-address-v6.txt',
    diagnostics: [d('mx-ip-address', 'error', 3, 4, '[2001:db8::25]')],
    fixed: null,
  },
  {
    fixture: 'mx-multiple.txt',
    diagnostics: [d('mx-multiple', 'error', 2, 4, 'mx1.example.com, mx2.example.com')],
    fixed: `${head}mx: mx1.example.com\nmx: mx2.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-multiple-crlf.txt',
    diagnostics: [d('mx-multiple', 'error', 2, 4, 'mx1.example.com mx2.example.com')],
    fixed: 'version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: mx2.example.com\r\nmax_age: 604800\r\n',
  },
  {
    fixture: 'mx-invalid-empty.txt',
    diagnostics: [d('mx-invalid', 'error', 3, 0, 'mx:')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-invalid-empty-label.txt',
    diagnostics: [d('mx-invalid', 'error', 2, 4, 'mail..example.com')],
    fixed: `${head}mx: mail.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-invalid-single-label.txt',
    diagnostics: [d('mx-invalid', 'error', 3, 4, 'localhost')],
    fixed: null,
  },
  {
    fixture: 'mx-duplicate.txt',
    diagnostics: [d('mx-duplicate', 'warning', 4, 4, 'Mail.example.com')],
    fixed: `${head}mx: mail.example.com\nmx: backup.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'mx-redundant.txt',
    diagnostics: [d('mx-redundant', 'hint', 3, 4, 'mx1.example.com')],
    fixed: `${head}mx: *.example.com\nmax_age: 604800\n`,
  },
  {
    fixture: 'front-matter.txt',
    diagnostics: [d('front-matter', 'info', 0, 0, '---')],
    fixed: null,
  },
  {
    fixture: 'too-large.txt',
    diagnostics: [d('too-large', 'error', 2850, 3, ' mx2849.example.com')],
    fixed: null,
  },
];

describe('policy rules on their fixtures', () => {
  for (const c of cases) {
    const label = `${c.fixture}${c.options ? ` with ${JSON.stringify(c.options)}` : ''}${c.fixIndex !== undefined ? ` (fix ${c.fixIndex})` : ''}`;
    it(label, () => {
      const text = read(c.fixture);
      const found = lintText(text, 'policy', c.options ?? {});
      expect(found.map((x) => seen(text, x))).toEqual(c.diagnostics);
      const first = found[0]!;
      if (c.fixed === null) {
        expect(first.fixes).toEqual([]);
        return;
      }
      const fix = c.fixIndex !== undefined ? first.fixes[c.fixIndex] : (first.fixes.find((f) => f.isPreferred) ?? first.fixes[0]);
      expect(fix, 'a fix').toBeDefined();
      expect(applyEdits(text, fix!.edits)).toBe(c.fixed);
    });
  }
});

describe('policy rule catalogue', () => {
  const ruleFiles = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.test.ts'));
  const invalid = readdirSync(join(fixtures, 'invalid'));

  it('lists every rule file once, with code `policy/<file name>`', () => {
    expect(policyRules.map((r) => r.code).sort()).toEqual(ruleFiles.map((f) => `policy/${f.slice(0, -3)}`).sort());
  });

  for (const rule of policyRules) {
    const name = rule.code.slice('policy/'.length);
    it(`${rule.code}: metadata, and a fixture that triggers it`, () => {
      expect(rule.kind).toBe('policy');
      expect(rule.rfc).toMatch(/^RFC 846[01] §\d/);
      expect(rule.summary).toMatch(/^[A-Z`].*\.$/);
      const own = invalid.filter((f) => f.startsWith(`${name}.`) || f.startsWith(`${name}-`));
      expect(own.length, `a fixture invalid/${name}*.txt`).toBeGreaterThan(0);
      for (const f of own) expect(lintText(read(f), 'policy').some((x) => x.code === rule.code), f).toBe(true);
      expect(cases.some((c) => c.diagnostics[0]?.code === rule.code), 'a case in this file').toBe(true);
    });
  }

  it('starts messages lower-case and never ends them with a period', () => {
    for (const f of invalid) {
      for (const x of lintText(read(f), 'policy')) {
        expect(x.message, `${f}: ${x.code}`).toMatch(/^[a-z`]/);
        expect(x.message.endsWith('.'), `${f}: ${x.code}`).toBe(false);
      }
    }
  });
});
