// The editor's path (lsp-server/src/analysis.ts): each version re-read from the one before (reparseZone), on one
// line of versions (the spelled-name table extended in place, the arrays of the version two back reused), with the
// per-record findings carried over. Its diagnostics must be those of a full lint of the same text: codes, ranges,
// messages, severities and fixes, after every edit of every kind a user makes.
import { describe, expect, it } from 'vitest';
import { rng } from '../../test/random.ts';
import { compareDiagnostics, type Diagnostic } from '../diagnostic.ts';
import { commonEnds } from '../text/common-ends.ts';
import { lintZone, parseZoneFor } from './lint-zone.ts';
import type { Zone } from './model.ts';
import { parseZone } from './parse.ts';
import { stockForReparse } from './reparse.ts';
import { freshPoolBytes } from './buffers.ts';
import { ownerIndex } from './owners.ts';

// A fixed clock: a suggested id is made of the time, and the full lint runs after the incremental one.
const OPTIONS = { origin: 'example.com.', path: '/z/example.com.zone', now: () => new Date('2026-12-04T12:00:00Z') };

/** A zone where most zone rules have something to say, with the record mix of bench/gen-zone.mjs. */
function zone(records: number): string {
  const out = ['$ORIGIN example.com.', '$TTL 3600', '@ IN SOA ns1 hostmaster ( 2026010101 7200 3600 1209600 3600 )', '@ IN NS ns1', '@ IN MX 10 mx1', 'ns1 IN A 192.0.2.1', 'mx1 IN A 192.0.2.25', '_mta-sts IN TXT "v=STSv1; id=20260101T000000"', '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@example.com"'];
  for (let i = 0; i < records; i++) {
    switch (i % 12) {
      case 0: out.push(`host${i} IN A 10.0.${(i >> 8) & 255}.${i & 255}`); break;
      case 1: out.push(`host${i} 300 IN AAAA 2001:db8::${i.toString(16)}`); break;
      case 2: out.push(`host${i} IN MX ${i % 50} mx${i % 9}.example.net.`); break;
      case 3: // every fourth one with a string of 250 to 269 characters beside it: too long from 256 on, or after a keystroke
        out.push(`host${i} IN TXT "v=spf1 ip4:192.0.2.${i & 255} -all" "token=${i}"`, ...(i % 48 === 3 ? [`long${i} IN TXT "${'x'.repeat(250 + (i % 20))}"`] : []));
        break;
      case 4: out.push(`alias${i} IN CNAME host${i - 4}`); break;
      case 5: out.push(`_sip._tcp.host${i} 86400 IN SRV 10 60 5060 sip${i % 100}.example.net.`); break;
      case 6: out.push(`mail${i} IN MX 10 alias${i - 2}`); break; // an MX to a CNAME
      case 7: out.push(`host${i - 7} IN A 10.0.${(i >> 8) & 255}.${(i - 7) & 255}`); break; // a duplicate
      case 8: out.push(`dept${i} IN TXT ( "a" ; part`, `    "b" )`); break;
      case 9: out.push(`host${i} 60 IN A 10.1.0.${i & 255}`, `host${i} 120 IN A 10.1.1.${i & 255}`); break; // TTLs differ
      case 10: out.push(`bad${i} IN A 10.0.0.${256 + i}`, `empty..label${i} IN A 10.0.0.1`, `ipmx${i} IN MX 10 192.0.2.${i & 255}`); break; // bad data, a bad owner name, an MX to an address
      default: out.push(`alias${i - 7} IN TXT "next to a CNAME"`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** Every kind of edit of issue 19, at a random line: [start offset, end offset, new text] of the change. */
type Edit = [number, number, string];
function lineStarts(text: string): number[] {
  const s = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) s.push(i + 1);
  return s;
}

function editsOfKind(kind: number, text: string, rnd: () => number, k: number): Edit[] {
  const starts = lineStarts(text);
  const line = 9 + Math.floor(rnd() * (starts.length - 11));
  const at = starts[line]!;
  const end = starts[line + 1]! - 1;
  const body = text.slice(at, end);
  switch (kind) {
    case 0: return [[at, at, 'x']]; // rename an owner
    case 1: { // type a new record line, a keystroke at a time (every other one owns a name MX records point to)
      const typed = k % 2 === 0 ? `new${k} IN A 192.0.2.7` : `mx${k % 9}.example.net. IN CNAME host0`;
      const p = k % 2 === 0 ? end : text.length; // the name MX records point to: at the end, outside any `( )`
      return [[p, p, '\n'], ...[...typed].map((c, i): Edit => [p + 1 + i, p + 1 + i, c])];
    }
    case 2: return [[at, end + 1, '']]; // delete a line
    case 3: { // change a TTL
      const m = / (\d+) IN /.exec(body);
      return m ? [[at + m.index + 1, at + m.index + 1 + m[1]!.length, String(60 + Math.floor(rnd() * 1000))]] : [[at, at, '']];
    }
    case 4: { // edit inside a TXT string
      const q = body.indexOf('"');
      return q >= 0 ? [[at + q + 1, at + q + 1, rnd() < 0.5 ? 'q' : ';']] : [[end, end, ' ; no string']];
    }
    case 5: { // paste lines (a copy of a block elsewhere: duplicates, CNAME clashes)
      const from = starts[Math.floor(rnd() * (starts.length - 60))]!;
      const block = text.slice(from, starts[lineStarts(text.slice(0, from)).length - 1 + 40] ?? text.length);
      return [[at, at, block]];
    }
    case 6: { // open a `(` that runs to the end (or the next `)`), then undo it
      const c = body.indexOf(' IN ');
      const p = at + (c >= 0 ? c + 4 : body.length);
      return [[p, p, ' ('], [p, p + 2, '']];
    }
    default: { // a random keystroke or deletion
      const p = Math.floor(rnd() * text.length);
      return [[p, Math.min(text.length, p + (rnd() < 0.4 ? 1 : 0)), ['a', ' ', '\n', '"', '(', ')', ';', '1', '.'][Math.floor(rnd() * 9)]!]];
    }
  }
}

/** Where the zone's owner index differs from one built afresh from its owner column, or null. */
function ownerIndexDifference(z: Zone): string | null {
  const { first, next } = ownerIndex(z);
  const f = new Int32Array(z.names.count).fill(-1);
  const x = new Int32Array(z.records.count);
  for (let i = z.records.count - 1; i >= 0; i--) {
    x[i] = f[z.records.owner[i]!]!;
    f[z.records.owner[i]!] = i;
  }
  if (first.length !== f.length) return `first has ${first.length} names, not ${f.length}`;
  for (let o = 0; o < f.length; o++) if (first[o] !== f[o]) return `first[${o}] is ${first[o]}, not ${f[o]}`;
  for (let i = 0; i < x.length; i++) if (next[i] !== x[i]) return `next[${i}] is ${next[i]}, not ${x[i]}`;
  return null;
}

const plain = (ds: readonly Diagnostic[]) => [...ds].sort(compareDiagnostics).map((d) => JSON.stringify(d));

describe('incremental diagnostics of an edited zone', () => {
  it('equal a full lint of the edited text after every edit of every kind (random sequences)', () => {
    const rnd = rng(Number(process.env.SEED ?? 19));
    const base = zone(1000);
    const codes = new Set(lintZone(parseZone(base, OPTIONS), OPTIONS).map((d) => d.code));
    for (const code of ['zone/txt-string-too-long', 'zone/bad-name', 'zone/cname-and-other-data', 'zone/target-is-cname', 'zone/target-is-address', 'zone/duplicate-record', 'zone/rrset-ttl']) expect(codes, code).toContain(code);
    for (let sequence = 0; sequence < 4; sequence++) {
      let text = base;
      // The editor's state: the current parse, and the one it was re-read from (reused by the next re-parse).
      let current: Zone = parseZoneFor(text, OPTIONS, null, undefined, null);
      let basis: Zone | null = null;
      lintZone(current, OPTIONS);
      for (let step = 0; step < 24; step++) {
        const kind = step < 16 ? step % 8 : Math.floor(rnd() * 8);
        for (const [s, e, insert] of editsOfKind(kind, text, rnd, step)) {
          const next = text.slice(0, s) + insert + text.slice(e);
          const ends = commonEnds(text, next);
          const undo = basis !== null && basis.text === next;
          const twoBack = basis;
          const z = parseZoneFor(next, OPTIONS, current, ends, basis);
          // An undo back to the text of two versions ago takes that version's parse, still intact.
          if (undo) expect(z).toBe(twoBack);
          basis = z !== current ? current : basis;
          current = z;
          text = next;
          const incremental = plain(lintZone(current, OPTIONS));
          // The owner index (moved from the earlier parse's after an edit) is the one a pass over the owners builds.
          expect(ownerIndexDifference(current), `sequence ${sequence}, step ${step} (kind ${kind})`).toBe(null);
          // The full lint: a parse from the top of the same text (not the cached one).
          const full = plain(lintZone(parseZone(text, OPTIONS), OPTIONS));
          expect(incremental, `sequence ${sequence}, step ${step} (kind ${kind})`).toEqual(full);
        }
      }
    }
  });

  it('take the spare arrays made for a zone just opened (stockForReparse) on its first keystroke, and equal a full lint', () => {
    const text = zone(20000);
    const opened = parseZoneFor(text, OPTIONS, null, undefined, null);
    lintZone(opened, OPTIONS);
    const blocks: ArrayBufferLike[] = [];
    stockForReparse(opened, (ctor, n) => {
      const a = new ctor(n);
      blocks.push(a.buffer);
      return a;
    });
    // One block for all of them (one allocation, one message to the language server's page worker).
    expect(blocks).toHaveLength(1);
    const at = text.indexOf('\nhost10008 ') + 1;
    expect(at).toBeGreaterThan(0);
    const next = `${text.slice(0, at)}x${text.slice(at)}`;
    const z = parseZoneFor(next, OPTIONS, opened, commonEnds(text, next), null);
    expect(z).not.toBe(opened);
    // (Compared as booleans: a failing toBe would print two megabyte buffers.)
    for (const a of [z.tokens.kind, z.tokens.start, z.entries.start, z.records.type, z.records.owner, z.names.start]) expect(a.buffer === blocks[0]).toBe(true);
    expect(plain(lintZone(z, OPTIONS))).toEqual(plain(lintZone(parseZone(next, OPTIONS), OPTIONS)));
    // The opened version is intact (its editor may still read it).
    expect(plain(lintZone(opened, OPTIONS))).toEqual(plain(lintZone(parseZone(text, OPTIONS), OPTIONS)));
  });

  it('write a paste of 1,000 lines, and lint it, into the arrays of the version two back, as a keystroke does', () => {
    // A re-parse asks for room by the lines an edit adds, not its characters: 1,000 pasted lines (27 kB) fit the
    // arrays of a version that had a few hundred entries fewer, so a paste costs no fresh memory either.
    let text = zone(40000);
    let current = parseZoneFor(text, OPTIONS, null, undefined, null);
    let basis: Zone | null = null;
    const versions: Zone[] = [current];
    const edit = (next: string) => {
      // Linted as the server lints each version: the rules' own arrays (the owner index) go back to the pool too.
      lintZone(current, OPTIONS);
      const z = parseZoneFor(next, OPTIONS, current, commonEnds(text, next), basis);
      basis = current;
      current = z;
      text = next;
      versions.push(z);
    };
    const line = (n: number) => text.indexOf(`\nhost${n} `) + 1;
    edit(`${text.slice(0, line(20004))}x${text.slice(line(20004))}`);
    edit(`${text.slice(0, line(20016))}x${text.slice(line(20016))}`);
    const block = Array.from({ length: 1000 }, (_, j) => `paste${j} IN A 192.0.2.${j & 255}\n`).join('');
    expect(block.length).toBeGreaterThan(25_000);
    const entries = current.entries.count;
    const fresh = freshPoolBytes();
    edit(`${text.slice(0, line(30000))}${block}${text.slice(line(30000))}`);
    lintZone(current, OPTIONS);
    expect(freshPoolBytes() - fresh).toBe(0);
    // (Entries between 64k less 25k and 64k less 1.3k: asking for one per character would not fit the older arrays.)
    expect(entries + block.length).toBeGreaterThan(65536);
    expect(entries + 1000 + 256).toBeLessThan(65536);
    const paste = versions[3]!;
    expect(plain(lintZone(paste!, OPTIONS))).toEqual(plain(lintZone(parseZone(text, OPTIONS), OPTIONS)));
  });
});
