import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../../test/random.ts';
import { recordAt } from './names.ts';
import { parseZone } from './parse.ts';
import { canonicalRdata } from './rdata.ts';
import { className, typeName } from './rr-types.ts';

// The parsed record set must equal what BIND reads: `named-checkzone -D -o - ORIGIN FILE` prints every record
// (owner, TTL, class, type, RDATA) of the loaded zone (`-i local`: no lookups of names outside it). Both sides are normalised the same way and compared as sets.

const hasNamed = spawnSync('sh', ['-c', 'command -v named-checkzone']).status === 0;
const FIXTURES = resolve(import.meta.dirname, '../../fixtures/zone');
const dir = mkdtempSync(join(tmpdir(), 'zone-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NAME_TYPES = new Set(['NS', 'CNAME', 'PTR', 'MX', 'SRV', 'SOA', 'SVCB', 'HTTPS', 'DNAME']);
const BINARY_TYPES: Record<string, number> = { TLSA: 3, SMIMEA: 3, DS: 3, CDS: 3, DNSKEY: 3, CDNSKEY: 3 };

/** One record line of named's dump, normalised. */
function normaliseNamed(line: string): string {
  const m = /^(\S+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(.*)$/.exec(line.trim());
  if (!m) return `unparsed: ${line}`;
  const [, owner, ttl, cls, type] = m as unknown as [string, string, string, string, string, string];
  let rdata = m[5]!.trim();
  const fixed = BINARY_TYPES[type];
  if (fixed !== undefined) {
    const parts = rdata.split(/\s+/);
    rdata = `${parts.slice(0, fixed).join(' ')} ${parts.slice(fixed).join('')}`;
  } else if (/^TYPE\d+$/.test(type) && rdata.startsWith('\\#')) {
    const parts = rdata.split(/\s+/);
    rdata = `\\# ${parts[1]} ${parts.slice(2).join('').toUpperCase()}`.trimEnd();
  } else if (type === 'SVCB' || type === 'HTTPS') {
    rdata = rdata.replace(/"/g, '').toLowerCase();
  } else if (type !== 'TXT' && type !== 'CAA') {
    rdata = rdata.replace(/\s+/g, ' ');
  }
  if (NAME_TYPES.has(type)) rdata = rdata.toLowerCase();
  if (type === 'TLSA' || type === 'DS') rdata = rdata.toUpperCase();
  return `${owner.toLowerCase()} ${ttl} ${cls} ${type} ${rdata}`;
}

function namedRecords(file: string, origin: string, cwd: string): string[] {
  const r = spawnSync('named-checkzone', ['-i', 'local', '-D', '-o', '-', origin, file], { encoding: 'utf8', cwd, maxBuffer: 1 << 28 });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  return r.stdout.split('\n').filter((l) => l.trim() !== '' && !l.startsWith(';')).map(normaliseNamed).sort();
}

function ourRecords(text: string, origin: string, path: string): string[] {
  const zone = parseZone(text, { origin, path, readInclude: (p, from) => {
    try {
      return readFileSync(resolve(from, '..', p), 'utf8');
    } catch {
      return null;
    }
  } });
  const out: string[] = [];
  for (let i = 0; i < zone.records.count; i++) {
    const r = recordAt(zone, i);
    let rdata = canonicalRdata(zone, r);
    if (typeName(r.type) === 'TLSA' || typeName(r.type) === 'DS') rdata = rdata.toUpperCase();
    out.push(`${r.owner} ${r.ttl} ${className(r.cls)} ${typeName(r.type)} ${rdata}`);
  }
  return [...new Set(out)].sort();
}

/** The two record sets are equal; on failure show only the records one side lacks (a full diff is too slow). */
function expectSame(ours: readonly string[], named: readonly string[]): void {
  const a = new Set(ours);
  const b = new Set(named);
  expect({ onlyOurs: ours.filter((r) => !b.has(r)).slice(0, 20), onlyNamed: named.filter((r) => !a.has(r)).slice(0, 20) }).toEqual({ onlyOurs: [], onlyNamed: [] });
  expect(ours.length).toBe(named.length);
  expect(ours.length).toBeGreaterThan(0);
}

const hex = (rand: () => number, bytes: number) => Array.from({ length: bytes }, () => Math.floor(rand() * 256).toString(16).padStart(2, '0')).join('');
const b64 = (rand: () => number, bytes: number) => Buffer.from(Array.from({ length: bytes }, () => Math.floor(rand() * 256))).toString('base64');

/**
 * A zone exercising the syntax: `$ORIGIN` and `$TTL` changes, relative and absolute names, `@`, inherited owners,
 * class and TTL in either order, TTL units, parentheses over lines, comments, quoted strings with escapes,
 * RFC 3597 types, `$GENERATE`, mixed-case mnemonics; and every parsed type.
 */
function generate(seed: number, n: number, origin: string): string {
  const rand = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const lines = [`$ORIGIN ${origin}.`, '$TTL 1h', '@ IN SOA ns1 hostmaster.example.net. ( 2026060101 ; serial', '        2h 1h 2w 5m )', '  IN NS ns1', '  IN NS ns2.example.net.', 'ns1 IN A 192.0.2.1'];
  const ttl = () => pick(['', '', '300 ', '1h30m ', '2D ', '86400 ', '1w ']);
  const cls = () => pick(['IN ', 'in ', '', '']);
  const head = (name: string) => (rand() < 0.5 ? `${name} ${ttl()}${cls()}` : `${name} ${cls()}${ttl()}`);
  for (let i = 0; i < n; i++) {
    const name = pick([`h${i}`, `h${i}.sub`, `h${i}.${origin}.`, `H${i}.Mixed`]);
    switch (Math.floor(rand() * 16)) {
      case 0: lines.push(`${head(name)}A 10.${i & 255}.${(i >> 8) & 255}.${Math.floor(rand() * 256)}`, `  ${pick(['', '60 '])}AAAA 2001:db8:${i.toString(16)}::${Math.floor(rand() * 65536).toString(16)}`); break;
      case 1: lines.push(`${head(name)}aaaa 2001:DB8:0:0:${i.toString(16)}:0:0:1`); break;
      case 2: lines.push(`${head(name)}CNAME ${pick(['@', 'ns1', `t${i}.example.org.`])}`); break;
      case 3: lines.push(`${head(name)}MX ${Math.floor(rand() * 100)} ${pick(['ns1', `mx.${origin}.`, 'mail.example.org.'])}`); break;
      case 4: lines.push(`${head(name)}TXT "plain text ${i}" "with \\"quotes\\", \\\\ and \\059 semi" unquoted${i}`); break;
      case 5: lines.push(`${head(name)}TXT ( "multi"   ; first part`, `     "line ${i}" )`); break;
      case 6: lines.push(`_sip._tcp.${name} ${ttl()}SRV ${i % 100} ${i % 7} 5060 ${pick(['ns1', `sip.example.org.`])}`); break;
      case 7: lines.push(`${head(name)}CAA 0 ${pick(['issue', 'issuewild', 'iodef'])} "${pick(['letsencrypt.org', 'mailto:ca@example.org', 'ca.example.net; account=1'])}"`); break;
      case 8: lines.push(`_25._tcp.${name} ${cls()}TLSA 3 1 1 ${hex(rand, 32)}`); break;
      case 9: lines.push(`sec${i} ${cls()}NS ns.sec${i}`, `ns.sec${i} A 192.0.2.${i & 255}`, `sec${i} DS ${i % 65536} 13 2 ( ${hex(rand, 16)}`, `    ${hex(rand, 16)} )`); break;
      case 10: {
        const key = b64(rand, 64);
        lines.push(`${head(name)}DNSKEY 256 3 13 ( ${key.slice(0, 44)}`, `    ${key.slice(44)} )`);
        break;
      }
      case 11: lines.push(`${head(name)}HTTPS 1 . alpn=h2,h3 port=${8000 + (i % 1000)}`, `  SVCB 0 ${pick(['ns1', `svc.example.org.`])}`); break;
      case 12: lines.push(`${head(name)}PTR ${pick(['ns1', `ptr${i}.example.org.`])}`); break;
      case 13: lines.push(`${head(name)}TYPE65534 \\# 4 ${hex(rand, 4)}`); break;
      case 14: lines.push(`$TTL ${pick(['600', '2h', '1d'])}`, `${head(name)}A 192.0.2.${i & 255} ; after $TTL`); break;
      default: lines.push(`$GENERATE ${i % 200}-${(i % 200) + 2} g${i}-$ ${pick(['', '60 '])}A 198.51.100.$`); break;
    }
  }
  lines.push(`$ORIGIN sub2.${origin}.`, `@ A 192.0.2.200`, `x IN 120 A 192.0.2.201`);
  return lines.join(pick(['\n', '\r\n'])) + '\n';
}

describe.skipIf(!hasNamed)('differential: parsed records equal named-checkzone -D', () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`generated zone ${seed}`, () => {
      const origin = `zone${seed}.example`;
      const file = join(dir, `${origin}.zone`);
      const text = generate(seed, 1500, origin);
      writeFileSync(file, text);
      expectSame(ourRecords(text, origin, file), namedRecords(file, origin, dir));
    });
  }

  for (const [name, origin] of [['example.com.zone', 'example.com'], ['crlf.zone', 'example.org'], ['db.example.net', 'example.net'], ['2.0.192.in-addr.arpa.zone', '2.0.192.in-addr.arpa']] as const) {
    it(`fixture ${name}`, () => {
      const file = join(FIXTURES, 'valid', name);
      expectSame(ourRecords(readFileSync(file, 'utf8'), origin, file), namedRecords(file, origin, join(FIXTURES, 'valid')));
    });
  }
});
