import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rng } from '../../test/random.ts';
import type { Diagnostic } from '../diagnostic.ts';
import { lintZone } from './lint-zone.ts';
import type { Zone } from './model.ts';
import { nameId, nameOf, recordAt } from './names.ts';
import { parseZone } from './parse.ts';
import { commonEnds } from '../text/common-ends.ts';
import { editTouches, reparseZone, type ReparseStats } from './reparse.ts';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/zone');

/** Everything a parse says, with name and origin ids spelled out (a re-parse may number names differently). */
function facts(zone: Zone) {
  const ids = (a: ArrayLike<number>, n: number) => Array.from({ length: n }, (_, i) => a[i]!);
  const T = zone.tokens;
  const E = zone.entries;
  const records = [];
  for (let i = 0; i < zone.records.count; i++) {
    const r = recordAt(zone, i);
    // The name table must find each owner under its own id.
    expect(nameId(zone, r.owner), `owner of record ${i}`).toBe(r.ownerId);
    const { index, source, start, end, owner, ownerTok, ttl, ttlTok, cls, clsTok, type, typeTok, rdata, rdataEnd, origin } = r;
    records.push({ index, source, start, end, owner, spelled: nameOf(zone, r.ownerId), ownerTok, ttl, ttlTok, cls, clsTok, type, typeTok, rdata, rdataEnd, origin });
  }
  const byStart = <X>(xs: readonly X[], start: (x: X) => number) => [...xs].sort((a, b) => start(a) - start(b) || JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    text: zone.text,
    sources: zone.sources.map((s) => ({ ...s })),
    tokens: [ids(T.kind, T.count), ids(T.start, T.count), ids(T.end, T.count)],
    entries: [ids(E.kind, E.count), ids(E.start, E.count), ids(E.end, E.count), ids(E.firstToken, E.count)],
    records,
    directives: byStart(zone.directives, (d) => d.span.start),
    problems: byStart(zone.problems, (p) => p.range.start),
    origin: zone.origin,
    apex: zone.apex,
  };
}

/** The first place two parses differ, or null: a short message instead of a diff of thousands of numbers. */
function firstDifference(a: Zone, b: Zone): string | null {
  const fa = facts(a) as Record<string, unknown>;
  const fb = facts(b) as Record<string, unknown>;
  for (const key of Object.keys(fb)) {
    const x = fa[key];
    const y = fb[key];
    if (JSON.stringify(x) === JSON.stringify(y)) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const xi = JSON.stringify(x[i]);
        const yi = JSON.stringify(y[i]);
        if (xi === yi) continue;
        if (Array.isArray(x[i]) && Array.isArray(y[i])) {
          const xs = x[i] as unknown[];
          const ys = y[i] as unknown[];
          for (let k = 0; k < Math.max(xs.length, ys.length); k++) if (xs[k] !== ys[k]) return `${key}[${i}][${k}] (of ${xs.length} vs ${ys.length}): ${xs[k]} vs ${ys[k]}`;
        }
        return `${key}[${i}] (of ${x.length} vs ${y.length}): ${xi?.slice(0, 300)} vs ${yi?.slice(0, 300)}`;
      }
    }
    return `${key}: ${JSON.stringify(x)?.slice(0, 300)} vs ${JSON.stringify(y)?.slice(0, 300)}`;
  }
  return null;
}

const sorted = (ds: readonly Diagnostic[]) => ds.map((d) => JSON.stringify(d)).sort();

/** A zone with every feature the snapshots must carry: origins, TTLs, classes, inherited owners, parentheses, strings. */
function featureZone(records: number): string {
  const out = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster (', '    2026010101 ; serial', '    3600 1800 1209600 300 )', '  IN NS ns1', '@ 300 IN MX 10 mx1', 'ns1 A 192.0.2.1'];
  for (let i = 0; i < records; i++) {
    switch (i % 13) {
      case 0: out.push(`host${i} IN A 10.0.${(i >> 8) & 255}.${i & 255}`); break;
      case 1: out.push(`  300 AAAA 2001:db8::${i.toString(16)}`); break;
      case 2: out.push(`txt${i} TXT "a;b" "c\\"d" ; comment`); break;
      case 3: out.push(`$ORIGIN sub${i % 3}.example.com.`); break;
      case 4: out.push(`w${i} 1h CH TXT "chaos"`); break;
      case 5: out.push(`\tIN 60 TXT plain${i}`); break;
      case 6: out.push(`$TTL ${600 + i}`); break;
      case 7: out.push(`mx${i} MX ( 10`, `    mail${i}.example.net. )`); break;
      case 8: out.push(`Host${i - 8}.Example.COM. CNAME host${i}`); break;
      case 9: out.push(`bad${i} IN BOGUS 1`); break;
      case 10: out.push(''); out.push('; just a comment'); break;
      case 11: out.push(`@ SRV 0 5 5060 sip${i}`); break;
      default: out.push(`_mta-sts${i} TXT "v=STSv1; id=2026${i}"`);
    }
  }
  return `${out.join(i0(records) ? '\r\n' : '\n')}\n`;
}
const i0 = (n: number) => n % 2 === 1;

/** One random edit: insert, delete or replace a few characters, with the characters that matter most to a reader. */
function randomEdit(text: string, rnd: () => number): string {
  const alphabet = [' ', '\n', '\t', '(', ')', '"', ';', '$', 'a', '1', '.', '@', '\r', '\\', 'x', 'MX ', 'IN ', '$ORIGIN z. ', '$TTL 5 ', '"unterminated', ...(process.env.WIDE ? ['\u0000', 'é', '\\065', '$GENERATE 1-3 g$ A 192.0.2.$\n', '$INCLUDE other.zone\n', 'TYPE65 \\# 2 abcd', '300 '] : [])];
  const at = Math.floor(rnd() * (text.length + 1));
  const del = rnd() < 0.5 ? Math.floor(rnd() * 4) : 0;
  const ins = rnd() < 0.7 ? alphabet[Math.floor(rnd() * alphabet.length)]! : '';
  return text.slice(0, at) + ins + text.slice(Math.min(text.length, at + del));
}

/**
 * The ids whose name a re-parse changed: an id names one name for good, also once no record owns it any more (a
 * later record of that name takes the id again), so none may.
 */
function renamedIds(old: Zone, re: Zone): string[] {
  if (re.edit === undefined) return [];
  const out: string[] = [];
  for (let id = 0; id < old.names.count; id++) if (nameOf(re, id) !== nameOf(old, id)) out.push(`${id}: ${nameOf(old, id)} -> ${nameOf(re, id)}`);
  return out;
}

describe('reparseZone', () => {
  it('keeps every name id spelled as before when an edit changes, adds or removes characters of an owner name', () => {
    // `mail.sub` is written first on the record edited; later records own it and point to it, so the id lives on.
    const base = '$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns hm 1 2 3 4 5\n@ IN NS ns\nns IN A 192.0.2.1\n' +
      Array.from({ length: 40 }, (_, i) => `h${i} IN A 192.0.2.${i}`).join('\n') +
      '\nmail.sub IN A 192.0.2.9\nmail.sub IN TXT "x"\n@ IN MX 10 mail.sub\n' +
      Array.from({ length: 300 }, (_, i) => `t${i} IN A 192.0.2.${i & 255}`).join('\n') + '\n';
    const at = base.indexOf('\nmail.sub') + 1;
    const old = parseZone(base);
    let edits = 0;
    for (let p = at; p <= at + 'mail.sub'.length; p++) {
      for (const [del, ins] of [[0, 'x'], [1, ''], [1, 'Q'], [0, ' '], [2, '.'], [0, '\n']] as const) {
        const next = base.slice(0, p) + ins + base.slice(p + del);
        const re = reparseZone(old, next);
        expect(re.edit, `edit at ${p - at}: -${del} +${JSON.stringify(ins)}`).toBeDefined();
        expect(firstDifference(re, parseZone(next)), `edit at ${p - at}: -${del} +${JSON.stringify(ins)}`).toBe(null);
        expect(renamedIds(old, re), `edit at ${p - at}: -${del} +${JSON.stringify(ins)}`).toEqual([]);
        edits++;
      }
    }
    expect(edits).toBe(54);
  });

  it('equals a parse from the top after each of 400 random edits (chains of 20) of a zone with every feature', () => {
    const rnd = rng(Number(process.env.SEED ?? 8461));
    // WIDE=1 (a longer soak): NULs, non-ASCII, escapes, `$GENERATE` and `$INCLUDE` with a reader as well.
    const options = { path: '/z/example.com.zone', ...(process.env.WIDE ? { readInclude: () => 'inc A 192.0.2.7\n' } : {}) };
    const base = featureZone(400);
    let text = base;
    let zone = parseZone(text, options);
    let incremental = 0;
    for (let n = 0; n < Number(process.env.EDITS ?? 400); n++) {
      // A chain can break the zone for good (an unclosed `(` before the first record); start again from the whole one.
      if (n % 20 === 0) {
        text = base;
        zone = parseZone(text, options);
      }
      const next = randomEdit(text, rnd);
      const stats: ReparseStats = { fromTop: false, reread: 0 };
      const re = reparseZone(zone, next, options, { stats });
      const full = parseZone(next, options);
      expect(firstDifference(re, full), `edit ${n}`).toBe(null);
      expect(renamedIds(zone, re), `edit ${n}`).toEqual([]);
      // The findings too: per-record ones are carried over from the earlier parse (linted in the previous round).
      expect(sorted(lintZone(re)), `edit ${n}`).toEqual(sorted(lintZone(full)));
      if (!stats.fromTop) incremental++;
      text = next;
      zone = re;
    }
    // Most edits land after the first record, away from `$INCLUDE`: they must not parse from the top.
    if (!process.env.WIDE) expect(incremental).toBeGreaterThan(320);
  });

  it('equals a parse from the top after random edits of every fixture zone', () => {
    const rnd = rng(8460);
    for (const folder of ['valid', 'invalid', 'unfixable']) {
      for (const f of readdirSync(join(FIXTURES, folder))) {
        const path = join(FIXTURES, folder, f);
        let text = readFileSync(path, 'utf8');
        let zone = parseZone(text, { path });
        for (let n = 0; n < 40; n++) {
          const next = randomEdit(text, rnd);
          const re = reparseZone(zone, next, { path });
          expect(firstDifference(re, parseZone(next, { path })), `${f}, edit ${n}`).toBe(null);
          text = next;
          zone = re;
        }
      }
    }
  });

  it('re-reads only the entries around a one-character edit of a large zone', () => {
    const text = featureZone(20_000);
    const zone = parseZone(text, { origin: 'example.com' });
    const at = text.indexOf('host13000 ');
    const next = `${text.slice(0, at)}H${text.slice(at + 1)}`;
    const stats: ReparseStats = { fromTop: true, reread: 0 };
    const re = reparseZone(zone, next, { origin: 'example.com' }, { stats });
    expect(stats.fromTop).toBe(false);
    expect(stats.reread).toBeGreaterThan(0);
    expect(stats.reread).toBeLessThan(4096);
    expect(firstDifference(re, parseZone(next, { origin: 'example.com' }))).toBe(null);
    // The old parse is left as it was.
    expect(firstDifference(zone, parseZone(text, { origin: 'example.com' }))).toBe(null);
  });

  it('takes the earlier tokens when a `(` typed makes the rest of a large zone one entry, and when a `)` closes it', () => {
    const text = featureZone(20_000);
    const zone = parseZone(text, { origin: 'example.com' });
    const line = text.indexOf('\nhost13000 ') + 1;
    const at = text.indexOf(' IN ', line) + 1;
    // The rest of the file, some 7 000 records, becomes one entry: its tokens are the earlier ones, moved by 2.
    const open = `${text.slice(0, at)}( ${text.slice(at)}`;
    const stats: ReparseStats = { fromTop: true, reread: 0 };
    const re = reparseZone(zone, open, { origin: 'example.com' }, { stats });
    expect(stats.fromTop).toBe(false);
    expect(stats.reread).toBeGreaterThan(open.length - at - 10);
    expect(stats.taken).toBeGreaterThan(20_000);
    expect(firstDifference(re, parseZone(open, { origin: 'example.com' }))).toBe(null);
    expect(sorted(lintZone(re))).toEqual(sorted(lintZone(parseZone(open, { origin: 'example.com' }))));
    // Closed again a few lines on: tokens are taken up to the `)`, the scan goes on from there and meets the earlier
    // parse again.
    const close = open.indexOf('\n', at + 300);
    const closed = `${open.slice(0, close)} )${open.slice(close)}`;
    const both = `${text.slice(0, at)}( ${text.slice(at, close - 2)} )${text.slice(close - 2)}`;
    expect(both).toBe(closed);
    const again: ReparseStats = { fromTop: true, reread: 0 };
    const re2 = reparseZone(zone, both, { origin: 'example.com' }, { stats: again });
    expect(again.fromTop).toBe(false);
    expect(again.reread).toBeLessThan(4096);
    expect(firstDifference(re2, parseZone(both, { origin: 'example.com' }))).toBe(null);
    expect(sorted(lintZone(re2))).toEqual(sorted(lintZone(parseZone(both, { origin: 'example.com' }))));
  });

  it('reads to the end when the edit changes what every later record inherits, and stays equal', () => {
    const others = Array.from({ length: 40 }, (_, i) => `o${i} A 192.0.2.${i}`).join('\n');
    const text = `$ORIGIN example.com.\n$TTL 300\nns A 192.0.2.9\n${others}\na A 192.0.2.1\n${Array.from({ length: 200 }, (_, i) => `  TXT "r${i}"`).join('\n')}\n`;
    const zone = parseZone(text);
    // Renaming the owner every later record inherits: no snapshot after it has the same context.
    const next = text.replace('\na A', '\nb A');
    const stats: ReparseStats = { fromTop: true, reread: 0 };
    const re = reparseZone(zone, next, {}, { stats });
    expect(stats.fromTop).toBe(false);
    // From the snapshot before entry 32 (`o29`, entries 0-2 being `$ORIGIN`, `$TTL` and `ns`) to the end.
    expect(stats.reread).toBe(next.length - next.indexOf('o29 '));
    expect(firstDifference(re, parseZone(next))).toBe(null);
  });

  it('parses from the top when the old parse followed an $INCLUDE, or the edit is before the first record', () => {
    const text = '$ORIGIN example.com.\n$TTL 300\n$INCLUDE other.zone\n' + Array.from({ length: 100 }, (_, i) => `h${i} A 192.0.2.1`).join('\n') + '\n';
    const readInclude = () => 'x A 192.0.2.9\n';
    const zone = parseZone(text, { readInclude, path: '/z/example.com.zone' });
    const stats: ReparseStats = { fromTop: false, reread: 0 };
    const next = text.replace('h90 ', 'H90 ');
    expect(firstDifference(reparseZone(zone, next, { readInclude, path: '/z/example.com.zone' }, { stats }), parseZone(next, { readInclude, path: '/z/example.com.zone' }))).toBe(null);
    expect(stats.fromTop).toBe(true);
    const plain = parseZone(text.replace('$INCLUDE other.zone\n', ''));
    const early = plain.text.replace('$TTL 300', '$TTL 301');
    reparseZone(plain, early, {}, { stats });
    expect(stats.fromTop).toBe(true);
  });
});

describe('editTouches', () => {
  it('says whether the records read anew or the ones they replaced hold one of the types', () => {
    const text = `$ORIGIN example.com.\n$TTL 300\n@ SOA ns1 h 1 2 3 4 5\n${Array.from({ length: 100 }, (_, i) => `h${i} A 192.0.2.${i}`).join('\n')}\n@ MX 10 mx1\n`;
    const zone = parseZone(text);
    const a = reparseZone(zone, text.replace('h50 A 192.0.2.50', 'h50 A 192.0.2.51'));
    expect(a.edit).toBeDefined();
    expect(editTouches(a, [15, 16])).toBe(false);
    expect(editTouches(a, [1])).toBe(true);
    // The MX record replaced by a TXT record: touched through the old records, and the new.
    const b = reparseZone(zone, text.replace('@ MX 10 mx1', '@ TXT "x"'));
    expect(editTouches(b, [15])).toBe(true);
    expect(editTouches(b, [16])).toBe(true);
    expect(editTouches(b, [28])).toBe(false);
    // A parse from the top: nothing known, so touched.
    expect(editTouches(zone, [15])).toBe(true);
  });
});

describe('commonEnds', () => {
  it('finds the common prefix and suffix without letting them overlap', () => {
    expect(commonEnds('abcdef', 'abXdef')).toEqual({ prefix: 2, suffix: 3 });
    expect(commonEnds('aaaa', 'aaaaa')).toEqual({ prefix: 4, suffix: 0 });
    expect(commonEnds('', 'x')).toEqual({ prefix: 0, suffix: 0 });
    const long = 'x'.repeat(10_000);
    expect(commonEnds(`${long}a${long}`, `${long}bb${long}`)).toEqual({ prefix: 10_000, suffix: 10_000 });
  });
});
