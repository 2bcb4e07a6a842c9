import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostic.ts';
import { lintText } from '../lint.ts';
import type { LintOptions } from '../lint-options.ts';
import { applyEdits } from '../text/edits.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/zone');
const now = () => new Date(Date.UTC(2026, 5, 1));

/** Reads `$INCLUDE`d fixture files relative to the including file. */
function readInclude(path: string, fromPath: string): string | null {
  const full = resolve(dirname(fromPath), path);
  return existsSync(full) ? readFileSync(full, 'utf8') : null;
}

function lint(path: string, text = readFileSync(path, 'utf8')): Diagnostic[] {
  const options: LintOptions = { path, readInclude, now };
  return lintText(text, 'zone', options);
}

function zoneFiles(folder: string): string[] {
  return readdirSync(join(FIXTURES, folder))
    .filter((f) => !f.endsWith('.fixed'))
    .map((f) => join(FIXTURES, folder, f));
}

type Expected = readonly [code: string, severity: Diagnostic['severity'], start: number, end: number, text: string];

// Every diagnostic each fixture gives: code, severity, exact range and the text it covers. A fixture under
// invalid/ also has `<name>.fixed`: the text after applying the first diagnostic's preferred (else first) fix.
const CASES: Readonly<Record<string, readonly Expected[]>> = {
  'invalid/bad-ipv4.zone': [['zone/bad-ipv4', 'error', 119, 131, '2001:db8::80']],
  'invalid/bad-ipv6.zone': [['zone/bad-ipv6', 'error', 122, 132, '192.0.2.80']],
  'invalid/bad-ttl.zone': [
    ['zone/bad-ttl', 'error', 114, 119, '1hour'],
    ['zone/bad-ttl', 'error', 140, 151, '99999999999'],
  ],
  'invalid/dane-present.zone': [['zone/dane-present', 'info', 143, 233, '_25._tcp.mx IN TLSA 3 1 1 8CC8C2C8B1A6E0E4D5C3C0B5A3E2F1D0A1B2C3D4E5F60718293A4B5C6D7E8F90']],
  'invalid/duplicate-record.zone': [['zone/duplicate-record', 'warning', 130, 149, 'www IN A 192.0.2.80']],
  'invalid/embedded-escapes.zone': [['sts-txt/id-invalid', 'error', 142, 147, '\\"1\\"']],
  'invalid/embedded-split-strings.zone': [
    ['sts-txt/id-invalid', 'error', 142, 152, '2026.06.01'],
    ['tlsrpt-txt/rua-missing-mailto', 'error', 214, 229, 'tls@example.com'],
  ],
  'invalid/embedded-sts-id.zone': [['sts-txt/id-invalid', 'error', 139, 158, '2026-06-01T00:00:00']],
  'invalid/missing-owner.zone': [
    ['zone/missing-owner', 'error', 33, 35, 'IN'],
    ['zone/soa', 'error', 91, 109, 'ns1 IN A 192.0.2.1'],
  ],
  'invalid/missing-ttl.zone': [['zone/missing-ttl', 'warning', 21, 29, '@ IN SOA']],
  'invalid/missing-ttl-none.zone': [
    ['zone/missing-ttl', 'error', 21, 29, 'www IN A'],
  ],
  'invalid/mx-preference.zone': [['zone/mx-preference', 'error', 118, 123, '70000']],
  'invalid/out-of-zone.zone': [['zone/out-of-zone', 'warning', 110, 126, 'www.example.org.']],
  'invalid/rrset-ttl.zone': [
    ['zone/rrset-ttl', 'warning', 138, 141, '600'],
    ['zone/rrset-ttl', 'warning', 158, 177, 'www IN A 192.0.2.82'],
  ],
  'invalid/soa.zone': [['zone/soa', 'error', 110, 157, '@ IN SOA ns1 hostmaster 2 7200 3600 1209600 300']],
  'invalid/sts-without-policy-host.zone': [['zone/sts-without-policy-host', 'warning', 110, 154, '_mta-sts IN TXT "v=STSv1; id=20260601000000"']],
  'invalid/sts-without-tlsrpt.zone': [['zone/sts-without-tlsrpt', 'info', 110, 154, '_mta-sts IN TXT "v=STSv1; id=20260601000000"']],
  'invalid/target-is-address.zone': [['zone/target-is-address', 'warning', 121, 131, '192.0.2.25']],
  'invalid/target-is-cname.zone': [['zone/target-is-cname', 'error', 121, 125, 'mail']],
  'invalid/txt-cut-at-semicolon.zone': [['zone/txt-cut-at-semicolon', 'error', 126, 152, 'v=STSv1; id=20260601000000']],
  'invalid/txt-string-too-long.zone': [['zone/txt-string-too-long', 'error', 122, 442, `"v=DKIM1; k=rsa; p=${'A'.repeat(300)}"`]],
  'invalid/unbalanced-paren-close.zone': [['zone/unbalanced-paren', 'error', 130, 131, ')']],
  'invalid/unbalanced-paren-open.zone': [['zone/unbalanced-paren', 'error', 55, 56, '(']],
  'invalid/unknown-origin.zone': [['zone/unknown-origin', 'warning', 10, 11, '@']],
  'invalid/unknown-type.zone': [['zone/unknown-type', 'error', 117, 120, 'AAA']],
  'invalid/unterminated-string.zone': [['zone/unterminated-string', 'error', 122, 134, '"hello world']],
  'unfixable/bad-directive.zone': [
    ['zone/bad-directive', 'error', 110, 116, '$ORIGN'],
    ['zone/bad-directive', 'error', 130, 134, '$TTL'],
  ],
  'unfixable/bad-ipv4.zone': [['zone/bad-ipv4', 'error', 119, 130, '192.0.2.256']],
  'unfixable/bad-rdata.zone': [
    ['zone/bad-rdata', 'error', 118, 122, 'mail'],
    ['zone/bad-rdata', 'error', 134, 144, '10 60 http'],
    ['zone/bad-rdata', 'error', 156, 162, 'is-sue'],
    ['zone/bad-rdata', 'error', 202, 213, '\\# 4 0a0000'],
  ],
  'unfixable/cname-and-other-data.zone': [['zone/cname-and-other-data', 'error', 110, 127, 'www IN CNAME host']],
  'unfixable/include-failed.zone': [
    ['zone/include-failed', 'error', 110, 131, '$INCLUDE missing.zone'],
    ['zone/include-failed', 'error', 132, 160, '$INCLUDE include-failed.zone'],
  ],
  'unfixable/missing-glue.zone': [
    ['zone/missing-glue', 'error', 120, 126, 'ns.sub'],
    ['zone/missing-glue', 'error', 135, 138, 'ns2'],
  ],
  'unfixable/missing-rdata.zone': [['zone/missing-rdata', 'error', 110, 118, 'www IN A']],
  'unfixable/name-length.zone': [['zone/name-length', 'error', 110, 174, 'a'.repeat(64)]],
  'unfixable/ns-apex.zone': [['zone/ns-apex', 'error', 31, 78, '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300']],
  'unfixable/sts-multiple-records.zone': [
    ['zone/sts-multiple-records', 'error', 142, 173, '_mta-sts IN TXT "v=STSv1; id=2"'],
    ['zone/tlsrpt-multiple-records', 'error', 233, 293, '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:other@example.com"'],
  ],
  'unfixable/target-is-address.zone': [['zone/target-is-address', 'warning', 121, 134, '198.51.100.25']],
  'unfixable/address-like-name.zone': [['zone/target-is-address', 'warning', 118, 127, '127.0.0.1']],
  'unfixable/bad-name.zone': [
    ['zone/bad-name', 'error', 110, 114, 'a..b'],
    ['zone/bad-name', 'error', 141, 157, 'd\\1.example.net.'],
    ['zone/bad-name', 'error', 166, 183, '.sub.example.com.'],
  ],
  'unfixable/meta-type.zone': [
    ['zone/meta-type', 'error', 117, 121, 'TKEY'],
    ['zone/meta-type', 'error', 230, 237, 'TYPE255'],
  ],
  'unfixable/dname-conflict.zone': [
    ['zone/dname-conflict', 'error', 140, 171, 'old IN DNAME other.example.net.'],
    ['zone/dname-conflict', 'error', 172, 194, 'www.old IN A 192.0.2.4'],
  ],
  'unfixable/ds-at-apex.zone': [['zone/ds-at-apex', 'error', 110, 193, '@ IN DS 12345 13 2 3F1A7A4A4E0C4B9D27E2E2B8A2B6F1C0D9E8F7A6B5C4D3E2F1A0B9C8D7E6F5A4']],
  'invalid/class-mismatch.zone': [['zone/class-mismatch', 'error', 114, 116, 'CH']],
  'invalid/duplicate-soa.zone': [['zone/duplicate-record', 'warning', 110, 157, '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300']],
};

function chosenFix(d: Diagnostic) {
  return d.fixes.find((f) => f.isPreferred) ?? d.fixes[0];
}

describe('zone rule fixtures', () => {
  for (const [name, expected] of Object.entries(CASES)) {
    it(name, () => {
      const path = join(FIXTURES, name);
      const text = readFileSync(path, 'utf8');
      const found = lint(path, text);
      expect(found.map((d) => [d.code, d.severity, d.range.start, d.range.end, text.slice(d.range.start, d.range.end)])).toEqual(expected);
      if (!name.startsWith('invalid/')) {
        expect(found.every((d) => d.severity !== 'error' || chosenFix(d) === undefined)).toBe(true);
        return;
      }
      const first = found[0]!;
      const fix = chosenFix(first);
      if (['info', 'warning'].includes(first.severity) && fix === undefined) return;
      expect(fix, `${first.code} offers a fix`).toBeDefined();
      const fixed = applyEdits(text, fix!.edits);
      const fixedPath = `${path}.fixed`;
      if (process.env.UPDATE_FIXED && !existsSync(fixedPath)) writeFileSync(fixedPath, fixed);
      expect(fixed).toBe(readFileSync(fixedPath, 'utf8'));
      const count = (ds: readonly Diagnostic[]) => ds.filter((d) => d.code === first.code).length;
      expect(count(lint(path, fixed))).toBe(count(found) - 1);
    });
  }

  it('covers every fixture file', () => {
    const files = [...zoneFiles('invalid'), ...zoneFiles('unfixable')].map((f) => f.slice(FIXTURES.length + 1));
    expect(files.sort()).toEqual(Object.keys(CASES).sort());
  });

  it('every valid fixture gives no diagnostics at all', () => {
    for (const path of zoneFiles('valid')) expect([path, lint(path)]).toEqual([path, []]);
  });

  it('applying the preferred (else first) fix of every diagnostic, round after round, leaves no errors', () => {
    for (const path of zoneFiles('invalid')) {
      let text = readFileSync(path, 'utf8');
      for (let round = 0; round < 10; round++) {
        const edits = lint(path, text).flatMap((d) => chosenFix(d)?.edits ?? []);
        const next = applyEdits(text, edits);
        if (next === text) break;
        text = next;
      }
      expect([path, lint(path, text).filter((d) => d.severity === 'error')]).toEqual([path, []]);
    }
  });
});
