// End to end: the built Chrome extension in the system Chromium (playwright-core, no browser download) against the
// test world (unbound DoH + nginx HTTPS with a test CA, loopback only). The world's CA is trusted through an NSS db
// in the browser's own HOME; --host-resolver-rules sends the world's names to nginx. The extension's DoH provider is
// set to the world's through its options storage. Host access is granted the way a user's per-host grant leaves it:
// a copy of the manifest lists the world's DoH origin and the mta-sts host of every case. A second copy of the
// extension, loaded beside it, has access to the DoH server only and so exercises the DNS-only path (Chrome refuses
// to withdraw a manifest's host permission at run time, so one copy cannot show both). The DoH answers pass through a counting proxy (test/doh-proxy.ts),
// so the tests can tell a cached answer from a new lookup.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cases as allCases } from '../../cli/world/cases.mjs';
import { startWorld, type World } from '../../cli/world/world.mjs';
import { BADGE_STYLE } from '../src/badge.ts';
import { CONNECT_FAILURE } from '../src/fetch-policy.ts';
import { DNS_ONLY, EXPECT, PROVIDERS_DOWN, expectCase, expectDnsOnly, expectEnforcedPopup, expectProviderDown, type BadgeSeen, type PopupReader } from './cases.ts';
import { startDohProxy, type DohProxy } from './doh-proxy.ts';
import { keyboardFlow, lowContrast, type DrivenPage, type KeyboardPage } from './ui-checks.ts';
import type { StoredCheck, TabState } from '../src/state.ts';

// The extension APIs as the tests call them inside extension pages (typed loosely: they run in the browser, not here).
declare const chrome: {
  storage: { session: ChromeArea; sync: ChromeArea };
  permissions: { remove(p: { origins: string[] }): Promise<boolean>; contains(p: { origins: string[] }): Promise<boolean> };
  action: {
    getBadgeText(d: { tabId: number }): Promise<string>;
    getBadgeBackgroundColor(d: { tabId: number }): Promise<number[]>;
    getTitle(d: { tabId: number }): Promise<string>;
  };
};
interface ChromeArea {
  get(keys: string | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const root = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(root, 'artifacts');

let world: World;
let context: BrowserContext;
let worker: Worker;
let extensionId: string;
/** The copy without access to any mta-sts host, and a page of it to read its badges through. */
let dnsOnlyId: string;
let dnsOnlyProbe: Page;
let home: string;
let proxy: DohProxy;

function hex(rgba: number[]): string {
  return `#${rgba.slice(0, 3).map((n) => n.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * An extension page that reads the action API and storage as the worker would (Playwright keeps a handle on a worker
 * it saw stop and does not report the restarted one, so the tests talk to the extension through a page instead).
 */
let probe: Page;
async function serviceWorker(): Promise<Page> {
  return probe;
}

/** The tab id the extension recorded for a page at `url` (the worker has no tabs permission to query URLs). */
async function tabIdOf(url: string): Promise<number> {
  for (let i = 0; i < 300; i++) {
    const sw = await serviceWorker();
    const id = await sw.evaluate(async (u: string) => {
      const all = await chrome.storage.session.get(null);
      for (const [k, v] of Object.entries(all)) if (k.startsWith('tab:') && (v as { url?: string }).url === u) return Number(k.slice(4));
      return null;
    }, url);
    if (id !== null) return id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no tab state for ${url}`);
}

async function badgeOf(tabId: number, via?: Page): Promise<BadgeSeen> {
  const sw = via ?? (await serviceWorker());
  const [text, rgba, title] = await sw.evaluate(
    async (id: number) =>
      [await chrome.action.getBadgeText({ tabId: id }), await chrome.action.getBadgeBackgroundColor({ tabId: id }), await chrome.action.getTitle({ tabId: id })] as const,
    tabId,
  );
  return { text, color: hex([...rgba]), title };
}

/** The badge once the check is over (not `…`). */
async function settledBadge(tabId: number, timeoutMs = 15_000, via?: Page): Promise<BadgeSeen> {
  let last: BadgeSeen | undefined;
  for (const end = Date.now() + timeoutMs; Date.now() < end; ) {
    last = await badgeOf(tabId, via);
    if (last.text !== BADGE_STYLE.checking.text && last.text !== '') return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`badge of tab ${tabId} never settled: ${JSON.stringify(last)}`);
}

/** Open a page of `domain` (nginx answers 404 for www.<domain> over HTTP: a committed page all the same). */
let visits = 0;
async function visit(domain: string, page?: Page, path = `/?visit=${++visits}`): Promise<{ page: Page; tabId: number; url: string }> {
  const p = page ?? (await context.newPage());
  // A URL of its own per visit, so a tab is never mistaken for an earlier one on the same page.
  const url = `http://www.${domain}${path}`;
  await p.goto(url);
  return { page: p, tabId: await tabIdOf(url), url };
}

/** The popup for a tab, once it shows a result (or an error, or the message `ready` names). */
async function popupFor(tabId: number, ready = '#verdict, #message.error-text', id = extensionId): Promise<Page> {
  const p = await context.newPage();
  await p.setViewportSize({ width: 484, height: 900 });
  await p.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`);
  await p.waitForSelector(ready, { timeout: 15_000 });
  return p;
}

const text = (p: Page, sel: string) => p.locator(sel).first().textContent();
const reader = (p: Page): PopupReader => ({
  attr: (sel, name) => p.locator(sel).first().getAttribute(name),
  text: (sel) => text(p, sel),
  texts: (sel) => p.locator(sel).allTextContents(),
});

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  if (!existsSync(join(root, 'dist/chrome/manifest.json'))) throw new Error('extension/dist/chrome is missing: run `pnpm run build` first');
  expect(Object.keys(EXPECT).sort()).toEqual(allCases.map((c) => c.domain).sort());
  world = await startWorld();
  proxy = await startDohProxy(world.dohUrl, world.dir);
  home = mkdtempSync(join(tmpdir(), 'sts-lens-chromium-'));
  // Trust the world's CA in this HOME's NSS db, as a user who installed a private CA would.
  const nssdb = join(home, '.pki', 'nssdb');
  mkdirSync(nssdb, { recursive: true });
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-N', '--empty-password']);
  execFileSync('certutil', ['-d', `sql:${nssdb}`, '-A', '-t', 'C,,', '-n', 'sts-lens-world', '-i', world.caFile]);
  const ext = join(home, 'extension');
  cpSync(join(root, 'dist/chrome'), ext, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8'));
  manifest.host_permissions = [
    ...manifest.host_permissions,
    // The DoH servers (the world's and the counting proxy) on any port: what the options page asks for a custom one.
    'https://127.0.0.1/*',
    ...allCases.map((c) => `https://mta-sts.${c.domain}/*`),
  ];
  writeFileSync(join(ext, 'manifest.json'), JSON.stringify(manifest));
  const dnsOnly = join(home, 'extension-dns-only');
  cpSync(join(root, 'dist/chrome'), dnsOnly, { recursive: true });
  const m2 = JSON.parse(readFileSync(join(dnsOnly, 'manifest.json'), 'utf8'));
  m2.name = `${m2.name} (DNS only)`;
  m2.host_permissions = [...m2.host_permissions, 'https://127.0.0.1/*'];
  writeFileSync(join(dnsOnly, 'manifest.json'), JSON.stringify(m2));
  context = await chromium.launchPersistentContext(join(home, 'profile'), {
    executablePath: CHROMIUM,
    headless: false,
    env: { ...process.env, HOME: home },
    args: [
      '--headless=new',
      `--load-extension=${ext},${dnsOnly}`,
      `--disable-extensions-except=${ext},${dnsOnly}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=${world.chromiumHostRules}`,
    ],
  });
  while (context.serviceWorkers().length < 2) await context.waitForEvent('serviceworker', { timeout: 15_000 });
  for (const sw of context.serviceWorkers()) {
    const name = await sw.evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): { name: string } } } }).chrome.runtime.getManifest().name);
    if (name === m2.name) dnsOnlyId = new URL(sw.url()).host;
    else extensionId = new URL(sw.url()).host;
  }
  probe = await context.newPage();
  await probe.goto(`chrome-extension://${extensionId}/welcome.html`);
  await probe.evaluate((url: string) => chrome.storage.sync.set({ provider: 'custom', customUrl: url }), proxy.url);
  dnsOnlyProbe = await context.newPage();
  await dnsOnlyProbe.goto(`chrome-extension://${dnsOnlyId}/welcome.html`);
  await dnsOnlyProbe.evaluate((url: string) => chrome.storage.sync.set({ provider: 'custom', customUrl: url }), world.dohUrl);
  mkdirSync(ARTIFACTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await proxy?.close();
  await world?.stop();
  if (home) rmSync(home, { recursive: true, force: true });
});

/** The settings as stored in storage.sync. */
const syncSettings = (): Promise<Record<string, unknown>> => probe.evaluate(() => chrome.storage.sync.get(null));

/** The options page, once it shows the stored settings. */
async function openOptions(): Promise<Page> {
  const p = await context.newPage();
  await p.goto(`chrome-extension://${extensionId}/options.html`);
  await p.waitForSelector('input[name="provider"]:checked');
  return p;
}

/** Click Save and wait for the page to say it saved. */
async function save(options: Page): Promise<void> {
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => options.locator('#saved').textContent()).toBe('Saved.');
}

/** The badge once its tooltip is `title` (states without a check: idle, excluded). */
async function badgeTitled(tabId: number, title: string): Promise<BadgeSeen> {
  await expect.poll(async () => (await badgeOf(tabId)).title, { timeout: 10_000 }).toBe(title);
  return badgeOf(tabId);
}

// Runs first, while the domains it uses are in no cache; each test puts back what it changed.
describe('options page, through its UI', () => {
  it('chooses a provider; refuses an invalid custom DoH URL; saves a valid one', async () => {
    const options = await openOptions();
    expect(await options.locator('#custom-url').inputValue()).toBe(proxy.url);
    await options.getByLabel('Google (dns.google)').check();
    await save(options);
    expect(await syncSettings()).toMatchObject({ provider: 'google', customUrl: proxy.url });

    await options.getByLabel('Custom:').check();
    await options.locator('#custom-url').fill('');
    await options.locator('#custom-url').pressSequentially('http://127.0.0.1/dns-query');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    expect(await options.locator('#custom-error').textContent()).toBe('the DoH endpoint must be an https:// URL (lookups must not travel in clear text)');
    expect(await options.locator('#saved').textContent()).toBe('');
    expect(await options.evaluate(() => document.activeElement?.id)).toBe('custom-url');
    expect(await syncSettings()).toMatchObject({ provider: 'google', customUrl: proxy.url });

    await options.locator('#custom-url').fill('');
    await options.locator('#custom-url').pressSequentially(proxy.url);
    await save(options);
    expect(await options.locator('#custom-error').textContent()).toBe('');
    expect(await syncSettings()).toMatchObject({ provider: 'custom', customUrl: proxy.url });
    await options.close();
  });

  it('"only when I click": a navigation leaves the badge unchecked until the action’s popup asks', async () => {
    const options = await openOptions();
    await options.getByLabel('Only when I click the toolbar button').check();
    await save(options);
    expect(await syncSettings()).toMatchObject({ checkOn: 'click' });

    const { page, tabId } = await visit('dane.test');
    expect(await badgeTitled(tabId, 'STS Lens: click to check dane.test')).toEqual({ text: '', color: BADGE_STYLE.none.color, title: 'STS Lens: click to check dane.test' });
    expect(proxy.count('dane.test')).toBe(0);
    // The action's click opens the popup, which asks the worker to check the tab.
    const popup = await popupFor(tabId);
    expect(await popup.locator('#verdict').getAttribute('data-verdict')).toBe('enforced');
    expect((await settledBadge(tabId)).text).toBe(BADGE_STYLE.enforced.text);
    expect(proxy.count('dane.test')).toBeGreaterThan(0);
    await popup.close();
    await page.close();

    await options.getByLabel('On every page I open').check();
    await save(options);
    expect(await syncSettings()).toMatchObject({ checkOn: 'navigation' });
    await options.close();
  });

  it('an excluded site gets no check', async () => {
    const options = await openOptions();
    await options.locator('#exclusions').fill('');
    await options.locator('#exclusions').pressSequentially('Stale.test\n');
    await save(options);
    expect(await syncSettings()).toMatchObject({ exclusions: ['stale.test'] });

    const { page, tabId } = await visit('stale.test');
    const title = 'STS Lens: stale.test is excluded in the options';
    expect(await badgeTitled(tabId, title)).toEqual({ text: '', color: BADGE_STYLE.none.color, title });
    const popup = await popupFor(tabId, '#message:has-text("excluded")');
    expect(await text(popup, '#message')).toBe('stale.test is excluded in the options; Re-check to check it anyway.');
    expect(proxy.count('stale.test')).toBe(0);
    await popup.close();
    await page.close();

    await options.locator('#exclusions').fill('');
    await save(options);
    expect(await syncSettings()).toMatchObject({ exclusions: [] });
    await options.close();
  });

  it('a result is reused for the cache lifetime and looked up again after it', async () => {
    const options = await openOptions();
    await options.locator('#cache-minutes').fill('2');
    await save(options);
    expect(await syncSettings()).toMatchObject({ cacheMinutes: 2 });

    const first = await visit('split.test');
    expect((await settledBadge(first.tabId)).text).toBe(BADGE_STYLE.enforced.text);
    const lookups = proxy.count('split.test');
    expect(lookups).toBeGreaterThan(0);
    /** Make the cached result `ms` old, as if that much time had passed. */
    const age = (ms: number) =>
      probe.evaluate(async (ago: number) => {
        const stored = (await chrome.storage.session.get('result:split.test'))['result:split.test'] as StoredCheck;
        await chrome.storage.session.set({ 'result:split.test': { ...stored, checkedAt: Date.now() - ago } });
      }, ms);
    const again = async () => {
      const { page, tabId } = await visit('split.test');
      expect((await settledBadge(tabId)).text).toBe(BADGE_STYLE.enforced.text);
      await page.close();
    };
    await again();
    expect(proxy.count('split.test')).toBe(lookups);
    await age(90_000); // inside the 2 minutes
    await again();
    expect(proxy.count('split.test')).toBe(lookups);
    await age(150_000); // past them
    await again();
    expect(proxy.count('split.test')).toBe(2 * lookups);
    await first.page.close();

    await options.locator('#cache-minutes').fill('30');
    await save(options);
    expect(await syncSettings()).toMatchObject({ cacheMinutes: 30 });
    await options.close();
  });
});

describe('badge and popup per world case', () => {
  const opened = new Map<string, { page: Page; tabId: number; url: string }>();
  // One tab per case, all opened at once: the checks run side by side (slow.test's 10 s wait serializes nothing).
  beforeAll(async () => {
    for (const [d, v] of await Promise.all(Object.keys(EXPECT).map(async (d) => [d, await visit(d)] as const))) opened.set(d, v);
  }, 60_000);
  afterAll(async () => {
    for (const { page } of opened.values()) await page.close();
  });

  it.each(Object.entries(EXPECT))('%s', async (domain, want) => {
    const { tabId, url } = opened.get(domain)!;
    const badge = await settledBadge(tabId, 20_000);
    const popup = await popupFor(tabId);
    await expectCase(domain, url, badge, reader(popup));
    if (want.state === 'enforced' || want.state === 'broken') await popup.screenshot({ path: join(ARTIFACTS, `popup-${domain.replace(/\.test$/, '')}.png`), fullPage: true });
    await popup.close();
  });
});

describe('popup content', () => {
  it('shows every part of the enforced case, as text', async () => {
    const { page, tabId } = await visit('enforce.test');
    await settledBadge(tabId);
    const popup = await popupFor(tabId);
    await expectEnforcedPopup(reader(popup), await world.policyText('enforce.test.txt'));
    // Keyboard: Tab reaches the actions and Enter on "Check another domain" checks what was typed.
    await popup.locator('#other-domain').focus();
    await popup.keyboard.type('https://www.testing.test/some/page');
    await popup.keyboard.press('Enter');
    await popup.waitForSelector('#verdict[data-verdict="testing"]');
    expect(await text(popup, '#derived')).toBe('registrable domain of the URL you typed (https://www.testing.test/some/page)');
    // Checking another domain leaves the tab's badge alone.
    expect((await badgeOf(tabId)).text).toBe(BADGE_STYLE.enforced.text);
    await popup.close();
    await page.close();
  });

  it('renders hostile TXT and policy bodies as text; no script runs', async () => {
    const { page, tabId } = await visit('enforce.test');
    await settledBadge(tabId);
    const hostile = '<img src=x onerror="window.__pwned=1;document.title=\'pwned\'"></script><script>window.__pwned=2</script>\u202Egnp.exe';
    const sw = await serviceWorker();
    // The world has no hostile domain; put one into the cache and point a tab at it, as the worker would.
    const fakeTab = 999_999;
    await sw.evaluate(
      async ([h, id]) => {
        const base = (await chrome.storage.session.get('result:enforce.test'))['result:enforce.test'] as StoredCheck;
        const r = base.result;
        const result = {
          ...r,
          domain: 'hostile.test',
          sts: { ...r.sts, records: [{ value: `v=STSv1; id=1${h}`, strings: [h] }] },
          tlsrpt: { ...r.tlsrpt, records: [{ value: `v=TLSRPTv1; rua=mailto:${h}`, strings: [h] }], rua: [`mailto:${h}`] },
          policy: { ...r.policy, text: `version: STSv1\nmode: enforce\nmx: ${h}\n`, mode: h },
          mx: [{ host: h, preference: 10, pattern: h, tlsa: false }],
          diagnostics: [{ code: 'policy/mx-invalid', severity: 'error', message: h, range: { start: 0, end: 1 }, fixes: [{ title: h, edits: [] }], source: 'policy' }],
        };
        const state: TabState = { kind: 'done', nav: 'x', domain: 'hostile.test', url: `https://www.hostile.test/${h}`, checkedAt: Date.now() };
        await chrome.storage.session.set({ 'result:hostile.test': { ...base, domain: 'hostile.test', result }, [`tab:${id}`]: state });
      },
      [hostile, fakeTab] as const,
    );
    const popup = await popupFor(fakeTab);
    expect(await text(popup, '#sts-txt')).toBe(`v=STSv1; id=1${hostile}`);
    expect(await text(popup, '#policy-text')).toBe(`version: STSv1\nmode: enforce\nmx: ${hostile}\n`);
    expect(await text(popup, '#mode')).toBe(hostile);
    expect(await popup.locator('#problems .message').textContent()).toBe(hostile);
    expect(await popup.locator('#rua li').allTextContents()).toEqual([`mailto:${hostile}`]);
    expect(await popup.locator('img, script:not([src])').count()).toBe(0);
    await popup.waitForTimeout(200); // an onerror would have fired by now
    expect(await popup.evaluate(() => (window as { __pwned?: number }).__pwned ?? null)).toBe(null);
    expect(await popup.title()).toBe('STS Lens');
    await popup.close();
    await page.close();
  });
});

describe('without access to the policy host (the DNS-only copy)', () => {
  it.each(Object.keys(DNS_ONLY))('%s', async (domain) => {
    const { page, tabId } = await visit(domain);
    const badge = await settledBadge(tabId, 15_000, dnsOnlyProbe);
    // The copy with access shows the same tab with its fetched policy.
    expect((await settledBadge(tabId)).text).toBe(BADGE_STYLE[EXPECT[domain]!.state].text);
    const popup = await popupFor(tabId, undefined, dnsOnlyId);
    await expectDnsOnly(domain, badge, reader(popup));
    await popup.close();
    await page.close();
  });
});

describe('popup actions and themes', () => {
  it('copies the check as JSON to the clipboard', async () => {
    const { page, tabId } = await visit('enforce.test');
    await settledBadge(tabId);
    const popup = await popupFor(tabId);
    // Granted for every origin (the CDP call refuses a chrome-extension:// origin by name).
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await popup.evaluate(() => navigator.clipboard.writeText('before'));
    await popup.getByRole('button', { name: 'Copy as JSON' }).click();
    await expect.poll(() => popup.locator('#action-status').textContent()).toBe('Copied the check as JSON.');
    const copied = await popup.evaluate(() => navigator.clipboard.readText());
    const stored = await probe.evaluate(async () => (await chrome.storage.session.get('result:enforce.test'))['result:enforce.test'] as StoredCheck);
    expect(copied).toBe(JSON.stringify(stored.result, null, 2));
    expect(JSON.parse(copied)).toMatchObject({ domain: 'enforce.test', verdict: 'enforced', score: 100 });
    // No SMTP from a browser: every MX host's TLS is `skipped`, never a guess.
    const skipped = { status: 'skipped', address: null, protocol: null, certificate: null, error: null, ms: 0 };
    expect((JSON.parse(copied) as { mx: { tls: unknown }[] }).mx.map((m) => m.tls)).toEqual([skipped, skipped]);
    await popup.close();
    await page.close();
  });

  it('follows the dark colour scheme', async () => {
    const { page, tabId } = await visit('enforce.test');
    await settledBadge(tabId);
    const popup = await popupFor(tabId);
    const colours = () =>
      popup.evaluate(() => {
        const body = getComputedStyle(document.body);
        const verdict = getComputedStyle(document.querySelector('.verdict')!);
        return { background: body.backgroundColor, text: body.color, panel: verdict.backgroundColor, accent: verdict.borderLeftColor };
      });
    await popup.emulateMedia({ colorScheme: 'light' });
    expect(await colours()).toEqual({ background: 'rgb(255, 255, 255)', text: 'rgb(31, 35, 40)', panel: 'rgb(246, 248, 250)', accent: 'rgb(26, 127, 55)' });
    await popup.emulateMedia({ colorScheme: 'dark' });
    expect(await colours()).toEqual({ background: 'rgb(13, 17, 23)', text: 'rgb(230, 237, 243)', panel: 'rgb(22, 27, 34)', accent: 'rgb(63, 185, 80)' });
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-enforce-dark.png'), fullPage: true });
    await popup.close();
    await page.close();
  });
});

describe('per-tab badges', () => {
  it('two tabs on different domains each keep their own badge', async () => {
    const a = await visit('enforce.test');
    const b = await visit('several.test');
    expect((await settledBadge(a.tabId)).text).toBe(BADGE_STYLE.enforced.text);
    expect((await settledBadge(b.tabId)).text).toBe(BADGE_STYLE.broken.text);
    await a.page.bringToFront();
    expect((await badgeOf(b.tabId)).text).toBe(BADGE_STYLE.broken.text);
    expect((await badgeOf(a.tabId)).text).toBe(BADGE_STYLE.enforced.text);
    await a.page.close();
    await b.page.close();
  });

  it('a tab navigated from one domain to another shows the second, also after going back', async () => {
    const first = await visit('testing.test');
    expect((await settledBadge(first.tabId)).text).toBe(BADGE_STYLE.testing.text);
    const second = await visit('absent.test', first.page);
    expect(second.tabId).toBe(first.tabId);
    const badge = await settledBadge(first.tabId);
    expect(badge.text).toBe(BADGE_STYLE.absent.text);
    expect(badge.title.startsWith('absent.test: ')).toBe(true);
    // Back: the badge must be testing.test's again, never absent.test's.
    await first.page.goBack();
    await expect.poll(async () => (await badgeOf(first.tabId)).title.split(':')[0], { timeout: 10_000 }).toBe('testing.test');
    expect((await settledBadge(first.tabId)).text).toBe(BADGE_STYLE.testing.text);
    await first.page.close();
  });

  it('quick successive navigations end on the last page’s result', async () => {
    const page = await context.newPage();
    // Do not wait for the first checks: the last navigation must win whatever order the checks finish in.
    for (const d of ['uncovered.test', 'none.test', 'redirect.test']) await page.goto(`http://www.${d}/?quick`);
    const tabId = await tabIdOf('http://www.redirect.test/?quick');
    const badge = await settledBadge(tabId);
    expect(badge.title.startsWith('redirect.test: ')).toBe(true);
    expect(badge.text).toBe(BADGE_STYLE.broken.text);
    await page.close();
  });

  it('the worker stopped and restarted between checks: badges and cache survive, the next check is right', async () => {
    const a = await visit('enforce.test');
    expect((await settledBadge(a.tabId)).text).toBe(BADGE_STYLE.enforced.text);
    const extPage = await context.newPage();
    await extPage.goto(`chrome-extension://${extensionId}/options.html`);
    const cdp = await context.newCDPSession(extPage);
    // Close the worker's target, as Chrome does to an idle worker: its memory (in-flight maps, queues) is gone.
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    expect(target).toBeDefined();
    await cdp.send('Target.closeTarget', { targetId: target!.targetId });
    await expect.poll(async () => (await cdp.send('Target.getTargets')).targetInfos.some((t) => t.targetId === target!.targetId)).toBe(false);
    // A navigation wakes the worker; the new instance checks with state read back from storage.session.
    const b = await visit('none.test');
    expect((await settledBadge(b.tabId)).text).toBe(BADGE_STYLE.none.text);
    const after = (await cdp.send('Target.getTargets')).targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
    expect(after.length).toBe(1);
    expect((await badgeOf(a.tabId)).text).toBe(BADGE_STYLE.enforced.text);
    const popup = await popupFor(a.tabId);
    expect(await popup.locator('#verdict').getAttribute('data-verdict')).toBe('enforced');
    await popup.close();
    await cdp.detach();
    await extPage.close();
    await a.page.close();
    await b.page.close();
  });
});

describe('contrast and keyboard (the checks the Firefox suite runs too)', () => {
  const driven = (p: Page) => p as unknown as DrivenPage;
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme}: every text of the popup (broken and enforced) and the options page has contrast ≥ 4.5:1`, async () => {
      for (const domain of ['uncovered.test', 'enforce.test']) {
        const { page, tabId } = await visit(domain);
        await settledBadge(tabId);
        const popup = await popupFor(tabId);
        const options = await openOptions();
        for (const p of [popup, options]) {
          await p.emulateMedia({ colorScheme: scheme });
          expect(await p.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(scheme === 'dark');
          const { measured, low } = await lowContrast(driven(p));
          expect(measured).toBeGreaterThan(10);
          expect({ url: p.url(), low }).toEqual({ url: p.url(), low: [] });
        }
        if (domain === 'uncovered.test') await popup.screenshot({ path: join(ARTIFACTS, `chromium-popup-uncovered-${scheme}.png`), fullPage: true });
        await popup.close();
        await options.close();
        await page.close();
      }
    });
  }

  it('the popup is usable by keyboard alone: tab order, a visible focus ring, Enter and Space', async () => {
    const { page, tabId } = await visit('enforce.test');
    await settledBadge(tabId);
    const popup = await popupFor(tabId);
    await keyboardFlow(popup as unknown as KeyboardPage, (sel) => text(popup, sel));
    await popup.close();
    await page.close();
  });
});

describe('an unreachable or untrusted DoH provider (the Firefox suite runs the same)', () => {
  it.each(PROVIDERS_DOWN)('%s: ERR with a re-check, for a domain with and one without MTA-STS; never a verdict', async (_what, endpoint) => {
    const url = () => endpoint(world.httpsPort);
    await probe.evaluate((u: string) => chrome.storage.sync.set({ provider: 'custom', customUrl: u }), url());
    try {
      for (const domain of ['enforce.test', 'absent.test']) {
        const { page, tabId } = await visit(domain);
        const badge = await settledBadge(tabId);
        const popup = await popupFor(tabId);
        await expectProviderDown(domain, url(), badge, { ...reader(popup), recheckEnabled: async () => !(await popup.locator('#recheck').isDisabled()) });
        await popup.close();
        await page.close();
      }
    } finally {
      await probe.evaluate((u: string) => chrome.storage.sync.set({ provider: 'custom', customUrl: u }), proxy.url);
    }
  });
});
