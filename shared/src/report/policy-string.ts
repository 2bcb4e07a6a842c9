import { normalizeHost } from '../mx/match.ts';
import { parsePolicy } from '../policy/parse.ts';

// What a reported `policy-string` means, so that two senders listing the same policy differently (Google puts
// `max_age` before the `mx` lines, Microsoft after) count as one policy, and a TLSA policy shows its records.

/** An STS policy as senders apply it: version, mode, max_age and the set of mx patterns, whatever the line order. */
export interface StsMeaning {
  readonly version: string | null;
  readonly mode: string | null;
  readonly maxAge: number | null;
  /** The `mx:` patterns, lower-cased, without repeats, sorted. */
  readonly mx: readonly string[];
  /** One string that is equal for equal meanings. */
  readonly key: string;
}

/** The meaning of an STS `policy-string` (one string per policy line), read by the policy parser. */
export function stsMeaning(lines: readonly string[]): StsMeaning {
  const effective = parsePolicy(lines.map((l) => l.trim()).join('\n')).effective;
  const mx = [...new Set(effective.mx.map((p) => normalizeHost(p)))].sort();
  const version = effective.version;
  const mode = effective.mode;
  const maxAge = effective.maxAge;
  return { version, mode, maxAge, mx, key: JSON.stringify([version, mode, maxAge, mx]) };
}

/**
 * The TLSA records of a `tlsa` `policy-string`, each as `usage selector matching-type data` (RFC 6698 §2.2), sorted.
 * Most senders write one record per string; Microsoft writes one string holding a JSON array of record objects,
 * which is unpacked here. Whatever cannot be read as a record is kept as written, whitespace collapsed.
 */
export function tlsaRecords(strings: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of strings) {
    const text = s.trim();
    if (text === '') continue;
    const items = /^[[{]/.test(text) ? jsonItems(text) : null;
    if (items === null) {
      out.add(recordText(text));
      continue;
    }
    for (const item of items) {
      if (typeof item === 'string') out.add(recordText(item));
      else if (item !== null && typeof item === 'object' && !Array.isArray(item)) out.add(recordOf(item as Record<string, unknown>));
      else out.add(recordText(JSON.stringify(item)));
    }
  }
  return [...out].sort();
}

function jsonItems(text: string): unknown[] | null {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v : v !== null && typeof v === 'object' ? [v] : null;
  } catch {
    return null;
  }
}

// Field names senders use for the four TLSA fields, compared without case, `-` and `_`.
const FIELD_NAMES: readonly (readonly string[])[] = [
  ['usage', 'certusage', 'certificateusage'],
  ['selector'],
  ['matchingtype', 'mtype', 'matching'],
  ['data', 'certificateassociationdata', 'certassociationdata', 'associationdata', 'cad', 'hash'],
];

function recordOf(o: Record<string, unknown>): string {
  const byName = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o)) byName.set(k.toLowerCase().replace(/[-_\s]/g, ''), v);
  const parts: string[] = [];
  for (const names of FIELD_NAMES) {
    const name = names.find((n) => byName.has(n));
    const v = name === undefined ? undefined : byName.get(name);
    if (typeof v !== 'number' && typeof v !== 'string') return recordText(JSON.stringify(o));
    parts.push(String(v));
  }
  return recordText(parts.join(' '));
}

/** Whitespace collapsed; the hex data of a `3 1 1 ABCD…` record lower-cased, so equal records compare equal. */
function recordText(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  const m = /^(\d{1,3}) (\d{1,3}) (\d{1,3}) ([0-9A-Fa-f ]+)$/.exec(t);
  return m ? `${m[1]} ${m[2]} ${m[3]} ${m[4]!.replace(/ /g, '').toLowerCase()}` : t;
}
