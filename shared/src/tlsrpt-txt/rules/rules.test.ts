import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, fixtureOptions, ruleFixtures, type FixtureCases } from '../../../test/rule-fixtures.ts';
import { runRules } from '../../rule.ts';
import { applyEdits } from '../../text/edits.ts';
import { parseTlsRptRecord } from '../parse.ts';
import { tlsRptTxtRules } from './index.ts';

const harness = ruleFixtures(join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/tlsrpt-txt'), (text, options) =>
  runRules(tlsRptTxtRules, { text, record: parseTlsRptRecord(text), options }),
);
const { lint } = harness;

// Every diagnostic of each invalid fixture: rule name, severity, range, and the text after its chosen fix
// (preferred, else first).
const cases: FixtureCases = [
  ['duplicate-rua', [
    ['duplicate-field', 'warning', 38, 62, "v=TLSRPTv1; rua=mailto:a@example.com,mailto:b@example.com"],
  ]],
  ['everything-wrong', [
    ['version', 'error', 0, 10, "v=TLSRPTv1 , rua = tls@example.com,,http://r.example.com/a?b=1,2; rua=mailto:x!y@example.com;"],
    ['separator', 'error', 11, 12, "V=TLSRPTv1; rua = tls@example.com,,http://r.example.com/a?b=1,2; rua=mailto:x!y@example.com;"],
    ['separator', 'error', 16, 19, "V=TLSRPTv1 , rua=tls@example.com,,http://r.example.com/a?b=1,2; rua=mailto:x!y@example.com;"],
    ['rua-missing-mailto', 'error', 19, 34, "V=TLSRPTv1 , rua = mailto:tls@example.com,,http://r.example.com/a?b=1,2; rua=mailto:x!y@example.com;"],
    ['rua-empty', 'error', 34, 35, "V=TLSRPTv1 , rua = tls@example.com,http://r.example.com/a?b=1,2; rua=mailto:x!y@example.com;"],
    ['rua-scheme', 'error', 36, 40, "V=TLSRPTv1 , rua = tls@example.com,,https://r.example.com/a?b=1,2; rua=mailto:x!y@example.com;"],
    ['rua-unencoded', 'error', 62, 63, "V=TLSRPTv1 , rua = tls@example.com,,http://r.example.com/a?b=1%2C2; rua=mailto:x!y@example.com;"],
    ['duplicate-field', 'warning', 66, 92, "V=TLSRPTv1 , rua = tls@example.com,,http://r.example.com/a?b=1,2,mailto:x!y@example.com;"],
  ]],
  ['field-syntax-no-equals', [
    ['field-syntax', 'error', 12, 38, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['field-syntax-value', [
    ['field-syntax', 'error', 48, 49, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['rua-empty-entry', [
    ['rua-empty', 'error', 38, 39, "v=TLSRPTv1; rua=mailto:tls@example.com,https://reports.example.com/tls"],
  ]],
  ['rua-empty', [
    ['rua-empty', 'error', 12, 16, "v=TLSRPTv1; rua=mailto:tls-reports@example.com"],
  ]],
  ['rua-invalid-https', [
    ['rua-invalid', 'error', 16, 42, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['rua-invalid-mailto', [
    ['rua-invalid', 'error', 16, 34, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['rua-missing-mailto', [
    ['rua-missing-mailto', 'error', 16, 31, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['rua-missing', [
    ['rua-missing', 'error', 0, 10, "v=TLSRPTv1; rua=mailto:tls-reports@example.com"],
  ]],
  ['rua-scheme-ftp', [
    ['rua-scheme', 'error', 16, 45, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['rua-scheme-http', [
    ['rua-scheme', 'error', 16, 20, "v=TLSRPTv1; rua=https://reports.example.com/tls"],
  ]],
  ['rua-trailing-comma', [
    ['rua-empty', 'error', 38, 39, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['rua-unencoded-bang', [
    ['rua-unencoded', 'error', 26, 27, "v=TLSRPTv1; rua=mailto:tls%21reports%21@example.com"],
  ]],
  ['rua-unencoded-comma', [
    ['rua-unencoded', 'error', 49, 50, "v=TLSRPTv1; rua=https://reports.example.com/r?a=1%2C2"],
  ]],
  ['separator-after-version', [
    ['separator', 'error', 10, 11, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['separator-comma', [
    ['separator', 'error', 10, 11, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['separator-empty-field', [
    ['separator', 'error', 10, 13, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['separator-space-around-equals', [
    ['separator', 'error', 15, 18, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['too-long', [
    ['unknown-field', 'hint', 40, 43, "v=TLSRPTv1; rua=mailto:tls@example.com"],
    ['too-long', 'error', 65279, 65344, '<65279:xxxxxxxxxxxxxxxxxxxx'],
  ]],
  ['unknown-field-ruf', [
    ['unknown-field', 'error', 12, 15, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['unknown-field-upper', [
    ['unknown-field', 'error', 12, 15, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['version-case', [
    ['version', 'error', 0, 10, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['version-empty', [
    ['version', 'error', 0, 0, "v=TLSRPTv1; rua=mailto:tls-reports@example.com\n"],
  ]],
  ['version-misplaced', [
    ['version', 'error', 28, 38, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['version-missing', [
    ['version', 'error', 0, 26, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
  ['version-sts', [
    ['version', 'error', 0, 7, "v=TLSRPTv1; rua=mailto:tls@example.com"],
  ]],
];

describeRuleFixtures('tlsrpt-txt', tlsRptTxtRules, harness, cases, { version: 'TLSRPTv1', field: 'rua=mailto:tls@example.com' });

describe('tlsrpt-txt rule details', () => {
  it('writes placeholder addresses at the linted domain and says to change them', () => {
    const opts = { ...fixtureOptions, domain: 'Example.ORG.' };
    const [missing] = lint('v=TLSRPTv1;', opts);
    expect(missing?.fixes[0]?.title).toBe('Add `rua=mailto:tls-reports@example.org` (then change the address to your reports mailbox)');
    expect(missing?.fixes[0]?.isPreferred).toBeFalsy();
    const [empty] = lint('', opts);
    expect(applyEdits('', empty!.fixes[0]!.edits)).toBe('v=TLSRPTv1; rua=mailto:tls-reports@example.org');
  });

  it('gives a broken URI no fix when it is the only one', () => {
    const [d] = lint('v=TLSRPTv1; rua=mailto:tls');
    expect(d?.code).toBe('tlsrpt-txt/rua-invalid');
    expect(d?.fixes).toEqual([]);
  });

  it('reports each `rua` problem once', () => {
    const codes = (text: string) => lint(text).map((d) => d.code);
    expect(codes('v=TLSRPTv1; rua=http://r.example.com/x')).toEqual(['tlsrpt-txt/rua-scheme']);
    expect(codes('v=TLSRPTv1; rua=tls@example.com')).toEqual(['tlsrpt-txt/rua-missing-mailto']);
    expect(codes('v=TLSRPTv1; rua=https://r.example.com/?a=1,2')).toEqual(['tlsrpt-txt/rua-unencoded']);
    expect(codes('v=TLSRPTv1; RUA=mailto:tls@example.com')).toEqual(['tlsrpt-txt/unknown-field']);
    expect(codes('v=TLSRPTv1; rua mailto:tls@example.com')).toEqual(['tlsrpt-txt/field-syntax']);
  });

  it('tells a DMARC `ruf` beside `rua` apart from a misspelt `rua`', () => {
    const [d] = lint('v=TLSRPTv1; rua=mailto:a@example.com; ruf=mailto:b@example.com');
    expect([d?.code, d?.severity]).toEqual(['tlsrpt-txt/unknown-field', 'hint']);
    expect(d?.message).toContain('`ruf` is a DMARC tag');
  });

  it('leaves a BOM to the file rules', () => {
    expect(lint('\uFEFFv=TLSRPTv1; rua=mailto:tls@example.com')).toEqual([]);
  });
});
