import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectKind, lintBytes, lintText } from '../lint.ts';
import { canonicalRdata } from './rdata.ts';
import { recordAt } from './names.ts';
import { parseZone } from './parse.ts';
import { className, typeName } from './rr-types.ts';
import { unparseZone } from './unparse.ts';
import type { Zone } from './model.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/zone');

function readInclude(path: string, fromPath: string): string | null {
  const full = resolve(dirname(fromPath), path);
  return existsSync(full) ? readFileSync(full, 'utf8') : null;
}

/** `owner TTL CLASS TYPE` of every record, in file order. */
function summary(zone: Zone): string[] {
  const out: string[] = [];
  for (let i = 0; i < zone.records.count; i++) {
    const r = recordAt(zone, i);
    out.push(`${r.owner} ${r.ttl} ${className(r.cls)} ${typeName(r.type)}`);
  }
  return out;
}

describe('parseZone', () => {
  it('unparses every fixture to its exact bytes, and every byte outside a token is a blank or a line break', () => {
    const folders = ['valid', 'invalid', 'unfixable', 'include'];
    for (const folder of folders) {
      for (const f of readdirSync(join(FIXTURES, folder))) {
        const text = readFileSync(join(FIXTURES, folder, f), 'utf8');
        const zone = parseZone(text, { path: join(FIXTURES, folder, f) });
        expect(unparseZone(zone)).toBe(text);
        const covered = new Uint8Array(text.length);
        for (let t = 0; t < zone.tokens.count; t++) {
          if (zone.tokens.end[t]! > text.length) continue;
          for (let k = zone.tokens.start[t]!; k < zone.tokens.end[t]!; k++) covered[k] = 1;
        }
        for (let k = 0; k < text.length; k++) if (!covered[k]) expect([f, k, ' \t\r\n\uFEFF'.includes(text[k]!)]).toEqual([f, k, true]);
      }
    }
  });

  it('recovers every record of the corpus zone with its owner, TTL, class and type', () => {
    const path = join(FIXTURES, 'valid/example.com.zone');
    const zone = parseZone(readFileSync(path, 'utf8'), { path });
    expect(zone.origin).toBe('example.com.');
    expect(zone.apex).toBe('example.com.');
    expect(summary(zone)).toEqual([
      'example.com. 5400 IN SOA',
      'example.com. 5400 IN NS',
      'example.com. 5400 IN NS',
      'example.com. 5400 IN MX',
      'example.com. 5400 IN MX',
      'example.com. 600 IN TXT',
      'example.com. 5400 IN CAA',
      'example.com. 5400 IN CAA',
      'ns1.example.com. 5400 IN A',
      'ns1.example.com. 5400 IN AAAA',
      'mx1.example.com. 3600 IN A',
      'mx2.example.com. 3600 IN A',
      'mx2.example.com. 5400 IN AAAA',
      'www.example.com. 5400 IN A',
      'www.example.com. 5400 IN AAAA',
      'www.example.com. 5400 IN HTTPS',
      '_443._tcp.www.example.com. 5400 IN TLSA',
      'blog.example.com. 5400 IN CNAME',
      'ftp.example.com. 5400 IN CNAME',
      '_sip._tcp.example.com. 5400 IN SRV',
      'sip.example.com. 5400 IN A',
      'svc.example.com. 5400 IN SVCB',
      'quoted.example.com. 5400 IN TXT',
      'unknown.example.com. 5400 IN TYPE65534',
      'secure.example.com. 5400 IN DS',
      'secure.example.com. 5400 IN NS',
      'ns.secure.example.com. 5400 IN A',
      'example.com. 5400 IN DNSKEY',
      'host1.example.com. 5400 IN A',
      'host2.example.com. 5400 IN A',
      'host3.example.com. 5400 IN A',
      'host4.example.com. 5400 IN A',
      '_mta-sts.example.com. 5400 IN TXT',
      '_smtp._tls.example.com. 5400 IN TXT',
      'mta-sts.example.com. 5400 IN CNAME',
      'sub.example.com. 5400 IN A',
      'deep.sub.example.com. 5400 IN A',
    ]);
    const rdata = (owner: string, type: string) => {
      for (let i = 0; i < zone.records.count; i++) {
        const r = recordAt(zone, i);
        if (r.owner === owner && typeName(r.type) === type) return canonicalRdata(zone, r);
      }
      return null;
    };
    expect(rdata('example.com.', 'SOA')).toBe('ns1.example.com. hostmaster.example.com. 2026060101 7200 3600 1209600 300');
    expect(rdata('quoted.example.com.', 'TXT')).toBe('"a \\"quoted\\" word; a semicolon" "and \\\\ a backslash, A (A)"');
    expect(rdata('mx2.example.com.', 'AAAA')).toBe('2001:db8::26');
    expect(rdata('unknown.example.com.', 'TYPE65534')).toBe('\\# 4 0A000001');
    expect(rdata('host4.example.com.', 'A')).toBe('192.0.2.104');
  });

  it('follows $INCLUDE relative to the including file, with an origin argument, and restores the origin after', () => {
    const path = join(FIXTURES, 'valid/db.example.net');
    const zone = parseZone(readFileSync(path, 'utf8'), { path, readInclude });
    expect(zone.sources.map((s) => [s.kind, s.path?.slice(FIXTURES.length)])).toEqual([
      ['file', '/valid/db.example.net'],
      ['include', '/include/hosts.example.net.inc'],
      ['include', '/include/sub.inc'],
    ]);
    expect(summary(zone)).toEqual([
      'example.net. 86400 IN SOA',
      'example.net. 86400 IN NS',
      'example.net. 86400 IN MX',
      'ns1.example.net. 86400 IN A',
      'mail.example.net. 86400 IN A',
      'www.example.net. 86400 IN A',
      'sub.example.net. 86400 IN A',
      'host.sub.example.net. 86400 IN A',
      '_mta-sts.example.net. 86400 IN TXT',
      '_smtp._tls.example.net. 86400 IN TXT',
      'mta-sts.example.net. 86400 IN A',
    ]);
  });

  it('reports include loops and a 10 000-deep include chain without following it to the end', () => {
    const files = new Map<string, string>();
    for (let i = 0; i < 10_000; i++) files.set(`z${i}.inc`, `h${i} IN A 192.0.2.1\n$INCLUDE z${i + 1}.inc\n`);
    const reader = (p: string) => files.get(p) ?? null;
    const started = performance.now();
    const found = lintText('$ORIGIN example.com.\n$TTL 60\n$INCLUDE z0.inc\n', 'zone', { path: 'main.zone', readInclude: reader });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(found.filter((d) => d.code === 'zone/include-failed').map((d) => d.message)).toEqual([
      expect.stringMatching(/^in `z15\.inc` line 2: `\$INCLUDE z16\.inc` is nested more than 16 files deep/),
    ]);
    const loop = lintText('$ORIGIN example.com.\n$TTL 60\n$INCLUDE a.inc\n', 'zone', { path: 'main.zone', readInclude: (p) => (p === 'a.inc' ? '$INCLUDE main.zone\n' : null) });
    expect(loop.find((d) => d.code === 'zone/include-failed')?.message).toMatch(/include loop/);
  });

  it('is a kind lint.ts detects by name and content', () => {
    expect(['db.example.com', 'example.com.zone', 'example.com.db'].map((p) => detectKind(`zones/${p}`, ''))).toEqual(['zone', 'zone', 'zone']);
    expect(detectKind('zonefile', '; comment\n$ORIGIN example.com.\n')).toBe('zone');
    expect(detectKind('zonefile', '$TTL 3600\n')).toBe('zone');
    expect(detectKind('zonefile', 'example.com. 3600 IN SOA ns1 hostmaster 1 2 3 4 5\n')).toBe('zone');
    expect(detectKind('mta-sts.txt', 'version: STSv1\n')).toBe('policy');
    expect(lintText('www IN A 192.0.2.300\n', 'zone', { origin: 'example.com' }).map((d) => d.code)).toContain('zone/bad-ipv4');
  });

  it('reads class and TTL in either order, TTL units, inherited class, lower-case mnemonics', () => {
    const zone = parseZone('$TTL 1w\nA 1h30m in a 192.0.2.1\nB CH 2d txt "x"\n  60 aaaa 2001:db8::1\n', { origin: 'Example.COM' });
    expect(summary(zone)).toEqual(['a.example.com. 5400 IN A', 'b.example.com. 172800 CH TXT', 'b.example.com. 60 CH AAAA']);
  });

  it('expands $GENERATE with offsets, widths and bases', () => {
    const zone = parseZone('$TTL 60\n$GENERATE 1-3/2 h${10,3,x} CNAME t$.\n', { origin: 'example.com.' });
    expect([0, 1].map((i) => `${recordAt(zone, i).owner} ${canonicalRdata(zone, recordAt(zone, i))}`)).toEqual(['h00b.example.com. t1.', 'h00d.example.com. t3.']);
  });

  it('is total and fast on bad input', () => {
    const inputs: Record<string, string> = {
      empty: '',
      binary: Array.from({ length: 1 << 20 }, (_, i) => String.fromCharCode((i * 7919) % 256)).join(''),
      nul: '\0\0$TTL\0 60\0\n\0 IN A 1.2.3.4\n',
      'quote at byte 1': '"' + 'www IN A 192.0.2.1\n'.repeat(10_000),
      'paren at byte 1': '(' + 'www IN A 192.0.2.1\n'.repeat(10_000),
      'cr only': '$ORIGIN example.com.\r$TTL 60\rwww IN A 192.0.2.1\r',
      bom: '\uFEFF$ORIGIN example.com.\n$TTL 60\nwww IN A 192.0.2.1\n',
      'lone surrogates': 'a\uD800 IN TXT "\uDC00"\n',
      '100 000 lines': 'www IN A 192.0.2.1\n'.repeat(100_000),
      '1 MB line': 'txt IN TXT ' + 'x'.repeat(1 << 20),
      '10 MB line': 'txt IN TXT "' + 'x;('.repeat(3_500_000) + '"',
      '20 MB': '$ORIGIN example.com.\n$TTL 60\n' + 'host IN A 192.0.2.1 ; comment\n'.repeat(650_000),
    };
    for (const [name, text] of Object.entries(inputs)) {
      const started = performance.now();
      const found = lintText(text, 'zone', { origin: 'example.com' });
      expect([name, performance.now() - started < 10_000]).toEqual([name, true]);
      expect(Array.isArray(found)).toBe(true);
      expect(unparseZone(parseZone(text))).toBe(text);
    }
  });

  it('reads a zone file as octets: a raw 8-bit byte in a label is a name, not invalid UTF-8 (RFC 2181 §11)', () => {
    const head = Buffer.from('$ORIGIN example.com.\n$TTL 60\n@ SOA ns1 hostmaster 1 2 3 4 5\n NS ns1\nns1 A 192.0.2.1\ncaf');
    const bytes = Buffer.concat([head, Buffer.from([0xe9]), Buffer.from(' TXT "na\xefve"\n', 'latin1')]);
    const { text, diagnostics } = lintBytes(bytes, 'zone');
    expect(diagnostics).toEqual([]);
    expect(text.slice(head.length - 3, head.length + 1)).toBe('caf\u00e9');
    expect(recordAt(parseZone(text), 3).owner).toBe('caf\u00e9.example.com.');
  });

  it('keeps at most 10 000 findings per code for 50 MB of random bytes', () => {
    const bytes = new Uint8Array(50_000_000);
    let seed = 12345;
    for (let i = 0; i < bytes.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) | 0;
      bytes[i] = seed >>> 24;
    }
    const found = lintBytes(bytes, 'zone', { origin: 'example.com' }).diagnostics;
    // A zone file is octets (RFC 2181 §11): random bytes are not reported as invalid UTF-8.
    expect(found.some((d) => d.code === 'file/invalid-utf8')).toBe(false);
    const perCode = new Map<string, number>();
    for (const d of found) perCode.set(d.code, (perCode.get(d.code) ?? 0) + 1);
    for (const n of perCode.values()) expect(n).toBeLessThanOrEqual(10_000);
  });
});
