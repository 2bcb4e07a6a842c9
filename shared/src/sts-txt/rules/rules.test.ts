import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeRuleFixtures, ruleFixtures, type FixtureCases } from '../../../test/rule-fixtures.ts';
import { runRules } from '../../rule.ts';
import { applyEdits } from '../../text/edits.ts';
import { parseStsRecord } from '../parse.ts';
import { stsTxtRules } from './index.ts';

const harness = ruleFixtures(join(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/sts-txt'), (text, options) =>
  runRules(stsTxtRules, { text, record: parseStsRecord(text), options }),
);
const { lint } = harness;

// Every diagnostic of each invalid fixture: rule name, severity, range, and the text after its chosen fix
// (preferred, else first).
const cases: FixtureCases = [
  ['duplicate-id-differs', [
    ['duplicate-field', 'error', 29, 47, "v=STSv1; id=20260417T000000"],
  ]],
  ['duplicate-id-same', [
    ['duplicate-field', 'warning', 29, 47, "v=STSv1; id=20260417T000000"],
  ]],
  ['everything-wrong', [
    ['version', 'error', 0, 10, "v=STSv1 , ID=2026-04-17;; note=a b;"],
    ['separator', 'error', 11, 12, " v = stsv1; ID=2026-04-17;; note=a b;"],
    ['unknown-field', 'error', 13, 15, " v = stsv1 , id=2026-04-17;; note=a b;"],
    ['separator', 'error', 26, 28, " v = stsv1 , ID=2026-04-17; note=a b;"],
    ['field-syntax', 'error', 35, 36, " v = stsv1 , ID=2026-04-17;;"],
  ]],
  ['field-syntax-bare-word', [
    ['field-syntax', 'error', 29, 36, "v=STSv1; id=20260417T000000"],
  ]],
  ['field-syntax-name', [
    ['field-syntax', 'error', 29, 33, "v=STSv1; id=20260417T000000"],
  ]],
  ['field-syntax-no-equals', [
    ['field-syntax', 'error', 9, 27, "v=STSv1; id=20260417T000000"],
  ]],
  ['field-syntax-value-space', [
    ['field-syntax', 'error', 39, 40, "v=STSv1; id=20260417T000000"],
  ]],
  ['id-invalid-colon', [
    ['id-invalid', 'error', 12, 15, "v=STSv1; id=20260417120000;"],
  ]],
  ['id-invalid-datetime', [
    ['id-invalid', 'error', 12, 31, "v=STSv1; id=20260417120000"],
  ]],
  ['id-invalid-dot', [
    ['id-invalid', 'error', 12, 15, "v=STSv1; id=20260417120000"],
  ]],
  ['id-invalid-empty', [
    ['id-invalid', 'error', 9, 12, "v=STSv1; id=20260417120000"],
  ]],
  ['id-invalid-long', [
    ['id-invalid', 'error', 12, 45, "v=STSv1; id=20260417120000"],
  ]],
  ['id-missing', [
    ['id-missing', 'error', 0, 7, "v=STSv1; id=20260417120000"],
  ]],
  ['separator-after-version', [
    ['separator', 'error', 7, 8, "v=STSv1; id=20260417T000000"],
  ]],
  ['separator-comma', [
    ['separator', 'error', 7, 8, "v=STSv1; id=20260417T000000"],
  ]],
  ['separator-empty-field', [
    ['separator', 'error', 7, 9, "v=STSv1; id=20260417T000000"],
  ]],
  ['separator-line-break', [
    ['separator', 'error', 7, 9, "v=STSv1; id=20260417T000000\n"],
  ]],
  ['separator-space-around-equals', [
    ['separator', 'error', 11, 14, "v=STSv1; id=20260417T000000"],
  ]],
  ['separator-space-before-semicolon', [
    ['separator', 'warning', 27, 28, "v=STSv1; id=20260417T000000;"],
  ]],
  ['separator-space', [
    ['separator', 'error', 7, 8, "v=STSv1; id=20260417T000000"],
  ]],
  ['separator-trailing-space', [
    ['separator', 'warning', 27, 28, "v=STSv1; id=20260417T000000"],
  ]],
  ['too-long', [
    ['unknown-field', 'hint', 29, 32, "v=STSv1; id=20260417T000000"],
    ['too-long', 'error', 65279, 65333, '<65279:xxxxxxxxxxxxxxxxxxxx'],
  ]],
  ['unknown-field-mixed-case', [
    ['unknown-field', 'error', 9, 11, "v=STSv1; id=20260417T000000"],
  ]],
  ['unknown-field-plural', [
    ['unknown-field', 'error', 9, 12, "v=STSv1; id=20260417T000000"],
  ]],
  ['unknown-field-upper', [
    ['unknown-field', 'error', 9, 11, "v=STSv1; id=20260417T000000"],
  ]],
  ['version-case', [
    ['version', 'error', 0, 7, "v=STSv1; id=20260417T000000"],
  ]],
  ['version-empty', [
    ['version', 'error', 0, 0, "v=STSv1; id=20260417120000"],
  ]],
  ['version-leading-space', [
    ['version', 'error', 0, 8, "v=STSv1; id=20260417T000000"],
  ]],
  ['version-misplaced', [
    ['version', 'error', 20, 27, "v=STSv1; id=20260417T000000"],
  ]],
  ['version-missing', [
    ['version', 'error', 0, 18, "v=STSv1; id=20260417T000000"],
  ]],
  ['version-spacing', [
    ['version', 'error', 0, 9, "v=STSv1; id=20260417T000000"],
  ]],
  ['version-tlsrpt', [
    ['id-missing', 'error', 0, 38, "v=TLSRPTv1; rua=mailto:tls@example.com; id=20260417120000"],
    ['version', 'error', 0, 10, "v=STSv1; rua=mailto:tls@example.com"],
    ['unknown-field', 'hint', 12, 15, "v=TLSRPTv1"],
  ]],
  ['version-wrong', [
    ['version', 'error', 0, 7, "v=STSv1; id=20260417T000000"],
  ]],
];

describeRuleFixtures('sts-txt', stsTxtRules, harness, cases, { version: 'STSv1', field: 'id=20260417T000000' });

describe('sts-txt rule details', () => {
  it('mints the id from the injected clock', () => {
    const [d] = lint('v=STSv1;', { now: () => new Date(Date.UTC(2030, 0, 2, 3, 4, 5)) });
    expect(d?.fixes[0]?.title).toBe('Add `id=20300102030405`');
    expect(applyEdits('v=STSv1;', d!.fixes[0]!.edits)).toBe('v=STSv1; id=20300102030405');
  });

  it('explains what an id may hold', () => {
    const [d] = lint('v=STSv1; id=2026-06-01T00:00:00');
    expect(d?.message).toContain('contains `-` and `:`');
    expect(d?.message).toContain('letters like `T` and digits alone are fine');
    expect(d?.fixes[0]?.title).toBe('Replace the id with `20260417120000`');
  });

  it('says why whitespace before `;` is only a warning, and why a field outside the grammar is an error', () => {
    expect(lint('v=STSv1; id=1 ;')[0]?.message).toContain('RFC 8461 erratum 6285');
    expect(lint('v=STSv1; id=1; note=a b')[0]?.message).toContain('no MTA-STS policy');
  });

  it('says where a policy setting belongs', () => {
    const [d] = lint('v=STSv1; id=1; mode=enforce');
    expect([d?.code, d?.severity]).toEqual(['sts-txt/unknown-field', 'hint']);
    expect(d?.message).toBe(
      'unknown field `mode`: senders ignore it; policy settings belong in the policy file (`https://mta-sts.<domain>/.well-known/mta-sts.txt`), not in this record',
    );
  });

  it('leaves a BOM to the file rules', () => {
    expect(lint('\uFEFFv=STSv1; id=1')).toEqual([]);
  });

  it('points at the misspelt name and keeps quiet about the missing field it stands for', () => {
    expect(lint('v=STSv1; ID=1').map((d) => d.code)).toEqual(['sts-txt/unknown-field']);
    expect(lint('v=STSv1; id 1').map((d) => d.code)).toEqual(['sts-txt/field-syntax']);
    expect(lint('v=STSv1; id=1; ID=2').map((d) => [d.code, d.severity])).toEqual([['sts-txt/unknown-field', 'hint']]);
  });
});
