// The user's settings (storage.sync): DoH provider, when to check, cache lifetime, sites never checked.

/** The DoH providers offered by name; each speaks RFC 8484 wire format over GET. */
export const PROVIDERS = {
  cloudflare: { label: 'Cloudflare', url: 'https://cloudflare-dns.com/dns-query' },
  google: { label: 'Google', url: 'https://dns.google/dns-query' },
  quad9: { label: 'Quad9', url: 'https://dns.quad9.net/dns-query' },
} as const;

export type ProviderName = keyof typeof PROVIDERS;

export interface Settings {
  readonly provider: ProviderName | 'custom';
  /** The DoH endpoint when `provider` is `custom`. */
  readonly customUrl: string;
  /** `navigation`: check every page's domain as it loads; `click`: only when the popup opens. */
  readonly checkOn: 'navigation' | 'click';
  /** How long a result is reused before the domain is looked up again. */
  readonly cacheMinutes: number;
  /** Domains never checked (a site's registrable domain, or any name under it). */
  readonly exclusions: readonly string[];
}

export const DEFAULT_SETTINGS: Settings = { provider: 'cloudflare', customUrl: '', checkOn: 'navigation', cacheMinutes: 30, exclusions: [] };

/** Cache lifetimes the options page offers bounds for (minutes). */
export const CACHE_MINUTES = { min: 1, max: 1440 } as const;

/** Why `url` cannot be a DoH endpoint, or null: an absolute https URL without credentials or fragment. */
export function dohUrlProblem(url: string): string | null {
  const text = url.trim();
  if (text === '') return 'enter the URL of a DNS-over-HTTPS endpoint, e.g. https://dns.example/dns-query';
  let u: URL;
  try {
    u = new URL(text.replace(/\{\?dns\}$/, ''));
  } catch {
    return `\`${text}\` is not a URL`;
  }
  if (u.protocol !== 'https:') return 'the DoH endpoint must be an https:// URL (lookups must not travel in clear text)';
  if (u.username || u.password) return 'the DoH URL must not carry a user name or password';
  if (u.hash) return 'the DoH URL must not have a #fragment';
  if (u.hostname === '') return 'the DoH URL has no host';
  return null;
}

/** The DoH endpoint the settings choose. */
export function dohEndpoint(s: Settings): string {
  return s.provider === 'custom' ? s.customUrl.trim() : PROVIDERS[s.provider].url;
}

/** Settings from whatever storage holds: unknown or invalid values fall back to the defaults (never throws). */
export function normalizeSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const customUrl = typeof r.customUrl === 'string' ? r.customUrl.trim() : '';
  let provider: Settings['provider'] = DEFAULT_SETTINGS.provider;
  if (r.provider === 'custom' && dohUrlProblem(customUrl) === null) provider = 'custom';
  else if (typeof r.provider === 'string' && r.provider in PROVIDERS) provider = r.provider as ProviderName;
  const checkOn = r.checkOn === 'click' ? 'click' : 'navigation';
  const n = typeof r.cacheMinutes === 'number' ? r.cacheMinutes : Number(r.cacheMinutes);
  const cacheMinutes = Number.isFinite(n) ? Math.min(CACHE_MINUTES.max, Math.max(CACHE_MINUTES.min, Math.round(n))) : DEFAULT_SETTINGS.cacheMinutes;
  const exclusions = Array.isArray(r.exclusions) ? parseExclusions(r.exclusions.filter((x): x is string => typeof x === 'string').join('\n')) : [];
  return { provider, customUrl, checkOn, cacheMinutes, exclusions };
}

/** Exclusions from the options page's text: one domain per line (or separated by commas/spaces), lower case, deduplicated. */
export function parseExclusions(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/[\s,]+/)) {
    const d = raw.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
    if (d !== '' && !out.includes(d)) out.push(d);
  }
  return out;
}

/** Whether `domain` (or a name under an excluded domain) is excluded. */
export function isExcluded(domain: string, exclusions: readonly string[]): boolean {
  const d = domain.toLowerCase();
  return exclusions.some((e) => d === e || d.endsWith(`.${e}`));
}

/**
 * The host permission a custom DoH endpoint needs: `https://<host>/*`, without the port, which a match pattern
 * may not carry in Firefox (the pattern would be refused) and which Chrome's pattern without a port matches anyway.
 */
export function dohOriginPattern(url: string): string {
  return `https://${new URL(url).hostname}/*`;
}
