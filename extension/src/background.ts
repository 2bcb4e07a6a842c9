// The service worker (Chrome) / background script (Firefox): checks the registrable domain of each tab's page on
// navigation commit and sets that tab's badge. All state lives in storage.session, because the worker may be
// stopped between any two events; a tab's state names its navigation, so a late result never lands on a later page.
import { api as browser, onMessage } from './browser-api.ts';
import { checkDomain, createDohResolver, domainFromInput, unansweredReason, type FetchPolicy } from '@sts-lens/shared/check';
import { badgeFor } from './badge.ts';
import { createBrowserFetchPolicy, fetchBytes } from './fetch-policy.ts';
import { installPublicSuffixes, PUBLIC_SUFFIX_FILE } from './public-suffix.ts';
import { dohEndpoint, isExcluded, normalizeSettings, type Settings } from './settings.ts';
import {
  MAX_CACHED_RESULTS,
  RESULT_INDEX_KEY,
  resultKey,
  tabKey,
  type CheckReply,
  type PolicyAccess,
  type Request,
  type StoredCheck,
  type TabState,
} from './state.ts';

const session = browser.storage.session;

/**
 * The public suffix list, read from the package as the worker starts (a few milliseconds); every handler that reads a
 * URL or checks a domain waits for it. It is a file of the package, not code, so the worker evaluates 90 KB less.
 */
const suffixesReady: Promise<void> = fetch(browser.runtime.getURL(PUBLIC_SUFFIX_FILE))
  .then((res) => res.text())
  .then(installPublicSuffixes);

async function settings(): Promise<Settings> {
  return normalizeSettings(await browser.storage.sync.get(null));
}

async function tabState(tabId: number): Promise<TabState | undefined> {
  const key = tabKey(tabId);
  return (await session.get(key))[key] as TabState | undefined;
}

async function cached(domain: string): Promise<StoredCheck | undefined> {
  const key = resultKey(domain);
  return (await session.get(key))[key] as StoredCheck | undefined;
}

/** Whether the user granted access to the policy host of `domain`. */
function policyAccess(domain: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [`https://mta-sts.${domain}/*`] });
}

const notPermitted: FetchPolicy = async (url) => ({
  url,
  bytes: 0,
  truncated: false,
  error: { kind: 'other', message: 'not fetched: STS Lens has no permission to fetch from this host' },
  ms: 0,
});

// Cache writes are serialized so the LRU index never loses an entry to two interleaved read-modify-writes.
let indexChain: Promise<unknown> = Promise.resolve();
function remember(stored: StoredCheck): Promise<void> {
  const run = indexChain.then(async () => {
    const index = ((await session.get(RESULT_INDEX_KEY))[RESULT_INDEX_KEY] as string[] | undefined) ?? [];
    const next = [...index.filter((d) => d !== stored.domain), stored.domain];
    const evicted = next.splice(0, Math.max(0, next.length - MAX_CACHED_RESULTS));
    await session.set({ [resultKey(stored.domain)]: stored, [RESULT_INDEX_KEY]: next });
    if (evicted.length > 0) await session.remove(evicted.map(resultKey));
  });
  indexChain = run.catch(() => undefined);
  return run;
}

/** The error of a check no lookup of which was answered (verdict `unknown`): the core's words, and what to do. */
function providerDown(endpoint: string, why: string): string {
  return `${unansweredReason(`the DNS-over-HTTPS provider ${new URL(endpoint).host}`, why)}; Re-check once it is reachable, or choose another provider in the options`;
}

/** In-flight checks by domain (and endpoint): two tabs on one site share one check. */
const inFlight = new Map<string, Promise<StoredCheck>>();

/** The check of `domain`: from the cache while fresh (same provider, same permission), else looked up anew. */
async function checkCached(domain: string, s: Settings, force: boolean): Promise<StoredCheck> {
  const endpoint = dohEndpoint(s);
  const access: PolicyAccess = (await policyAccess(domain)) ? 'fetched' : 'not-permitted';
  if (!force) {
    const hit = await cached(domain);
    if (hit && hit.endpoint === endpoint && hit.access === access && Date.now() - hit.checkedAt < s.cacheMinutes * 60_000) return hit;
  }
  const key = `${domain} ${endpoint} ${access}`;
  const running = inFlight.get(key);
  if (running) return running;
  const work = (async () => {
    const result = await checkDomain(domain, {
      resolve: createDohResolver({ endpoint, fetchBytes, timeoutMs: 5000 }),
      fetchPolicy: access === 'fetched' ? createBrowserFetchPolicy() : notPermitted,
    });
    // Not checked (verdict unknown): the provider is down or untrusted, which says nothing about the domain. The tab
    // shows ERR with the reason and a Re-check; the result is not cached.
    if (result.unreachable !== null) throw new Error(providerDown(endpoint, result.unreachable));
    const stored: StoredCheck = { domain, checkedAt: Date.now(), endpoint, access, result };
    await remember(stored);
    return stored;
  })();
  inFlight.set(key, work);
  try {
    return await work;
  } finally {
    inFlight.delete(key);
  }
}

async function applyBadge(tabId: number, state: TabState | undefined, stored?: StoredCheck): Promise<void> {
  const b = badgeFor(state, stored);
  try {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: b.text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: b.color }),
      browser.action.setTitle({ tabId, title: b.title }),
      browser.action.setBadgeTextColor?.({ tabId, color: '#ffffff' }),
    ]);
  } catch {
    // The tab closed meanwhile.
  }
}

// Every change of a tab's state runs in that tab's queue, in event order: a read-compare-write of a late result can
// then never interleave with the write of a newer navigation.
const tabQueues = new Map<number, Promise<unknown>>();
function inTabQueue<T>(tabId: number, fn: () => Promise<T>): Promise<T> {
  const run = (tabQueues.get(tabId) ?? Promise.resolve()).then(fn);
  const tail = run.catch(() => undefined);
  tabQueues.set(tabId, tail);
  void tail.then(() => {
    if (tabQueues.get(tabId) === tail) tabQueues.delete(tabId);
  });
  return run;
}

/** Claim the tab for a new navigation (whatever it held is now stale) and show that state. */
function claimTab(tabId: number, state: TabState, stored?: StoredCheck): Promise<void> {
  return inTabQueue(tabId, async () => {
    await session.set({ [tabKey(tabId)]: state });
    await applyBadge(tabId, state, stored);
  });
}

/** Set the tab's state, unless it moved to another navigation since `state.nav`; then show it. */
function setTabState(tabId: number, state: TabState, stored?: StoredCheck): Promise<boolean> {
  return inTabQueue(tabId, async () => {
    const current = await tabState(tabId);
    if (current && current.nav !== state.nav) return false;
    await session.set({ [tabKey(tabId)]: state });
    await applyBadge(tabId, state, stored);
    return true;
  });
}

function newNav(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Run the check for a tab's current navigation and show the outcome, unless the tab has moved on. */
async function checkTab(tabId: number, nav: string, domain: string, url: string, s: Settings, force: boolean): Promise<StoredCheck | undefined> {
  if (!(await setTabState(tabId, { kind: 'checking', nav, domain, url }))) return undefined;
  try {
    const stored = await checkCached(domain, s, force);
    await setTabState(tabId, { kind: 'done', nav, domain, url, checkedAt: stored.checkedAt }, stored);
    return stored;
  } catch (e) {
    await setTabState(tabId, { kind: 'error', nav, domain, url, message: e instanceof Error ? e.message : String(e) });
    return undefined;
  }
}

async function onNavigation(tabId: number, url: string): Promise<void> {
  const nav = newNav();
  await suffixesReady;
  const parsed = /^https?:/i.test(url) ? domainFromInput(url) : null;
  if (!parsed || !parsed.ok) {
    await claimTab(tabId, { kind: 'unsupported', nav, url, reason: parsed ? parsed.error : 'not a web page' });
    return;
  }
  const domain = parsed.domain;
  // Claim the tab at once, in event order: any result still arriving for the previous page is now stale.
  await claimTab(tabId, { kind: 'checking', nav, domain, url });
  const s = await settings();
  if (isExcluded(domain, s.exclusions)) {
    await setTabState(tabId, { kind: 'excluded', nav, domain, url });
    return;
  }
  if (s.checkOn === 'click') {
    const hit = await cached(domain);
    const fresh = hit && hit.endpoint === dohEndpoint(s) && Date.now() - hit.checkedAt < s.cacheMinutes * 60_000;
    await setTabState(tabId, fresh ? { kind: 'done', nav, domain, url, checkedAt: hit.checkedAt } : { kind: 'idle', nav, domain, url }, hit);
    return;
  }
  await checkTab(tabId, nav, domain, url, s, false);
}

browser.webNavigation.onCommitted.addListener((details) => {
  if (details.frameId !== 0 || details.tabId < 0) return;
  void onNavigation(details.tabId, details.url);
});

/** The URL of a tab's top frame (webNavigation tells it without the "tabs" permission), or null. */
async function topFrameUrl(tabId: number): Promise<string | null> {
  try {
    return (await browser.webNavigation.getFrame({ tabId, frameId: 0 }))?.url ?? null;
  } catch {
    return null; // the tab closed, or is not a page
  }
}

// Chrome clears a tab's badge when a page commits; should that land after our first set, show the state again.
// A page that finished loading with no state at all committed before this worker listened (right after install or
// browser start, while the worker was still starting): it is checked now, as its commit would have had it checked.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status !== 'complete') return;
  void (async () => {
    const state = await tabState(tabId);
    if (!state) {
      const url = await topFrameUrl(tabId);
      if (url !== null && !(await tabState(tabId))) await onNavigation(tabId, url);
      return;
    }
    const stored = state.kind === 'done' ? await cached(state.domain) : undefined;
    await applyBadge(tabId, state, stored);
  })();
});

/**
 * The tabs already showing a page when the extension was installed (or enabled): no navigation of theirs will be
 * reported, so each gets the "click to check" state (the popup checks it) instead of no badge at all. A tab still
 * loading is left to its own commit or load-complete event, and a tab that got a state meanwhile is left alone.
 */
async function adoptOpenTabs(): Promise<void> {
  await suffixesReady;
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined || tab.status !== 'complete' || (await tabState(tab.id))) return;
      const url = await topFrameUrl(tab.id);
      const parsed = url !== null && /^https?:/i.test(url) ? domainFromInput(url) : null;
      if (!parsed?.ok) return;
      const id = tab.id;
      await inTabQueue(id, async () => {
        if (await tabState(id)) return;
        const state: TabState = { kind: 'idle', nav: newNav(), domain: parsed.domain, url: url! };
        await session.set({ [tabKey(id)]: state });
        await applyBadge(id, state);
      });
    }),
  );
}

browser.tabs.onRemoved.addListener((tabId) => {
  void session.remove(tabKey(tabId));
});

onMessage((message) => {
  const req = message as Request;
  if (req?.type !== 'check') return undefined;
  return (async (): Promise<CheckReply> => {
    await suffixesReady;
    const parsed = domainFromInput(String(req.domain));
    if (!parsed.ok) return { ok: false, error: parsed.error };
    const s = await settings();
    try {
      if (typeof req.tabId === 'number') {
        const state = await tabState(req.tabId);
        if (state && state.kind !== 'unsupported' && state.domain === parsed.domain) {
          const stored = await checkTab(req.tabId, state.nav, parsed.domain, state.url, s, !!req.force);
          if (stored) return { ok: true, stored, via: parsed.via };
          const now = await tabState(req.tabId);
          if (now?.kind === 'error' && now.nav === state.nav) return { ok: false, error: `Could not check ${parsed.domain}: ${now.message}` };
        }
      }
      return { ok: true, stored: await checkCached(parsed.domain, s, !!req.force), via: parsed.via };
    } catch (e) {
      return { ok: false, error: `Could not check ${parsed.domain}: ${e instanceof Error ? e.message : String(e)}` };
    }
  })();
});

browser.runtime.onInstalled.addListener((details) => {
  void adoptOpenTabs();
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('welcome.html') });
});
