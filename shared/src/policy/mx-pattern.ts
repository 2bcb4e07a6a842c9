// mx values: the RFC 8461 §3.2 pattern grammar `["*."] Domain`, and what a value that breaks it most likely means.
import { isPublicSuffix } from '../public-suffix.ts';

/** What is wrong with an `mx:` value (the first problem found), or `ok` with the pattern. */
export type MxCheck =
  | { readonly kind: 'ok' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'multiple'; readonly hosts: readonly string[] }
  | { readonly kind: 'ip' }
  | { readonly kind: 'not-host'; readonly host: string; readonly hadUser: boolean }
  | { readonly kind: 'wildcard'; readonly reason: 'placement' | 'alone' | 'too-broad'; readonly suggestion: string | null }
  | { readonly kind: 'trailing-dot' }
  | { readonly kind: 'invalid'; readonly reason: MxInvalidReason; readonly detail: string; readonly suggestion: string | null };

export type MxInvalidReason =
  | 'separator'
  | 'non-ascii'
  | 'leading-dot'
  | 'empty-label'
  | 'bad-char'
  | 'hyphen'
  | 'label-too-long'
  | 'too-long'
  | 'single-label';

/** Classify an `mx:` value (already trimmed): the first problem a sender or a reader would trip on. */
export function checkMxValue(value: string): MxCheck {
  if (value === '') return { kind: 'empty' };
  if (/[\s,;]/.test(value)) {
    const hosts = value.split(/[\s,;]+/).filter((h) => h !== '');
    if (hosts.length > 1) return { kind: 'multiple', hosts };
    return { kind: 'invalid', reason: 'separator', detail: value.replace(hosts[0] ?? '', ''), suggestion: hosts[0] ?? null };
  }
  const host = bareHost(value);
  if (host === null) return { kind: 'ip' };
  if (isIpLiteral(host)) return { kind: 'ip' };
  if (host !== value) return { kind: 'not-host', host, hadUser: value.includes('@') };
  if (value.includes('*')) {
    const wildcard = checkWildcard(value);
    if (wildcard) return wildcard;
  }
  if (value.endsWith('.') && value.length > 1 && !value.endsWith('..') && checkMxValue(value.slice(0, -1)).kind === 'ok') {
    return { kind: 'trailing-dot' };
  }
  return checkName(value);
}

/** Whether `value` matches `["*."] Domain` (RFC 8461 §3.2, RFC 5321 §4.1.2): what a sender accepts. */
export function isMxPatternGrammar(value: string): boolean {
  const name = value.startsWith('*.') ? value.slice(2) : value;
  if (name === '') return false;
  let labelStart = 0;
  for (let i = 0; i <= name.length; i++) {
    const c = i < name.length ? name.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      // sub-domain = Let-dig [Ldh-str]: not empty, no hyphen at either end.
      if (i === labelStart || name.charCodeAt(labelStart) === 0x2d || name.charCodeAt(i - 1) === 0x2d) return false;
      labelStart = i + 1;
    } else if (!(isAlnum(c) || c === 0x2d)) {
      return false;
    }
  }
  return true;
}

/** The host inside a URL-like value (`smtp://u@host:25/`), the value itself if plain, or null for a bracketed IP literal. */
function bareHost(value: string): string | null {
  let rest = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const end = rest.search(/[/?#]/);
  if (end >= 0) rest = rest.slice(0, end);
  const at = rest.lastIndexOf('@');
  if (at >= 0) rest = rest.slice(at + 1);
  if (rest.startsWith('[')) return null;
  if (isIpv6(rest)) return rest;
  const colon = rest.indexOf(':');
  return colon >= 0 ? rest.slice(0, colon) : rest;
}

function isIpLiteral(host: string): boolean {
  return /^[0-9]{1,3}(\.[0-9]{1,3}){3}\.?$/.test(host) || isIpv6(host);
}

function isIpv6(host: string): boolean {
  return /^[0-9a-f:.]+(%[^\s]+)?$/i.test(host) && (host.match(/:/g)?.length ?? 0) >= 2;
}

/** Problems of a value containing `*`, or null when the wildcard is well placed and not too broad. */
function checkWildcard(value: string): MxCheck | null {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name === '*' || name === '') return { kind: 'wildcard', reason: 'alone', suggestion: null };
  if (name.startsWith('*.') && !name.slice(2).includes('*')) {
    return tooBroad(name.slice(2)) ? { kind: 'wildcard', reason: 'too-broad', suggestion: null } : null;
  }
  const labels = name.split('.');
  let last = -1;
  for (let i = 0; i < labels.length; i++) if (labels[i]!.includes('*')) last = i;
  let suggestion: string | null = null;
  const suffix = labels.slice(last + 1).join('.');
  if (suffix !== '' && !tooBroad(suffix)) suggestion = `*.${suffix}`;
  else if (last === 0 && /^\*[^*]+$/.test(labels[0]!)) {
    // `*example.com`: the dot after the wildcard is missing.
    const base = [labels[0]!.slice(1), ...labels.slice(1)].join('.');
    if (!tooBroad(base)) suggestion = `*.${base}`;
  }
  if (suggestion !== null && checkMxValue(suggestion).kind !== 'ok') suggestion = null;
  if (suggestion === null && suffix !== '' && tooBroad(suffix)) return { kind: 'wildcard', reason: 'too-broad', suggestion: null };
  return { kind: 'wildcard', reason: 'placement', suggestion };
}

/** Whether `*.<base>` would match every host under a public suffix (`com`, `co.uk`) or a single label. */
function tooBroad(base: string): boolean {
  const b = base.toLowerCase();
  return !b.includes('.') || isPublicSuffix(b);
}

/** Host-name syntax and lengths (RFC 1035 §2.3.4) of a value without scheme, port or misplaced wildcard. */
function checkName(value: string): MxCheck {
  const wild = value.startsWith('*.');
  const full = wild ? value.slice(2) : value;
  // A single trailing dot is the trailing-dot problem, reported once the rest is right.
  const name = full.endsWith('.') ? full.slice(0, -1) : full;
  const invalid = (reason: MxInvalidReason, detail: string, suggestion: string | null = null): MxCheck => ({
    kind: 'invalid',
    reason,
    detail,
    suggestion,
  });
  const nonAscii = /[^\x00-\x7f]/.exec(name);
  if (nonAscii) return invalid('non-ascii', nonAscii[0]);
  if (name.startsWith('.')) {
    const rest = name.replace(/^\.+/, '').replace(/\.$/, '');
    return invalid('leading-dot', '.', !wild && rest !== '' && checkMxValue(`*.${rest}`).kind === 'ok' ? `*.${rest}` : null);
  }
  if (name.includes('..') || name.endsWith('.')) {
    const collapsed = (wild ? '*.' : '') + name.replace(/\.{2,}/g, '.').replace(/\.$/, '');
    return invalid('empty-label', '..', checkMxValue(collapsed).kind === 'ok' ? collapsed : null);
  }
  const bad = /[^a-z0-9.-]/i.exec(name);
  if (bad) return invalid('bad-char', bad[0]);
  const labels = name.split('.');
  for (const label of labels) {
    if (label.startsWith('-') || label.endsWith('-')) return invalid('hyphen', label);
  }
  for (const label of labels) {
    if (label.length > 63) return invalid('label-too-long', label);
  }
  if (name.length > 253) return invalid('too-long', name);
  if (!wild && labels.length < 2) return invalid('single-label', name);
  return { kind: 'ok' };
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}
