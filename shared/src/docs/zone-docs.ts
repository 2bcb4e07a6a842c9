// What an editor says about a zone file (RFC 1035 §5): completions (record types, `$` directives, the MTA-STS and
// TLS-RPT record templates), hovers (types, directives, the parsed meaning of `_mta-sts` / `_smtp._tls` TXT records),
// outline, folding and highlighting. Every answer reads the one parse of the document.
import type { Span } from '../diagnostic.ts';
import { parseStsRecord } from '../sts-txt/parse.ts';
import { freshId } from '../text/fresh-id.ts';
import { parseTlsRptRecord } from '../tlsrpt-txt/parse.ts';
import { embeddedValue } from '../zone/embedded.ts';
import { STS_PREFIX, TLSRPT_PREFIX } from '../zone/mail-records.ts';
import { ENTRY_BLANK, TOK_COMMENT, TOK_QUOTED, type Zone, type ZoneRecord } from '../zone/model.ts';
import { fieldTok, recordAt, recordEnd } from '../zone/names.ts';
import { rdataTokens, targetName } from '../zone/rdata.ts';
import { RDATA_TYPES, REST_KINDS } from '../zone/rdata-types.ts';
import { RR, typeName } from '../zone/rr-types.ts';
import { tokenRaw } from '../zone/source-text.ts';
import { type CompletionEntry, type EditorContext, type HoverInfo, type OutlineSymbol, type SemanticSpan } from './types.ts';

/** Record types offered by completion, with what they hold. */
export const zoneTypeDocs: Readonly<Record<string, string>> = {
  A: 'IPv4 address of the owner. (RFC 1035 §3.4.1)',
  AAAA: 'IPv6 address of the owner. (RFC 3596)',
  MX: 'Mail exchanger: preference and host name. Every MX host must be covered by an `mx:` pattern of the MTA-STS policy. (RFC 1035 §3.3.9, RFC 8461 §4.1)',
  TXT: 'Text strings (each at most 255 bytes, joined without separator). `_mta-sts` and `_smtp._tls` TXT records announce MTA-STS and TLS-RPT. (RFC 1035 §3.3.14)',
  CNAME: 'Alias to a canonical name; no other data may sit beside it. (RFC 1034 §3.6.2)',
  NS: 'Authoritative name server of the zone or a delegation. (RFC 1035 §3.3.11)',
  SOA: 'Start of authority: primary server, contact, serial, refresh, retry, expire, negative TTL. Exactly one, at the apex. (RFC 1035 §3.3.13, RFC 2308)',
  TLSA: 'DANE certificate association for a service, e.g. `_25._tcp.mx.example.com` (RFC 6698, RFC 7672).',
  CAA: 'Certification authorities allowed to issue for the name: matters for the `mta-sts` host certificate. (RFC 8659)',
  SRV: 'Service location: priority, weight, port, target. (RFC 2782)',
  PTR: 'Pointer to a domain name (reverse zones). (RFC 1035 §3.3.12)',
};

/** `$` directives and what they do. */
export const zoneDirectiveDocs: Readonly<Record<string, { snippet: string; doc: string }>> = {
  $ORIGIN: { snippet: '\\$ORIGIN ${1:example.com.}', doc: 'Sets the origin appended to relative names that follow. (RFC 1035 §5.1)' },
  $TTL: { snippet: '\\$TTL ${1:3600}', doc: 'Default TTL for records without one. (RFC 2308 §4)' },
  $INCLUDE: { snippet: '\\$INCLUDE ${1:file.zone}', doc: 'Reads another file here, optionally with its own origin. (RFC 1035 §5.1)' },
  $GENERATE: { snippet: '\\$GENERATE ${1:1-10} ${2:host\\$} ${3:A} ${4:192.0.2.\\$}', doc: 'Generates a range of records (BIND extension).' },
};

/** Completions at `offset`: directives and record templates at the start of a line, record types after an owner. */
export function zoneCompletions(text: string, offset: number, ctx: EditorContext = {}): CompletionEntry[] {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const before = text.slice(lineStart, offset);
  if (before.includes(';') || before.includes('"')) return [];
  const words = before.split(/[ \t]+/);
  const typing = words[words.length - 1] ?? '';
  const range = { start: offset - typing.length, end: offset };
  const out: CompletionEntry[] = [];
  let n = 0;
  const sort = () => String(n++).padStart(3, '0');
  if (words.length === 1) {
    for (const [name, d] of Object.entries(zoneDirectiveDocs)) {
      out.push({ label: name, kind: 'directive', detail: 'directive', documentation: d.doc, insertText: d.snippet, snippet: true, range, sortText: sort() });
    }
    const id = freshId(ctx.now ? ctx.now() : new Date());
    out.push({
      label: '_mta-sts TXT',
      kind: 'snippet',
      detail: `MTA-STS record with a fresh id (${id})`,
      documentation: 'Announces the MTA-STS policy; change the id whenever the policy changes. (RFC 8461 §3.1)',
      insertText: `_mta-sts\tIN\tTXT\t"v=STSv1; id=${id}"`,
      snippet: true,
      range,
      sortText: sort(),
    });
    out.push({
      label: '_smtp._tls TXT',
      kind: 'snippet',
      detail: 'TLS-RPT record',
      documentation: 'Where senders send their daily TLS reports. (RFC 8460 §3)',
      insertText: '_smtp._tls\tIN\tTXT\t"v=TLSRPTv1; rua=mailto:${1:tlsrpt@example.com}"',
      snippet: true,
      range,
      sortText: sort(),
    });
    out.push({
      label: 'mta-sts CNAME',
      kind: 'snippet',
      detail: 'the policy host',
      documentation: 'The host serving https://mta-sts.<domain>/.well-known/mta-sts.txt. (RFC 8461 §3.3)',
      insertText: 'mta-sts\tIN\tCNAME\t${1:web.example.net.}',
      snippet: true,
      range,
      sortText: sort(),
    });
    if (typing !== '') return out;
  }
  for (const [type, doc] of Object.entries(zoneTypeDocs)) {
    out.push({ label: type, kind: 'type', detail: 'record type', documentation: doc, insertText: type, snippet: false, range, sortText: sort() });
  }
  return out;
}

/** The record of the file (not of an include) whose span holds `offset`, or null. */
export function zoneRecordAt(zone: Zone, offset: number): ZoneRecord | null {
  const r = zone.records;
  const tk = zone.tokens;
  // Records of the file come in file order: binary search over them (included records sit at larger offsets).
  let lo = 0;
  let hi = r.count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = tk.start[r.firstTok[mid]!]!;
    if (r.source[mid] !== 0 || start > offset) hi = mid - 1;
    else {
      found = mid;
      lo = mid + 1;
    }
  }
  // Included records break the order: fall back to a scan when the search landed on none.
  if (found < 0 || recordEnd(zone, found) < offset) {
    found = -1;
    for (let i = 0; i < r.count; i++) {
      if (r.source[i] !== 0) continue;
      if (tk.start[r.firstTok[i]!]! <= offset && offset <= recordEnd(zone, i)) {
        found = i;
        break;
      }
    }
  }
  return found < 0 ? null : recordAt(zone, found);
}

const tokSpan = (zone: Zone, t: number): Span => ({ start: zone.tokens.start[t]!, end: zone.tokens.end[t]! });

/** Hover at `offset`: a directive, a record type, or the parsed meaning of an MTA-STS / TLS-RPT TXT record. */
export function zoneHover(zone: Zone, offset: number): HoverInfo | null {
  for (const d of zone.directives) {
    if (d.source === 0 && d.span.start <= offset && offset <= zone.tokens.end[d.tok]!) {
      const doc = zoneDirectiveDocs[d.name];
      if (doc) return { range: tokSpan(zone, d.tok), markdown: `**${d.name}**\n\n${doc.doc}` };
    }
  }
  const rec = zoneRecordAt(zone, offset);
  if (!rec) return null;
  const typeSpan = tokSpan(zone, rec.typeTok);
  const type = typeName(rec.type);
  const owner = rec.owner.slice(0, -1);
  if (rec.type === RR.TXT && (rec.owner.startsWith(STS_PREFIX) || rec.owner.startsWith(TLSRPT_PREFIX))) {
    const v = embeddedValue(zone, rec);
    const range = { start: rec.start, end: rec.end };
    if (rec.owner.startsWith(STS_PREFIX)) {
      const domain = owner.slice(STS_PREFIX.length);
      const eff = parseStsRecord(v.value).effective;
      const lines = [`**MTA-STS record** for \`${domain}\` (RFC 8461 §3.1)`, ''];
      if (!eff.version) lines.push('Does not start with `v=STSv1`: senders ignore it.');
      else {
        lines.push(`- version: STSv1`);
        lines.push(eff.id ? `- id: \`${eff.id}\` (senders refetch the policy when it changes)` : '- id: missing or invalid: senders ignore the record');
        for (const e of eff.extensions) lines.push(`- extension \`${e.name}\` = \`${e.value}\` (ignored by senders)`);
        lines.push('', `Policy: https://mta-sts.${domain}/.well-known/mta-sts.txt`);
      }
      return { range, markdown: lines.join('\n') };
    }
    const domain = owner.slice(TLSRPT_PREFIX.length);
    const eff = parseTlsRptRecord(v.value).effective;
    const lines = [`**TLS-RPT record** for \`${domain}\` (RFC 8460 §3)`, ''];
    if (!eff.version) lines.push('Does not start with `v=TLSRPTv1`: senders ignore it.');
    else {
      lines.push('- version: TLSRPTv1');
      if (eff.rua.length === 0) lines.push('- rua: none valid: senders send no reports');
      for (const u of eff.rua) lines.push(`- reports go to \`${u}\``);
    }
    return { range, markdown: lines.join('\n') };
  }
  const schema = RDATA_TYPES.get(rec.type);
  if (typeSpan.start <= offset && offset <= typeSpan.end) {
    const doc = zoneTypeDocs[type];
    const fields = schema && schema.fields.length > 0 ? `\n\nData: ${schema.fields.map((f) => f.name).join(', ')} (${schema.rfc})` : '';
    return { range: typeSpan, markdown: `**${type}**${doc ? `\n\n${doc}` : ''}${fields}` };
  }
  // An RDATA field: what the type's table calls it (the rest fields take every token left).
  if (schema && offset > typeSpan.end) {
    const toks = rdataTokens(zone, rec);
    const k = toks.findIndex((t) => zone.tokens.start[t]! <= offset && offset <= zone.tokens.end[t]!);
    if (k >= 0 && !tokenRaw(zone, toks[0]!).startsWith('\\#')) {
      let f = 0;
      while (f < schema.fields.length - 1 && f < k && !REST_KINDS.has(schema.fields[f]!.kind)) f++;
      const field = schema.fields[Math.min(f, schema.fields.length - 1)];
      if (field) return { range: tokSpan(zone, toks[k]!), markdown: `**${type} ${field.name}** (${schema.rfc})` };
    }
  }
  if (rec.ownerTok >= 0) {
    const s = tokSpan(zone, rec.ownerTok);
    if (s.start <= offset && offset <= s.end) return { range: s, markdown: `\`${rec.owner}\`` };
  }
  return null;
}

/** MX hosts by domain (both without trailing dot, lower-case), in file order. */
export function zoneMxHosts(zone: Zone): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const { type } = zone.records;
  for (let i = 0; i < zone.records.count; i++) {
    if (type[i] !== RR.MX) continue;
    const rec = recordAt(zone, i);
    const target = targetName(zone, rec);
    if (!target || target.name === '.') continue;
    const domain = rec.owner.slice(0, -1);
    const host = target.name.slice(0, -1);
    const list = out.get(domain) ?? [];
    if (!list.includes(host)) list.push(host);
    out.set(domain, list);
  }
  return out;
}

/**
 * The outline: directives and owners in file order, each owner with its records. At most `limit` entries: a
 * 100k-record zone would make an outline no one reads and a response of tens of megabytes; past the limit one last
 * entry says how many owners are left out (it points at the first of them).
 */
export function zoneSymbols(zone: Zone, limit = Infinity): OutlineSymbol[] {
  const byOwner = new Map<number, { name: string; start: number; end: number; sel: Span; children: OutlineSymbol[] }>();
  for (const d of zone.directives) {
    if (d.source === 0 && byOwner.size < limit) byOwner.set(-1 - byOwner.size, { name: d.name, start: d.span.start, end: d.span.end, sel: tokSpan(zone, d.tok), children: [] });
  }
  const len = zone.text.length;
  const r = zone.records;
  let omitted = 0;
  let firstOmitted = -1;
  const left = new Uint8Array(limit === Infinity ? 0 : zone.names.count);
  for (let i = 0; i < r.count; i++) {
    if (r.source[i] !== 0) continue;
    let group = byOwner.get(r.owner[i]!);
    if (!group && byOwner.size >= limit) {
      const o = r.owner[i]!;
      if (left[o] === 0) {
        left[o] = 1;
        omitted++;
        if (firstOmitted < 0) firstOmitted = i;
      }
      continue;
    }
    const rec = recordAt(zone, i);
    if (rec.end > len) continue;
    const typeSpan = tokSpan(zone, rec.typeTok);
    const rdata = rec.rdata < rec.rdataEnd ? zone.text.slice(zone.tokens.start[rec.rdata]!, rec.end).replace(/\s+/g, ' ') : '';
    const child: OutlineSymbol = { name: typeName(rec.type), detail: rdata.length > 80 ? `${rdata.slice(0, 77)}...` : rdata, kind: 'record', range: { start: rec.start, end: rec.end }, selection: typeSpan, children: [] };
    if (!group) {
      const sel = rec.ownerTok >= 0 ? tokSpan(zone, rec.ownerTok) : { start: rec.start, end: rec.start };
      group = { name: rec.owner, start: rec.start, end: rec.end, sel, children: [] };
      byOwner.set(rec.ownerId, group);
    }
    group.end = Math.max(group.end, rec.end);
    group.children.push(child);
  }
  const out: OutlineSymbol[] = [...byOwner.values()]
    .sort((a, b) => a.start - b.start)
    .map((g) => ({ name: g.name, detail: '', kind: g.children.length === 0 ? 'directive' : 'owner', range: { start: g.start, end: g.end }, selection: g.sel, children: g.children }));
  if (omitted > 0) {
    const rec = recordAt(zone, firstOmitted);
    const at = { start: rec.start, end: rec.end };
    out.push({ name: `${omitted} more owner${omitted === 1 ? '' : 's'} not listed`, detail: `the outline lists the first ${limit} entries; owners first seen from \`${rec.owner}\` on are left out`, kind: 'directive', range: at, selection: at, children: [] });
  }
  return out;
}

/** Folding: every entry of the file spanning several lines (a record in parentheses). */
export function zoneFoldingRanges(zone: Zone): Span[] {
  const out: Span[] = [];
  const e = zone.entries;
  const text = zone.text;
  for (let i = 0; i < e.count; i++) {
    if (e.kind[i] === ENTRY_BLANK) continue;
    const start = e.start[i]!;
    if (start >= text.length) break;
    let end = e.end[i]!;
    while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
    const nl = text.indexOf('\n', start);
    if (nl >= 0 && nl < end) out.push({ start, end });
  }
  return out;
}

/**
 * Highlighting of the file itself: owners, TTLs, classes, types, directives, strings, comments, in file order. With
 * `range`, only the tokens that reach into it (what an editor shows of a 100k-record zone). One pass over typed
 * arrays: no per-token lookups.
 */
export function zoneSemanticSpans(zone: Zone, range?: Span): SemanticSpan[] {
  const tk = zone.tokens;
  const text = zone.text;
  const role = semanticRoles(zone);
  const from = range ? range.start : 0;
  const to = range ? range.end : text.length;
  const out: SemanticSpan[] = [];
  // Tokens are in file order unless included files or expansions are read (their tokens, past the text, follow their
  // directive): then every token is looked at, else the range is found by halving.
  const ordered = zone.sources.length === 1;
  let t = 0;
  if (ordered) {
    let hi = tk.count;
    while (t < hi) {
      const mid = (t + hi) >> 1;
      if (tk.end[mid]! <= from) t = mid + 1;
      else hi = mid;
    }
  }
  for (; t < tk.count; t++) {
    const start = tk.start[t]!;
    const end = tk.end[t]!;
    if (ordered && start >= to) break;
    if (end > text.length || end <= from || start >= to) continue;
    const kind = tk.kind[t]! & 7;
    const type = kind === TOK_COMMENT ? 'comment' : kind === TOK_QUOTED ? 'string' : ROLE_TYPES[role[t]!];
    if (!type) continue;
    if (kind === TOK_QUOTED && spansLines(text, start, end)) continue;
    out.push({ start, end, type });
  }
  return out;
}

/** What each token is (owner, TTL, class, type, directive), once per parse: a large file is asked for in slices. */
function semanticRoles(zone: Zone): Uint8Array {
  const cached = roles.get(zone);
  if (cached) return cached;
  const r = zone.records;
  const role = new Uint8Array(zone.tokens.count);
  for (const d of zone.directives) if (d.source === 0) role[d.tok] = ROLE_MACRO;
  for (let i = 0; i < r.count; i++) {
    if (r.source[i] !== 0) continue;
    if (r.hasOwner[i] === 1) role[r.firstTok[i]!] = ROLE_VARIABLE;
    const ttlTok = fieldTok(zone, i, true);
    const clsTok = fieldTok(zone, i, false);
    if (ttlTok >= 0) role[ttlTok] = ROLE_NUMBER;
    if (clsTok >= 0) role[clsTok] = ROLE_KEYWORD;
    role[r.typeTok[i]!] = ROLE_KEYWORD;
  }
  roles.set(zone, role);
  return role;
}

const roles = new WeakMap<Zone, Uint8Array>();
const ROLE_MACRO = 1;
const ROLE_VARIABLE = 2;
const ROLE_NUMBER = 3;
const ROLE_KEYWORD = 4;
const ROLE_TYPES: readonly (SemanticSpan['type'] | undefined)[] = [undefined, 'macro', 'variable', 'number', 'keyword'];

function spansLines(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/** The text of token `t`, as written. */
export function zoneTokenText(zone: Zone, t: number): string {
  return tokenRaw(zone, t);
}
