// What the worker keeps in storage.session (it survives the worker, not the browser): per-tab state and the
// bounded cache of results. The popup reads the same keys.
import type { CheckResult, DomainSource } from '@sts-lens/shared/check';

/** Whether the policy was fetched, or left alone because the host permission for `mta-sts.<domain>` is missing. */
export type PolicyAccess = 'fetched' | 'not-permitted';

/** One finished check, as cached. */
export interface StoredCheck {
  readonly domain: string;
  /** Date.now() when the check finished. */
  readonly checkedAt: number;
  /** The DoH endpoint the lookups went to (a change of provider invalidates the cache). */
  readonly endpoint: string;
  readonly access: PolicyAccess;
  readonly result: CheckResult;
}

/** A tab's state. `nav` names the navigation the state belongs to, so a late result for an earlier page is dropped. */
export type TabState =
  | { readonly kind: 'checking'; readonly nav: string; readonly domain: string; readonly url: string }
  | { readonly kind: 'done'; readonly nav: string; readonly domain: string; readonly url: string; readonly checkedAt: number }
  | { readonly kind: 'error'; readonly nav: string; readonly domain: string; readonly url: string; readonly message: string }
  | { readonly kind: 'idle'; readonly nav: string; readonly domain: string; readonly url: string }
  | { readonly kind: 'excluded'; readonly nav: string; readonly domain: string; readonly url: string }
  | { readonly kind: 'unsupported'; readonly nav: string; readonly url: string; readonly reason: string };

export const tabKey = (tabId: number): string => `tab:${tabId}`;
export const resultKey = (domain: string): string => `result:${domain}`;
/** The cached domains, least recently used first. */
export const RESULT_INDEX_KEY = 'results';
/** At most this many results are kept (a policy may be 64 KiB; storage.session holds 10 MB). */
export const MAX_CACHED_RESULTS = 50;

/** Messages the popup and options page send to the worker. */
export type Request =
  | { readonly type: 'check'; readonly domain: string; readonly force?: boolean; readonly tabId?: number }
  | { readonly type: 'settings-changed' };

/** `via`: how the domain was read from the request's text (a domain, a URL, an address). */
export type CheckReply = { readonly ok: true; readonly stored: StoredCheck; readonly via: DomainSource } | { readonly ok: false; readonly error: string };
