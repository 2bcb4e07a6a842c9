import { describe, expect, it } from 'vitest';
import { lintText } from '../lint.ts';
import { typeName } from './rr-types.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RDATA_TYPES, recordTypesMarkdown } from './rdata-types.ts';
import { parseZone } from './parse.ts';
import { zoneHover } from '../docs/zone-docs.ts';

const HEAD = '$ORIGIN example.com.\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n  IN NS ns1\nns1 IN A 192.0.2.1\n';

/** The RDATA findings of one record after a valid apex: code and the text each covers. */
function findings(record: string): [string, string][] {
  const text = HEAD + record + '\n';
  return lintText(text, 'zone', { origin: 'example.com' })
    .filter((d) => d.code === 'zone/bad-rdata' || d.code === 'zone/bad-name')
    .map((d) => [d.code, text.slice(d.range.start, d.range.end)]);
}

describe('RDATA checked from the type table', () => {
  it.each([
    'x LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m',
    'x LOC 42 21 43.528 N 71 5 6.284 W 12m',
    'x EUI48 00-00-5e-00-53-2a',
    'x EUI64 00-00-5e-ef-10-00-00-2a',
    'x APL 1:192.168.32.0/21 !1:192.168.38.0/28 2:2001:db8::/32',
    'x NSAP 0x47.0005.80.005a00.0000.0001.e133.ffffff000161.00',
    'x CERT PKIX 0 0 Zm9vYg==',
    'x NSEC3 1 1 12 aabbccdd 2vptu5timamqttgl4luu9kg21e0aor3s A RRSIG',
    'x NSEC3PARAM 1 0 0 -',
    'x RRSIG A 13 2 3600 20260101000000 20251201000000 12345 example.com. Zm9vYg==',
    'x HINFO "PC" "Linux"',
    'x NAPTR 100 10 "u" "E2U+sip" "!^.*$!sip:info@example.com!" .',
    'x SSHFP 4 2 123456789abcdef67890123456789abcdef67890123456789abcdef123456789',
    'x ZONEMD 2018031500 1 1 FEBE3D4CE2EC2FFA4BA99D46CD69D6D29711E55217057BEE7EB1A7B641A47BA7FED2DD5B97AE499FAFA4F22C6BD647DE',
    'x TYPE65534 \\# 4 0a000001',
    'x TXT "a\\255b" "\\"quoted\\""',
    'x URI 10 1 "ftp://ftp1.example.com/public"',
    'x SOA ns1 hostmaster 4294967295 4294967295 4294967295 4294967295 4294967295',
    'x NS \\# 5 03616263 00',
  ])('accepts `%s`', (record) => {
    expect(findings(record)).toEqual([]);
  });

  it.each([
    ['x LOC 91 0 0 N 0 E 0m', '91'],
    ['x EUI48 00:00:5e:00:53:2a', '00:00:5e:00:53:2a'],
    ['x APL 1:192.168.32.0/33', '1:192.168.32.0/33'],
    ['x NSAP 0x', '0x'],
    ['x CERT 0 0 0 AB', 'AB'],
    ['x NSEC3 1 0 10 76931F IMQ912BREQP1POLAH3RMONG A', 'IMQ912BREQP1POLAH3RMONG'],
    ['x RRSIG A 13 2 3600 210601010000000 0 1 . AA==', '210601010000000'],
    ['x DS 0 0 0 0', '0'],
    ['x TXT "\\256"', '"\\256"'],
    ['x TXT \\# 0', '\\# 0'],
    ['x SVCB 1 . port=65536', 'port=65536'],
    ['x SVCB 1 . alpn=', 'alpn='],
    ['x SVCB 1 . ipv4hint=1.2.3', 'ipv4hint=1.2.3'],
    ['x SVCB 1 . mandatory=port', 'mandatory=port'],
    ['x SVCB 1 . mandatory=mandatory', 'mandatory=mandatory'],
    ['x SVCB 1 . key123=a key123=b', 'key123=b'],
    ['x SVCB \\# 11 0001 00 0003 0002 01bb 0001', '\\# 11 0001 00 0003 0002 01bb 0001'],
    ['x TLSA 0 0 256 00', '256'],
    ['x NS \\# 6 03616263 0000', '\\# 6 03616263 0000'],
  ])('refuses `%s` at `%s`', (record, covered) => {
    expect(findings(record)).toEqual([['zone/bad-rdata', covered]]);
  });

  it('refuses a bad name in RDATA as zone/bad-name', () => {
    expect(findings('x MX 10 a..example.net.')).toEqual([['zone/bad-name', 'a..example.net.']]);
    expect(findings('x SOA ns1 host\\1 1 2 3 4 5')).toEqual([['zone/bad-name', 'host\\1']]);
  });

  it('has a schema for every type with a mnemonic', () => {
    const missing: string[] = [];
    for (let code = 1; code < 65536; code++) if (!typeName(code).startsWith('TYPE') && !RDATA_TYPES.has(code)) missing.push(typeName(code));
    expect(missing).toEqual([]);
  });
});

describe('hover reads the type table', () => {
  const text = `${HEAD}x IN MX 10 mail\nx IN SVCB 1 . alpn=h2 port=443\n`;
  const zone = parseZone(text, { origin: 'example.com' });
  const at = (needle: string, from = 0) => text.indexOf(needle, from) + 1;
  it('names the fields of a type and the field under the cursor', () => {
    expect(zoneHover(zone, at('MX'))?.markdown).toContain('Data: preference, exchange (RFC 1035 §3.3.9)');
    expect(zoneHover(zone, at('mail'))).toEqual({ range: { start: at('mail') - 1, end: at('mail') + 3 }, markdown: '**MX exchange** (RFC 1035 §3.3.9)' });
    expect(zoneHover(zone, at('10 mail'))?.markdown).toBe('**MX preference** (RFC 1035 §3.3.9)');
    expect(zoneHover(zone, at('port='))?.markdown).toBe('**SVCB parameters** (RFC 9460 §2.1)');
  });
});

describe('docs/zone.md', () => {
  // Regenerate the table with `UPDATE_DOCS=1 pnpm exec vitest run shared/src/zone/rdata-types.test.ts`.
  it('lists every record type with what is checked of it, as the type table says', () => {
    const path = resolve(import.meta.dirname, '../../../docs/zone.md');
    const doc = readFileSync(path, 'utf8');
    const start = '<!-- record-types: generated from shared/src/zone/rdata-types.ts -->\n';
    const end = '\n<!-- /record-types -->';
    const table = recordTypesMarkdown(typeName);
    const i = doc.indexOf(start);
    const j = doc.indexOf(end);
    if (process.env['UPDATE_DOCS'] && i >= 0 && j > i) writeFileSync(path, doc.slice(0, i + start.length) + table + doc.slice(j));
    expect(i).toBeGreaterThan(0);
    expect(readFileSync(path, 'utf8').slice(i + start.length, readFileSync(path, 'utf8').indexOf(end))).toBe(table);
  });
});
