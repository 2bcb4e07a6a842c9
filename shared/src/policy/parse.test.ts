import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hasNearMiss, parsePolicy, type EffectivePolicy, type PolicyLine } from './parse.ts';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/policy');
const fixture = (path: string) => readFileSync(join(fixtures, path), 'utf8');

/** Every part of a line as text, so a test reads like the line it checks. */
function parts(text: string, line: PolicyLine) {
  const t = (s: { start: number; end: number } | null | undefined) => (s ? text.slice(s.start, s.end) : null);
  if (line.kind !== 'field') return { kind: line.kind, indent: t(line.indent), trailing: t(line.trailing), eol: t(line.eol) };
  return {
    kind: line.kind,
    indent: t(line.indent),
    key: t(line.key),
    beforeColon: t(line.beforeColon),
    colon: t(line.colon),
    gap: t(line.gap),
    value: t(line.value),
    trailing: t(line.trailing),
    eol: t(line.eol),
  };
}

describe('parsePolicy: lines', () => {
  it('splits a field into indent, key, space before colon, colon, gap, value, trailing space and line ending', () => {
    const text = '  mx :\tmail.example.com \r\nmode: enforce';
    const p = parsePolicy(text);
    expect(p.lines.length).toBe(2);
    const [mx, mode] = [...p.lines];
    expect(parts(text, mx!)).toEqual({ kind: 'field', indent: '  ', key: 'mx', beforeColon: ' ', colon: ':', gap: '\t', value: 'mail.example.com', trailing: ' ', eol: '\r\n' });
    expect(mx!.eolKind).toBe('\r\n');
    expect([mx!.keyText, mx!.valueText, mx!.sends, mx!.intended]).toEqual(['mx', 'mail.example.com', null, 'mx']);
    expect(parts(text, mode!)).toEqual({ kind: 'field', indent: '', key: 'mode', beforeColon: '', colon: ':', gap: ' ', value: 'enforce', trailing: '', eol: null });
    expect([mode!.sends, mode!.intended, mode!.eolKind]).toEqual(['mode', null, null]);
  });

  it('splits at LF, CRLF and a lone CR, and keeps each ending', () => {
    const p = parsePolicy('a: 1\nb: 2\r\nc: 3\rd: 4');
    expect([...p.lines].map((l) => l.eolKind)).toEqual(['\n', '\r\n', '\r', null]);
    expect(p.shapes.loneCr).toBe(true);
    expect(p.newline).toBe('\n');
    expect(parsePolicy('a: 1\r\nb: 2\n').newline).toBe('\r\n');
    expect(parsePolicy('a: 1\rb: 2').newline).toBe('\n');
  });

  it('ends at the last line ending: a final newline adds no empty line', () => {
    expect(parsePolicy('version: STSv1\n').lines.length).toBe(1);
    expect(parsePolicy('version: STSv1\n\n').lines.length).toBe(2);
    expect(parsePolicy('').lines.length).toBe(0);
  });

  it('tells blank, field and text lines apart, value trimmed, empty value right after the gap', () => {
    const text = ' \t\nmode:\nhello world\n: x\n';
    const lines = [...parsePolicy(text).lines];
    expect(lines.map((l) => l.kind)).toEqual(['blank', 'field', 'no-colon', 'field']);
    expect(lines[1]!.value).toEqual({ start: 8, end: 8 });
    expect(lines[1]!.valueText).toBe('');
    expect(lines[2]!.kind === 'no-colon' && text.slice(lines[2]!.body.start, lines[2]!.body.end)).toBe('hello world');
    expect(lines[3]!.keyText).toBe('');
  });

  it('reads the first key after a BOM, which stays outside the indent', () => {
    const text = '\uFEFFversion: STSv1\n';
    const p = parsePolicy(text);
    const first = p.lines.at(0)!;
    expect(first.indent).toEqual({ start: 1, end: 1 });
    expect(first.sends).toBe('version');
    expect(p.fields.version?.index).toBe(0);
    expect(p.bom).toBe(true);
  });

  it('recognises a known key written without its colon', () => {
    const text = 'max_age=86400\nmode enforce\nmx smtp://mail.example.com:25\nMode  = testing\nhello world\n';
    const lines = [...parsePolicy(text).lines];
    const mc = lines.map((l) => {
      const m = l.missingColon;
      return m && { key: m.key, name: text.slice(m.name.start, m.name.end), separator: text.slice(m.separator.start, m.separator.end), value: text.slice(m.value.start, m.value.end) };
    });
    expect(mc).toEqual([
      { key: 'max_age', name: 'max_age', separator: '=', value: '86400' },
      { key: 'mode', name: 'mode', separator: ' ', value: 'enforce' },
      { key: 'mx', name: 'mx', separator: ' ', value: 'smtp://mail.example.com:25' },
      { key: 'mode', name: 'Mode', separator: '  = ', value: 'testing' },
      null,
    ]);
    expect(lines[2]!.kind).toBe('field'); // the colon of `:25` splits it, but it is no `mx` field
  });

  it('knows the first occurrence of each key, every mx line, and the near misses', () => {
    const p = parsePolicy('version: STSv1\nMode: enforce\nmode: testing\nmode: none\nmx: a.example.com\nmaxage: 86400\nmx: b.example.com\n');
    expect(p.fields.version?.index).toBe(0);
    expect(p.fields.mode?.index).toBe(2);
    expect(p.fields.max_age).toBeNull();
    expect([...p.mx].map((l) => [l.index, l.valueText, l.mxCheck.kind])).toEqual([
      [4, 'a.example.com', 'ok'],
      [6, 'b.example.com', 'ok'],
    ]);
    expect(p.nearMisses.mode.map((l) => l.index)).toEqual([1]);
    expect(p.nearMisses.max_age.map((l) => l.index)).toEqual([5]);
    expect(hasNearMiss(p, 'version')).toBe(false);
    expect(p.shapes.repeatedKey).toBe(true);
    expect(p.shapes.unreadKey).toBe(true);
  });

  it('does not take an extension whose value does not fit for a misspelt key', () => {
    const p = parsePolicy('node: primary\nmodes: enforced\nmax: 86400\nmax: mail.example.com\n');
    expect([...p.lines].map((l) => l.intended)).toEqual([null, 'mode', 'max_age', 'mx']);
  });

  it('lists line shapes for quick rule exits', () => {
    expect(parsePolicy(fixture('valid/enforce-wildcard.txt')).shapes).toEqual({
      loneCr: false,
      blank: false,
      control: false,
      indent: false,
      trailing: false,
      tabAfterColon: false,
      noColon: false,
      unreadKey: false,
      repeatedKey: false,
      mx: new Set(['ok']),
    });
    const s = parsePolicy(' a: b \n\nmode:\tx\u0001\nhello\nmx: 192.0.2.1\n').shapes;
    expect([s.indent, s.trailing, s.blank, s.tabAfterColon, s.control, s.noColon, s.unreadKey, [...s.mx]]).toEqual([true, true, true, true, true, true, true, ['ip']]);
  });
});

describe('parsePolicy: effective, what a sender reads', () => {
  const cases: readonly [string, EffectivePolicy][] = [
    ['valid/enforce-wildcard.txt', { version: 'STSv1', mode: 'enforce', maxAge: 1209600, mx: ['*.mail.example.com', 'backup.example.net'] }],
    ['valid/crlf.txt', { version: 'STSv1', mode: 'enforce', maxAge: 31557600, mx: ['mx1.example.com', 'mx2.example.com'] }],
    ['valid/no-final-newline.txt', { version: 'STSv1', mode: 'testing', maxAge: 604800, mx: ['mail.example.com'] }],
    ['valid/none-without-mx.txt', { version: 'STSv1', mode: 'none', maxAge: 31557600, mx: [] }],
    ['valid/extension-key.txt', { version: 'STSv1', mode: 'enforce', maxAge: 604800, mx: ['mail.example.com'] }],
    // Lone CRs: one long line to a sender, so its only key, `version`, has an invalid value.
    ['invalid/line-ending.txt', { version: null, mode: null, maxAge: null, mx: [] }],
    ['invalid/key-case.txt', { version: 'STSv1', mode: null, maxAge: 604800, mx: ['mail.example.com'] }],
    ['invalid/leading-whitespace.txt', { version: 'STSv1', mode: null, maxAge: 604800, mx: ['mail.example.com'] }],
    ['invalid/space-before-colon.txt', { version: 'STSv1', mode: 'enforce', maxAge: 604800, mx: [] }],
    ['invalid/duplicate-key-differs.txt', { version: 'STSv1', mode: 'testing', maxAge: 604800, mx: ['mail.example.com'] }],
    ['invalid/trailing-whitespace.txt', { version: 'STSv1', mode: 'enforce', maxAge: 604800, mx: ['mail.example.com'] }],
    ['invalid/tab.txt', { version: 'STSv1', mode: 'enforce', maxAge: 604800, mx: ['mail.example.com'] }],
    ['invalid/version-invalid.txt', { version: null, mode: 'enforce', maxAge: 604800, mx: ['mail.example.com'] }],
    ['invalid/mode-invalid.txt', { version: 'STSv1', mode: null, maxAge: 604800, mx: ['mail.example.com'] }],
    // The grammar allows 10 digits: a sender reads the number, the limit is another rule's business.
    ['invalid/max-age-too-large.txt', { version: 'STSv1', mode: 'enforce', maxAge: 63115200, mx: ['mail.example.com'] }],
    ['invalid/max-age-invalid-unit.txt', { version: 'STSv1', mode: 'enforce', maxAge: null, mx: ['mail.example.com'] }],
    ['invalid/mx-trailing-dot.txt', { version: 'STSv1', mode: 'enforce', maxAge: 604800, mx: [] }],
    ['invalid/mx-uppercase.txt', { version: 'STSv1', mode: 'enforce', maxAge: 604800, mx: ['MAIL.Example.com'] }],
    ['invalid/mx-multiple.txt', { version: 'STSv1', mode: 'enforce', maxAge: 604800, mx: [] }],
    // `192.0.2.25` fits `Domain` (labels may be all digits): senders keep it, though it matches no MX host name.
    ['invalid/mx-ip-address.txt', { version: 'STSv1', mode: 'enforce', maxAge: 604800, mx: ['mail.example.com', '192.0.2.25'] }],
    ['invalid/mx-ip-address-v6.txt', { version: 'STSv1', mode: 'enforce', maxAge: 604800, mx: ['mail.example.com'] }],
    ['invalid/mx-invalid-single-label.txt', { version: 'STSv1', mode: 'enforce', maxAge: 604800, mx: ['mail.example.com', 'localhost'] }],
  ];
  for (const [path, effective] of cases) {
    it(path, () => expect(parsePolicy(fixture(path)).effective).toEqual(effective));
  }

  it('sees `\\uFEFFversion` behind a BOM, as senders that do not strip it do', () => {
    expect(parsePolicy('\uFEFFversion: STSv1\nmode: testing\nmx: a.example.com\nmax_age: 86400\n').effective).toEqual({
      version: null,
      mode: 'testing',
      maxAge: 86400,
      mx: ['a.example.com'],
    });
  });

  it('joins the lines around a lone CR as senders do', () => {
    expect(parsePolicy('version: STSv1\nmode: enforce\rmx: a.example.com\nmax_age: 86400\r\nmx: b.example.com').effective).toEqual({
      version: 'STSv1',
      mode: null,
      maxAge: 86400,
      mx: ['b.example.com'],
    });
  });

  it('uses the first occurrence even when its value is invalid', () => {
    expect(parsePolicy('version: STSv1\nmode: enforced\nmode: enforce\nmax_age: 1w\nmax_age: 86400\n').effective).toMatchObject({ mode: null, maxAge: null });
  });
});
