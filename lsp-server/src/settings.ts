// The `stsLens` section of workspace/configuration: per-code severity, disabled rules, domain mapping, debounce,
// outline size.
import type { SeverityOverrides } from '@sts-lens/shared';

export interface Settings {
  /** Per-code severity or `off`: `{"policy/max-age-too-short": "off"}`. */
  readonly rules: SeverityOverrides;
  /** The policy domain of files whose path tells none. */
  readonly domain: string | null;
  /** Domain by path suffix (a file or folder, relative to the workspace): `{"web/policy.mta-sts": "example.com"}`. */
  readonly domains: Readonly<Record<string, string>>;
  /**
   * Milliseconds to wait after an edit before linting. Default 50 (bench/lsp.mjs, docs/zone.md): a keystroke in a
   * 100k-record zone is linted in about 40 ms past the wait, so the user sees diagnostics about 100 ms after typing;
   * keystrokes closer together than the wait are linted once, and a newer version supersedes linting in flight.
   */
  readonly debounceMs: number;
  /** At most this many outline entries for one document (a 100k-record zone). */
  readonly maxSymbols: number;
}

export const defaultSettings: Settings = { rules: {}, domain: null, domains: {}, debounceMs: 50, maxSymbols: 5000 };

const severities = new Set(['error', 'warning', 'info', 'hint', 'off']);

/** Settings from whatever the client sent: unknown or ill-typed entries are dropped, never fatal. */
export function readSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null) return defaultSettings;
  const r = raw as Record<string, unknown>;
  const rules: Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'> = {};
  if (typeof r.rules === 'object' && r.rules !== null) {
    for (const [code, sev] of Object.entries(r.rules)) if (typeof sev === 'string' && severities.has(sev)) rules[code] = sev as 'off';
  }
  const domains: Record<string, string> = {};
  if (typeof r.domains === 'object' && r.domains !== null) {
    for (const [path, d] of Object.entries(r.domains)) if (typeof d === 'string' && d !== '') domains[path.replace(/\\/g, '/')] = d.toLowerCase().replace(/\.$/, '');
  }
  const domain = typeof r.domain === 'string' && r.domain !== '' ? r.domain.toLowerCase().replace(/\.$/, '') : null;
  const debounceMs = typeof r.debounceMs === 'number' && r.debounceMs >= 0 && r.debounceMs <= 5000 ? r.debounceMs : defaultSettings.debounceMs;
  const maxSymbols = typeof r.maxSymbols === 'number' && Number.isInteger(r.maxSymbols) && r.maxSymbols >= 1 ? r.maxSymbols : defaultSettings.maxSymbols;
  return { rules, domain, domains, debounceMs, maxSymbols };
}

/** The domain configured for `path`: the longest matching path suffix in `domains`, else `domain`. */
export function configuredDomain(settings: Settings, path: string): string | null {
  const p = path.replace(/\\/g, '/');
  let best: string | null = null;
  let bestLen = -1;
  for (const [suffix, d] of Object.entries(settings.domains)) {
    const s = suffix.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    if ((p === s || p.endsWith(`/${s}`) || p.includes(`/${s}/`)) && s.length > bestLen) {
      best = d;
      bestLen = s.length;
    }
  }
  return best ?? settings.domain;
}
